import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { clientOf, type Db } from '../db.ts';

/**
 * Inserts many rows of one table through a single prepared statement (no query is built per row):
 * values are mapped to what the driver stores by the schema's own columns (JSON to text, booleans
 * to 0/1). Every row must give the same columns as the first. Run it inside a transaction.
 */
export function bulkInsert<T extends SQLiteTable>(db: Db, table: T, rows: readonly T['$inferInsert'][]): void {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([name]) => name in (rows[0] as object));
  const insert = clientOf(db).prepare(
    `INSERT INTO "${getTableName(table)}" (${columns.map(([, column]) => `"${column.name}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    insert.run(columns.map(([name, column]) => (record[name] == null ? null : column.mapToDriverValue(record[name]))));
  }
}
