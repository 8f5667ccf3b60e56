import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { Logger } from 'pino';
import { kickFulfillment } from '../domain/orders/fulfillment.ts';
import { startServer, type RunningServer } from '../server.ts';

export type TestServer = RunningServer & {
  databasePath: string;
  /** Moves the server's clock (token expiry, lockout windows, orders waiting for their date) without sleeping. */
  advanceClock: (milliseconds: number) => void;
};

/**
 * The real server on a free port with a scratch database, seeded with the demo company unless
 * told otherwise. Tests talk to it over HTTP only.
 */
export async function startTestServer(environment: Record<string, string> = {}, options: { databasePath?: string; log?: Logger } = {}): Promise<TestServer> {
  // A folder made here is ours to remove on close; a path the caller gave is theirs.
  const databasePath = options.databasePath ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-test-')), 'test.db');
  const scratch = options.databasePath ? undefined : path.dirname(databasePath);
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: `file:${databasePath}`,
    LOG_LEVEL: 'silent',
    MOBPROC_FULFILLMENT_DELAY_MS: '0',
    // Tests refuse many sign-ins; the pause a guesser gets would only slow them down.
    MOBPROC_FAILED_SIGN_IN_DELAY_MS: '0',
    MOBPROC_STATIC_DIR: path.resolve('dist'),
    // Beside the scratch database, also when `environment` names a PostgreSQL one instead.
    MOBPROC_OUTBOX_DIR: path.join(path.dirname(databasePath), 'outbox'),
    ...environment,
  });
  let offset = 0;
  const running = await startServer(config, { now: () => new Date(Date.now() + offset), ...(options.log ? { log: options.log } : {}) });
  return {
    ...running,
    close: async () => {
      await running.close();
      if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    },
    databasePath,
    advanceClock: (milliseconds) => {
      offset += milliseconds;
      // Fulfilment sleeps until its next step is due by the old clock; wake it to look again.
      kickFulfillment(running.deps.db);
    },
  };
}
