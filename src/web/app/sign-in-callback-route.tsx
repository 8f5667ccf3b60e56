import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { PageHeading } from '../components/page-heading.tsx';
import { useWebAppConfig } from '../lib/config-context.tsx';
import { SignInError } from '../lib/session.ts';
import { useSessionStore } from '../lib/session-context.tsx';
import { safeReturnTo } from './sign-in-route.tsx';

/**
 * Where the company's sign-in page sends the person back (`/sign-in/callback?code&state`): the
 * code is exchanged once, the session starts, and the app returns to the page the person was on.
 */
export function SignInCallbackRoute() {
  const config = useWebAppConfig();
  const store = useSessionStore();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  // A code is single-use: React's development double effect must not spend it twice.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const { finishAuthorizationCodeSignIn } = await import('../lib/authorization-code.ts');
        const outcome = await finishAuthorizationCodeSignIn(config, new URL(window.location.href));
        store.adopt(outcome.answer, { tenant: outcome.tenant, username: outcome.username });
        void navigate(safeReturnTo(outcome.returnTo), { replace: true });
      } catch (cause) {
        setProblem(cause instanceof SignInError ? cause.message : 'Sign-in could not be completed. Try again.');
      }
    })();
  }, [config, store, navigate]);

  return (
    <Stack spacing={3} sx={{ maxWidth: 480, mx: 'auto' }}>
      <PageHeading>Signing in</PageHeading>
      {problem ? (
        <>
          <Alert severity="error" role="alert">
            {problem}
          </Alert>
          <Button component={RouterLink} to="/sign-in" variant="contained">
            Back to sign-in
          </Button>
        </>
      ) : (
        <Stack direction="row" spacing={2} role="status" sx={{ alignItems: 'center' }}>
          <CircularProgress size={24} aria-hidden="true" />
          <Typography>Finishing sign-in…</Typography>
        </Stack>
      )}
    </Stack>
  );
}

export { SignInCallbackRoute as Component };
