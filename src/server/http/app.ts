import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { API_BASE_PATH, OAUTH_BASE_PATH, headerNames } from '../../contract/index.ts';
import type { ServerDeps } from '../deps.ts';
import type { AppEnv } from './app-env.ts';
import { ApiError, toEnvelope } from '../domain/errors.ts';
import { RouteRegistry } from './route.ts';
import { authenticate } from './auth.ts';
import { firstForwarded } from './client-address.ts';
import { registerStaticApp } from './static.ts';
import { registerRoutes } from './routes/index.ts';
import { registerDocsRoutes } from './routes/docs.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

function contentSecurityPolicy(connectOrigins: string[], imageOrigins: string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // MUI (emotion) and Swagger UI set styles at run time; scripts stay strictly same-origin.
    "style-src 'self' 'unsafe-inline'",
    // Another MOBPROC server's catalog names images on its own hosts (MOBPROC_IMAGE_ORIGINS).
    `img-src ${["'self'", 'data:', ...imageOrigins].join(' ')}`,
    "font-src 'self'",
    `connect-src ${["'self'", ...connectOrigins].join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The origin a client used, for `_meta` links: the Host header and the socket's scheme, or
 * X-Forwarded-Host/-Proto when `MOBPROC_TRUST_PROXY` says a proxy in front of us sets them (any
 * client can send them, so without that switch they would let a caller poison the links).
 */
function requestOrigin(c: Context<AppEnv>, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  const forwardedHost = trustProxy ? firstForwarded(c.req.header('x-forwarded-host')) : undefined;
  const forwardedProto = trustProxy ? firstForwarded(c.req.header('x-forwarded-proto')) : undefined;
  const host = forwardedHost ?? (c.req.header('host') || url.host);
  const protocol = forwardedProto ?? url.protocol.replace(':', '');
  return `${protocol}://${host}`;
}

const isApiPath = (path: string) =>
  path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`) || path === OAUTH_BASE_PATH || path.startsWith(`${OAUTH_BASE_PATH}/`);

const isEventStream = (response: Response) => /^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '');

export type BuiltApp = { app: Hono<AppEnv>; api: RouteRegistry; oauth: RouteRegistry };

type RouteSetup = (api: RouteRegistry, oauth: RouteRegistry) => void;

export function createApp(deps: ServerDeps, setupRoutes: RouteSetup = registerRoutes): BuiltApp {
  const app = new Hono<AppEnv>();
  const csp = contentSecurityPolicy(deps.config.connectOrigins, deps.config.imageOrigins);

  app.use('*', async (c, next) => {
    const started = performance.now();
    const correlationId = c.req.header(headerNames.correlationId) || randomUUID();
    const activityId = c.req.header(headerNames.activityId) || undefined;
    const log = deps.log.child({ correlationId, ...(activityId ? { activityId } : {}) });
    c.set('deps', deps);
    c.set('log', log);
    c.set('correlationId', correlationId);
    c.set('activityId', activityId);
    c.set('origin', requestOrigin(c, deps.config.trustProxy));
    await next();
    c.header(headerNames.correlationId, correlationId);
    if (activityId) c.header(headerNames.activityId, activityId);
    // A page with a policy of its own (the authorization page) keeps it.
    if (!c.res.headers.has('Content-Security-Policy')) c.header('Content-Security-Policy', csp);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    // Answers name people, lines and orders of one signed-in user: no cache may keep or share them.
    // The event stream sets its own (no-cache, no-transform): it must also stay uncompressed.
    if (isApiPath(c.req.path) && !isEventStream(c.res)) c.header('Cache-Control', 'no-store');
    log.info(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

  if (deps.config.corsOrigins.length > 0) {
    const corsMiddleware = cors({
      origin: deps.config.corsOrigins,
      allowHeaders: [
        'Authorization',
        'Content-Type',
        ...Object.values(headerNames),
      ],
      exposeHeaders: [headerNames.correlationId, headerNames.activityId, 'Retry-After'],
      maxAge: 600,
    });
    app.use(`${API_BASE_PATH}/*`, corsMiddleware);
    app.use(`${OAUTH_BASE_PATH}/*`, corsMiddleware);
  }

  const tooLarge = (c: Context<AppEnv>) => {
    const { envelope, items } = toEnvelope([
      { status: 413, errorCode: '413-PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MiB.' },
    ]);
    c.var.log.warn({ errors: items }, 'request body too large');
    // The rest of the body is still on the socket, unread; a keep-alive client's next request would
    // be parsed out of it. Closing the connection after this answer is the honest way out.
    c.header('Connection', 'close');
    return c.json(envelope, 413);
  };
  app.use(`${API_BASE_PATH}/*`, bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge }));
  app.use(`${OAUTH_BASE_PATH}/*`, bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge }));

  const api = new RouteRegistry(app, API_BASE_PATH, authenticate);
  const oauth = new RouteRegistry(app, OAUTH_BASE_PATH);
  setupRoutes(api, oauth);
  registerDocsRoutes(app, { api, oauth });

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      const { envelope, items } = toEnvelope(error.problems);
      c.var.log.info({ errors: items }, 'request refused');
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json(envelope, error.status as 400);
    }
    const { envelope, items } = toEnvelope([
      {
        status: 500,
        errorCode: '500-INTERNAL_ERROR',
        message: 'Something went wrong on the server. Try again; if it keeps happening, quote this error id.',
      },
    ]);
    c.var.log.error({ err: error, errors: items }, 'unhandled error');
    return c.json(envelope, 500);
  });

  app.notFound((c) => {
    const { envelope } = toEnvelope([
      { status: 404, errorCode: '404-NOT_FOUND', message: `There is no resource at ${c.req.method} ${c.req.path}.` },
    ]);
    return c.json(envelope, 404);
  });

  registerStaticApp(app, { isApiPath });
  return { app, api, oauth };
}
