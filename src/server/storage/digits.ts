import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

/**
 * The digits of a phone number as written (`+1 (206) 555-0142` → `12065550142`). One definition
 * for the index on it (schema.ts) and the queries that use that index, which must name the same
 * expression for SQLite to use it.
 */
export const digitsOf = (column: SQLWrapper): SQL =>
  sql`replace(replace(replace(replace(replace(replace(${column}, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')`;
