import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config.ts';
import type { Logger } from 'pino';
import postgres from 'postgres';
import { kickFulfillment } from '../domain/orders/fulfillment.ts';
import { startServer, type RunningServer } from '../server.ts';

export type TestServer = RunningServer & {
  /** The server's `DATABASE_URL` (`file:…` or `postgres://…`), to start another server on the same data. */
  databaseUrl: string;
  /** Moves the server's clock (token expiry, lockout windows, orders waiting for their date) without sleeping. */
  advanceClock: (milliseconds: number) => void;
};

/** The dialect the API tests run on: the `server-pg` project sets PostgreSQL (vite.config.ts); SQLite otherwise. */
export const testDialect: 'sqlite' | 'postgres' = process.env.MOBPROC_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/** What the PostgreSQL global setup (`postgres-setup.ts`) hands the test files. */
export type PostgresTemplates = {
  /** A URL of the server's `postgres` database, for CREATE and DROP DATABASE. */
  adminUrl: string;
  /** Migrated and seeded with the demo company. */
  seeded: string;
  /** Migrated, no rows. */
  empty: string;
};

declare module 'vitest' {
  export interface ProvidedContext {
    postgresTemplates: PostgresTemplates;
  }
}

/** A database no server owns: `url` for `DATABASE_URL`, `drop` deletes it. */
export type ScratchDatabase = { url: string; drop: () => Promise<void> };

let admin: { url: string; sql: postgres.Sql } | undefined;

/** One connection per test file to create and drop databases; idle, it closes by itself so the worker can exit. */
function adminOf(url: string): postgres.Sql {
  if (admin?.url !== url) admin = { url, sql: postgres(url, { max: 1, idle_timeout: 2, onnotice: () => {} }) };
  return admin.sql;
}

let databases = 0;

/**
 * A fresh scratch database in the dialect of the run. On PostgreSQL a copy of a template the
 * global setup migrated (and seeded, unless `seeded: false`) once, with its C collation: copying
 * is far cheaper than migrating and seeding per server. On SQLite a file in a new temporary folder
 * (the server migrates and seeds it on start).
 */
export async function scratchDatabase(options: { seeded?: boolean } = {}): Promise<ScratchDatabase> {
  if (testDialect === 'sqlite') {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-test-'));
    return { url: `file:${path.join(folder, 'test.db')}`, drop: async () => fs.rmSync(folder, { recursive: true, force: true }) };
  }
  const { inject } = await import('vitest');
  const templates = inject('postgresTemplates');
  const sql = adminOf(templates.adminUrl);
  const name = `t_${process.pid}_${(databases += 1)}_${Date.now().toString(36)}`;
  const template = options.seeded === false ? templates.empty : templates.seeded;
  await sql.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}" LC_COLLATE 'C' LC_CTYPE 'C'`);
  const url = new URL(templates.adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => void (await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)) };
}

/**
 * The real server on a free port with a scratch database of the run's dialect, seeded with the demo
 * company unless `MOBPROC_SEED` is `none`. Tests talk to it over HTTP, and reach rows through
 * `rows.ts`. `databaseUrl` (or `DATABASE_URL` in `environment`) starts it on a database the caller owns (from {@link scratchDatabase},
 * or another server's), which closing the server leaves in place.
 */
export async function startTestServer(environment: Record<string, string> = {}, options: { databaseUrl?: string; log?: Logger } = {}): Promise<TestServer> {
  const given = environment.DATABASE_URL ?? options.databaseUrl;
  const scratch = given ? undefined : await scratchDatabase({ seeded: environment.MOBPROC_SEED !== 'none' });
  const databaseUrl = given ?? scratch!.url;
  // A PostgreSQL database has no folder for the mail outbox to sit beside: one of its own, removed on close.
  const files = /^postgres(ql)?:\/\//.test(databaseUrl) ? fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-test-files-')) : undefined;
  const cleanUp = async () => {
    await scratch?.drop();
    if (files) fs.rmSync(files, { recursive: true, force: true });
  };
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    MOBPROC_FULFILLMENT_DELAY_MS: '0',
    // Tests refuse many sign-ins; the pause a guesser gets would only slow them down.
    MOBPROC_FAILED_SIGN_IN_DELAY_MS: '0',
    MOBPROC_STATIC_DIR: path.resolve('dist'),
    ...(files ? { MOBPROC_OUTBOX_DIR: path.join(files, 'outbox') } : {}),
    ...environment,
  });
  let offset = 0;
  let running: RunningServer;
  try {
    running = await startServer(config, { now: () => new Date(Date.now() + offset), ...(options.log ? { log: options.log } : {}) });
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return {
    ...running,
    close: async () => {
      await running.close();
      await cleanUp();
    },
    databaseUrl,
    advanceClock: (milliseconds) => {
      offset += milliseconds;
      // Fulfilment sleeps until its next step is due by the old clock; wake it to look again.
      kickFulfillment(running.deps.db);
    },
  };
}
