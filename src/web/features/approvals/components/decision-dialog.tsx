import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AcceptApprovalResponse as ApprovalResponse } from '../../../../contract/accept.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { reasonLengthProblem } from '../../../lib/reason-length.ts';
import { afterDecision, decide, type Decision } from '../api/approvals.ts';

export type DecisionOutcome = { orderId: string; action: Decision['action']; answer: ApprovalResponse['status'] };

/** Approve (reason optional) or reject (reason required) one order. */
export function DecisionDialog({
  orderId,
  summary,
  action,
  onClose,
  onDecided,
}: {
  orderId: string;
  /** What the order is, in a few words, so the approver sees what they are deciding. */
  summary: string;
  action: Decision['action'] | null;
  onClose: () => void;
  onDecided: (outcome: DecisionOutcome) => void;
}) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const mutation = useMutation({
    mutationFn: (decision: Decision) => decide(client, orderId, decision),
    onSuccess: async (answer, decision) => {
      await afterDecision(queryClient, orderId);
      setReason('');
      setTouched(false);
      onDecided({ orderId, action: decision.action, answer: answer.status });
    },
  });
  const rejecting = action === 'REJECT';
  const missingReason = rejecting && reason.trim() === '';
  const tooLong = reasonLengthProblem(reason);
  const close = () => {
    if (mutation.isPending) return;
    mutation.reset();
    setTouched(false);
    onClose();
  };

  return (
    <Dialog open={action !== null} onClose={close} aria-labelledby="decision-title" fullWidth maxWidth="sm">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (action && !missingReason && !tooLong) mutation.mutate({ action, reason });
        }}
      >
        <DialogTitle id="decision-title">
          {rejecting ? 'Reject' : 'Approve'} order {orderId}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{summary}</DialogContentText>
          <TextField
            label={rejecting ? 'Reason' : 'Reason (optional)'}
            required={rejecting}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={(touched && missingReason) || Boolean(tooLong)}
            helperText={tooLong ?? (touched && missingReason ? 'Say why, so the requester knows what to change.' : rejecting ? 'The requester sees this.' : 'Shown on the order.')}
            fullWidth
            multiline
            minRows={2}
            autoFocus
          />
          {mutation.isError && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {mutation.error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={close} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" color={rejecting ? 'error' : 'success'} loading={mutation.isPending}>
            {rejecting ? 'Reject order' : 'Approve order'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
