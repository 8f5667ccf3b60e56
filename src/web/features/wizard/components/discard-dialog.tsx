import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import type { Draft } from '../model/draft.ts';
import { transactionTypeInfo } from '../model/steps.ts';

/** "Discard this order?": what is lost, and a way to keep it (the default button). */
export function DiscardDialog({ draft, open, onKeep, onDiscard }: { draft: Draft; open: boolean; onKeep: () => void; onDiscard: () => void }) {
  const steps = draft.done?.length ?? 0;
  const title = transactionTypeInfo[draft.transactionType].title;
  return (
    <Dialog open={open} onClose={onKeep} aria-labelledby="discard-title" aria-describedby="discard-text" fullWidth maxWidth="xs">
      <DialogTitle id="discard-title">Discard this order?</DialogTitle>
      <DialogContent>
        <DialogContentText id="discard-text">
          Your “{title}” order{steps > 0 ? ` (${steps} ${steps === 1 ? 'step' : 'steps'} done)` : ''} and everything typed in it are removed. Until you start
          another order, “Undo” on the start page brings it back.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onKeep} autoFocus>
          Keep the order
        </Button>
        <Button color="error" variant="contained" onClick={onDiscard}>
          Discard the order
        </Button>
      </DialogActions>
    </Dialog>
  );
}
