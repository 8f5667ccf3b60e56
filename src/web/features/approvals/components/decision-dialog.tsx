import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { AcceptApprovalResponse as ApprovalResponse, AcceptOrderItem as OrderItem } from '../../../../contract/accept.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { reasonLengthProblem } from '../../../lib/reason-length.ts';
import { useState } from 'react';
import { MobprocError } from '../../../lib/api-client.ts';
import { formatWhen, personName } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me.ts';
import { afterDecision, decide, type Decision } from '../api/approvals.ts';
import { approvalDelegateQueryOptions, delegateRefusalWords } from '../api/delegate.ts';
import { localToday } from './away-panel.tsx';

/** A decision and the server's answer; `order` as it was when decided, where the page had it (to say where it goes next). */
export type DecisionOutcome = { orderId: string; action: Decision['action']; answer: ApprovalResponse['status']; order?: Pick<OrderItem, 'approvers' | 'pendingApprovalLevel'> };

/** The words of each action's dialog. */
export const actionText: Record<Decision['action'], { title: string; label: string; hint: string; missing: string; submit: string; color: 'success' | 'error' | 'primary' }> = {
  APPROVE: { title: 'Approve', label: 'Reason (optional)', hint: 'Shown on the order.', missing: '', submit: 'Approve order', color: 'success' },
  REJECT: { title: 'Reject', label: 'Reason', hint: 'The requester sees this.', missing: 'Say why, so the requester knows what to change.', submit: 'Reject order', color: 'error' },
  REQUEST_INFO: {
    title: 'Ask a question about',
    label: 'Your question',
    hint: 'The requester answers on the order; it then comes back to you.',
    missing: 'Write the question the requester should answer.',
    submit: 'Send question',
    color: 'primary',
  },
};

/** The reason a decision carries: required to reject or ask, never longer than the server takes. */
export const reasonSchema = (action: Decision['action']) =>
  z.object({
    reason: z.string().superRefine((reason, ctx) => {
      const tooLong = reasonLengthProblem(reason);
      if (tooLong) ctx.addIssue({ code: 'custom', message: tooLong });
      else if (action !== 'APPROVE' && reason.trim() === '') ctx.addIssue({ code: 'custom', message: actionText[action].missing });
    }),
  });

/** Approve (reason optional), reject (reason required) or ask the requester a question about one order. */
export function DecisionDialog({
  orderId,
  summary,
  action,
  behalf,
  onClose,
  onDecided,
}: {
  orderId: string;
  /** What the order is, in a few words, so the approver sees what they are deciding. */
  summary: string;
  /** The approver the actor decides for as their approval delegate, when so: a refusal then says why. */
  behalf?: { id: string; firstName?: string; lastName?: string } | null;
  action: Decision['action'] | null;
  onClose: () => void;
  onDecided: (outcome: DecisionOutcome) => void;
}) {
  return (
    <Dialog open={action !== null} onClose={onClose} aria-labelledby="decision-title" fullWidth maxWidth="sm">
      {/* Keyed by action: each opening starts with an empty form of that action's rules. */}
      {action && <DecisionForm key={action} orderId={orderId} summary={summary} action={action} behalf={behalf} onClose={onClose} onDecided={onDecided} />}
    </Dialog>
  );
}

function DecisionForm({
  orderId,
  summary,
  action,
  behalf,
  onClose,
  onDecided,
}: {
  orderId: string;
  summary: string;
  action: Decision['action'];
  behalf?: { id: string; firstName?: string; lastName?: string } | null;
  onClose: () => void;
  onDecided: (outcome: DecisionOutcome) => void;
}) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' }, resolver: zodResolver(reasonSchema(action)) });
  const me = useMe();
  const [why, setWhy] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (decision: Decision) => decide(client, orderId, decision),
    onSuccess: async (answer, decision) => {
      await afterDecision(queryClient, orderId);
      onDecided({ orderId, action: decision.action, answer: answer.status });
    },
    onError: async (error) => {
      if (!(error instanceof MobprocError) || error.status !== 403) return;
      // Refused: the queue this came from is out of date (a delegation ended, a level was decided).
      void afterDecision(queryClient, orderId);
      if (!behalf || !me.data) return;
      const mine = await queryClient.fetchQuery({ ...approvalDelegateQueryOptions(client, me.data.actor.id), staleTime: 0 }).catch(() => undefined);
      setWhy(delegateRefusalWords(error.status, behalf, mine, mine?.today ?? localToday(), personName, (date) => formatWhen(date, 'calendar-date')));
    },
  });

  const text = actionText[action];
  // Too long is said while typing (a pasted text is never cut); a missing reason only once they try to send.
  const reason = useWatch({ control: form.control, name: 'reason' });
  const tooLong = reasonLengthProblem(reason);
  const error = tooLong ?? form.formState.errors.reason?.message;
  const close = () => {
    if (!mutation.isPending) onClose();
  };

  return (
    <form noValidate onSubmit={form.handleSubmit((values) => mutation.mutate({ action, reason: values.reason }))}>
      <DialogTitle id="decision-title">
        {text.title} order {orderId}
      </DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{summary}</DialogContentText>
        <TextField
          {...form.register('reason')}
          label={text.label}
          required={action !== 'APPROVE'}
          error={Boolean(error)}
          helperText={error ?? text.hint}
          fullWidth
          multiline
          minRows={2}
          autoFocus
        />
        {mutation.isError && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {why ? `${why} ` : ''}
            {mutation.error instanceof MobprocError && mutation.error.status === 403 ? `The server said: ${mutation.error.message}` : mutation.error.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={mutation.isPending}>
          Cancel
        </Button>
        <Button type="submit" variant="contained" color={text.color} loading={mutation.isPending}>
          {text.submit}
        </Button>
      </DialogActions>
    </form>
  );
}
