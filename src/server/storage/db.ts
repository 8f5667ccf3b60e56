import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.ts';

/**
 * The database as the domain holds it: Drizzle's query builder over our schema, with no driver
 * type in it. Raw statements go through `storage/statements.ts`, transactions through
 * `writeTransaction`, so the driver stays behind storage/ (decision record 0008).
 */
export type Db = BaseSQLiteDatabase<'sync', unknown, typeof schema>;

/** The database as opened here, with its better-sqlite3 connection: for storage, start-up and tests. */
export type SqliteDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The better-sqlite3 connection under a database this module opened. */
export const clientOf = (db: Db): Database.Database => (db as SqliteDb).$client;

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens (creating if needed) the database and brings its schema up to date. */
export function openDatabase(databasePath: string): SqliteDb {
  if (databasePath !== ':memory:') fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const sqlite = new Database(databasePath);
  sqlite.pragma('journal_mode = WAL');
  // Concurrent writers (two server processes, the e2e fixtures) wait instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder });
  return db;
}

/**
 * Runs `work` in a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so a
 * check-then-insert (one open order per service, idempotency keys) cannot interleave with another
 * writer, even one in a second process.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  const client = clientOf(db);
  if (client.inTransaction) {
    // A nested call is a savepoint: what it queued is dropped if it rolls back alone.
    const queued = afterCommitQueues.get(db)!;
    const mark = queued.length;
    try {
      return client.transaction(work).immediate();
    } catch (error) {
      queued.length = mark;
      throw error;
    }
  }
  const queued: (() => void)[] = [];
  afterCommitQueues.set(db, queued);
  let result: T;
  try {
    result = client.transaction(work).immediate();
  } finally {
    afterCommitQueues.delete(db);
  }
  for (const callback of queued) runAfterCommit(callback);
  return result;
}

let reportAfterCommitError: (error: unknown) => void = (error) => process.emitWarning(error instanceof Error ? error : String(error));

/** Where a failing after-commit callback is reported (the server's log); it never fails the change itself. */
export function onAfterCommitError(report: (error: unknown) => void): void {
  reportAfterCommitError = report;
}

function runAfterCommit(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    reportAfterCommitError(error);
  }
}

const afterCommitQueues = new WeakMap<Db, (() => void)[]>();

/**
 * Runs `callback` once the write transaction in progress has committed, and never if it rolls
 * back, so nothing is announced (an event, a worker's wake-up) for a change that did not happen.
 * Outside a transaction the change is already committed: `callback` runs on the next tick.
 */
export function afterCommit(db: Db, callback: () => void): void {
  const queued = afterCommitQueues.get(db);
  if (queued) queued.push(callback);
  else queueMicrotask(() => runAfterCommit(callback));
}
