import SupervisorAccountIcon from '@mui/icons-material/SupervisorAccount';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import type { AcceptEmployeeSummary as EmployeeSummary } from '../../../../contract/accept.ts';
import { personName } from '../../../lib/format.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { useActorStore, useChosenActor } from '../../../lib/actor-context.tsx';
import { useMe } from '../../../lib/me.ts';

// The picker (a combo box) loads when first opened, so it does not weigh on every page.
const ActorPickerDialog = lazy(() => import('./actor-picker-dialog.tsx'));

/**
 * "Act for…" in the app bar, shown only to people whom `/me` lets act for someone — which only a
 * server that announced `act-as` says (`/me.actAs`); elsewhere there is no switcher.
 */
export function ActorSwitcher() {
  const me = useMe();
  const chosen = useChosenActor();
  const store = useActorStore();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const extensions = useExtensions();
  const actAs = extensions.has('act-as') ? (me.data?.actAs ?? []) : [];
  if (actAs.length === 0 && !chosen) return null;

  const choose = (employee: EmployeeSummary | null) => {
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
          <ActorPickerDialog actAs={actAs} actingFor={actingFor} onChoose={choose} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
