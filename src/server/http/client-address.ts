import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './app-env.ts';

/**
 * The address a request came from, as lockout counts it (MOBPROC §2): the socket's remote address,
 * or `'unknown'` when the runtime cannot tell (e.g. `app.request()` in tests without a socket).
 */
export function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
