import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.ts';

/**
 * The database as the domain holds it: Drizzle's query builder over our schema, with no driver
 * type in it. Every query is awaited (the builders are awaitable); raw statements go through
 * `storage/statements.ts`, transactions through `transaction`, so the driver stays behind
 * storage/ (decision records 0008 and 0017).
 */
export type Db = BaseSQLiteDatabase<'sync', unknown, typeof schema>;

/** The database as opened here, with its better-sqlite3 connection: for storage, start-up and tests. */
export type SqliteDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** The better-sqlite3 connection a handle runs its queries on (the reader, or the writer inside a transaction). */
export const clientOf = (db: Db): Database.Database => (db as SqliteDb).$client;

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

type OpenTransaction = {
  /** Callbacks to run once the outermost transaction commits. */
  queued: (() => void)[];
  savepoints: number;
};

/**
 * The connections to one database file. Outside transactions the domain reads through `reader`
 * (read-only: a write outside `transaction()` fails there instead of slipping past the queue);
 * transactions take turns (`turn`, a promise chain) on `writer`, the only connection that writes.
 * A store opened with one connection (seed scripts that run alone) has `reader === writer`.
 */
type Store = {
  reader: SqliteDb;
  writer: SqliteDb;
  /** Settles when the transaction holding the writer, and every one queued before, has ended. */
  turn: Promise<void>;
  open: OpenTransaction | undefined;
  /** A folder made for a `:memory:` database, removed on close. */
  scratch: string | undefined;
};

const stores = new WeakMap<Db, Store>();

/** The transaction whose work is running (through every await of it), to refuse waiting on oneself. */
const currentTransaction = new AsyncLocalStorage<OpenTransaction>();

function storeOf(db: Db): Store {
  const store = stores.get(db);
  if (!store) throw new Error('not a database opened by storage/db.ts');
  return store;
}

function connect(file: string, options: Database.Options = {}): Database.Database {
  const sqlite = new Database(file, options);
  // Concurrent writers (two server processes, the e2e fixtures) wait instead of failing at once.
  sqlite.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('synchronous = NORMAL');
  }
  return sqlite;
}

/**
 * Opens (creating if needed) the database and brings its schema up to date. The handle returned
 * reads through a read-only connection; `transaction()` writes through a second one (decision
 * 17). Two connections cannot share a private in-memory database, so `:memory:` becomes a file in
 * a new temporary folder, deleted by {@link closeDatabase}. `connections: 1` opens the writer alone
 * (reads and writes on it): for scripts that run with nothing else open, such as the large seed,
 * which turns the write-ahead log off for its one transaction and so may not share the file.
 */
export function openDatabase(databasePath: string, options: { connections?: 1 | 2 } = {}): SqliteDb {
  let file = databasePath;
  let scratch: string | undefined;
  if (databasePath === ':memory:') {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-db-'));
    file = path.join(scratch, 'mobproc.db');
  } else {
    fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  }
  const writer = drizzle(connect(file), { schema });
  migrate(writer, { migrationsFolder });
  const reader = options.connections === 1 ? writer : drizzle(connect(file, { readonly: true }), { schema });
  const store: Store = { reader, writer, turn: Promise.resolve(), open: undefined, scratch };
  stores.set(reader, store);
  stores.set(writer, store);
  return reader;
}

/** Closes both connections of a database (after its last transaction) and deletes a `:memory:` one's file. */
export function closeDatabase(db: Db): void {
  const store = storeOf(db);
  if (store.reader !== store.writer) store.reader.$client.close();
  store.writer.$client.close();
  if (store.scratch) fs.rmSync(store.scratch, { recursive: true, force: true });
}

/** The SQL a handle speaks: storage functions that differ per dialect branch on it (decision 17). */
export type Dialect = 'sqlite' | 'postgres';

/** The dialect of the database `db` belongs to (a root handle or a transaction's). */
export const dialectOf = (db: Db): Dialect => {
  storeOf(db);
  return 'sqlite';
};

/** The handle outside any transaction (the reader): what servers, workers and caches key on. */
export const rootOf = (db: Db): SqliteDb => storeOf(db).reader;

/**
 * The writing connection, for storage-level code that runs synchronously while nothing else uses
 * the database (the seed before a server serves, tests that set rows up between requests).
 */
export const writerOf = (db: Db): SqliteDb => storeOf(db).writer;

/**
 * Runs `work` in a transaction and returns what it returns; `work` gets the transaction's handle
 * and must run every query of the transaction on it (passing it on as `db`). The transaction takes
 * the write lock up front (`BEGIN IMMEDIATE`), so a check-then-insert (one open order per service,
 * idempotency keys) cannot interleave with another writer, even one in a second process; in this
 * process transactions take turns, so one awaiting something holds the others back, never sees
 * their writes, and is never seen by readers before it commits. A throw from `work` rolls back and
 * is rethrown. Called with a transaction's handle it is a savepoint: rolled back alone if `work`
 * throws (nested transactions run one after another, not side by side).
 */
export async function transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const store = storeOf(db);
  const client = store.writer.$client;
  const open = store.open;
  if (open && db === store.writer) {
    const name = `mobproc_${(open.savepoints += 1)}`;
    const mark = open.queued.length;
    client.exec(`SAVEPOINT ${name}`);
    try {
      const result = await work(db);
      client.exec(`RELEASE ${name}`);
      return result;
    } catch (error) {
      client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`);
      // What the savepoint queued is dropped with it.
      open.queued.length = mark;
      throw error;
    }
  }
  if (open && currentTransaction.getStore() === open) {
    // Waiting for its own turn would never end: the work holds the turn it waits for.
    throw new Error('transaction() was given the database, not the transaction’s handle, inside a transaction: pass the handle `work` received');
  }
  const before = store.turn;
  let done!: () => void;
  store.turn = new Promise<void>((resolve) => (done = resolve));
  await before;
  const transactionState: OpenTransaction = { queued: [], savepoints: 0 };
  try {
    client.exec('BEGIN IMMEDIATE');
    store.open = transactionState;
    let result: T;
    try {
      result = await currentTransaction.run(transactionState, async () => await work(store.writer));
      client.exec('COMMIT');
    } catch (error) {
      if (client.inTransaction) client.exec('ROLLBACK');
      throw error;
    } finally {
      store.open = undefined;
    }
    for (const callback of transactionState.queued) runAfterCommit(callback);
    return result;
  } finally {
    done();
  }
}

/**
 * Runs `work` in a synchronous `BEGIN IMMEDIATE` transaction on the writer, for storage-level
 * loaders (the seed) that run before a server serves or with nothing else open. Nothing may await
 * inside. The domain uses {@link transaction}.
 */
export function writeTransactionSync<T>(db: Db, work: (writer: SqliteDb) => T): T {
  const { writer } = storeOf(db);
  return writer.$client.transaction(() => work(writer)).immediate();
}

let reportAfterCommitError: (error: unknown) => void = (error) => process.emitWarning(error instanceof Error ? error : String(error));

/** Where a failing after-commit callback or side effect is reported (the server's log); it never fails the change itself. */
export function onAfterCommitError(report: (error: unknown) => void): void {
  reportAfterCommitError = report;
}

/** Reports a failure of work beside a change (events, email) that must not fail the change itself. */
export const reportSideEffectError = (error: unknown): void => reportAfterCommitError(error);

function runAfterCommit(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    reportAfterCommitError(error);
  }
}

/**
 * Runs `callback` once the transaction in progress on `db` has committed, and never if it rolls
 * back, so nothing is announced (an event, a worker's wake-up) for a change that did not happen.
 * Outside a transaction the change is already committed: `callback` runs on the next tick.
 */
export function afterCommit(db: Db, callback: () => void): void {
  const store = storeOf(db);
  if (store.open && db === store.writer) store.open.queued.push(callback);
  else queueMicrotask(() => runAfterCommit(callback));
}
