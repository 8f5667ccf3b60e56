/**
 * New IDs for rows whose other columns are made from their own ID (a shipped device's serial, a
 * new line's number): the ID must be known before the insert.
 */
import { sql } from 'drizzle-orm';
import { dialectOf, type Db } from './db.ts';
import { runSql } from './locks.ts';
import { one } from './statements.ts';

/** Tables whose next ID the domain asks for before inserting. */
export type NumberedTable = 'device_assets' | 'services';

/**
 * The ID the next row of `table` gets, taken for the caller alone. On PostgreSQL the next value of
 * the table's identity sequence: two instances inserting at once each get their own (the highest
 * ID plus one, read by both, would be the same, and the second insert would fail on the primary
 * key). On SQLite the highest ID plus one: the transaction holds the only write lock, so nobody
 * else inserts before it.
 */
export async function nextId(db: Db, table: NumberedTable): Promise<number> {
  if (dialectOf(db) === 'postgres') {
    const [row] = await runSql<{ id: string | number }>(db, sql`SELECT nextval(pg_get_serial_sequence(${table}, 'id')) AS id`);
    return Number(row!.id);
  }
  return (await one<{ next: number }>(db, `SELECT COALESCE(MAX(id), 0) + 1 AS next FROM ${table}`))?.next ?? 1;
}
