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
import { useApiClient } from '../../../lib/api-context.tsx';
import { reasonLengthProblem } from '../../../lib/reason-length.ts';
import { afterWithdrawal, withdrawOrder } from '../api/order-detail.ts';

/** "Withdraw order": a reason and a second thought before the order is cancelled for good. */
export function WithdrawDialog({ orderId, open, onClose, onDone }: { orderId: string; open: boolean; onClose: () => void; onDone: () => void }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const tooLong = reasonLengthProblem(reason);
  const withdraw = useMutation({
    mutationFn: () => withdrawOrder(client, orderId, reason),
    onSuccess: async (answer) => {
      await afterWithdrawal(queryClient, orderId, answer);
      setReason('');
      onDone();
    },
  });
  return (
    <Dialog open={open} onClose={withdraw.isPending ? undefined : onClose} aria-labelledby="withdraw-title" fullWidth maxWidth="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!tooLong) withdraw.mutate();
        }}
      >
        <DialogTitle id="withdraw-title">Withdraw order {orderId}?</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            The order is cancelled and nothing is sent or charged. This cannot be undone; you can place a new order later.
          </DialogContentText>
          <TextField
            label="Reason (optional)"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            fullWidth
            multiline
            minRows={2}
            autoFocus
            error={Boolean(tooLong)}
            helperText={tooLong ?? "Shown in the order's history."}
          />
          {withdraw.isError && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {withdraw.error.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={withdraw.isPending}>
            Keep the order
          </Button>
          <Button type="submit" color="error" variant="contained" loading={withdraw.isPending}>
            Withdraw order
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
