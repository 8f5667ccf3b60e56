import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { ServerConfig } from './config.ts';
import type { ServerDeps } from './deps.ts';
import { createApp, securityHeaders } from './http/app.ts';
import { answerClientErrors } from './http/client-error.ts';
import { startFulfillment } from './domain/orders/fulfillment.ts';
import { eventBus } from './domain/notifications/events.ts';
import { startMailWorker } from './domain/notifications/mail-worker.ts';
import { createLogger, type Logger } from './logger.ts';
import { startCheckpointer } from './storage/checkpointer.ts';
import { closeDatabase, dialectOf, onAfterCommitError, openDatabase, openPostgres } from './storage/db.ts';
import { seedDatabase, type SeedOutcome } from './storage/seed/index.ts';

export type RunningServer = {
  url: string;
  port: number;
  deps: ServerDeps;
  seeded: SeedOutcome;
  close: () => Promise<void>;
};

export async function startServer(
  config: ServerConfig,
  options: { log?: Logger; now?: () => Date } = {},
): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const db = config.postgresUrl ? await openPostgres(config.postgresUrl) : openDatabase(config.databasePath);
  const now = options.now ?? (() => new Date());
  const seeded = await seedDatabase(db, config.seed, now());
  const deps: ServerDeps = { config, db, log, now };
  onAfterCommitError((error) => log.error({ err: error }, 'after-commit work failed (the change itself is committed)'));
  // Before any change: the bus notes the last change before it, beyond which it cannot replay.
  await eventBus(db);
  // PostgreSQL checkpoints its own log.
  const checkpointer =
    dialectOf(db) === 'sqlite' ? startCheckpointer(db, config.databasePath, config.checkpointMs, (error) => log.error({ err: error }, 'WAL checkpoint')) : undefined;
  const { app } = createApp(deps);
  const fulfillment = startFulfillment(deps);

  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(started));
  });
  answerClientErrors(server, { log, headers: securityHeaders(config) });
  const { port } = server.address() as AddressInfo;
  const displayHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;
  // Links in email need an origin before any request names one: the configured one, else ours.
  const mail = startMailWorker(db, { ...config.mail, publicAppUrl: config.mail.publicAppUrl || url }, log, now);

  let closing: Promise<void> | undefined;
  const close = async () =>
    (closing ??= await (async () => {
      // Open event streams would hold server.close() forever: they end first, with a last event saying why.
      const bus = await eventBus(db);
      bus.publish({ kind: 'shutdown' });
      for (let waited = 0; bus.size > 0 && waited < 1000; waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
      await fulfillment.stop();
      await mail.stop();
      await checkpointer?.stop();
      await new Promise<void>((resolve) => {
        // Give in-flight requests a moment, then cut idle keep-alive connections so close() returns.
        const forceTimer = setTimeout(() => {
          if ('closeAllConnections' in server) server.closeAllConnections();
        }, 2000);
        server.close(() => {
          clearTimeout(forceTimer);
          closeDatabase(db).then(resolve, resolve);
        });
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
    })());

  return { url, port, deps, seeded, close };
}
