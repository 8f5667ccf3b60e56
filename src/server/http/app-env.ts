import type { Context } from 'hono';
import type { ServerDeps } from '../deps.ts';
import type { AuthContext } from '../domain/auth-context.ts';
import type { PageRequest } from '../domain/pagination.ts';
import type { RequestLog } from './request-log.ts';

/**
 * Read these with `c.get(name)` in code that runs per request: Hono's `c.var` builds a new object
 * of every variable on each read (about 2 µs each on the bench machine, several per request).
 */
export type AppEnv = {
  Variables: {
    deps: ServerDeps;
    /** Lines with this request's correlation id. */
    log: RequestLog;
    correlationId: string;
    activityId: string | undefined;
    /** The origin `_meta` links are built from (X-Forwarded-Host/-Proto only under MOBPROC_TRUST_PROXY). */
    origin: string;
    auth: AuthContext;
  };
};

/** What the domain's page links are built from: the request's URL and the origin links use. */
export const pageRequest = (c: Context<AppEnv>): PageRequest => ({ url: c.req.url, origin: c.get('origin') });
