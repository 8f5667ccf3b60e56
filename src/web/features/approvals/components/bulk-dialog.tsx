import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useApiClient } from '../../../lib/api-context.tsx';
import { formatWhen, personName } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { reasonLengthProblem } from '../../../lib/reason-length.ts';
import { decideEach, decisionWords, type BulkOutcome, type Decision } from '../api/approvals.ts';
import { approvalDelegateQueryOptions, delegateRefusalWords } from '../api/delegate.ts';
import { localToday } from './away-panel.tsx';
import { actionText, reasonSchema } from './decision-dialog.tsx';

export type BulkAction = Exclude<Decision['action'], 'REQUEST_INFO'>;

/** An outcome in words, and whether the order was decided. */
export function bulkOutcomeWords(outcome: BulkOutcome, action: BulkAction): { ok: boolean; text: string } {
  if (outcome.error !== undefined) return { ok: false, text: `Not decided: ${outcome.error}` };
  const words = decisionWords(outcome.answer, action);
  return { ok: words.severity === 'success', text: words.text };
}

/**
 * Approve or reject several orders with one reason. Each order is its own request, so one the
 * server refuses (decided meanwhile, withdrawn) leaves the others decided; the dialog then lists
 * what became of each, and the queue keeps the ones not decided selected.
 */
export function BulkDecisionDialog({
  orders,
  action,
  onClose,
  onDone,
}: {
  /** The chosen orders, each with a few words saying what it is, and the approver it is decided for as their delegate, if so. */
  orders: { orderId: string; summary: string; behalf?: { id: string; firstName?: string; lastName?: string } | null }[];
  action: BulkAction;
  onClose: () => void;
  /** After every request has answered, with the orders that were not decided. */
  onDone: (undecided: string[]) => void;
}) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const me = useMe();
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' }, resolver: zodResolver(reasonSchema(action)) });
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null);
  const [running, setRunning] = useState(false);
  const text = actionText[action];
  const tooLong = reasonLengthProblem(useWatch({ control: form.control, name: 'reason' }));
  const error = tooLong ?? form.formState.errors.reason?.message;
  const count = orders.length === 1 ? '1 order' : `${orders.length} orders`;

  // A delegate refused outside their window is told why, as in the one-order dialog.
  const withDelegateReasons = async (all: BulkOutcome[]): Promise<BulkOutcome[]> => {
    const behalfOf = new Map(orders.map((order) => [order.orderId, order.behalf]));
    if (!me.data || !all.some((outcome) => outcome.errorStatus === 403 && behalfOf.get(outcome.orderId))) return all;
    const mine = await queryClient.fetchQuery({ ...approvalDelegateQueryOptions(client, me.data.actor.id), staleTime: 0 }).catch(() => undefined);
    return all.map((outcome) => {
      const why = delegateRefusalWords(outcome.errorStatus, behalfOf.get(outcome.orderId), mine, mine?.today ?? localToday(), personName, (date) => formatWhen(date, 'calendar-date'));
      return why ? { ...outcome, error: `${why} The server said: ${outcome.error}` } : outcome;
    });
  };

  const submit = form.handleSubmit(async ({ reason }) => {
    setRunning(true);
    let all: BulkOutcome[];
    try {
      all = await decideEach(
        client,
        orders.map((order) => order.orderId),
        { action, reason },
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all() }),
        queryClient.invalidateQueries({ queryKey: queryKeys.orders.all() }),
      ]);
      all = await withDelegateReasons(all);
    } finally {
      // The dialog must stay closable whatever happened.
      setRunning(false);
    }
    setOutcomes(all);
    onDone(all.filter((outcome) => !bulkOutcomeWords(outcome, action).ok).map((outcome) => outcome.orderId));
  });

  const failed = outcomes?.filter((outcome) => !bulkOutcomeWords(outcome, action).ok).length ?? 0;
  return (
    <Dialog open onClose={running ? undefined : onClose} aria-labelledby="bulk-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={(event) => void submit(event)}>
        <DialogTitle id="bulk-title">
          {action === 'APPROVE' ? 'Approve' : 'Reject'} {count}
        </DialogTitle>
        <DialogContent>
          {outcomes ? (
            <Stack spacing={1.5}>
              <Alert severity={failed ? 'warning' : 'success'} role="status">
                {failed === 0
                  ? `All ${count} ${action === 'APPROVE' ? 'approved' : 'rejected'}.`
                  : `${outcomes.length - failed} of ${count} ${action === 'APPROVE' ? 'approved' : 'rejected'}; ${failed} not: see below. Those stay selected in the queue.`}
              </Alert>
              <Stack component="ul" spacing={1} aria-label="What became of each order" sx={{ m: 0, pl: 2.5 }}>
                {outcomes.map((outcome) => {
                  const words = bulkOutcomeWords(outcome, action);
                  return (
                    <Typography component="li" key={outcome.orderId} sx={{ color: words.ok ? 'text.primary' : 'error.main' }}>
                      Order {outcome.orderId}: {words.text}
                    </Typography>
                  );
                })}
              </Stack>
            </Stack>
          ) : (
            <>
              <DialogContentText component="div" sx={{ mb: 2 }}>
                Each order is decided on its own, with the same reason:
                <Stack component="ul" spacing={0.5} sx={{ mt: 1, mb: 0, pl: 2.5 }}>
                  {orders.map((order) => (
                    <li key={order.orderId}>{order.summary}</li>
                  ))}
                </Stack>
              </DialogContentText>
              <TextField
                {...form.register('reason')}
                label={text.label}
                required={action === 'REJECT'}
                error={Boolean(error)}
                helperText={error ?? (action === 'REJECT' ? 'Every requester sees this on their order.' : 'Shown on every order.')}
                fullWidth
                multiline
                minRows={2}
                autoFocus
              />
            </>
          )}
        </DialogContent>
        <DialogActions>
          {outcomes ? (
            <Button onClick={onClose} variant="contained" autoFocus>
              Done
            </Button>
          ) : (
            <>
              <Button onClick={onClose} disabled={running}>
                Cancel
              </Button>
              <Button type="submit" variant="contained" color={text.color} loading={running}>
                {action === 'APPROVE' ? `Approve ${count}` : `Reject ${count}`}
              </Button>
            </>
          )}
        </DialogActions>
      </form>
    </Dialog>
  );
}
