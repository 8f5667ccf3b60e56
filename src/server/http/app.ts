import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { METHOD_NAME_ALL } from 'hono/router';
import { TrieRouter } from 'hono/router/trie-router';
import { API_BASE_PATH, OAUTH_BASE_PATH, headerNames } from '../../contract/index.ts';
import type { ServerConfig } from '../config.ts';
import type { ServerDeps } from '../deps.ts';
import type { AppEnv } from './app-env.ts';
import { ApiError, toEnvelope } from '../domain/errors.ts';
import { RouteRegistry } from './route.ts';
import { authenticate } from './auth.ts';
import { firstForwarded } from './client-address.ts';
import { answerJson, compressAnswers } from './compression.ts';
import { registerStaticApp } from './static.ts';
import { registerRoutes } from './routes/index.ts';
import { registerDocsRoutes } from './routes/docs.ts';
import { RequestLog } from './request-log.ts';

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

/** The security headers every answer carries, as `[name, value]` pairs. */
export function securityHeaders(config: Pick<ServerConfig, 'connectOrigins' | 'imageOrigins'>): [string, string][] {
  return [
    ['Content-Security-Policy', contentSecurityPolicy(config.connectOrigins, config.imageOrigins)],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
  ];
}

/**
 * The origin a client used, for `_meta` links: the Host header and the socket's scheme, or
 * X-Forwarded-Host/-Proto when `MOBPROC_TRUST_PROXY` says a proxy in front of us sets them (any
 * client can send them, so without that switch they would let a caller poison the links).
 */
function requestOrigin(c: Context<AppEnv>, trustProxy: boolean): string {
  const forwardedHost = trustProxy ? firstForwarded(c.req.header('x-forwarded-host')) : undefined;
  const forwardedProto = trustProxy ? firstForwarded(c.req.header('x-forwarded-proto')) : undefined;
  // The scheme is the URL's prefix: parsing the whole URL on every request only to read it showed in profiles.
  const url = c.req.url;
  const protocol = forwardedProto ?? url.slice(0, url.indexOf(':'));
  const host = forwardedHost ?? (c.req.header('host') || new URL(url).host);
  return `${protocol}://${host}`;
}

const isApiPath = (path: string) =>
  path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`) || path === OAUTH_BASE_PATH || path.startsWith(`${OAUTH_BASE_PATH}/`);

/**
 * The methods each registered path answers, for a 405's `Allow` (RFC 9110 §15.5.6): returns, for a
 * request path, those of every route whose path matches it (Hono's own matching, so `:id` and the
 * like match as they do for the request), plus HEAD wherever GET is (Hono answers HEAD as GET) and
 * OPTIONS when CORS answers preflights; empty for a path no route has. Middleware and the static
 * catch-all (`*`) are not routes of a path.
 */
function allowedMethods(app: Hono<AppEnv>, answersPreflight: boolean): (path: string) => string[] {
  const router = new TrieRouter<string>();
  for (const route of app.routes) {
    if (route.method !== METHOD_NAME_ALL && !route.path.includes('*')) router.add(METHOD_NAME_ALL, route.path, route.method);
  }
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  return (path) => {
    const methods = new Set(router.match(METHOD_NAME_ALL, path)[0].map(([method]) => method));
    if (methods.size === 0) return [];
    if (methods.has('GET')) methods.add('HEAD');
    if (answersPreflight) methods.add('OPTIONS');
    return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  };
}

export type BuiltApp = { app: Hono<AppEnv>; api: RouteRegistry; oauth: RouteRegistry };

type RouteSetup = (api: RouteRegistry, oauth: RouteRegistry) => void;

export function createApp(deps: ServerDeps, setupRoutes: RouteSetup = registerRoutes): BuiltApp {
  const app = new Hono<AppEnv>();

  const fixedHeaders = securityHeaders(deps.config);
  const { log: rootLog, config } = deps;

  app.use('*', async (c, next) => {
    const started = performance.now();
    const correlationId = c.req.header(headerNames.correlationId) || randomUUID();
    const activityId = c.req.header(headerNames.activityId) || undefined;
    const path = c.req.path;
    c.set('deps', deps);
    c.set('log', new RequestLog(rootLog, correlationId, activityId));
    c.set('correlationId', correlationId);
    c.set('activityId', activityId);
    c.set('origin', requestOrigin(c, config.trustProxy));
    // Answers name people, lines and orders of one signed-in user: no cache may keep or share them.
    const isApi = isApiPath(path);
    const outgoing = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
    if (outgoing) {
      // On Node the headers every answer carries go on the socket's response itself, before the
      // handler runs: Node merges them with the answer's own when it writes the head (a handler's
      // header of the same name, the authorization page's CSP or a static file's Cache-Control,
      // wins). Set through Hono instead (`c.header`), each answer would become a Fetch `Headers`
      // object that @hono/node-server copies header by header — a copy of the whole answer when set
      // after the handler (decision 16).
      outgoing.setHeader(headerNames.correlationId, correlationId);
      if (activityId) outgoing.setHeader(headerNames.activityId, activityId);
      for (const [name, value] of fixedHeaders) outgoing.setHeader(name, value);
      if (isApi) outgoing.setHeader('Cache-Control', 'no-store');
      await next();
    } else {
      // Another runtime, or `app.request()`: through the context, before the handler answers.
      const setHeaders = (has: (name: string) => boolean) => {
        c.header(headerNames.correlationId, correlationId);
        if (activityId) c.header(headerNames.activityId, activityId);
        for (const [name, value] of fixedHeaders) if (!has(name)) c.header(name, value);
        if (isApi) c.header('Cache-Control', 'no-store');
      };
      setHeaders(() => false);
      await next();
      // A Response built without the context did not get them: add those it lacks.
      if (!c.res.headers.has('X-Content-Type-Options')) setHeaders((name) => c.res.headers.has(name));
    }
    rootLog.info(
      { correlationId, ...(activityId ? { activityId } : {}), method: c.req.method, path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });

  if (deps.config.corsOrigins.length > 0) {
    const corsMiddleware = cors({
      origin: deps.config.corsOrigins,
      allowHeaders: [
        'Authorization',
        'Content-Type',
        // A reconnecting event stream names the last event it had (GET /events replays after it).
        'Last-Event-ID',
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
    c.get('log').warn({ errors: items }, 'request body too large');
    // The rest of the body is still on the socket, unread; a keep-alive client's next request would
    // be parsed out of it. Closing the connection after this answer is the honest way out.
    c.header('Connection', 'close');
    return answerJson(c, envelope, 413);
  };
  const limit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLarge });
  // A GET or HEAD has no body to limit, and asking for one turns @hono/node-server's lazy request
  // into a full Fetch Request (an AbortSignal and a stream): 8 % of `/ping` (decision 16).
  // With a Content-Length, Node's parser delivers exactly that many bytes, so the header decides,
  // and the body is later read straight from the socket (bodyLimit's counting stream cost a fifth
  // of a confirm). Only a chunked body goes through bodyLimit.
  const limitBodies: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || !/^\d{1,15}$/.test(length)) return limit(c, next);
    if (Number(length) > MAX_BODY_BYTES) return tooLarge(c);
    return next();
  };
  app.use(`${API_BASE_PATH}/*`, limitBodies);
  app.use(`${OAUTH_BASE_PATH}/*`, limitBodies);

  // The built app's files come precompressed (static.ts); API answers are compressed as they go.
  app.use(`${API_BASE_PATH}/*`, compressAnswers());
  app.use(`${OAUTH_BASE_PATH}/*`, compressAnswers());

  const api = new RouteRegistry(app, API_BASE_PATH, authenticate);
  const oauth = new RouteRegistry(app, OAUTH_BASE_PATH);
  setupRoutes(api, oauth);
  api.mount();
  oauth.mount();
  registerDocsRoutes(app, { api, oauth });

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      const { envelope, items } = toEnvelope(error.problems);
      c.get('log').info({ errors: items }, 'request refused');
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return answerJson(c, envelope, error.status as 400);
    }
    if ((c.env as Partial<HttpBindings> | undefined)?.incoming?.readableAborted) {
      // The client went away before its body arrived (Node's "aborted"): nobody reads an answer,
      // and an error line would call someone for what is not the server's fault. 499 is the status
      // access logs use for a request its client closed (nginx).
      c.get('log').info({ err: { message: error.message } }, 'client went away before its request arrived whole');
      return answerJson(c, toEnvelope([{ status: 499, errorCode: '499-CLIENT_CLOSED_REQUEST', message: 'The request ended before its body arrived.' }]).envelope, 499 as 400);
    }
    const { envelope, items } = toEnvelope([
      {
        status: 500,
        errorCode: '500-INTERNAL_ERROR',
        message: 'Something went wrong on the server. Try again; if it keeps happening, quote this error id.',
      },
    ]);
    c.get('log').error({ err: error, errors: items }, 'unhandled error');
    return answerJson(c, envelope, 500);
  });

  let allowed: ((path: string) => string[]) | undefined;
  app.notFound((c) => {
    const path = c.req.path;
    // Every route is registered by the first request, so the table of methods is built then, once.
    allowed ??= allowedMethods(app, deps.config.corsOrigins.length > 0);
    const methods = isApiPath(path) ? allowed(path) : [];
    if (methods.length > 0) {
      const list = methods.join(', ');
      const { envelope } = toEnvelope([
        { status: 405, errorCode: '405-METHOD_NOT_ALLOWED', message: `${c.req.method} is not allowed on ${path}; use ${list}.` },
      ]);
      c.header('Allow', list);
      return answerJson(c, envelope, 405);
    }
    const { envelope } = toEnvelope([{ status: 404, errorCode: '404-NOT_FOUND', message: `There is no resource at ${c.req.method} ${path}.` }]);
    return answerJson(c, envelope, 404);
  });

  registerStaticApp(app, { isApiPath });
  return { app, api, oauth };
}
