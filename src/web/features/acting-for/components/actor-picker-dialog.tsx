import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTheme } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AcceptEmployeeSummary as EmployeeSummary } from '../../../../contract/accept.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { personName } from '../../../lib/format.ts';
import { useDebounced } from '../../../lib/use-debounced.ts';
import { actAsSearchQueryOptions } from '../../../lib/act-as.ts';

/**
 * Where the people come from: `/me`'s whole `actAs` list, filtered in the browser (a server that
 * announced only `act-as`), or the server's search (`act-as-search`), asked as the person types.
 */
export type PeopleSource = { kind: 'list'; actAs: EmployeeSummary[] } | { kind: 'search' };

/** Whom one may pick: as `/me`'s `actAs` names a person, or as `/me/act-as` does (with a department). */
export type Person = Pick<EmployeeSummary, 'id' | 'companyEmployeeId' | 'firstName' | 'lastName' | 'email'> & {
  department?: { name?: string | undefined } | null | undefined;
  status?: string | undefined;
};

/**
 * Said beside someone who has left: the service desk still acts for them (to end their lines), but
 * must not take them for a colleague who is still here.
 */
const leftWords = (person: Person) => (person.status === 'INACTIVE' ? 'left the company' : undefined);

const people = (count: number) => (count === 1 ? '1 person' : `${count.toLocaleString('en-US')} people`);

/** Whom to act for: a combo box over whom the signed-in person may act for (a service desk: everyone in the company). */
export default function ActorPickerDialog({
  source,
  actingFor,
  onChoose,
  onClose,
}: {
  source: PeopleSource;
  actingFor: string | null;
  /** The person chosen, or null for "Back to myself". */
  onChoose: (employee: Person | null) => void;
  onClose: () => void;
}) {
  const [picked, setPicked] = useState<Person | null>(null);
  const theme = useTheme();
  // On a phone the list of matches needs the whole screen under the keyboard.
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  return (
    <Dialog open onClose={onClose} aria-labelledby="act-for-title" fullWidth maxWidth="sm" fullScreen={phone}>
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
          {source.kind === 'list' ? (
            <ListedPerson actAs={source.actAs} picked={picked} onPick={setPicked} />
          ) : (
            <SearchedPerson picked={picked} onPick={setPicked} />
          )}
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

type PersonFieldProps = { picked: Person | null; onPick: (employee: Person | null) => void };

/** The whole list from `/me`, filtered as typed, in the browser. */
function ListedPerson({ actAs, picked, onPick }: PersonFieldProps & { actAs: EmployeeSummary[] }) {
  return (
    <Autocomplete
      options={actAs}
      value={picked}
      onChange={(_, value) => onPick(value)}
      getOptionLabel={(employee) => `${personName(employee)} (${[employee.email, leftWords(employee)].filter(Boolean).join(', ')})`}
      getOptionKey={(employee) => employee.id}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      noOptionsText="No one you may act for matches"
      renderInput={(params) => <TextField {...params} label="Person" autoFocus helperText={`You may act for ${people(actAs.length)}.`} />}
    />
  );
}

/**
 * The server's search, asked a moment after the typing stops: the first page of matches with name,
 * e-mail and department (two people may share a name), and how many there are.
 */
function SearchedPerson({ picked, onPick }: PersonFieldProps) {
  const client = useApiClient();
  const [input, setInput] = useState('');
  const search = useDebounced(input.trim(), 250);
  const everyone = useQuery(actAsSearchQueryOptions(client, ''));
  const matches = useQuery(actAsSearchQueryOptions(client, search));
  // An answer to other letters than those in the box is not shown: it would offer people the text does not match.
  const current = search === input.trim();
  const found = current ? matches.data : undefined;
  const settled = current && !matches.isFetching;

  const matchCount = (count: number) => (count === 1 ? '1 match' : `${count.toLocaleString('en-US')} matches`);
  // A failed search is settled too: the list under the box (which covers the helper on a phone) says so, not "Searching…".
  const failed = current && matches.isError ? `The search failed: ${matches.error.message}` : undefined;
  let helper: string;
  if (failed) helper = failed;
  else if (!search) helper = everyone.data ? `Type to search ${people(everyone.data._meta.totalCount)}.` : 'Type a name or email.';
  else if (!found || !settled) helper = 'Searching…';
  else if (found._meta.totalCount > found.items.length) helper = `${matchCount(found._meta.totalCount)}; showing the first ${found.items.length}. Type more to narrow.`;
  else helper = `${matchCount(found._meta.totalCount)}.`;

  return (
    <Autocomplete<Person>
      options={found?.items ?? []}
      value={picked}
      onChange={(_, value) => onPick(value)}
      inputValue={input}
      onInputChange={(_, value) => setInput(value)}
      // The server has filtered already; the browser must not filter its answer again.
      filterOptions={(options) => options}
      getOptionLabel={(employee) => personName(employee)}
      // Two people may share a name; the label would make them one option.
      getOptionKey={(employee) => employee.id}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      loading={!found && !failed}
      loadingText="Searching…"
      noOptionsText={failed ?? (settled ? 'No one you may act for matches' : 'Searching…')}
      renderOption={({ key, ...props }, employee) => (
        <li key={key} {...props}>
          <Box component="span" sx={{ minWidth: 0 }}>
            <Typography component="span" sx={{ display: 'block', fontWeight: 600 }}>
              {personName(employee)}
            </Typography>
            <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary', overflowWrap: 'anywhere' }}>
              {[employee.email, employee.department?.name, leftWords(employee)].filter(Boolean).join(' · ')}
            </Typography>
          </Box>
        </li>
      )}
      renderInput={(params) => (
        <TextField
          {...params}
          label="Person"
          autoFocus
          placeholder="Name or email"
          helperText={helper}
          // Read out when it changes (how many match), without taking the focus from the box.
          slotProps={{ ...params.slotProps, formHelperText: { role: 'status' } }}
        />
      )}
    />
  );
}
