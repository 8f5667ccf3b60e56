import ArrowDropDownIcon from '@mui/icons-material/ArrowDropDown';
import MenuIcon from '@mui/icons-material/Menu';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { Link as RouterLink, useLocation, useNavigate } from 'react-router';
import { ActorSwitcher } from '../features/acting-for/components/actor-switcher.tsx';
import { personName } from '../lib/format.ts';
import { useMe } from '../lib/me.ts';
import { useExtensions } from '../lib/use-extensions.ts';
import { forgetPersonalStorage } from '../lib/personal-storage.ts';
import { sessionScope, useSessionStore } from '../lib/session-context.tsx';
import type { NavigationItem } from './navigation.ts';
import { NavItemLabel, useShownNavigation } from './shell-extras.tsx';

function isCurrent(item: NavigationItem, pathname: string): boolean {
  if (item.to === '/') return pathname === '/' || (item.matches ?? []).some((prefix) => pathname.startsWith(prefix));
  return pathname.startsWith(item.to) || (item.matches ?? []).some((prefix) => pathname.startsWith(prefix));
}

/** The app bar's part for a signed-in person: navigation (a menu on phones), acting-for, sign-out. */
export function SignedInBar({ username }: { username: string }) {
  const store = useSessionStore();
  const location = useLocation();
  const navigate = useNavigate();
  const shownItems = useShownNavigation();
  const [menuAnchor, setMenuAnchor] = useState<HTMLElement | null>(null);
  const [accountAnchor, setAccountAnchor] = useState<HTMLElement | null>(null);
  // A server without the extension (the vendor's) has no email settings to offer.
  const emailSettings = useExtensions().has('notification-settings');
  // People know themselves by name; the username stands in until /me has answered.
  const me = useMe();
  const displayName = personName(me.data?.authenticatedUser) || username;

  async function signOut() {
    setMenuAnchor(null);
    // A shared computer: the next person must not find this one's drafts or whom they acted for.
    const current = store.get();
    if (current) forgetPersonalStorage(sessionScope(current));
    await store.signOut();
    await navigate('/sign-in');
  }

  return (
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
      {emailSettings ? (
        <>
          <Button
            color="inherit"
            id="account-button"
            aria-haspopup="menu"
            aria-controls={accountAnchor ? 'account-menu' : undefined}
            aria-expanded={accountAnchor ? 'true' : undefined}
            onClick={(event) => setAccountAnchor(event.currentTarget)}
            endIcon={<ArrowDropDownIcon />}
            title={username}
            sx={{ display: { xs: 'none', sm: 'inline-flex' }, textTransform: 'none', fontWeight: 400 }}
          >
            {displayName}
          </Button>
          <Menu id="account-menu" anchorEl={accountAnchor} open={Boolean(accountAnchor)} onClose={() => setAccountAnchor(null)} slotProps={{ list: { 'aria-labelledby': 'account-button' } }}>
            <MenuItem component={RouterLink} to="/settings/notifications" onClick={() => setAccountAnchor(null)}>
              Email notifications
            </MenuItem>
          </Menu>
        </>
      ) : (
        <Typography sx={{ display: { xs: 'none', sm: 'block' } }} variant="body2" title={username}>
          {displayName}
        </Typography>
      )}
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
        {emailSettings && (
          <MenuItem component={RouterLink} to="/settings/notifications" onClick={() => setMenuAnchor(null)}>
            Email notifications
          </MenuItem>
        )}
        <MenuItem onClick={() => void signOut()}>Sign out ({displayName})</MenuItem>
      </Menu>
    </>
  );
}
