/**
 * The shell's main navigation. Features add their pages here (one line each); the shell shows
 * them in the app bar on wide screens and in a menu on phones.
 */
export type NavigationItem = {
  to: string;
  label: string;
  /** Also current on these path prefixes. */ matches?: string[];
  /** Shown only to approvers (of the actor); the shell decides from `/me`. */ audience?: 'approvers';
  /** A count shown as a badge (shell-extras.tsx knows where each comes from). */ badge?: 'approvals';
};

export const navigationItems: NavigationItem[] = [
  { to: '/', label: 'New order', matches: ['/order/'] },
  { to: '/lines', label: 'My lines' },
  { to: '/orders', label: 'My orders' },
  { to: '/approvals', label: 'Approvals', audience: 'approvers', badge: 'approvals' },
];
