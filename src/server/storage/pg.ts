/**
 * PostgreSQL, the second dialect (decision record 0017): its migrations. `openPostgres`
 * (storage/db.ts) applies them on start, as `openDatabase` does SQLite's.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';

/** Where drizzle-kit writes the PostgreSQL migrations (`drizzle.pg.config.ts`). */
export const pgMigrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations-pg');

/** Any fixed number: the session lock that lets one instance at a time apply migrations. */
const MIGRATION_LOCK = 0x6d6f6270;

/**
 * Applies the migrations in `migrations-pg/` that the database at `url` (a `postgres://` URL) has
 * not had yet, each once, in order. Several instances may start at once: they take turns on a
 * session advisory lock, and the later ones find nothing left to do. Rejects with the server's
 * error if the database cannot be reached or a migration fails (that migration is rolled back).
 */
export async function migratePostgres(url: string): Promise<void> {
  // One connection, so the advisory lock and the migrations share a session.
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`SELECT pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(client), { migrationsFolder: pgMigrationsFolder });
  } finally {
    await client.end();
  }
}

/**
 * Moves the identity sequence of each table (of `tables`, else of every table of the schema) past
 * the highest ID the table holds, on `client` (a pool, or a transaction's connection). Rows written
 * with their own IDs (the seeds, `COPY`) do not move the sequence, and the next row the database
 * numbers would collide with one of them. An empty table's sequence is left where it is.
 */
export async function moveIdentitiesPastRows(client: postgres.Sql | postgres.TransactionSql, tables?: readonly string[]): Promise<void> {
  const identities = await client<{ table: string; column: string }[]>`
    SELECT table_name AS table, column_name AS column FROM information_schema.columns
    WHERE table_schema = current_schema() AND is_identity = 'YES'`;
  for (const { table, column } of identities) {
    if (tables && !tables.includes(table)) continue;
    await client`
      SELECT setval(pg_get_serial_sequence(quote_ident(${table}), ${column}), max(${client(column)}))
      FROM ${client(table)} HAVING max(${client(column)}) IS NOT NULL`;
  }
}
