import MoreVertIcon from '@mui/icons-material/MoreVert';
import SearchIcon from '@mui/icons-material/Search';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import FormControl from '@mui/material/FormControl';
import InputAdornment from '@mui/material/InputAdornment';
import InputLabel from '@mui/material/InputLabel';
import LinearProgress from '@mui/material/LinearProgress';
import ListSubheader from '@mui/material/ListSubheader';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import type { AcceptServiceDetail as ServiceDetail, AcceptServiceItem as ServiceItem } from '../../../../contract/accept.ts';
import { tones } from '../../../components/order-status-chip.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { EmptyState, LoadError, ListSkeleton, UnreadableNote } from '../../../components/query-states.tsx';
import { Pager } from '../../../components/pager.tsx';
import { useActorStore } from '../../../lib/actor-context.tsx';
import { useApiClient } from '../../../lib/api-context.tsx';
import { spareDevicesQueryOptions } from '../../../lib/api/assets.ts';
import { formatServiceNumber, formatWhen, personName } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me.ts';
import { transactionTypeWords } from '../../../lib/transaction-type-words.ts';
import { linesQueryOptions } from '../api/lines.ts';
import { MoveLineDialog } from './move-line-dialog.tsx';
import { useSearchText } from '../../../lib/use-search-text.ts';
import { actionsOf, lineNote } from './line-note.ts';

const statusWords: Record<string, string> = { ACTIVE: 'Active', SUSPENDED: 'Suspended', DEACTIVATED: 'Deactivated' };
const statusTones: Record<string, (typeof tones)[keyof typeof tones]> = { ACTIVE: tones.done, SUSPENDED: tones.waiting, DEACTIVATED: tones.ended };

const deviceWords = (device: NonNullable<ServiceItem['device']>) =>
  [device.manufacturer?.name ?? device.manufacturer?.id, device.model?.name ?? device.model?.id].filter(Boolean).join(' ') || 'Device';

function upgradeWords(date: string | null | undefined, now = Date.now()): string | null {
  if (!date) return null;
  return Date.parse(date) <= now ? 'Upgrade eligible now' : `Upgrade eligible from ${formatWhen(date, 'calendar-date')}`;
}

/**
 * An order on a line is for the line's owner (MOBPROC §2): on someone else's line the actions act
 * for that owner — chosen here, with the acting banner — so the owner's restrictions and approval
 * policy apply instead of an order the server would refuse.
 */
function LineActions({ line, actorId, canMove, onMove }: { line: ServiceItem; actorId: string; canMove: boolean; onMove: () => void }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const actorStore = useActorStore();
  const menuId = `line-actions-${line.id}`;
  const actions = actionsOf(line);
  const owner = line.employee && line.employee.id !== actorId ? line.employee : null;
  const ownerName = owner ? personName(owner) : null;
  const actForOwner = () => {
    if (!owner) return;
    actorStore.set({ id: owner.id, firstName: owner.firstName ?? personName(owner), lastName: owner.lastName ?? '', companyEmployeeId: owner.companyEmployeeId ?? undefined });
  };
  if (actions.length === 0 && !canMove) return null;
  return (
    <>
      <Button
        variant="outlined"
        endIcon={<MoreVertIcon />}
        aria-haspopup="menu"
        aria-controls={anchor ? menuId : undefined}
        aria-expanded={anchor ? 'true' : undefined}
        aria-label={`Actions for line ${formatServiceNumber(line.serviceNumber)}`}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        Actions
      </Button>
      <Menu
        id={menuId}
        anchorEl={anchor}
        open={Boolean(anchor)}
        onClose={() => setAnchor(null)}
        slotProps={{ list: { 'aria-label': `Orders and changes for line ${formatServiceNumber(line.serviceNumber)}${ownerName ? `, placed for ${ownerName}` : ''}` } }}
      >
        {ownerName && actions.length > 0 && (
          // A note, not an item: presentational, so the menu owns only its menu items.
          <ListSubheader role="none" sx={{ lineHeight: 1.5, py: 1, maxWidth: 280, whiteSpace: 'normal' }}>
            You will act for {ownerName} for this order
          </ListSubheader>
        )}
        {actions.map((type) => (
          <MenuItem
            key={type}
            component={RouterLink}
            to={`/order/${type}?service=${encodeURIComponent(line.id)}`}
            onClick={() => {
              actForOwner();
              setAnchor(null);
            }}
          >
            {transactionTypeWords[type]}
          </MenuItem>
        ))}
        {canMove && actions.length > 0 && <Divider />}
        {canMove && (
          <MenuItem
            onClick={() => {
              setAnchor(null);
              onMove();
            }}
          >
            Move line to another employee
          </MenuItem>
        )}
      </Menu>
    </>
  );
}

function LineRow({ line, actorId, canMove, onMove }: { line: ServiceItem; actorId: string; canMove: boolean; onMove: () => void }) {
  const device = line.device;
  const upgrade = line.status === 'DEACTIVATED' ? null : upgradeWords(line.upgradeEligibilityDate);
  const headingId = `line-${line.id}`;
  const note = lineNote(line);
  return (
    <Paper variant="outlined" component="li" aria-labelledby={headingId} sx={{ listStyle: 'none', p: 2 }}>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' } }}>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexGrow: 1, minWidth: 0 }}>
          <Box
            component="img"
            src={device?.model?.imageUrl ?? undefined}
            alt={device ? deviceWords(device) : 'No device'}
            sx={{ width: 56, height: 56, objectFit: 'contain', flexShrink: 0, visibility: device?.model?.imageUrl ? 'visible' : 'hidden' }}
          />
          <Box sx={{ minWidth: 0 }}>
            <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Typography component="h2" id={headingId} sx={{ fontWeight: 600, fontSize: '1.1rem', fontVariantNumeric: 'tabular-nums' }}>
                {formatServiceNumber(line.serviceNumber)}
              </Typography>
              {line.status && <Chip size="small" label={statusWords[line.status] ?? line.status} sx={{ ...(statusTones[line.status] ?? tones.ended), fontWeight: 500 }} />}
            </Stack>
            <Typography>{device ? deviceWords(device) : 'No device on this line'}</Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {[line.plan?.name ?? 'No plan', line.vendor?.current?.name, upgrade].filter(Boolean).join(' · ')}
            </Typography>
            {line.employee && line.employee.id !== actorId && (
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {personName(line.employee)}
              </Typography>
            )}
            {note && (
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {note}
              </Typography>
            )}
          </Box>
        </Stack>
        <Box sx={{ flexShrink: 0 }}>
          <LineActions line={line} actorId={actorId} canMove={canMove} onMove={onMove} />
        </Box>
      </Stack>
    </Paper>
  );
}

function SpareDevices({ employeeId }: { employeeId: string }) {
  const client = useApiClient();
  const spares = useQuery(spareDevicesQueryOptions(client, employeeId));
  if (!spares.data || spares.data.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="spare-devices">
      <Typography variant="h2" id="spare-devices" sx={{ fontSize: '1.2rem', mb: 1 }}>
        Devices not on a line
      </Typography>
      <Stack component="ul" spacing={1} sx={{ m: 0, p: 0 }}>
        {spares.data.map((device) => (
          <Paper key={device.id} variant="outlined" component="li" sx={{ listStyle: 'none', p: 1.5 }}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
              {device.model?.imageUrl && <Box component="img" src={device.model.imageUrl} alt="" sx={{ width: 40, height: 40, objectFit: 'contain' }} />}
              <Box>
                <Typography>{[device.manufacturer?.name ?? device.manufacturer?.id, device.model?.name ?? device.model?.id].filter(Boolean).join(' ') || 'Device'}</Typography>
                {device.serialNumber && (
                  <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                    {device.serialNumber.type} {device.serialNumber.value}
                  </Typography>
                )}
              </Box>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Box>
  );
}

/** The actor's lines (or every line they may see), searched and paged on the server. */
export function LinesPage() {
  const client = useApiClient();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const [searchInput, setSearchInput] = useState(params.get('q') ?? '');
  const { search, problem: searchProblem } = useSearchText(searchInput);
  const everyone = params.get('whose') === 'all';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const actorId = me.data?.actor.id ?? '';
  const actingFor = me.data && me.data.actor.id !== me.data.authenticatedUser.id ? personName(me.data.actor) : null;
  const lines = useQuery({ ...linesQueryOptions(client, { employeeId: everyone ? null : actorId, search, offset }), enabled: Boolean(actorId) });
  const [moving, setMoving] = useState<ServiceItem | null>(null);
  const [moved, setMoved] = useState<ServiceDetail | null>(null);

  // The search is part of the address (shareable, survives reload); a new search starts at page one.
  useEffect(() => {
    if ((params.get('q') ?? '') === search) return;
    const next = new URLSearchParams(params);
    if (search) next.set('q', search);
    else next.delete('q');
    next.delete('offset');
    setParams(next, { replace: true });
  }, [search, params, setParams]);

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'offset') next.delete('offset');
    setParams(next);
  };

  return (
    <Stack spacing={2.5}>
      <PageHeading>{actingFor ? `Lines of ${actingFor}` : 'My lines'}</PageHeading>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} component="form" role="search" aria-label="Lines" onSubmit={(event) => event.preventDefault()}>
        <TextField
          label="Search by number"
          type="search"
          size="small"
          value={searchInput}
          onChange={(event) => setSearchInput(event.target.value)}
          error={Boolean(searchProblem)}
          helperText={searchProblem}
          slotProps={{ input: { startAdornment: <InputAdornment position="start"><SearchIcon /></InputAdornment> }, htmlInput: { inputMode: 'tel' } }}
          sx={{ minWidth: { sm: 280 } }}
        />
        <FormControl size="small" sx={{ minWidth: 220 }}>
          <InputLabel id="lines-whose-label">Whose</InputLabel>
          <Select labelId="lines-whose-label" label="Whose" value={everyone ? 'all' : 'mine'} onChange={(event) => setParam('whose', event.target.value === 'all' ? 'all' : null)}>
            <MenuItem value="mine">{actingFor ? `${actingFor}’s` : 'Mine'}</MenuItem>
            <MenuItem value="all">Every line I can see</MenuItem>
          </Select>
        </FormControl>
      </Stack>
      {moved && (
        <Alert severity="success" onClose={() => setMoved(null)}>
          Line {formatServiceNumber(moved.serviceNumber)} now belongs to {moved.employee ? personName(moved.employee) : 'its new owner'}.
        </Alert>
      )}
      <UnreadableNote count={lines.data?.unreadable} what={{ one: 'line', other: 'lines' }} />
      <Box sx={{ minHeight: 4 }}>{lines.isFetching && !lines.isPending && <LinearProgress aria-label="Refreshing lines" />}</Box>
      {me.isError ? (
        <LoadError what="your profile" error={me.error} onRetry={() => void me.refetch()} />
      ) : lines.isError ? (
        <LoadError what="lines" error={lines.error} onRetry={() => void lines.refetch()} />
      ) : lines.isPending ? (
        <ListSkeleton label="Loading lines" height={96} />
      ) : lines.data.items.length === 0 ? (
        <EmptyState title={search ? `No line matches “${search}”` : 'No lines yet'}>
          {search ? 'Check the number, or search for part of it.' : 'Lines you order appear here.'}
        </EmptyState>
      ) : (
        <>
          <Stack component="ul" spacing={1} sx={{ m: 0, p: 0 }} aria-label="Lines">
            {lines.data.items.map((line) => (
              <LineRow key={line.id} line={line} actorId={actorId} canMove={Boolean(me.data?.canMoveService)} onMove={() => setMoving(line)} />
            ))}
          </Stack>
          <Pager meta={lines.data._meta} what="lines" onOffset={(next) => setParam('offset', next ? String(next) : null)} />
        </>
      )}
      {actorId && !everyone && !search && <SpareDevices employeeId={actorId} />}
      {moving && (
        <MoveLineDialog
          line={moving}
          onClose={() => setMoving(null)}
          onMoved={(result) => {
            setMoving(null);
            setMoved(result);
          }}
        />
      )}
    </Stack>
  );
}
