import type { WebAppConfig } from '../../contract/common.ts';

/**
 * Where the MOBPROC server is and who we are to it; from `/config.json`, overridable per browser.
 * `revokeUrl`: where sign-out revokes tokens, when the token server offers that (RFC 7009).
 * `authorizeUrl`: the company's sign-in page (authorization code with PKCE), when there is one.
 * `scope`: what to ask the token server for (default `MOBPROC`).
 */
export type Connection = Pick<WebAppConfig, 'baseUrl' | 'tokenUrl' | 'clientId' | 'tenant'> & { revokeUrl?: string; authorizeUrl?: string; scope?: string };

/**
 * Checked by hand rather than with the contract's zod schema: this runs before the first screen,
 * which should not have to download zod.
 */
function isWebAppConfig(value: unknown): value is WebAppConfig {
  if (typeof value !== 'object' || value === null) return false;
  const config = value as Record<string, unknown>;
  return (
    typeof config.baseUrl === 'string' &&
    typeof config.tokenUrl === 'string' &&
    typeof config.clientId === 'string' &&
    typeof config.tenant === 'string' &&
    typeof config.embeddedServer === 'boolean' &&
    (config.authorizeUrl === undefined || typeof config.authorizeUrl === 'string') &&
    (config.scope === undefined || typeof config.scope === 'string') &&
    Array.isArray(config.demoLogins) &&
    config.demoLogins.every(
      (login: unknown) =>
        typeof login === 'object' && login !== null && typeof (login as Record<string, unknown>).username === 'string' && typeof (login as Record<string, unknown>).description === 'string',
    )
  );
}

/** Loaded once before the app renders, so one build runs against any server. */
export async function loadWebAppConfig(): Promise<WebAppConfig> {
  const response = await fetch('/config.json', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`Could not load /config.json (HTTP ${response.status}).`);
  const body: unknown = await response.json();
  if (!isWebAppConfig(body)) throw new Error('/config.json does not have the expected shape.');
  return body;
}
