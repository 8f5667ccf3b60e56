import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { AcceptEmployeeSummary as EmployeeSummary } from '../../../../contract/accept.ts';
import { personName } from '../../../lib/format.ts';

/** Whom to act for: a searchable list (a service account may act for everyone in the company). */
export default function ActorPickerDialog({
  actAs,
  actingFor,
  onChoose,
  onClose,
}: {
  actAs: EmployeeSummary[];
  actingFor: string | null;
  onChoose: (employee: EmployeeSummary | null) => void;
  onClose: () => void;
}) {
  const [picked, setPicked] = useState<EmployeeSummary | null>(null);
  return (
    <Dialog open onClose={onClose} aria-labelledby="act-for-title" fullWidth maxWidth="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (picked) onChoose(picked);
        }}
      >
        <DialogTitle id="act-for-title">Act for someone</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {actingFor ? `You are acting for ${actingFor}. ` : ''}Lines, orders, approvals and new orders become the chosen person’s until you switch back. Their
            history records that you did it.
          </DialogContentText>
          <Autocomplete
            options={actAs}
            value={picked}
            onChange={(_, value) => setPicked(value)}
            getOptionLabel={(employee) => `${personName(employee)} (${employee.email})`}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            noOptionsText="No one you may act for matches"
            renderInput={(params) => (
              <TextField {...params} label="Person" autoFocus helperText={`You may act for ${actAs.length === 1 ? '1 person' : `${actAs.length} people`}.`} />
            )}
          />
        </DialogContent>
        <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
          {actingFor && (
            <Button onClick={() => onChoose(null)} sx={{ mr: 'auto' }}>
              Back to myself
            </Button>
          )}
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!picked}>
            {picked ? `Act for ${personName(picked)}` : 'Act for them'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
