import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useActorStore, useChosenActor } from '../../../lib/actor-context.tsx';
import { MobprocError } from '../../../lib/api-client.ts';
import { useMe } from '../../../lib/me.ts';

/**
 * The banner under the app bar while acting for someone, with the way back. If the server no
 * longer lets the signed-in person act for them (403 on `/me`), the choice is dropped.
 */
export function ActingBanner() {
  const chosen = useChosenActor();
  const store = useActorStore();
  const me = useMe();
  const navigate = useNavigate();
  const refused = chosen !== null && me.isError && me.error instanceof MobprocError && me.error.status === 403;

  useEffect(() => {
    if (refused) store.set(null);
  }, [refused, store]);

  if (!chosen) return null;
  return (
    <Alert
      severity="warning"
      variant="filled"
      role="region"
      aria-label="Acting for someone"
      sx={{ borderRadius: 0, justifyContent: 'center', alignItems: 'center', bgcolor: '#7a3b00', color: '#fff' }}
      action={
        <Button
          color="inherit"
          variant="outlined"
          size="small"
          onClick={() => {
            store.set(null);
            void navigate('/lines');
          }}
        >
          Back to myself
        </Button>
      }
    >
      Acting for {chosen.firstName} {chosen.lastName}
    </Alert>
  );
}
