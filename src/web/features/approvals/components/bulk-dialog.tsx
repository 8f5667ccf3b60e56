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
import { queryKeys } from '../../../lib/query-keys.ts';
import { reasonLengthProblem } from '../../../lib/reason-length.ts';
import { decideEach, decisionWords, type BulkOutcome, type Decision } from '../api/approvals.ts';
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
  /** The chosen orders, each with a few words saying what it is. */
  orders: { orderId: string; summary: string }[];
  action: BulkAction;
  onClose: () => void;
  /** After every request has answered, with the orders that were not decided. */
  onDone: (undecided: string[]) => void;
}) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const form = useForm<{ reason: string }>({ defaultValues: { reason: '' }, resolver: zodResolver(reasonSchema(action)) });
  const [outcomes, setOutcomes] = useState<BulkOutcome[] | null>(null);
  const [running, setRunning] = useState(false);
  const text = actionText[action];
  const tooLong = reasonLengthProblem(useWatch({ control: form.control, name: 'reason' }));
  const error = tooLong ?? form.formState.errors.reason?.message;
  const count = orders.length === 1 ? '1 order' : `${orders.length} orders`;

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
