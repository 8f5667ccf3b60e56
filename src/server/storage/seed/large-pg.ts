/**
 * The large tenant (seed/large.ts) on PostgreSQL. The SQLite loader builds it, as it always does,
 * in a scratch SQLite file — the same rows and IDs, from the same builders — and each of its tables
 * is then streamed into PostgreSQL with `COPY … FROM STDIN` in one transaction, with the tables'
 * own triggers (the kept counts and the management chain) disabled meanwhile: row by row they
 * would cost minutes. The kept tables are then built for the tenant in a few set-based statements,
 * the identity sequences moved past the loaded IDs, the triggers put back, and, after the commit,
 * the tables analysed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import postgres from 'postgres';
import { closeDatabase, openDatabase, openPostgres } from '../db.ts';
import { moveIdentitiesPastRows } from '../pg.ts';
import { seedDatabase } from './index.ts';
import { LARGE_TENANT_SIZE, largeIds, seedLargeTenant, type LargeTenantSize } from './large.ts';

const ofTenant = 'tenant_id = @tenant';
const ofTenantIn = (column: string, table: string) => `${column} IN (SELECT id FROM ${table} WHERE tenant_id = @tenant)`;

/**
 * Every table the large tenant writes rows to, in an order that satisfies the foreign keys (they
 * stay checked during the copy), with the rows of the tenant. The kept tables are not copied: they
 * are built on PostgreSQL afterwards (`buildKeptTables`).
 */
const COPIED: readonly (readonly [table: string, where: string])[] = [
  ['tenants', 'id = @tenant'],
  ['departments', ofTenant],
  ['order_property_definitions', ofTenant],
  ['acknowledgement_sets', ofTenant],
  ['features', ofTenant],
  ['catalog_devices', ofTenant],
  ['catalog_plans', ofTenant],
  ['plan_features', ofTenantIn('plan_id', 'catalog_plans')],
  ['catalog_accessories', ofTenant],
  ['accessory_models', ofTenantIn('accessory_id', 'catalog_accessories')],
  ['employees', ofTenant],
  ['employee_roles', ofTenant],
  ['device_assets', ofTenant],
  ['services', ofTenant],
  ['service_features', ofTenantIn('service_id', 'services')],
  ['orders', ofTenant],
  ['order_segments', ofTenantIn('order_id', 'orders')],
  ['order_approvals', ofTenantIn('order_id', 'orders')],
  ['order_history', ofTenantIn('order_id', 'orders')],
];

/** Tables whose triggers keep the counts and the chain; disabled while the rows are copied. */
const TRIGGERED = ['employees', 'employee_chain', 'device_assets', 'services', 'orders'] as const;

/** Rows per write to the COPY stream: large enough that the stream's overhead does not show. */
const ROWS_PER_CHUNK = 2000;

/** What COPY's text format writes for each character it escapes. */
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value in COPY's text format: `\N` for NULL; backslash, tab, newline and return escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return value.replace(/[\\\t\n\r]/g, (character) => COPY_ESCAPES[character]!);
  throw new Error(`a ${typeof value} value cannot be copied into PostgreSQL`);
}

/** The rows of one table as COPY text, a chunk of rows at a time, read lazily from SQLite. */
function* copyChunks(sqlite: Database.Database, table: string, columns: readonly string[], where: string, copied: { rows: number }): Generator<string> {
  const select = sqlite.prepare(`SELECT ${columns.map((column) => `"${column}"`).join(', ')} FROM "${table}" WHERE ${where}`).raw();
  let lines: string[] = [];
  for (const row of select.iterate({ tenant: largeIds.tenant }) as Iterable<unknown[]>) {
    lines.push(row.map(copyText).join('\t'));
    copied.rows += 1;
    if (lines.length === ROWS_PER_CHUNK) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

/**
 * Builds the kept tables of the tenant from its rows, as the triggers would have kept them row by
 * row (the migrations' data updates are the same statements over all tenants): the management
 * chain (at most 64 levels, as its queries walk it), the people, orders and lines of every
 * subtree, the name prefixes of the directory, and the tenant's order and device counts.
 */
async function buildKeptTables(tx: postgres.TransactionSql, tenantId: number): Promise<void> {
  await tx`
    WITH RECURSIVE up (employee_id, ancestor_id, depth) AS (
      SELECT id, id, 0 FROM employees WHERE tenant_id = ${tenantId}
      UNION ALL
      SELECT up.employee_id, e.manager_id, up.depth + 1 FROM up JOIN employees e ON e.id = up.ancestor_id
      WHERE e.manager_id IS NOT NULL AND up.depth < 64)
    INSERT INTO employee_chain (employee_id, ancestor_id) SELECT DISTINCT employee_id, ancestor_id FROM up`;
  await tx`
    INSERT INTO subtree_people_counts (employee_id, people)
    SELECT c.ancestor_id, count(*) FROM employee_chain c JOIN employees e ON e.id = c.ancestor_id
    WHERE e.tenant_id = ${tenantId} GROUP BY c.ancestor_id`;
  await tx`
    INSERT INTO subtree_order_counts (employee_id, orders)
    SELECT c.ancestor_id, count(*) FROM orders o JOIN employee_chain c ON c.employee_id = o.account_holder_id
    WHERE o.tenant_id = ${tenantId} GROUP BY c.ancestor_id`;
  await tx`
    INSERT INTO subtree_service_counts (employee_id, services)
    SELECT c.ancestor_id, count(*) FROM services s JOIN employee_chain c ON c.employee_id = s.employee_id
    WHERE s.tenant_id = ${tenantId} GROUP BY c.ancestor_id`;
  // Each person counts once under '' and once under each distinct prefix (employee_prefix_counts_keep).
  await tx`
    INSERT INTO employee_prefix_counts (tenant_id, prefix, employees)
    SELECT ${tenantId}, prefix, count(*) FROM (
      SELECT DISTINCT e.id, p.prefix FROM employees e CROSS JOIN LATERAL unnest(ARRAY[
        '', substr(lower(e.last_name), 1, 1), substr(lower(e.last_name), 1, 2),
        substr(lower(e.first_name), 1, 1), substr(lower(e.first_name), 1, 2),
        substr(lower(e.email), 1, 1), substr(lower(e.email), 1, 2)]) AS p (prefix)
      WHERE e.tenant_id = ${tenantId}) prefixes
    GROUP BY prefix`;
  // No row for a count of zero: the triggers write one at the first order or device.
  await tx`INSERT INTO tenant_order_counts (tenant_id, orders) SELECT tenant_id, count(*) FROM orders WHERE tenant_id = ${tenantId} GROUP BY tenant_id`;
  await tx`INSERT INTO tenant_device_counts (tenant_id, devices) SELECT tenant_id, count(*) FROM device_assets WHERE tenant_id = ${tenantId} GROUP BY tenant_id`;
}

/**
 * Drops the indexes of `tables` that back no constraint (the keys and unique constraints stay: the
 * foreign keys are checked through them) and returns the statements that create them again. Built
 * once over all rows after the copy, the search indexes (trigram GIN ones among them) cost a
 * fraction of what 360,000 rows' worth of inserts into them cost.
 */
async function dropSecondaryIndexes(tx: postgres.TransactionSql, tables: readonly string[]): Promise<string[]> {
  const indexes = await tx<{ name: string; definition: string }[]>`
    SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
    WHERE t.relnamespace = current_schema()::regnamespace AND t.relname IN ${tx(tables)}
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`;
  for (const { name } of indexes) await tx.unsafe(`DROP INDEX ${name}`);
  return indexes.map((index) => index.definition);
}

/** How long each part of a load took, ms, and the rows copied per table. */
export type PostgresLoadOutcome =
  | { seeded: false }
  | {
      seeded: true;
      milliseconds: number;
      sqliteMs: number;
      copyMs: number;
      keptMs: number;
      analyzeMs: number;
      rows: Record<string, number>;
      /** Each table's COPY, ms (the indexes rebuilt afterwards are in `copyMs` only). */
      tableMs: Record<string, number>;
    };

/**
 * Adds the large tenant to the PostgreSQL database at `url` (`postgres://…`): migrates it and
 * seeds the demo company first when it is empty (the tenant uses the demo's reference data), then
 * loads the tenant in one transaction. Does nothing when the tenant is there. The scratch SQLite
 * file lives in a temporary folder, deleted afterwards; it needs about 14 kB per employee at the
 * default size's proportions (about 1.4 GB at 100,000).
 *
 * The transaction holds exclusive locks on the copied tables from the first dropped index to the
 * commit (a minute or more at full size): a server on the same database waits meanwhile on every
 * query of those tables, every tenant's. Load before serving, as the bench does. Rejects with the
 * first error (the SQLite build's, a COPY's, columns that differ between the dialects); nothing of
 * the tenant is left in PostgreSQL then.
 */
export async function loadLargeTenantIntoPostgres(url: string, seededAt: Date, size: LargeTenantSize = LARGE_TENANT_SIZE): Promise<PostgresLoadOutcome> {
  const started = performance.now();
  const db = await openPostgres(url);
  try {
    await seedDatabase(db, 'demo', seededAt);
  } finally {
    await closeDatabase(db);
  }
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-large-'));
  try {
    const [present] = await client`SELECT 1 FROM tenants WHERE id = ${largeIds.tenant}`;
    if (present) return { seeded: false };

    const source = openDatabase(path.join(scratch, 'large.db'), { connections: 1 });
    const rows: Record<string, number> = {};
    const tableMs: Record<string, number> = {};
    let sqliteMs = 0;
    let copyMs = 0;
    let keptMs = 0;
    // Closed also when the build fails: a deleted file still open keeps its disk space (1.4 GB).
    try {
      // As `npm run seed:large` does on SQLite: nothing else has the file open, so no write-ahead log.
      source.$client.pragma('journal_mode = DELETE');
      source.$client.pragma('cache_size = -262144');
      await seedDatabase(source, 'demo', seededAt);
      await seedLargeTenant(source, seededAt, size);
      sqliteMs = performance.now() - started;

      await client.begin(async (tx) => {
        // Serialises with another loader of the same database; the server's seed takes the same kind of lock.
        await tx`SELECT pg_advisory_xact_lock(hashtext('mobproc large tenant'))`;
        const [again] = await tx`SELECT 1 FROM tenants WHERE id = ${largeIds.tenant}`;
        if (again) return;
        // USER leaves the foreign keys' internal triggers on: every copied row is still checked.
        for (const table of TRIGGERED) await tx`ALTER TABLE ${tx(table)} DISABLE TRIGGER USER`;
        const copyStarted = performance.now();
        const secondary = await dropSecondaryIndexes(tx, COPIED.map(([table]) => table));
        const copiedColumns = await tx<{ table: string; name: string }[]>`
          SELECT table_name AS table, column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name IN ${tx(COPIED.map(([table]) => table))} AND is_generated = 'NEVER'`;
        for (const [table, where] of COPIED) {
          const targetColumns = new Set(copiedColumns.filter((column) => column.table === table).map((column) => column.name));
          const columns = (source.$client.pragma(`table_info("${table}")`) as { name: string }[]).map((column) => column.name);
          const differing = [...[...targetColumns].filter((column) => !columns.includes(column)), ...columns.filter((column) => !targetColumns.has(column))];
          if (differing.length > 0) throw new Error(`${table} has columns on one dialect only (${differing.join(', ')}): the schemas must match`);
          const stream = await tx`COPY ${tx(table)} (${tx(columns)}) FROM STDIN`.writable();
          const copied = { rows: 0 };
          const tableStarted = performance.now();
          await pipeline(Readable.from(copyChunks(source.$client, table, columns, where, copied)), stream);
          rows[table] = copied.rows;
          tableMs[table] = Math.round(performance.now() - tableStarted);
        }
        await tx`SET LOCAL maintenance_work_mem = '256MB'`;
        for (const definition of secondary) await tx.unsafe(definition);
        copyMs = performance.now() - copyStarted;
        const keptStarted = performance.now();
        await buildKeptTables(tx, largeIds.tenant);
        // COPY writes IDs the sequences do not see.
        await moveIdentitiesPastRows(tx, COPIED.map(([table]) => table));
        for (const table of TRIGGERED) await tx`ALTER TABLE ${tx(table)} ENABLE TRIGGER USER`;
        keptMs = performance.now() - keptStarted;
      });
    } finally {
      await closeDatabase(source);
    }
    if (Object.keys(rows).length === 0) return { seeded: false };
    const analyzeStarted = performance.now();
    await client`ANALYZE`;
    const analyzeMs = performance.now() - analyzeStarted;
    return { seeded: true, milliseconds: performance.now() - started, sqliteMs, copyMs, keptMs, analyzeMs, rows, tableMs };
  } finally {
    await client.end({ timeout: 5 });
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
