/**
 * The shell's main navigation. Features add their pages here (one line each); the shell shows
 * them in the app bar on wide screens and in a menu on phones.
 */
export type NavigationItem = { to: string; label: string; /** Also current on these path prefixes. */ matches?: string[] };

export const navigationItems: NavigationItem[] = [{ to: '/', label: 'New order', matches: ['/order/'] }];
