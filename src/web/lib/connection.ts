import type { WebAppConfig } from '../../contract/common.ts';
import { API_BASE_PATH } from '../../contract/constants.ts';
import type { Connection } from './config.ts';

/**
 * The MOBPROC server this browser talks to. `/config.json` gives the defaults; a person may point
 * the app elsewhere in the connection settings, and that choice is kept in this browser only.
 */
const STORAGE_KEY = 'mobproc.connection.v1';

function isConnection(value: unknown): value is Connection {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    ['baseUrl', 'tokenUrl', 'clientId', 'tenant'].every((key) => typeof record[key] === 'string') &&
    ['revokeUrl', 'authorizeUrl', 'scope'].every((key) => record[key] === undefined || typeof record[key] === 'string')
  );
}

export function readStoredConnection(): Connection | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (!isConnection(parsed)) return null;
    const { baseUrl, tokenUrl, clientId, tenant, revokeUrl, authorizeUrl, scope } = parsed;
    return {
      baseUrl,
      tokenUrl,
      clientId,
      tenant,
      ...(revokeUrl ? { revokeUrl } : {}),
      ...(authorizeUrl ? { authorizeUrl } : {}),
      ...(scope ? { scope } : {}),
    };
  } catch {
    return null;
  }
}

export function storeConnection(connection: Connection | null): void {
  if (connection) localStorage.setItem(STORAGE_KEY, JSON.stringify(connection));
  else localStorage.removeItem(STORAGE_KEY);
}

export function sameConnection(a: Connection, b: Connection): boolean {
  return (
    a.baseUrl === b.baseUrl &&
    a.tokenUrl === b.tokenUrl &&
    a.clientId === b.clientId &&
    a.tenant === b.tenant &&
    (a.revokeUrl ?? '') === (b.revokeUrl ?? '') &&
    (a.authorizeUrl ?? '') === (b.authorizeUrl ?? '') &&
    (a.scope || 'MOBPROC') === (b.scope || 'MOBPROC')
  );
}

/**
 * The server's configuration with this browser's connection laid over it. Demo logins belong to
 * the embedded server, so they are shown only while the app still talks to it.
 */
export function withStoredConnection(config: WebAppConfig, stored: Connection | null = readStoredConnection()): WebAppConfig & Pick<Connection, 'revokeUrl' | 'authorizeUrl' | 'scope'> {
  if (!stored || sameConnection(stored, config)) return config;
  return { ...config, ...stored, embeddedServer: false, demoLogins: [] };
}

/** Trailing slashes would double up when paths are appended (`https://x/` + `/mobproc/v1`). */
export function normaliseBaseUrl(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

export type PingOutcome = { ok: true; version?: string; sourceSystem?: string; extensions: string[] } | { ok: false; message: string };

/**
 * `GET {baseUrl}/mobproc/v1/ping`: proves the address answers as a MOBPROC server from this page.
 * Any answer with `echoText` will do (the vendor's has only `echoText` and `sourceSystem`).
 */
export async function pingServer(baseUrl: string, signal?: AbortSignal): Promise<PingOutcome> {
  let url: URL;
  try {
    url = new URL(`${normaliseBaseUrl(baseUrl)}${API_BASE_PATH}/ping`, window.location.origin);
  } catch {
    return { ok: false, message: 'That is not a valid address.' };
  }
  url.searchParams.set('echoText', 'connection check');
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal });
  } catch {
    return {
      ok: false,
      message:
        'No answer from that address. Check it, and that the server allows this app (CORS on the server, and this app’s list of allowed servers).',
    };
  }
  if (!response.ok) return { ok: false, message: `The server answered HTTP ${response.status} to a ping.` };
  // Loaded here, not at the top: this module is on the sign-in page, which must not download zod.
  const { acceptPing } = await import('../../contract/accept.ts');
  const body = acceptPing.safeParse(await response.json().catch(() => null));
  if (!body.success) return { ok: false, message: 'Something answered, but not as a MOBPROC server does.' };
  return { ok: true, version: body.data.version, sourceSystem: body.data.sourceSystem, extensions: body.data.extensions ?? [] };
}
