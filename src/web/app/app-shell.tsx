import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Container from '@mui/material/Container';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { lazy, Suspense } from 'react';
import { Link as RouterLink, Outlet, useNavigation } from 'react-router';
import { ActingBanner } from '../features/acting-for/components/acting-banner.tsx';
import { useSession } from '../lib/session-context.tsx';
import { ConnectionSettingsButton } from './shell-extras.tsx';

// Navigation, the actor switcher and the menu exist only for a signed-in person: loaded then, so the
// sign-in page stays within its download budget.
const SignedInBar = lazy(() => import('./signed-in-bar.tsx').then((module) => ({ default: module.SignedInBar })));

/** The layout route around every page (react-router's lazy `Component`). */
export function Component() {
  const session = useSession();
  const navigation = useNavigation();

  return (
    <>
      <Link
        href="#main"
        sx={{ position: 'absolute', left: 8, top: -48, zIndex: 2000, bgcolor: 'background.paper', p: 1, '&:focus': { top: 8 } }}
      >
        Skip to main content
      </Link>
      <AppBar position="static" component="header">
        <Toolbar sx={{ gap: 1 }}>
          <Typography
            component={RouterLink}
            to="/"
            // One line at any width: on a phone the bar also holds the menu and its buttons.
            sx={{ color: 'inherit', textDecoration: 'none', fontWeight: 600, fontSize: { xs: '1.05rem', sm: '1.25rem' }, mr: { xs: 'auto', md: 2 }, whiteSpace: 'nowrap' }}
          >
            <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>
              MOBPROC{' '}
            </Box>
            Order Wizard
          </Typography>
          {session ? (
            <Suspense fallback={<Box sx={{ flexGrow: 1 }} />}>
              <SignedInBar username={session.username} />
            </Suspense>
          ) : (
            <Box sx={{ flexGrow: 1 }} />
          )}
          <ConnectionSettingsButton />
        </Toolbar>
        {navigation.state === 'loading' && <LinearProgress aria-label="Loading page" sx={{ position: 'absolute', bottom: 0, left: 0, right: 0 }} />}
      </AppBar>
      {session && <ActingBanner />}
      <Box component="main" id="main" tabIndex={-1} sx={{ py: { xs: 2, md: 4 }, '&:focus': { outline: 'none' } }}>
        <Container maxWidth="lg" sx={{ px: { xs: 1.5, sm: 3 } }}>
          <Suspense fallback={<LinearProgress aria-label="Loading page" />}>
            <Outlet />
          </Suspense>
        </Container>
      </Box>
    </>
  );
}
