/**
 * The large tenant's PostgreSQL loader (seed/large-pg.ts), at a small size: the same rows as the
 * SQLite loader builds, the kept tables as the triggers keep them, sequences past the loaded IDs,
 * the triggers back on, and a server on the loaded database answering as one on SQLite does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, openPostgres, type SqliteDb } from '../storage/db.ts';
import { seedDatabase } from '../storage/seed/index.ts';
import { largeIds, seedLargeTenant, type LargeTenantSize } from '../storage/seed/large.ts';
import { loadLargeTenantIntoPostgres, type PostgresLoadOutcome } from '../storage/seed/large-pg.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { postgresAvailability, startTestDatabase, type TestDatabase } from './postgres.ts';
import { apiGet, signIn } from './session.ts';

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

// Over 1,112 people: the seed names index 1112 (`lead.large`).
const SIZE: LargeTenantSize = { employees: 1500, lines: 600, catalogItems: 250, orders: 3000 };
const KEPT = ['employee_chain', 'subtree_people_counts', 'subtree_order_counts', 'subtree_service_counts', 'employee_prefix_counts', 'tenant_order_counts', 'tenant_device_counts'];

describe.skipIf(!availability.available)('the large tenant loaded into PostgreSQL', () => {
  const seededAt = new Date('2026-11-30T12:00:00.000Z');
  let database: TestDatabase;
  let pg: postgres.Sql;
  let folder: string;
  let sqlite: SqliteDb;
  let outcome: PostgresLoadOutcome;
  let migratedIndexes: string[];
  let migratedConstraints: string[];
  const indexesOf = async (sql: postgres.Sql) =>
    (await sql<{ definition: string }[]>`SELECT indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`).map((row) => row.definition);
  const constraintsOf = async (sql: postgres.Sql) =>
    (
      await sql<{ definition: string }[]>`
        SELECT c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) || ' ' || c.convalidated AS definition
        FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid WHERE t.relnamespace = current_schema()::regnamespace ORDER BY 1`
    ).map((row) => row.definition);

  beforeAll(async () => {
    database = await startTestDatabase();
    pg = postgres(database.url, { max: 1, onnotice: () => {} });
    // The indexes as the migrations make them: the loader drops some for the copy and must put each back.
    await closeDatabase(await openPostgres(database.url));
    migratedIndexes = await indexesOf(pg);
    migratedConstraints = await constraintsOf(pg);
    outcome = await loadLargeTenantIntoPostgres(database.url, seededAt, SIZE);
    // The source to compare with: the SQLite loader on its own, as `npm run seed:large` runs it.
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-large-test-'));
    sqlite = openDatabase(path.join(folder, 'large.db'), { connections: 1 });
    await seedDatabase(sqlite, 'demo', seededAt);
    await seedLargeTenant(sqlite, seededAt, SIZE);
  }, 180_000);

  afterAll(async () => {
    await pg?.end();
    if (sqlite) await closeDatabase(sqlite);
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
    await database?.stop();
  }, 60_000);

  const sqliteRows = (query: string) => sqlite.$client.prepare(query).all() as Record<string, unknown>[];

  it('holds as many rows in every table as the SQLite loader writes', async () => {
    expect(outcome.seeded).toBe(true);
    const onPostgres = new Set((await pg<{ name: string }[]>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()`).map((row) => row.name));
    const tables = sqliteRows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%drizzle%'")
      .map((row) => String(row.name))
      .filter((name) => onPostgres.has(name))
      .sort();
    expect(tables).toEqual(expect.arrayContaining(['employees', 'orders', 'order_history', 'services', ...KEPT]));
    const counts = async (name: string) => ({
      sqlite: Number(sqliteRows(`SELECT count(*) AS n FROM "${name}"`)[0]!.n),
      postgres: Number((await pg.unsafe(`SELECT count(*) AS n FROM "${name}"`))[0]!.n),
    });
    const differing: string[] = [];
    for (const name of tables) {
      const { sqlite: expected, postgres: actual } = await counts(name);
      if (expected !== actual) differing.push(`${name}: SQLite ${expected}, PostgreSQL ${actual}`);
    }
    expect(differing).toEqual([]);
    expect((await counts('employees')).postgres).toBeGreaterThan(SIZE.employees);
    expect((await counts('orders')).postgres).toBe(SIZE.orders);
  });

  it('holds the same rows as the SQLite loader writes, column by column, in every table the load writes', async () => {
    const written = ['tenants', 'departments', 'order_property_definitions', 'acknowledgement_sets', 'features', 'catalog_devices', 'catalog_plans', 'plan_features', 'catalog_accessories', 'accessory_models', 'employees', 'employee_roles', 'device_assets', 'services', 'service_features', 'orders', 'order_segments', 'order_approvals', 'order_history'];
    const differing: string[] = [];
    for (const table of written) {
      const columns = await pg<{ name: string; type: string }[]>`
        SELECT column_name AS name, data_type AS type FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`;
      // As SQLite gives them: JSON as its text, booleans as 1/0.
      const select = columns.map(({ name, type }) => (type === 'json' ? `"${name}"::text AS "${name}"` : type === 'boolean' ? `"${name}"::int AS "${name}"` : `"${name}"`)).join(', ');
      const onPostgres = (await pg.unsafe(`SELECT ${select} FROM "${table}" ORDER BY 1, 2`)).map((row) => ({ ...row }));
      const onSqlite = sqliteRows(`SELECT ${columns.map(({ name }) => `"${name}"`).join(', ')} FROM "${table}" ORDER BY 1, 2`);
      expect(onPostgres.length, table).toBeGreaterThan(0);
      const first = onSqlite.findIndex((row, index) => JSON.stringify(row) !== JSON.stringify(onPostgres[index]));
      if (first >= 0 || onSqlite.length !== onPostgres.length) {
        differing.push(`${table}: ${onSqlite.length} rows on SQLite, ${onPostgres.length} on PostgreSQL; first differing row ${JSON.stringify(onSqlite[first])} ≠ ${JSON.stringify(onPostgres[first])}`);
      }
    }
    expect(differing).toEqual([]);
    // The clones carry the template's JSON verbatim, one segment, approval and history entry each.
    const [order] = await pg`SELECT effects::text AS effects FROM orders WHERE id = ${largeIds.firstOrder + SIZE.orders - 1}`;
    expect(JSON.parse(String(order!.effects))).toBeTypeOf('object');
    const [perOrder] = await pg`
      SELECT count(*)::int AS orders,
             (SELECT count(*)::int FROM order_segments s JOIN orders o ON o.id = s.order_id WHERE o.tenant_id = ${largeIds.tenant}) AS segments,
             (SELECT count(*)::int FROM order_approvals a JOIN orders o ON o.id = a.order_id WHERE o.tenant_id = ${largeIds.tenant}) AS approvals,
             (SELECT count(*)::int FROM order_history h JOIN orders o ON o.id = h.order_id WHERE o.tenant_id = ${largeIds.tenant}) AS history
      FROM orders WHERE tenant_id = ${largeIds.tenant}`;
    expect({ ...perOrder }).toEqual({ orders: SIZE.orders, segments: SIZE.orders, approvals: SIZE.orders, history: SIZE.orders });
  });

  it('compresses the orders’ JSON with lz4 where the server has it', async () => {
    const [server] = await pg`SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`;
    // Only the values compressed at all: a short one stays inline, uncompressed (NULL).
    const methods = await pg`
      SELECT DISTINCT method FROM orders CROSS JOIN LATERAL unnest(ARRAY[pg_column_compression(effects), pg_column_compression(confirmation),
        pg_column_compression(properties), pg_column_compression(ship_to)]) AS m (method)
      WHERE tenant_id = ${largeIds.tenant} AND method IS NOT NULL`;
    expect(methods.map((row) => row.method)).toEqual([server!.lz4 ? 'lz4' : 'pglz']);
  });

  it('keeps the counts the triggers keep: equal to SQLite’s and to counts made afresh', async () => {
    for (const table of KEPT) {
      const ordered = `SELECT * FROM "${table}" ORDER BY 1, 2`;
      const onPostgres = (await pg.unsafe(ordered)).map((row) => ({ ...row }));
      expect(onPostgres, table).toEqual(sqliteRows(ordered));
    }
    const fresh = async (query: string) => (await pg.unsafe(query)).map((row) => ({ ...row }));
    expect(await fresh('SELECT tenant_id, orders FROM tenant_order_counts ORDER BY 1')).toEqual(
      await fresh('SELECT tenant_id, count(*)::int AS orders FROM orders GROUP BY tenant_id ORDER BY 1'),
    );
    expect(await fresh('SELECT tenant_id, devices FROM tenant_device_counts ORDER BY 1')).toEqual(
      await fresh('SELECT tenant_id, count(*)::int AS devices FROM device_assets GROUP BY tenant_id ORDER BY 1'),
    );
    expect(await fresh(`SELECT tenant_id, employees FROM employee_prefix_counts WHERE prefix = '' ORDER BY 1`)).toEqual(
      await fresh('SELECT tenant_id, count(*)::int AS employees FROM employees GROUP BY tenant_id ORDER BY 1'),
    );
    expect(await fresh('SELECT employee_id, orders FROM subtree_order_counts ORDER BY 1')).toEqual(
      await fresh('SELECT c.ancestor_id AS employee_id, count(*)::int AS orders FROM orders o JOIN employee_chain c ON c.employee_id = o.account_holder_id GROUP BY 1 ORDER BY 1'),
    );
    expect(await fresh('SELECT employee_id, services FROM subtree_service_counts ORDER BY 1')).toEqual(
      await fresh('SELECT c.ancestor_id AS employee_id, count(*)::int AS services FROM services s JOIN employee_chain c ON c.employee_id = s.employee_id GROUP BY 1 ORDER BY 1'),
    );
    // The chief executive is above everyone of the tenant: her subtree is the whole tenant.
    const top = largeIds.firstEmployee;
    const [subtree] = await pg`
      SELECT (SELECT people FROM subtree_people_counts WHERE employee_id = ${top}) AS people,
             (SELECT orders FROM subtree_order_counts WHERE employee_id = ${top}) AS orders,
             (SELECT services FROM subtree_service_counts WHERE employee_id = ${top}) AS services`;
    expect({ ...subtree }).toEqual({ people: SIZE.employees, orders: SIZE.orders, services: SIZE.lines });
  });

  it('moves every loaded identity past its highest ID and leaves no trigger disabled, no index and no foreign key missing', async () => {
    expect(await indexesOf(pg)).toEqual(migratedIndexes);
    const constraints = await constraintsOf(pg);
    expect(constraints.filter((definition) => definition.includes('FOREIGN KEY')).length).toBeGreaterThan(20);
    expect(constraints).toEqual(migratedConstraints);
    const identities = await pg<{ table: string; column: string }[]>`
      SELECT table_name AS table, column_name AS column FROM information_schema.columns
      WHERE table_schema = current_schema() AND is_identity = 'YES' AND table_name IN ('orders', 'order_history', 'employees', 'services', 'device_assets')`;
    expect(identities.map((row) => row.table).sort()).toEqual(['device_assets', 'employees', 'order_history', 'orders', 'services']);
    for (const { table, column } of identities) {
      const [state] = await pg.unsafe(`SELECT (SELECT last_value FROM ${String((await pg`SELECT pg_get_serial_sequence(${`"${table}"`}, ${column}) AS s`)[0]!.s)}) AS next, max("${column}") AS highest FROM "${table}"`);
      expect(Number(state!.next), table).toBeGreaterThanOrEqual(Number(state!.highest));
    }
    // An insert that leaves the ID to the database gets a new one.
    const holder = largeIds.firstEmployee + SIZE.employees - 1;
    const [highest] = await pg`SELECT max(id) AS id FROM order_history`;
    const [inserted] = await pg`
      INSERT INTO order_history (order_id, date_time, status, description, actor_id, requested_by_id)
      VALUES (${largeIds.firstOrder}, ${seededAt.toISOString()}, 'COMPLETE', 'A note from the loader test.', NULL, ${holder}) RETURNING id`;
    expect(Number(inserted!.id)).toBeGreaterThan(Number(highest!.id));
    const disabled = await pg`SELECT tgrelid::regclass::text AS table, tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'`;
    expect(disabled.map((row) => ({ ...row }))).toEqual([]);
  });

  it('leaves statistics on every table it wrote to, the kept ones included', async () => {
    const withRows = ['employees', 'services', 'device_assets', 'orders', 'order_segments', 'order_approvals', 'order_history', ...KEPT];
    const analysed = new Set((await pg<{ table: string }[]>`SELECT DISTINCT tablename AS table FROM pg_stats WHERE schemaname = current_schema()`).map((row) => row.table));
    expect(withRows.filter((table) => !analysed.has(table))).toEqual([]);
  });

  it('serves a manager’s order list with the same total as a server on the SQLite source', async () => {
    const totalOn = async (server: TestServer) => {
      const session = await signIn(server, largeIds.logins.manager, { tenant: largeIds.code });
      const answer = await apiGet(server, session, '/orders?limit=10&offset=0');
      expect(answer.status).toBe(200);
      return (answer.body as { orders: { _meta: { totalCount: number } } }).orders._meta.totalCount;
    };
    const onPostgres = await startTestServer({ DATABASE_URL: database.url });
    const onSqlite = await startTestServer({ DATABASE_URL: `file:${path.join(folder, 'large.db')}` });
    try {
      const [postgresTotal, sqliteTotal] = [await totalOn(onPostgres), await totalOn(onSqlite)];
      expect(postgresTotal).toBeGreaterThan(0);
      expect(postgresTotal).toBe(sqliteTotal);
    } finally {
      await onPostgres.close();
      await onSqlite.close();
    }
  }, 60_000);
});

describe.skipIf(!availability.available)('a load of the large tenant that fails in its SQLite build', () => {
  /** The files this process holds open in the loader's scratch folders (a deleted one still takes its disk space). */
  const openScratchFiles = () =>
    fs
      .readdirSync('/proc/self/fd')
      .map((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`);
        } catch {
          return '';
        }
      })
      .filter((target) => target.includes('mobproc-large-'));

  it('rejects with the build’s error and leaves no scratch file open', async () => {
    const database = await startTestDatabase();
    try {
      // Too few people for the catalog's orders: the SQLite builder refuses one of them.
      await expect(loadLargeTenantIntoPostgres(database.url, new Date('2026-11-30T12:00:00.000Z'), { employees: 5, lines: 2, catalogItems: 1, orders: 1 })).rejects.toThrow(
        /no catalog device/,
      );
      expect(openScratchFiles()).toEqual([]);
    } finally {
      await database.stop();
    }
  }, 120_000);
});
