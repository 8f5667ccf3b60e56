import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { migratePostgres } from './pg.ts';
import { refoldPostgres, refoldSqlite, SEARCH_FOLD_VERSION } from './search-fold.ts';
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

/** The better-sqlite3 connection a SQLite handle runs its queries on (the reader, or the writer inside a transaction). */
export const clientOf = (db: Db): Database.Database => (db as SqliteDb).$client;

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

type OpenTransaction = {
  /** Callbacks to run once the outermost transaction commits. */
  queued: (() => void)[];
  savepoints: number;
  /** The root handle of the PostgreSQL database the transaction belongs to. */
  root?: Db;
};

/**
 * The connections to one database file. Outside transactions the domain reads through `reader`
 * (read-only: a write outside `transaction()` fails there instead of slipping past the queue);
 * transactions take turns (`turn`, a promise chain) on `writer`, the only connection that writes.
 * A store opened with one connection (seed scripts that run alone) has `reader === writer`.
 */
type SqliteStore = {
  dialect: 'sqlite';
  reader: SqliteDb;
  writer: SqliteDb;
  /** Settles when the transaction holding the writer, and every one queued before, has ended. */
  turn: Promise<void>;
  open: OpenTransaction | undefined;
  /** A folder made for a `:memory:` database, removed on close. */
  scratch: string | undefined;
};

/**
 * A PostgreSQL database: one pool (`client`) behind the root handle. Each transaction is Drizzle's
 * own (one pooled connection, `READ COMMITTED`) and gets a new handle, registered in `handles`
 * with the postgres.js client its queries run on and the outermost transaction's after-commit queue.
 */
type PostgresStore = {
  dialect: 'postgres';
  root: Db;
  client: postgres.Sql;
};

type Store = SqliteStore | PostgresStore;

const stores = new WeakMap<Db, Store>();

/** What a PostgreSQL handle runs on: the pool (root) or a transaction's connection, and the transaction it belongs to. */
type PostgresHandle = { client: postgres.Sql | postgres.TransactionSql; open: OpenTransaction | undefined };
const postgresHandles = new WeakMap<Db, PostgresHandle>();

/**
 * The transaction whose work is running (through every await of it), to refuse waiting on oneself:
 * a development check, off when NODE_ENV is `production` (always in the compiled server). Once an
 * AsyncLocalStorage has run, Node 20 calls an async hook on every promise and async resource the
 * process makes; under load that was a tenth of the CPU time of `/ping`, confirm and submit alike
 * (decision 16). The tests, which run the server from source, and `npm run dev` keep it, so a
 * misuse fails there.
 */
const currentTransaction: { getStore: () => OpenTransaction | undefined; run: <R>(store: OpenTransaction, work: () => R) => R } =
  process.env.NODE_ENV === 'production' ? { getStore: () => undefined, run: (_store, work) => work() } : new AsyncLocalStorage<OpenTransaction>();

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
 * Opens (creating if needed) the database and brings its schema, and its folded search columns
 * (storage/search-fold.ts), up to date. The handle returned reads through a read-only connection;
 * `transaction()` writes through a second one (decision 17). Two connections cannot share a private
 * in-memory database, so `:memory:` becomes a file in a new temporary folder, deleted by
 * {@link closeDatabase}. `connections: 1` opens the writer alone
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
  refoldSqlite(writer.$client);
  const reader = options.connections === 1 ? writer : drizzle(connect(file, { readonly: true }), { schema });
  const store: SqliteStore = { dialect: 'sqlite', reader, writer, turn: Promise.resolve(), open: undefined, scratch };
  stores.set(reader, store);
  stores.set(writer, store);
  return reader;
}

/** Connections the pool of one server process opens at most. */
const POSTGRES_POOL_SIZE = 10;

/**
 * The driver hands the domain the values SQLite would: the domain reads through the SQLite
 * schema's columns (decision 17), which map 1/0 to booleans and parse JSON text themselves, and raw
 * reads expect 1/0 and numbers. So booleans arrive as 1/0 (and 1/0 or true/false are accepted),
 * `json` columns arrive as their text, and int8 (`count(*)`) as a number.
 */
const sqliteShapedValues = {
  bool: { to: 16, from: [16], serialize: (value: unknown) => (value === true || value === 1 ? 't' : 'f'), parse: (value: string) => (value === 't' ? 1 : 0) },
  json: { to: 114, from: [114, 3802], serialize: (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value)), parse: (value: string) => value },
  int8: { to: 20, from: [20], serialize: (value: unknown) => String(value), parse: (value: string) => Number(value) },
};

/** Raised when the PostgreSQL database would sort or store text differently from SQLite (its collation or encoding). */
export class DatabaseCollationError extends Error {}

/**
 * Opens a PostgreSQL database (a `postgres://` URL): a pool of up to ten connections, the
 * migrations of `migrations-pg/` applied under the advisory lock (`storage/pg.ts`). Rejects with
 * {@link DatabaseCollationError} unless the database's collation is C and its encoding UTF8: prefix
 * ranges and `lower()` must order and fold text as SQLite does (decision 17). The handle has the SQLite schema's
 * tables as its schema: the tables are the same (`schema-dialects.test.ts`), Drizzle writes
 * PostgreSQL for them, and the driver's value types above make rows read as on SQLite.
 */
export async function openPostgres(url: string): Promise<Db> {
  // better-sqlite3 binds an undefined value as NULL, and the domain's statements rely on it.
  const client = postgres(url, { max: POSTGRES_POOL_SIZE, onnotice: () => {}, types: sqliteShapedValues, transform: { undefined: null } });
  try {
    const [database] = await client<{ collation: string; encoding: string }[]>`
      SELECT datcollate AS collation, pg_encoding_to_char(encoding) AS encoding FROM pg_database WHERE datname = current_database()`;
    if (database?.collation !== 'C' && database?.collation !== 'POSIX') {
      throw new DatabaseCollationError(
        `The PostgreSQL database has collation ${String(database?.collation)}; MOBPROC needs C (CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'), so text sorts and folds as on SQLite.`,
      );
    }
    // Text is Unicode, as SQLite's is: in another encoding names outside it cannot be stored, and the
    // prefix ranges' upper bound (U+10FFFF) cannot even be written.
    if (database.encoding !== 'UTF8') {
      throw new DatabaseCollationError(
        `The PostgreSQL database has encoding ${database.encoding}; MOBPROC needs UTF8 (CREATE DATABASE … TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C').`,
      );
    }
    await migratePostgres(url);
    await refoldPostgres(client);
  } catch (error) {
    await client.end();
    throw error;
  }
  const root = drizzlePostgres(client, { schema }) as unknown as PostgresJsDatabase<typeof schema> & Db;
  const store: PostgresStore = { dialect: 'postgres', root, client };
  stores.set(root, store);
  postgresHandles.set(root, { client, open: undefined });
  return root;
}

/**
 * Rewrites the folded search texts (storage/search-fold.ts) when the `search_fold` row says they are
 * stale: a name changed in SQL without its folded form sets it back to 0 (SQLite migration 0018,
 * PostgreSQL 0011), the folded column then holding SQL's ASCII-only `lower()` until this runs. A
 * look at one row when nothing is stale. Returns how many rows were rewritten.
 */
export async function refoldIfStale(db: Db): Promise<number> {
  const store = storeOf(db);
  if (store.dialect === 'postgres') {
    const [row] = await store.client<{ version: number }[]>`SELECT version FROM search_fold`;
    if (row && row.version >= SEARCH_FOLD_VERSION) return 0;
    return await refoldPostgres(store.client);
  }
  const version = store.reader.$client.prepare('SELECT max(version) FROM search_fold').pluck().get() as number | null;
  if (version !== null && version >= SEARCH_FOLD_VERSION) return 0;
  // In turn with the server's transactions; refoldSqlite's own transaction is then a savepoint.
  return await transaction(db, async () => refoldSqlite(store.writer.$client));
}

/** How often a server looks for folded search texts made stale by a writer outside it ({@link refoldIfStale}). */
export const REFOLD_CHECK_MS = 2000;

/**
 * Calls {@link refoldIfStale} every `everyMs`, one call at a time, reporting failures; `stop` ends
 * the checks and waits for one under way. The timer does not keep the process alive.
 */
export function watchSearchFold(db: Db, report: (error: unknown) => void, everyMs = REFOLD_CHECK_MS): { stop: () => Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => await refoldIfStale(db)).catch(report);
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

/** Closes a database's connections (after its last transaction); a `:memory:` SQLite one's file is deleted. */
export async function closeDatabase(db: Db): Promise<void> {
  const store = storeOf(db);
  if (store.dialect === 'postgres') {
    await store.client.end({ timeout: 5 });
    return;
  }
  if (store.reader !== store.writer) store.reader.$client.close();
  store.writer.$client.close();
  if (store.scratch) fs.rmSync(store.scratch, { recursive: true, force: true });
}

/** The SQL a handle speaks: storage functions that differ per dialect branch on it (decision 17). */
export type Dialect = 'sqlite' | 'postgres';

/** The dialect of the database `db` belongs to (a root handle or a transaction's). */
export const dialectOf = (db: Db): Dialect => storeOf(db).dialect;

/** The handle outside any transaction (the reader on SQLite): what servers, workers and caches key on. */
export const rootOf = (db: Db): Db => {
  const store = storeOf(db);
  return store.dialect === 'postgres' ? store.root : store.reader;
};

function sqliteStoreOf(db: Db): SqliteStore {
  const store = storeOf(db);
  if (store.dialect !== 'sqlite') throw new Error('a SQLite database was expected, this one is PostgreSQL');
  return store;
}

/**
 * The writing connection, for storage-level code that runs synchronously while nothing else uses
 * the database (the seed before a server serves, tests that set rows up between requests). SQLite only.
 */
export const writerOf = (db: Db): SqliteDb => sqliteStoreOf(db).writer;

const rootHandleMisused = () =>
  new Error('transaction() was given the database, not the transaction’s handle, inside a transaction: pass the handle `work` received');

/**
 * Refuses a write through a PostgreSQL database's root handle from inside one of its transactions'
 * work: it would commit apart from the transaction, or wait for ever on a row the transaction
 * holds. SQLite refuses the same write (its reader is read-only, its turn is taken), so the domain
 * behaves alike on both.
 */
export function refuseRootWriteInTransaction(db: Db): void {
  const handle = postgresHandles.get(db);
  if (handle && !handle.open && currentTransaction.getStore()?.root === db) throw rootHandleMisused();
}

/**
 * The postgres.js client a PostgreSQL handle runs raw statements on: the pool for the root handle,
 * the transaction's connection for a transaction's (storage/statements.ts).
 */
export function postgresClientOf(db: Db): postgres.Sql | postgres.TransactionSql {
  const handle = postgresHandles.get(db);
  if (!handle) throw new Error('not a PostgreSQL handle opened by storage/db.ts');
  return handle.client;
}

/**
 * Runs `work` in a transaction and returns what it returns; `work` gets the transaction's handle
 * and must run every query of the transaction on it (passing it on as `db`). A throw from `work`
 * rolls back and is rethrown. Called with a transaction's handle it is a savepoint: rolled back
 * alone if `work` throws (nested transactions run one after another, not side by side).
 *
 * SQLite: the transaction takes the write lock up front (`BEGIN IMMEDIATE`), so a
 * check-then-insert (one open order per service, idempotency keys) cannot interleave with another
 * writer, even one in a second process; in this process transactions take turns, so one awaiting
 * something holds the others back, never sees their writes, and is never seen by readers before
 * it commits. PostgreSQL: Drizzle's transaction on one pooled connection, `READ COMMITTED`;
 * transactions run side by side, and what must not interleave takes a row lock (decision 17).
 */
export async function transaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const store = storeOf(db);
  return store.dialect === 'postgres' ? await postgresTransaction(store, db, work) : await sqliteTransaction(store, db, work);
}

async function postgresTransaction<T>(store: PostgresStore, db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const handle = postgresHandles.get(db)!;
  const open = handle.open;
  if (!open && currentTransaction.getStore()?.root === store.root) throw rootHandleMisused();
  type Transactional = { transaction: <R>(run: (tx: Db) => Promise<R>) => Promise<R> };
  if (open) {
    const mark = open.queued.length;
    try {
      return await (db as unknown as Transactional).transaction(async (tx) => {
        postgresHandles.set(tx, { client: (tx as unknown as { session: { client: postgres.TransactionSql } }).session.client, open });
        stores.set(tx, store);
        return await work(tx);
      });
    } catch (error) {
      // What the savepoint queued is dropped with it.
      open.queued.length = mark;
      throw error;
    }
  }
  const transactionState: OpenTransaction = { queued: [], savepoints: 0, root: store.root };
  const result = await (store.root as unknown as Transactional).transaction(async (tx) => {
    postgresHandles.set(tx, { client: (tx as unknown as { session: { client: postgres.TransactionSql } }).session.client, open: transactionState });
    stores.set(tx, store);
    return await currentTransaction.run(transactionState, async () => await work(tx));
  });
  for (const callback of transactionState.queued) runAfterCommit(callback);
  return result;
}

async function sqliteTransaction<T>(store: SqliteStore, db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
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
    throw rootHandleMisused();
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
 * loaders that run before a server serves or with nothing else open. Nothing may await inside.
 * SQLite only; the domain uses {@link transaction}.
 */
export function writeTransactionSync<T>(db: Db, work: (writer: SqliteDb) => T): T {
  const { writer } = sqliteStoreOf(db);
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
  const open = store.dialect === 'postgres' ? postgresHandles.get(db)?.open : db === store.writer ? store.open : undefined;
  if (open) open.queued.push(callback);
  else queueMicrotask(() => runAfterCommit(callback));
}
