import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useDeferredValue, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { addCalendarDays, APPROVAL_DELEGATE_MAX_DAYS } from '../../../../contract/approvals.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { employeeSearchQueryOptions, isPickablePerson } from '../../../lib/api/employees.ts';
import { formatWhen, personName } from '../../../lib/format.ts';
import { afterDelegateChange, approvalDelegateQueryOptions, endApprovalDelegate, setApprovalDelegate } from '../api/delegate.ts';

const calendarDate = /^\d{4}-\d{2}-\d{2}$/;

/** Today as a calendar date where the person is (`YYYY-MM-DD`). */
export function localToday(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * The away form: a delegate who is not the person, and an inclusive window that does not end
 * before it starts nor more than `APPROVAL_DELEGATE_MAX_DAYS` days after `today`.
 */
export const awayForm = (selfId: string, today = localToday()) =>
  z
    .object({
      delegate: z.object({ id: z.string(), firstName: z.string().optional(), lastName: z.string().optional() }).nullable(),
      from: z.string().regex(calendarDate, 'Choose the first day.'),
      until: z.string().regex(calendarDate, 'Choose the last day.'),
    })
    .superRefine((value, ctx) => {
      if (!value.delegate) ctx.addIssue({ code: 'custom', path: ['delegate'], message: 'Choose who decides for you.' });
      else if (value.delegate.id === selfId) ctx.addIssue({ code: 'custom', path: ['delegate'], message: 'Choose someone other than yourself.' });
      if (calendarDate.test(value.from) && calendarDate.test(value.until) && value.until < value.from) {
        ctx.addIssue({ code: 'custom', path: ['until'], message: 'The last day cannot be before the first.' });
      } else if (calendarDate.test(value.until) && value.until > addCalendarDays(today, APPROVAL_DELEGATE_MAX_DAYS)) {
        const latest = formatWhen(addCalendarDays(today, APPROVAL_DELEGATE_MAX_DAYS), 'calendar-date');
        ctx.addIssue({ code: 'custom', path: ['until'], message: `A delegation lasts at most a year: choose ${latest} or earlier.` });
      }
    });
type AwayValues = z.input<ReturnType<typeof awayForm>>;

function windowWords(window: { from?: string; until?: string }): string {
  const from = window.from ? formatWhen(window.from, 'calendar-date') : '';
  const until = window.until ? formatWhen(window.until, 'calendar-date') : '';
  return from && until ? (from === until ? `on ${from}` : `from ${from} to ${until}`) : until ? `until ${until}` : '';
}

/** `today` is the company's (the server's answer), the browser's only where the server gives none: the window is counted in the company's time zone. */
function AwayDialog({ selfId, today, onClose }: { selfId: string; today: string; onClose: (saved: boolean) => void }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const [input, setInput] = useState('');
  const search = useDeferredValue(input);
  const people = useQuery(employeeSearchQueryOptions(client, search));
  const form = useForm<AwayValues>({ defaultValues: { delegate: null, from: today, until: today }, resolver: zodResolver(awayForm(selfId, today)) });
  const save = useMutation({
    mutationFn: (values: AwayValues) => setApprovalDelegate(client, { delegateEmployeeId: values.delegate!.id, from: values.from, until: values.until }),
    onSuccess: async (stored) => {
      await afterDelegateChange(queryClient, selfId, stored);
      onClose(true);
    },
  });
  const errors = form.formState.errors;
  const options = (people.data?.items ?? []).filter((person) => person.id !== selfId && isPickablePerson(person));

  return (
    <Dialog open onClose={save.isPending ? undefined : () => onClose(false)} aria-labelledby="away-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={form.handleSubmit((values) => save.mutate(values))}>
        <DialogTitle id="away-title">Let someone decide for you</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5}>
            <DialogContentText>
              While you are away, they see your approvals in their own queue and decide them as themselves; each decision says it was on your behalf. The days are
              inclusive, in your company’s time zone.
            </DialogContentText>
            <Controller
              name="delegate"
              control={form.control}
              render={({ field }) => (
                <Autocomplete
                  options={options}
                  value={(field.value as (typeof options)[number] | null) ?? null}
                  onChange={(_, value) => field.onChange(value)}
                  inputValue={input}
                  onInputChange={(_, value) => setInput(value)}
                  filterOptions={(all) => all}
                  getOptionLabel={(person) => `${personName(person)}${person.department?.name ? ` · ${person.department.name}` : ''}`}
                  isOptionEqualToValue={(a, b) => a.id === b.id}
                  loading={people.isFetching}
                  // A refused or failed search found nobody only in the sense that it did not run: say so.
                  noOptionsText={people.isError ? `The search failed: ${people.error.message}` : search.trim() ? 'No one found' : 'Type a name or email'}
                  renderInput={(params) => (
                    <TextField
                      {...params}
                      inputRef={field.ref}
                      label="Who decides for you"
                      required
                      error={Boolean(errors.delegate)}
                      helperText={errors.delegate?.message ?? 'Search by name or email.'}
                      autoFocus
                    />
                  )}
                />
              )}
            />
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
              <TextField
                {...form.register('from')}
                type="date"
                label="First day"
                required
                fullWidth
                error={Boolean(errors.from)}
                helperText={errors.from?.message ?? ' '}
                slotProps={{ inputLabel: { shrink: true } }}
              />
              <TextField
                {...form.register('until')}
                type="date"
                label="Last day"
                required
                fullWidth
                error={Boolean(errors.until)}
                helperText={errors.until?.message ?? `Included; at most a year ahead (${formatWhen(addCalendarDays(today, APPROVAL_DELEGATE_MAX_DAYS), 'calendar-date')}).`}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today, max: addCalendarDays(today, APPROVAL_DELEGATE_MAX_DAYS) } }}
              />
            </Stack>
            {save.isError && <Alert severity="error">{save.error.message}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(false)} disabled={save.isPending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" loading={save.isPending}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/**
 * "Away? Let someone decide for you" (extension `approval-delegates`): the current approval
 * delegate and window, a way to end it, and a dialog to name one.
 */
export function AwayPanel({ selfId }: { selfId: string }) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const current = useQuery(approvalDelegateQueryOptions(client, selfId));
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState('');
  const opener = useRef<HTMLButtonElement>(null);
  const end = useMutation({
    mutationFn: () => endApprovalDelegate(client),
    onSuccess: async (left) => {
      await afterDelegateChange(queryClient, selfId, left);
      setSaid('Nobody decides for you any more.');
    },
  });
  const delegate = current.data?.delegate ? current.data : null;
  const decidesFor = current.data?.delegateFor ?? [];

  return (
    <Paper variant="outlined" component="section" aria-labelledby="away-heading" sx={{ p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
        <div>
          <Typography component="h2" id="away-heading" sx={{ fontWeight: 600 }}>
            Away? Let someone decide for you
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary' }} role="status">
            {current.isPending
              ? 'Looking up who decides for you…'
              : current.isError
                ? `Could not load who decides for you: ${current.error.message}`
                : delegate
                  ? `${personName(delegate.delegate)} decides your approvals ${windowWords(delegate)}${delegate.active === false ? ' (not yet)' : ''}.`
                  : said || 'Nobody decides your approvals for you.'}
          </Typography>
          {decidesFor.length > 0 && (
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              You decide for {decidesFor.map((entry) => `${personName(entry.approver)} ${windowWords(entry)}`).join('; ')}: their orders are in your queue, marked “on behalf of”.
            </Typography>
          )}
        </div>
        <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>
          {delegate && (
            <Button color="error" onClick={() => end.mutate()} loading={end.isPending}>
              End it
            </Button>
          )}
          <Button ref={opener} variant="outlined" onClick={() => setOpen(true)}>
            {delegate ? 'Change' : 'Choose someone'}
          </Button>
        </Stack>
      </Stack>
      {end.isError && (
        <Alert severity="error" sx={{ mt: 1.5 }}>
          {end.error.message}
        </Alert>
      )}
      {open && (
        <AwayDialog
          selfId={selfId}
          today={current.data?.today ?? localToday()}
          onClose={(saved) => {
            setOpen(false);
            if (saved) setSaid('');
            opener.current?.focus();
          }}
        />
      )}
    </Paper>
  );
}
