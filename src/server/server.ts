import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { ServerConfig } from './config.ts';
import type { ServerDeps } from './deps.ts';
import { headerNames } from '../contract/index.ts';
import { toEnvelope } from './domain/errors.ts';
import { createApp, securityHeaders } from './http/app.ts';
import { answerClientErrors } from './http/client-error.ts';
import { startFulfillment } from './domain/orders/fulfillment.ts';
import { eventBus } from './domain/notifications/events.ts';
import { catchUpChanges } from './domain/notifications/milestones.ts';
import { startMailWorker } from './domain/notifications/mail-worker.ts';
import { createLogger, type Logger } from './logger.ts';
import { onBroadcastResume, startBroadcast } from './storage/broadcast.ts';
import { startCheckpointer } from './storage/checkpointer.ts';
import { closeDatabase, dialectOf, onAfterCommitError, openDatabase, openPostgres, watchSearchFold } from './storage/db.ts';
import { seedDatabase, type SeedOutcome } from './storage/seed/index.ts';

export type RunningServer = {
  url: string;
  port: number;
  deps: ServerDeps;
  seeded: SeedOutcome;
  close: () => Promise<void>;
};

/**
 * The answer to a request that arrives while the server shuts down (on a keep-alive connection
 * opened before): 503 with the error envelope, `Retry-After` and `Connection: close`, so the client
 * learns the request was not run and sends it again on a new connection — to another instance, or to
 * this one restarted. Nothing of the request runs.
 */
function shuttingDown(headers: [string, string][]): Response {
  const { envelope } = toEnvelope([{ status: 503, errorCode: '503-SERVICE_UNAVAILABLE', message: 'The server is shutting down and did not run this request; send it again.' }]);
  return new Response(JSON.stringify(envelope), {
    status: 503,
    headers: [
      ['Content-Type', 'application/json'],
      ['Connection', 'close'],
      ['Retry-After', '1'],
      ['Cache-Control', 'no-store'],
      [headerNames.correlationId, randomUUID()],
      ...headers,
    ],
  });
}

/**
 * @param options.shutdownGraceMs how long, after `close()` stops accepting connections, idle
 *   keep-alive connections stay open so that a request already on its way over one is answered
 *   (503, {@link shuttingDown}) rather than met by a closed socket; `npm start` uses 1,000 ms, tests 0.
 */
export async function startServer(
  config: ServerConfig,
  options: { log?: Logger; now?: () => Date; shutdownGraceMs?: number } = {},
): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = config.postgresUrl ? await openPostgres(config.postgresUrl) : openDatabase(config.databasePath);
  const now = options.now ?? (() => new Date());
  const seeded = await seedDatabase(db, config.seed, now());
  const deps: ServerDeps = { config, db, log, now };
  onAfterCommitError((error) => log.error({ err: error }, 'after-commit work failed (the change itself is committed)'));
  // Changes, revoked grants and wake-ups reach every instance on the database (on SQLite: this process).
  const broadcasting = await startBroadcast(db, config.postgresUrl ? { postgresUrl: config.postgresUrl } : {});
  // Before any change: the bus notes the last change before it, beyond which it cannot replay.
  await eventBus(db);
  onBroadcastResume(db, () => {
    // Listening was lost for a while: what the other instances changed meanwhile comes from the history.
    catchUpChanges(db, now()).then(
      (count) => log.warn({ replayed: count }, 'listening for other instances resumed; missed order changes replayed'),
      (error: unknown) => log.error({ err: error }, 'missed order changes could not be replayed'),
    );
  });
  // PostgreSQL checkpoints its own log.
  const checkpointer =
    dialectOf(db) === 'sqlite' ? startCheckpointer(db, config.databasePath, config.checkpointMs, (error) => log.error({ err: error }, 'WAL checkpoint')) : undefined;
  const { app } = createApp(deps);
  const fulfillment = startFulfillment(deps);

  let draining = false;
  const drainingHeaders = securityHeaders(config);
  // While draining, a new request is refused before the app sees it, and an answer still being made
  // closes its connection, so no client sends another request over it.
  const fetch = async (request: Request, env: unknown): Promise<Response> => {
    if (draining) return shuttingDown(drainingHeaders);
    const response = await app.fetch(request, env);
    if (draining) response.headers.set('Connection', 'close');
    return response;
  };
  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch, hostname: config.host, port: config.port }, () => resolve(started));
  });
  answerClientErrors(server, { log, headers: securityHeaders(config) });
  const { port } = server.address() as AddressInfo;
  const displayHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;
  // Links in email need an origin before any request names one: the configured one, else ours.
  const mail = startMailWorker(db, { ...config.mail, publicAppUrl: config.mail.publicAppUrl || url }, log, now);
  // Names changed in SQL without their folded form are refolded within seconds (decision 19).
  const refold = watchSearchFold(db, (error) => log.error({ err: error }, 'refolding renamed search texts failed'));

  let closing: Promise<void> | undefined;
  const close = async () =>
    (closing ??= await (async () => {
      // No new connections, and none of the open ones runs another request (503 above) while the
      // requests in flight finish; idle keep-alive connections stay for the grace, then are closed
      // (Node's server.close() would close them at once, meeting a request on its way with a reset).
      draining = true;
      const httpServer = server as ServerType & { closeIdleConnections?: () => void; closeAllConnections?: () => void };
      const connectionsClosed = new Promise<void>((resolve) => {
        const idle = httpServer.closeIdleConnections;
        httpServer.closeIdleConnections = () => {};
        server.close(() => resolve());
        httpServer.closeIdleConnections = idle;
      });
      const graceMs = options.shutdownGraceMs ?? 0;
      const idleTimer = setTimeout(() => httpServer.closeIdleConnections?.(), graceMs);
      // In-flight requests get a moment more; then every connection is cut so close() returns.
      const forceTimer = setTimeout(() => httpServer.closeAllConnections?.(), graceMs + 2000);
      // Open event streams would hold server.close() forever: they end first, with a last event saying why.
      const bus = await eventBus(db);
      bus.publish({ kind: 'shutdown' });
      for (let waited = 0; bus.size > 0 && waited < 1000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      await fulfillment.stop();
      await mail.stop();
      await refold.stop();
      await broadcasting.stop();
      await checkpointer?.stop();
      await connectionsClosed;
      clearTimeout(idleTimer);
      clearTimeout(forceTimer);
      await closeDatabase(db);
    })());

  return { url, port, deps, seeded, close };
}
