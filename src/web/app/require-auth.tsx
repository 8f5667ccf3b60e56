import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession } from '../lib/session-context.tsx';

/** Pages behind sign-in: a signed-out visitor goes to sign in and comes back to the same address. */
export function RequireAuth() {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  return <Outlet />;
}
