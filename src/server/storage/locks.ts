/**
 * What several server instances on one PostgreSQL need where one SQLite writer needed nothing
 * (decision 17, "Transactions"): row locks taken first in the transactions that change a row, the
 * `SKIP LOCKED` clause of the workers' claims, and the unique violations that answer a clash. On
 * SQLite each of these is a no-op or the same SQL without the clause: its transactions already run
 * one at a time (`BEGIN IMMEDIATE`), so a check inside one cannot be overtaken.
 */
import { sql, type SQL } from 'drizzle-orm';
import { dialectOf, type Db, type Dialect } from './db.ts';

/** The tables whose rows a transaction locks before it re-checks and changes them. */
export type LockedTable = 'orders' | 'services' | 'device_assets';

/**
 * Runs a raw Drizzle `sql` query on the handle's connection (the transaction's, when `db` is one)
 * and returns its rows, keyed by the names the query selects or returns.
 */
export async function runSql<T>(db: Db, query: SQL): Promise<T[]> {
  if (dialectOf(db) === 'postgres') return [...(await (db as unknown as { execute: (q: SQL) => Promise<Iterable<T>> }).execute(query))];
  return db.all<T>(query);
}

/**
 * Locks row `id` of `table` until the transaction `db` ends: on PostgreSQL `SELECT … FOR UPDATE`,
 * so a second instance changing the same row waits here, then reads what the first committed
 * (READ COMMITTED); on SQLite nothing, the transaction holds the only write lock already. Call it
 * first in the transaction, before reading what the change depends on. Resolves whether or not
 * the row exists.
 */
export async function lockForUpdate(db: Db, table: LockedTable, id: number): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await runSql(db, sql`SELECT id FROM ${sql.identifier(table)} WHERE id = ${id} FOR UPDATE`);
}

/**
 * Locks a name (anything that is not a row, such as a phone number) until the transaction `db`
 * ends: on PostgreSQL a transaction-scoped advisory lock on the name's 64-bit hash (a clash of two
 * names only makes one wait for the other); on SQLite nothing, as for {@link lockForUpdate}.
 */
export async function lockName(db: Db, name: string): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await runSql(db, sql`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`);
}

/**
 * The end of a claim's inner select: on PostgreSQL `FOR UPDATE SKIP LOCKED`, so instances claiming
 * at once each take rows no other holds instead of queueing on the same ones; on SQLite nothing.
 */
export const skipLocked = (dialect: Dialect): SQL => (dialect === 'postgres' ? sql` FOR UPDATE SKIP LOCKED` : sql``);

/**
 * Whether `error` is the violation of the unique index `index` on `table`'s `columns`: PostgreSQL
 * `23505` names the index (`constraint_name`); SQLite (`SQLITE_CONSTRAINT_UNIQUE`) names only
 * `table.column`, which for the indexes asked about here is one index.
 */
export function violates(error: unknown, index: string, table: string, columns: readonly string[]): boolean {
  // Drizzle wraps a driver's error in its own (`DrizzleQueryError`), with the driver's as `cause`.
  for (let cause = error, depth = 0; typeof cause === 'object' && cause !== null && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    const { code, constraint_name: constraint, message } = cause as { code?: unknown; constraint_name?: unknown; message?: unknown };
    if (code === '23505') return constraint === index;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE') return typeof message === 'string' && message.endsWith(`: ${columns.map((column) => `${table}.${column}`).join(', ')}`);
  }
  return false;
}
