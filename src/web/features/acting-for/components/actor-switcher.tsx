import SupervisorAccountIcon from '@mui/icons-material/SupervisorAccount';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { personName } from '../../../lib/format.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { useActorStore, useChosenActor } from '../../../lib/actor-context.tsx';
import { mayActForOthers, useMe } from '../../../lib/me.ts';
import type { PeopleSource, Person } from './actor-picker-dialog.tsx';

// The picker (a combo box) loads when first opened, so it does not weigh on every page.
const ActorPickerDialog = lazy(() => import('./actor-picker-dialog.tsx'));

/**
 * "Act for…" in the app bar, shown only to people whom `/me` lets act for someone — which only a
 * server that announced `act-as` (`/me.actAs`) or `act-as-search` (`/me.canActForOthers`) says;
 * elsewhere there is no switcher. With `act-as-search` the picker searches the server as the
 * person types; with `act-as` alone it filters `/me`'s whole list.
 */
export function ActorSwitcher() {
  const me = useMe();
  const chosen = useChosenActor();
  const store = useActorStore();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const extensions = useExtensions();
  if (!mayActForOthers(me.data, extensions) && !chosen) return null;
  const source: PeopleSource = extensions.has('act-as-search') ? { kind: 'search' } : { kind: 'list', actAs: me.data?.actAs ?? [] };

  const choose = (employee: Person | null) => {
    store.set(
      employee
        ? { id: employee.id, firstName: employee.firstName ?? personName(employee), lastName: employee.lastName ?? '', companyEmployeeId: employee.companyEmployeeId }
        : null,
    );
    setOpen(false);
    // The page may show the previous person's things (an order of theirs); start from a neutral place.
    void navigate('/lines');
  };
  const actingFor = chosen ? `${chosen.firstName} ${chosen.lastName}` : null;

  return (
    <>
      <Button
        color="inherit"
        startIcon={<SupervisorAccountIcon />}
        onClick={() => setOpen(true)}
        aria-haspopup="dialog"
        aria-label={actingFor ? `Acting for ${actingFor}: switch` : 'Act for someone'}
        sx={{ whiteSpace: 'nowrap', minWidth: 0, '& .MuiButton-startIcon': { mr: { xs: 0, sm: 1 } } }}
      >
        <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
          {chosen ? `For ${chosen.firstName}` : 'Act for…'}
        </Box>
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ActorPickerDialog source={source} actingFor={actingFor} onChoose={choose} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
