import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import type { AcceptEmployee as Employee, AcceptServiceDetail as ServiceDetail, AcceptServiceItem as ServiceItem } from '../../../../contract/accept.ts';
import type { moveCharges } from '../../../../contract/assets.ts';
import type { z } from 'zod';
import { useApiClient } from '../../../lib/api-context.tsx';
import { formatServiceNumber, personName } from '../../../lib/format.ts';
import { employeeSearchQueryOptions, isPickablePerson } from '../../../lib/api/employees.ts';
import { afterMove, moveLine } from '../api/lines.ts';

type MoveCharges = z.infer<typeof moveCharges>;

const chargeOptions: { value: MoveCharges; label: string }[] = [
  { value: 'MOVE_NO_CHARGES', label: 'Keep all past charges with the current owner' },
  { value: 'MOVE_CHARGES_FOR_LAST_MONTH_ONLY', label: 'Move last month’s charges to the new owner' },
  { value: 'MOVE_ALL_CHARGES', label: 'Move all charges to the new owner' },
];

/** Give a line to another employee: whom (searched in the directory), what happens to its charges, confirm. */
export function MoveLineDialog({ line, onClose, onMoved }: { line: ServiceItem; onClose: () => void; onMoved: (moved: ServiceDetail) => void }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [input, setInput] = useState('');
  const search = useDeferredValue(input);
  const [owner, setOwner] = useState<Employee | null>(null);
  const [charges, setCharges] = useState<MoveCharges>('MOVE_NO_CHARGES');
  const [touched, setTouched] = useState(false);
  const employees = useQuery(employeeSearchQueryOptions(client, search));
  const move = useMutation({
    mutationFn: () => moveLine(client, line.id, { newOwnerEmployeeId: owner!.id, moveCharges: charges }),
    onSuccess: async (moved) => {
      await afterMove(queryClient);
      onMoved(moved);
    },
  });
  const options = (employees.data?.items ?? []).filter((employee) => employee.id !== line.employee?.id && isPickablePerson(employee));

  return (
    <Dialog open onClose={move.isPending ? undefined : onClose} aria-labelledby="move-title" fullWidth maxWidth="sm">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (owner) move.mutate();
        }}
      >
        <DialogTitle id="move-title">Move line {formatServiceNumber(line.serviceNumber)}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5}>
            <DialogContentText>
              The line{line.employee ? ` now belongs to ${personName(line.employee)}` : ''}. Its number, device and plan stay the same.
            </DialogContentText>
            <Autocomplete
              options={options}
              value={owner}
              onChange={(_, value) => setOwner(value)}
              inputValue={input}
              onInputChange={(_, value) => setInput(value)}
              filterOptions={(all) => all}
              getOptionLabel={(employee) => `${personName(employee)}${employee.department ? ` · ${employee.department.name}` : ''}`}
              isOptionEqualToValue={(a, b) => a.id === b.id}
              loading={employees.isFetching}
              // A refused or failed search found nobody only in the sense that it did not run: say so.
              noOptionsText={employees.isError ? `The search failed: ${employees.error.message}` : search.trim() ? 'No one found' : 'Type a name or email'}
              renderInput={(params) => (
                <TextField
                  {...params}
                  label="New owner"
                  required
                  error={touched && !owner}
                  helperText={touched && !owner ? 'Choose who gets the line.' : 'Search by name or email.'}
                  autoFocus
                />
              )}
            />
            <FormControl>
              <FormLabel id="move-charges-label">Charges</FormLabel>
              <RadioGroup aria-labelledby="move-charges-label" value={charges} onChange={(event) => setCharges(event.target.value as MoveCharges)}>
                {chargeOptions.map((option) => (
                  <FormControlLabel key={option.value} value={option.value} control={<Radio />} label={option.label} />
                ))}
              </RadioGroup>
            </FormControl>
            {move.isError && <Alert severity="error">{move.error.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={move.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" loading={move.isPending}>
            {owner ? `Move to ${personName(owner)}` : 'Move line'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
