import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppEnv } from './app-env.ts';

/** The first entry of a comma-separated forwarding header, trimmed; undefined when absent or empty. */
export function firstForwarded(value: string | undefined): string | undefined {
  const first = value?.split(',')[0]?.trim();
  return first ? first : undefined;
}

/**
 * The address a request came from, as a string for counting and logging (`127.0.0.1`, `::1`):
 * the socket's remote address, or — only when `MOBPROC_TRUST_PROXY` is on — the first hop of
 * `X-Forwarded-For`, which the proxy in front of us set. Without trust, that header is the client's
 * own word and is ignored. `unknown` when neither is available (a request not from a socket).
 */
export function clientAddress(c: Context<AppEnv>): string {
  if (c.get('deps').config.trustProxy) {
    const forwarded = firstForwarded(c.req.header('x-forwarded-for'));
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
