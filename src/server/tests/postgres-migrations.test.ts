/**
 * The generated PostgreSQL migrations (`storage/migrations-pg/`, decision record 0017) applied to a
 * fresh database on a real PostgreSQL server: every table, column, index and trigger of
 * `schema.pg.ts` and of the hand-written part exists as described, the order-count triggers keep
 * their count, and the trigram indexes serve a substring search.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { orderStatus, transactionType } from '../../contract/index.ts';
import { migratePostgres } from '../storage/pg.ts';
import { foldForSearch, refoldPostgres, SEARCH_FOLD_VERSION } from '../storage/search-fold.ts';
import * as pgSchema from '../storage/schema.pg.ts';
import { postgresAvailability, startTestDatabase, type TestDatabase } from './postgres.ts';

/** The migrations drizzle-kit generated, each to be applied once. */
const journal = JSON.parse(fs.readFileSync(new URL('../storage/migrations-pg/meta/_journal.json', import.meta.url), 'utf8')) as { entries: unknown[] };

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

const tables = Object.values(pgSchema as Record<string, unknown>)
  .filter((value): value is PgTable => is(value, PgTable))
  .map(getTableConfig);

/** What information_schema calls each Drizzle column type of schema.pg.ts. */
const dataTypeOf: Record<string, string> = { PgInteger: 'integer', PgText: 'text', PgBoolean: 'boolean', PgJson: 'json' };

/** The hand-written indexes and triggers at the end of the initial migration. */
const trigramIndexes = ['device_assets_search_serial', 'employees_search_email', 'employees_search_name', 'services_search_digits', 'services_search_number'];
const serviceCountTriggers = ['subtree_service_counts_delete', 'subtree_service_counts_insert', 'subtree_service_counts_update'];
const orderCountTriggers = ['subtree_order_counts_delete', 'subtree_order_counts_insert', 'subtree_order_counts_update', 'tenant_order_counts_delete', 'tenant_order_counts_insert', 'tenant_order_counts_update'];
const prefixCountTriggers = ['employee_chain_delete', 'employee_chain_insert', 'employee_chain_move', 'employee_prefix_counts_delete', 'employee_prefix_counts_insert', 'employee_prefix_counts_update'];
const deviceCountTriggers = ['tenant_device_counts_delete', 'tenant_device_counts_insert', 'tenant_device_counts_update'];

describe.skipIf(!availability.available)('PostgreSQL migrations', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;

  beforeAll(async () => {
    database = await startTestDatabase();
    await migratePostgres(database.url);
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await database?.stop();
  }, 60_000);

  it('create every table and column of schema.pg.ts, with its type, nullability and identity', async () => {
    const rows = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string; is_identity: string }[]>`
      SELECT table_name, column_name, data_type, is_nullable, is_identity FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, column_name`;
    const expected = tables
      .flatMap((table) =>
        table.columns.map((column) => ({
          table_name: table.name,
          column_name: column.name,
          data_type: dataTypeOf[column.columnType] ?? column.columnType,
          is_nullable: column.notNull ? 'NO' : 'YES',
          is_identity: (column as { generatedIdentity?: unknown }).generatedIdentity ? 'YES' : 'NO',
        })),
      )
      .sort((a, b) => a.table_name.localeCompare(b.table_name) || a.column_name.localeCompare(b.column_name));
    expect(expected.length).toBeGreaterThan(200);
    expect(rows.map((row) => ({ ...row }))).toEqual(expected);
  });

  it("create every index of schema.pg.ts and the hand-written trigram indexes, and the order-count triggers", async () => {
    const indexes = await sql<{ indexname: string }[]>`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`;
    const names = new Set(indexes.map((row) => row.indexname));
    const declared = tables.flatMap((table) => table.indexes.map((index) => index.config.name!));
    expect(declared.filter((name) => !names.has(name))).toEqual([]);
    expect(trigramIndexes.filter((name) => !names.has(name))).toEqual([]);

    const triggers = await sql<{ trigger_name: string }[]>`
      SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE event_object_table = 'orders' ORDER BY trigger_name`;
    expect(triggers.map((row) => row.trigger_name)).toEqual(orderCountTriggers);
    const employeeTriggers = await sql<{ trigger_name: string }[]>`
      SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE event_object_table = 'employees' ORDER BY trigger_name`;
    // And the one that folds a name changed in SQL without its folded form (migration 0011).
    expect(employeeTriggers.map((row) => row.trigger_name)).toEqual([...prefixCountTriggers, 'employees_renamed_fold']);
    const deviceTriggers = await sql<{ trigger_name: string }[]>`
      SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE event_object_table = 'device_assets' ORDER BY trigger_name`;
    expect(deviceTriggers.map((row) => row.trigger_name)).toEqual(deviceCountTriggers);
    const serviceTriggers = await sql<{ trigger_name: string }[]>`
      SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE event_object_table = 'services' ORDER BY trigger_name`;
    expect(serviceTriggers.map((row) => row.trigger_name)).toEqual(serviceCountTriggers);
    const chainTriggers = await sql<{ trigger_name: string }[]>`
      SELECT DISTINCT trigger_name FROM information_schema.triggers WHERE event_object_table = 'employee_chain' ORDER BY trigger_name`;
    expect(chainTriggers.map((row) => row.trigger_name)).toEqual(['subtree_people_counts_delete', 'subtree_people_counts_insert']);
  });

  it('apply each migration once: running them again changes nothing', async () => {
    await migratePostgres(database.url);
    const applied = await sql`SELECT hash FROM drizzle.__drizzle_migrations`;
    expect(applied).toHaveLength(journal.entries.length);
  });

  it("keep each tenant's order count as orders are added, moved and deleted", async () => {
    const [first, second] = await sql<{ id: number }[]>`
      INSERT INTO tenants (code, name, approval_policy) VALUES ('PGA', 'First', '{}'), ('PGB', 'Second', '{}') RETURNING id`;
    const people = await sql<{ id: number }[]>`
      INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, first_name_folded, last_name_folded, email_folded, status, custom_attributes, updated_at)
      VALUES (${first!.id}, 'E1', 'Ada', 'Lovelace', 'ada@example.test', lower('Ada'), lower('Lovelace'), lower('ada@example.test'), 'ACTIVE', '[]', '2026-11-30T00:00:00.000Z'),
             (${second!.id}, 'E2', 'Alan', 'Turing', 'alan@example.test', lower('Alan'), lower('Turing'), lower('alan@example.test'), 'ACTIVE', '[]', '2026-11-30T00:00:00.000Z')
      RETURNING id`;
    const counts = async () =>
      Object.fromEntries((await sql<{ tenant_id: number; orders: number }[]>`SELECT tenant_id, orders FROM tenant_order_counts`).map((row) => [row.tenant_id, row.orders]));
    const addOrder = async (tenantId: number, personId: number) =>
      (
        await sql<{ id: number }[]>`
          INSERT INTO orders (tenant_id, transaction_type, status, account_holder_id, requested_by_id, effects, confirmation, properties, ship_to, date_submitted, updated_at)
          VALUES (${tenantId}, ${transactionType.enum.NEW_ACTIVATION}, ${orderStatus.enum.ORDER_SUBMITTED}, ${personId}, ${personId}, '{}', '{}', '[]', '{}', '2026-11-30T00:00:00.000Z', '2026-11-30T00:00:00.000Z')
          RETURNING id`
      )[0]!.id;

    const a = await addOrder(first!.id, people[0]!.id);
    await addOrder(first!.id, people[0]!.id);
    await addOrder(second!.id, people[1]!.id);
    expect(await counts()).toEqual({ [first!.id]: 2, [second!.id]: 1 });

    await sql`UPDATE orders SET tenant_id = ${second!.id} WHERE id = ${a}`;
    expect(await counts()).toEqual({ [first!.id]: 1, [second!.id]: 2 });

    await sql`DELETE FROM orders WHERE id = ${a}`;
    expect(await counts()).toEqual({ [first!.id]: 1, [second!.id]: 1 });
  });

  it('let two transactions add orders of one tenant side by side: the kept counts change at commit, so an open transaction holds no count row', async () => {
    const [tenant] = await sql<{ id: number }[]>`INSERT INTO tenants (code, name, approval_policy) VALUES ('PGC', 'Side by side', '{}') RETURNING id`;
    const [person] = await sql<{ id: number }[]>`
      INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, first_name_folded, last_name_folded, email_folded, status, custom_attributes, updated_at)
      VALUES (${tenant!.id}, 'E3', 'Grace', 'Hopper', 'grace@example.test', lower('Grace'), lower('Hopper'), lower('grace@example.test'), 'ACTIVE', '[]', '2026-11-30T00:00:00.000Z')
      RETURNING id`;
    const addOrder = (run: postgres.TransactionSql) => run`
      INSERT INTO orders (tenant_id, transaction_type, status, account_holder_id, requested_by_id, effects, confirmation, properties, ship_to, date_submitted, updated_at)
      VALUES (${tenant!.id}, ${transactionType.enum.NEW_ACTIVATION}, ${orderStatus.enum.ORDER_SUBMITTED}, ${person!.id}, ${person!.id}, '{}', '{}', '[]', '{}', '2026-11-30T00:00:00.000Z', '2026-11-30T00:00:00.000Z')`;
    const other = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      await other.begin(async (open) => {
        await addOrder(open);
        // While that order's transaction is still open (a submit goes on to write its history,
        // approvals and email), another instance's order of the same tenant commits. With the counts
        // kept at the insert it waited for the tenant's and the managers' count rows; the lock
        // timeout turns that wait into this test's failure.
        await sql.begin(async (tx) => {
          await tx`SET LOCAL lock_timeout = '2s'`;
          await addOrder(tx);
        });
      });
      const [kept] = await sql<{ orders: number }[]>`SELECT orders FROM tenant_order_counts WHERE tenant_id = ${tenant!.id}`;
      const [subtree] = await sql<{ orders: number }[]>`SELECT orders FROM subtree_order_counts WHERE employee_id = ${person!.id}`;
      expect([kept?.orders, subtree?.orders]).toEqual([2, 2]);
    } finally {
      await other.end();
    }
  });

  it("keep each tenant's device count as devices are added, moved and deleted", async () => {
    const [first, second] = await sql<{ id: number }[]>`
      INSERT INTO tenants (code, name, approval_policy) VALUES ('PGDA', 'First', '{}'), ('PGDB', 'Second', '{}') RETURNING id`;
    const [maker] = await sql<{ id: number }[]>`INSERT INTO manufacturers (name) VALUES ('Maker') RETURNING id`;
    const [model] = await sql<{ id: number }[]>`INSERT INTO models (manufacturer_id, name) VALUES (${maker!.id}, 'Phone') RETURNING id`;
    const counts = async () =>
      Object.fromEntries(
        (await sql<{ tenant_id: number; devices: number }[]>`SELECT tenant_id, devices FROM tenant_device_counts WHERE tenant_id IN (${first!.id}, ${second!.id})`).map((row) => [
          row.tenant_id,
          row.devices,
        ]),
      );
    const addDevice = async (tenantId: number, serial: string) =>
      (
        await sql<{ id: number }[]>`
          INSERT INTO device_assets (tenant_id, manufacturer_id, model_id, serial_type, serial_value, access_method, updated_at)
          VALUES (${tenantId}, ${maker!.id}, ${model!.id}, 'IMEI', ${serial}, 'GSM', '2026-11-30T00:00:00.000Z')
          RETURNING id`
      )[0]!.id;

    const a = await addDevice(first!.id, 'S1');
    await addDevice(first!.id, 'S2');
    await addDevice(second!.id, 'S3');
    expect(await counts()).toEqual({ [first!.id]: 2, [second!.id]: 1 });

    await sql`UPDATE device_assets SET tenant_id = ${second!.id} WHERE id = ${a}`;
    expect(await counts()).toEqual({ [first!.id]: 1, [second!.id]: 2 });

    await sql`DELETE FROM device_assets WHERE id = ${a}`;
    expect(await counts()).toEqual({ [first!.id]: 1, [second!.id]: 1 });
  });

  it("keep each tenant's employee count per one- and two-character prefix as people are added, renamed and deleted", async () => {
    const [tenant] = await sql<{ id: number }[]>`INSERT INTO tenants (code, name, approval_policy) VALUES ('PGP', 'Prefixes', '{}') RETURNING id`;
    const counts = async () =>
      Object.fromEntries(
        (await sql<{ prefix: string; employees: number }[]>`SELECT prefix, employees FROM employee_prefix_counts WHERE tenant_id = ${tenant!.id} AND employees > 0`).map((row) => [
          row.prefix,
          row.employees,
        ]),
      );
    const [ann] = await sql<{ id: number }[]>`
      INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, first_name_folded, last_name_folded, email_folded, status, custom_attributes, updated_at)
      VALUES (${tenant!.id}, 'P1', 'Ann', 'Andrews', 'ann@example.test', lower('Ann'), lower('Andrews'), lower('ann@example.test'), 'ACTIVE', '[]', '2026-11-30T00:00:00.000Z') RETURNING id`;
    await sql`
      INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, first_name_folded, last_name_folded, email_folded, status, custom_attributes, updated_at)
      VALUES (${tenant!.id}, 'P2', 'Bob', 'Anders', 'bob@example.test', lower('Bob'), lower('Anders'), lower('bob@example.test'), 'ACTIVE', '[]', '2026-11-30T00:00:00.000Z')`;
    // Ann counts once under "a" and "an" although her first name, last name and e-mail all start so.
    expect(await counts()).toEqual({ '': 2, a: 2, an: 2, b: 1, bo: 1 });

    await sql`UPDATE employees SET last_name = 'Brown', last_name_folded = 'brown' WHERE id = ${ann!.id}`;
    expect(await counts()).toEqual({ '': 2, a: 2, an: 2, b: 2, bo: 1, br: 1 });

    await sql`DELETE FROM employees WHERE id = ${ann!.id}`;
    expect(await counts()).toEqual({ '': 1, a: 1, an: 1, b: 1, bo: 1 });
  });

  it('keep the management chain and each subtree\'s order and line counts as people join and move and orders and lines come and go, also side by side', async () => {
    const [tenant] = await sql<{ id: number }[]>`INSERT INTO tenants (code, name, approval_policy) VALUES ('PGM', 'Managers', '{}') RETURNING id`;
    const person = async (code: string, managerId: number | null) =>
      (
        await sql<{ id: number }[]>`
          INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, first_name_folded, last_name_folded, email_folded, status, custom_attributes, updated_at, manager_id)
          VALUES (${tenant!.id}, ${code}, ${code}, 'Chain', ${`${code.toLowerCase()}@example.test`}, lower(${code}), lower('Chain'), lower(${`${code.toLowerCase()}@example.test`}), 'ACTIVE', '[]', '2026-11-30T00:00:00.000Z', ${managerId}) RETURNING id`
      )[0]!.id;
    const addOrder = async (db: postgres.Sql | postgres.TransactionSql, holderId: number) =>
      (
        await db<{ id: number }[]>`
          INSERT INTO orders (tenant_id, transaction_type, status, account_holder_id, requested_by_id, effects, confirmation, properties, ship_to, date_submitted, updated_at)
          VALUES (${tenant!.id}, ${transactionType.enum.NEW_ACTIVATION}, ${orderStatus.enum.ORDER_SUBMITTED}, ${holderId}, ${holderId}, '{}', '{}', '[]', '{}', '2026-11-30T00:00:00.000Z', '2026-11-30T00:00:00.000Z')
          RETURNING id`
      )[0]!.id;
    /** Kept against walked: the chain from `employees`, each subtree's orders counted through it. */
    const expectKept = async () => {
      const walked = await sql`
        WITH RECURSIVE up(employee_id, ancestor_id) AS (
          SELECT id, id FROM employees WHERE tenant_id = ${tenant!.id}
          UNION ALL SELECT up.employee_id, e.manager_id FROM up JOIN employees e ON e.id = up.ancestor_id WHERE e.manager_id IS NOT NULL)
        SELECT employee_id, ancestor_id FROM up ORDER BY 1, 2`;
      const kept = await sql`
        SELECT c.employee_id, c.ancestor_id FROM employee_chain c JOIN employees e ON e.id = c.employee_id WHERE e.tenant_id = ${tenant!.id} ORDER BY 1, 2`;
      expect([...kept]).toEqual([...walked]);
      const counted = await sql`
        SELECT c.ancestor_id AS employee_id, count(*)::int AS orders FROM orders o JOIN employee_chain c ON c.employee_id = o.account_holder_id
        WHERE o.tenant_id = ${tenant!.id} GROUP BY c.ancestor_id ORDER BY 1`;
      const counts = await sql`
        SELECT s.employee_id, s.orders FROM subtree_order_counts s JOIN employees e ON e.id = s.employee_id WHERE e.tenant_id = ${tenant!.id} AND s.orders <> 0 ORDER BY 1`;
      expect([...counts]).toEqual([...counted]);
      const countedLines = await sql`
        SELECT c.ancestor_id AS employee_id, count(*)::int AS services FROM services s JOIN employee_chain c ON c.employee_id = s.employee_id
        WHERE s.tenant_id = ${tenant!.id} GROUP BY c.ancestor_id ORDER BY 1`;
      const lineCounts = await sql`
        SELECT s.employee_id, s.services FROM subtree_service_counts s JOIN employees e ON e.id = s.employee_id WHERE e.tenant_id = ${tenant!.id} AND s.services <> 0 ORDER BY 1`;
      expect([...lineCounts]).toEqual([...countedLines]);
      const countedPeople = await sql`
        SELECT c.ancestor_id AS employee_id, count(*)::int AS people FROM employee_chain c JOIN employees e ON e.id = c.ancestor_id
        WHERE e.tenant_id = ${tenant!.id} GROUP BY c.ancestor_id ORDER BY 1`;
      const peopleCounts = await sql`
        SELECT s.employee_id, s.people FROM subtree_people_counts s JOIN employees e ON e.id = s.employee_id WHERE e.tenant_id = ${tenant!.id} AND s.people <> 0 ORDER BY 1`;
      expect([...peopleCounts]).toEqual([...countedPeople]);
    };
    const [region] = await sql<{ id: number }[]>`INSERT INTO regions (type, name) VALUES ('COUNTRY', 'Chainland') RETURNING id`;
    const [vendor] = await sql<{ id: number }[]>`INSERT INTO vendors (name, type, access_method) VALUES ('Chain Mobile', 'CARRIER', 'GSM') RETURNING id`;
    const addLine = async (ownerId: number | null, number: string) =>
      (
        await sql<{ id: number }[]>`
          INSERT INTO services (tenant_id, service_number, status, billing_vendor_id, current_vendor_id, region_id, employee_id, updated_at)
          VALUES (${tenant!.id}, ${number}, 'ACTIVE', ${vendor!.id}, ${vendor!.id}, ${region!.id}, ${ownerId}, '2026-11-30T00:00:00.000Z') RETURNING id`
      )[0]!.id;

    const top = await person('TOP', null);
    const left = await person('LEFT', top);
    const right = await person('RIGHT', top);
    const leaf = await person('LEAF', left);
    await addOrder(sql, leaf);
    const handed = await addOrder(sql, left);
    const line = await addLine(leaf, '2065550100');
    await addLine(left, '2065550101');
    await expectKept();
    // A line moving to another owner, to none (transferred out), and back.
    await sql`UPDATE services SET employee_id = ${right} WHERE id = ${line}`;
    await expectKept();
    await sql`UPDATE services SET employee_id = NULL WHERE id = ${line}`;
    await expectKept();
    await sql`UPDATE services SET employee_id = ${leaf} WHERE id = ${line}`;
    await expectKept();
    // A move with everyone below, to the top and back below the other branch.
    await sql`UPDATE employees SET manager_id = NULL WHERE id = ${left}`;
    await expectKept();
    await sql`UPDATE employees SET manager_id = ${right} WHERE id = ${left}`;
    await expectKept();
    await sql`UPDATE orders SET account_holder_id = ${right} WHERE id = ${handed}`;
    await expectKept();
    await sql`DELETE FROM orders WHERE id = ${handed}`;
    await expectKept();
    await expect(sql`UPDATE employees SET manager_id = ${leaf} WHERE id = ${left}`).rejects.toThrow(/employee_chain/);

    // Two instances at once: an order below a person who is being moved, committed in either order.
    const other = postgres(database.url, { max: 2, onnotice: () => {} });
    try {
      let move: Promise<unknown> | undefined;
      await other.begin(async (tx) => {
        await addOrder(tx, leaf);
        move = other`UPDATE employees SET manager_id = ${top} WHERE id = ${left}`.execute();
        // The move waits for this order's transaction; give it time to read what it would read.
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      await move;
      await expectKept();
      let order: Promise<unknown> | undefined;
      await other.begin(async (tx) => {
        await tx`UPDATE employees SET manager_id = ${right} WHERE id = ${left}`;
        order = addOrder(other, leaf);
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      await order;
      await expectKept();
    } finally {
      await other.end();
    }
  });

  it('serve a substring search of folded names and e-mail, and a case-insensitive one of numbers, digits and serials, from the trigram indexes', async () => {
    // With sequential scans priced out, the planner shows whether an index can answer the query at all.
    const plans = await sql.begin(async (tx) => {
      await tx`SET LOCAL enable_seqscan = off`;
      const plan = async (query: string) => (await tx.unsafe(`EXPLAIN ${query}`)).map((row) => String(row['QUERY PLAN'])).join('\n');
      return {
        name: await plan(`SELECT id FROM employees WHERE ("first_name_folded" || ' ' || "last_name_folded") LIKE '%e hop%'`),
        email: await plan(`SELECT id FROM employees WHERE email_folded LIKE '%love%'`),
        number: await plan(`SELECT id FROM services WHERE service_number ILIKE '%555-01%'`),
        digits: await plan(
          `SELECT id FROM services WHERE replace(replace(replace(replace(replace(replace("service_number", ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '') ILIKE '%55501%'`,
        ),
        serial: await plan(`SELECT id FROM device_assets WHERE serial_value ILIKE '%abc%'`),
        // One or two characters: the folded prefix indexes, one per name and the e-mail.
        short: await (async () => {
          const found: string[] = [];
          for (const column of ['last_name', 'first_name', 'email']) {
            for (const length of [1, 2]) found.push(await plan(`SELECT id FROM employees WHERE tenant_id = 1 AND substr("${column}_folded", 1, ${length}) = '${'éa'.slice(0, length)}'`));
          }
          return found;
        })(),
      };
    });
    expect(plans.name).toContain('employees_search_name');
    expect(plans.email).toContain('employees_search_email');
    expect(plans.number).toContain('services_search_number');
    expect(plans.digits).toContain('services_search_digits');
    expect(plans.serial).toContain('device_assets_search_serial');
    ['last_name', 'first_name', 'email'].forEach((column, index) =>
      [1, 2].forEach((length, offset) => expect(plans.short[index * 2 + offset], `${column} ${length}`).toContain(`employees_${column}_prefix${length}`)),
    );
    const [tenant] = await sql<{ id: number }[]>`INSERT INTO tenants (code, name, approval_policy) VALUES ('PGS', 'Search', '{}') RETURNING id`;
    await sql`
      INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, first_name_folded, last_name_folded, email_folded, status, custom_attributes, updated_at)
      VALUES (${tenant!.id}, 'S1', 'Grace', 'Hopper', 'grace@example.test', lower('Grace'), lower('Hopper'), lower('grace@example.test'), 'ACTIVE', '[]', '2026-11-30T00:00:00.000Z'),
             (${tenant!.id}, 'S2', 'Edsger', 'Dijkstra', 'edsger@example.test', lower('Edsger'), lower('Dijkstra'), lower('edsger@example.test'), 'ACTIVE', '[]', '2026-11-30T00:00:00.000Z')`;
    const found = await sql<{ email: string }[]>`
      SELECT email FROM employees WHERE tenant_id = ${tenant!.id} AND ("first_name_folded" || ' ' || "last_name_folded") LIKE '%e hop%'`;
    expect(found.map((row) => row.email)).toEqual(['grace@example.test']);
  });

  it('fold a name renamed in SQL without its folded form, and refold it around a row another transaction holds', async () => {
    const [tenant] = await sql<{ id: number }[]>`INSERT INTO tenants (code, name, approval_policy) VALUES ('PGR', 'Renames', '{}') RETURNING id`;
    const [person] = await sql<{ id: number }[]>`
      INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, first_name_folded, last_name_folded, email_folded, status, custom_attributes, updated_at)
      VALUES (${tenant!.id}, 'R1', 'Ada', 'Lovelace', 'ada@renames.test', 'ada', 'lovelace', 'ada@renames.test', 'ACTIVE', '[]', '2026-11-30T00:00:00.000Z')
      RETURNING id`;
    await sql`UPDATE search_fold SET version = ${SEARCH_FOLD_VERSION}`;
    const folded = async () => (await sql<{ last: string }[]>`SELECT last_name_folded AS last FROM employees WHERE id = ${person!.id}`)[0]!.last;
    const version = async () => (await sql<{ version: number }[]>`SELECT version FROM search_fold`)[0]!.version;
    // The trigger (migration 0011): SQL's lower() at once, and the fold marked stale.
    await sql`UPDATE employees SET last_name = 'ØRSTED' WHERE id = ${person!.id}`;
    expect(await folded()).toBe('Ørsted');
    expect(await version()).toBe(0);
    const refolder = postgres(database.url, { max: 2, onnotice: () => {} });
    const holder = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      // Another transaction holds the row (as a rename does, which then waits for search_fold): the
      // refold skips it rather than wait, and leaves the fold stale for the next one.
      await holder.begin(async (tx) => {
        await tx`SELECT 1 FROM employees WHERE id = ${person!.id} FOR UPDATE`;
        expect(await refoldPostgres(refolder)).toBe(0);
      });
      expect(await version()).toBe(0);
      expect(await refoldPostgres(refolder)).toBe(1);
      expect(await folded()).toBe(foldForSearch('ØRSTED'));
      expect(await version()).toBe(SEARCH_FOLD_VERSION);
    } finally {
      await holder.end();
      await refolder.end();
    }
  }, 30_000);
});
