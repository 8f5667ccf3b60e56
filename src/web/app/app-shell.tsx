import MenuIcon from '@mui/icons-material/Menu';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Container from '@mui/material/Container';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Suspense, useState } from 'react';
import { Link as RouterLink, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { ActingBanner } from '../features/acting-for/components/acting-banner.tsx';
import { ActorSwitcher } from '../features/acting-for/components/actor-switcher.tsx';
import { useSession, useSessionStore } from '../lib/session-context.tsx';
import { type NavigationItem } from './navigation.ts';
import { ConnectionSettingsButton, NavItemLabel, useShownNavigation } from './shell-extras.tsx';

function isCurrent(item: NavigationItem, pathname: string): boolean {
  if (item.to === '/') return pathname === '/' || (item.matches ?? []).some((prefix) => pathname.startsWith(prefix));
  return pathname.startsWith(item.to) || (item.matches ?? []).some((prefix) => pathname.startsWith(prefix));
}

export function AppShell() {
  const session = useSession();
  const store = useSessionStore();
  const location = useLocation();
  const navigate = useNavigate();
  const navigation = useNavigation();
  const shownItems = useShownNavigation();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);

  async function signOut() {
    setMenuAnchor(null);
    await store.signOut();
    await navigate('/sign-in');
  }

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
            sx={{ color: 'inherit', textDecoration: 'none', fontWeight: 600, fontSize: { xs: '1.05rem', sm: '1.25rem' }, mr: 2 }}
          >
            MOBPROC Order Wizard
          </Typography>
          {session && (
            <>
              <Box component="nav" aria-label="Main" sx={{ display: { xs: 'none', md: 'flex' }, gap: 1, flexGrow: 1 }}>
                {shownItems.map((item) => {
                  const current = isCurrent(item, location.pathname);
                  return (
                    <Button
                      key={item.to}
                      component={RouterLink}
                      to={item.to}
                      color="inherit"
                      aria-current={current ? 'page' : undefined}
                      sx={{ borderBottom: current ? '2px solid currentColor' : '2px solid transparent', borderRadius: 0 }}
                    >
                      <NavItemLabel item={item} />
                    </Button>
                  );
                })}
              </Box>
              <Box sx={{ flexGrow: 1, display: { xs: 'block', md: 'none' } }} />
              <ActorSwitcher />
              <Typography sx={{ display: { xs: 'none', sm: 'block' } }} variant="body2">
                {session.username}
              </Typography>
              <Button color="inherit" onClick={() => void signOut()} sx={{ display: { xs: 'none', md: 'inline-flex' } }}>
                Sign out
              </Button>
              <IconButton
                color="inherit"
                aria-label="Menu"
                aria-haspopup="menu"
                aria-expanded={menuAnchor ? 'true' : undefined}
                onClick={(event) => setMenuAnchor(event.currentTarget)}
                sx={{ display: { xs: 'inline-flex', md: 'none' } }}
              >
                <MenuIcon />
              </IconButton>
              <Menu anchorEl={menuAnchor} open={Boolean(menuAnchor)} onClose={() => setMenuAnchor(null)}>
                {shownItems.map((item) => (
                  <MenuItem key={item.to} component={RouterLink} to={item.to} onClick={() => setMenuAnchor(null)}>
                    <NavItemLabel item={item} />
                  </MenuItem>
                ))}
                <MenuItem onClick={() => void signOut()}>Sign out ({session.username})</MenuItem>
              </Menu>
            </>
          )}
          {!session && <Box sx={{ flexGrow: 1 }} />}
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
