import { API_BASE_PATH } from '../../contract/constants.ts';
import type { Connection } from './config.ts';

/**
 * What the connected server announced in `/ping`'s `extensions` (MOBPROC §1). The app uses an
 * extension — a request header, member or query value, or a resource — only when it is here; a
 * server that announces nothing (the vendor's) gets the plain contract. Checked by hand rather
 * than with zod: sign-out and the shell need it, and they must not download the schemas.
 */
export type Extensions = ReadonlySet<string>;

export const NONE: Extensions = new Set<string>();
const announced = new Map<string, Promise<Extensions>>();

async function askServer(baseUrl: string): Promise<Extensions> {
  const url = new URL(`${baseUrl}${API_BASE_PATH}/ping`, window.location.origin);
  url.searchParams.set('echoText', 'extensions');
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`ping answered HTTP ${response.status}`);
  const body: unknown = await response.json();
  if (typeof body !== 'object' || body === null) return NONE;
  const list = (body as { extensions?: unknown }).extensions;
  return Array.isArray(list) ? new Set(list.filter((name): name is string => typeof name === 'string')) : NONE;
}

/**
 * The extensions the server at `baseUrl` announced; asked once per page load and server. An
 * unreachable ping is not remembered (the next caller asks again) and counts as none announced,
 * so the app falls back to the plain contract rather than send what the server may refuse.
 */
export function announcedExtensions(baseUrl: string): Promise<Extensions> {
  let pending = announced.get(baseUrl);
  if (!pending) {
    pending = askServer(baseUrl).catch(() => {
      announced.delete(baseUrl);
      return NONE;
    });
    announced.set(baseUrl, pending);
  }
  return pending;
}

/** Forgets what servers announced (tests; a changed connection reloads the page anyway). */
export function forgetAnnouncedExtensions(): void {
  announced.clear();
}

/**
 * Where the company's sign-in page is (authorization code with PKCE), or null when this app should
 * not offer it: the authorization URL of the connection settings when one is given; else, when
 * the server announced `authorization-code` and the token URL is its usual `…/token`, the
 * `…/authorize` next to it. Nothing is guessed for a token server of another shape.
 */
export async function authorizeUrlFor(connection: Connection): Promise<string | null> {
  if (connection.authorizeUrl?.trim()) return connection.authorizeUrl.trim();
  if (!/\/token\/?$/.test(connection.tokenUrl)) return null;
  const extensions = await announcedExtensions(connection.baseUrl);
  return extensions.has('authorization-code') ? connection.tokenUrl.replace(/\/token\/?$/, '/authorize') : null;
}

/**
 * Where sign-out revokes tokens, or null when it should not post anywhere: the revoke URL of the
 * connection settings when one is given; else, when the server announced `revoke` and the token
 * URL is its usual `…/token`, the `…/revoke` next to it. A token URL of another shape (the
 * vendor's own token server) is never guessed at.
 */
export async function revokeUrlFor(connection: Connection): Promise<string | null> {
  if (connection.revokeUrl?.trim()) return connection.revokeUrl.trim();
  if (!/\/token\/?$/.test(connection.tokenUrl)) return null;
  const extensions = await announcedExtensions(connection.baseUrl);
  return extensions.has('revoke') ? connection.tokenUrl.replace(/\/token\/?$/, '/revoke') : null;
}
