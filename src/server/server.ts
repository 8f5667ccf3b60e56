import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { ServerConfig } from './config.ts';
import type { ServerDeps } from './deps.ts';
import { createApp } from './http/app.ts';
import { startFulfillment } from './domain/orders/fulfillment.ts';
import { createLogger, type Logger } from './logger.ts';
import { openDatabase } from './storage/db.ts';
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
  const db = openDatabase(config.databasePath);
  const now = options.now ?? (() => new Date());
  const seeded = seedDatabase(db, config.seed, now());
  const deps: ServerDeps = { config, db, log, now };
  const { app } = createApp(deps);
  const fulfillment = startFulfillment(deps);

  const server: ServerType = await new Promise((resolve) => {
    const started = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  const displayHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${displayHost.includes(':') ? `[${displayHost}]` : displayHost}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolve) => {
      // Give in-flight requests a moment, then cut idle keep-alive connections so close() returns.
      const forceTimer = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, 2000);
      fulfillment.stop();
      server.close(() => {
        clearTimeout(forceTimer);
        db.$client.close();
        resolve();
      });
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    }));

  return { url, port, deps, seeded, close };
}
