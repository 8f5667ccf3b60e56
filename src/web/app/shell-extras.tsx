import SettingsIcon from '@mui/icons-material/Settings';
import Badge from '@mui/material/Badge';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import { useApprovalCount } from '../features/approvals/api/approval-count.ts';
import { useApiClient } from '../lib/api-context.tsx';
import { useWebAppConfig } from '../lib/config-context.tsx';
import { meQueryOptions } from '../lib/me.ts';
import { useSession } from '../lib/session-context.tsx';
import { navigationItems, type NavigationItem } from './navigation.ts';

export type ShownNavigationItem = NavigationItem & { count?: number };

/**
 * The navigation this person sees: Approvals only for approvers (of the actor, so also for
 * whoever acts for one), with the number of orders waiting as its badge.
 */
export function useShownNavigation(): ShownNavigationItem[] {
  const session = useSession();
  const me = useQuery({ ...meQueryOptions(useApiClient(), useWebAppConfig().baseUrl), enabled: Boolean(session) });
  const approverId = session && me.data?.isApprover ? me.data.actor.id : null;
  const waiting = useApprovalCount(approverId);
  return navigationItems
    .filter((item) => item.audience !== 'approvers' || approverId !== null)
    .map((item) => (item.badge === 'approvals' ? { ...item, count: waiting } : item));
}

const hidden = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** The item's label, with its count as a badge; the count is part of the accessible name. */
export function NavItemLabel({ item }: { item: ShownNavigationItem }) {
  if (!item.count) return <>{item.label}</>;
  return (
    <Badge
      badgeContent={item.count}
      max={99}
      slotProps={{ badge: { 'aria-hidden': true } }}
      sx={{ pr: 1.5, '& .MuiBadge-badge': { bgcolor: '#ffd54f', color: '#1a1a1a', fontWeight: 700 } }}
    >
      {item.label}
      <Box component="span" sx={hidden}>
        , {item.count} waiting
      </Box>
    </Badge>
  );
}

/**
 * Always reachable, also signed out: the connection may have to change before anyone can sign in.
 * The browser's own tooltip (`title`) names the icon for a mouse: MUI's Tooltip would bring its
 * positioning engine (about 10 KB gzipped) into every first page for one word.
 */
export function ConnectionSettingsButton() {
  return (
    <IconButton component={RouterLink} to="/settings/connection" color="inherit" aria-label="Connection settings" title="Connection settings">
      <SettingsIcon />
    </IconButton>
  );
}
