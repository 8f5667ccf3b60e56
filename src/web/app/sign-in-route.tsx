import Stack from '@mui/material/Stack';
import { Navigate, useSearchParams } from 'react-router';
import { SignInPage } from '../features/auth/components/sign-in-page.tsx';
import { useSession } from '../lib/session-context.tsx';

/** Only local paths, so a crafted link cannot send someone elsewhere after signing in. */
export function safeReturnTo(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export function SignInRoute() {
  const session = useSession();
  const [params] = useSearchParams();
  const returnTo = safeReturnTo(params.get('returnTo'));
  if (session) return <Navigate to={returnTo} replace />;
  return (
    <Stack spacing={3} sx={{ maxWidth: 480, mx: 'auto' }}>
      <SignInPage returnTo={returnTo} />
    </Stack>
  );
}

export { SignInRoute as Component };
