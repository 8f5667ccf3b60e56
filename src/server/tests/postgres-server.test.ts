/**
 * The same server on PostgreSQL (issue 19, decision record 0017): started with a `postgres://`
 * DATABASE_URL on a fresh database of a real PostgreSQL server, it migrates, seeds the demo
 * company and serves the ordering path over HTTP — sign-in, `/me`, lists, a confirmed and
 * submitted NEW_ACTIVATION, the manager's approval, fulfilment to the end, and employee search
 * by substring and by one-letter prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { approvalResponse, employeesResponse, meResponse, ordersResponse, servicesResponse, transactionType } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { foldForSearch } from '../storage/search-fold.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { confirmOk, fillRequired, freshOrderer, orderRequestFor, propertyDefinitions, shipToUS, submitOk, waitForStatus } from './orders-fixtures.ts';
import { postgresAvailability, startTestDatabase, type TestDatabase } from './postgres.ts';
import { getOk } from './read-api.ts';
import { apiPost, signIn, type Session } from './session.ts';

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

describe.skipIf(!availability.available)('the server on PostgreSQL', () => {
  let database: TestDatabase;
  let server: TestServer;
  let barbara: Session;
  /** A connection of our own to the server's database: what the server did must be there, and what we change there it must see. */
  let sql: postgres.Sql;

  beforeAll(async () => {
    database = await startTestDatabase();
    server = await startTestServer({ DATABASE_URL: database.url });
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
    barbara = await signIn(server, 'barbara.andrews');
  }, 120_000);

  afterAll(async () => {
    await sql?.end();
    await server?.close();
    await database?.stop();
  }, 60_000);

  it('seeded the demo company into PostgreSQL itself, and moved each identity past the seeded IDs', async () => {
    expect(server.seeded).toBe('seeded');
    const [tenants] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM tenants`;
    expect(tenants!.n).toBe(2);
    // The next employee the database numbers must not collide with a seeded one.
    const [sequence] = await sql<{ last: number; highest: number }[]>`
      SELECT (SELECT last_value FROM employees_id_seq)::int AS last, (SELECT max(id) FROM employees) AS highest`;
    expect(sequence!.last).toBe(sequence!.highest);
  });

  it('refuses to start on a database that sorts text otherwise than C, saying so', async () => {
    const name = `${new URL(database.url).pathname.slice(1)}_utf8`;
    await sql.unsafe(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.utf8' LC_CTYPE 'C.utf8'`);
    try {
      const elsewhere = new URL(database.url);
      elsewhere.pathname = `/${name}`;
      await expect(startTestServer({ DATABASE_URL: elsewhere.toString() })).rejects.toThrow(/collation C\.utf8; MOBPROC needs C/);
    } finally {
      await sql.unsafe(`DROP DATABASE "${name}"`);
    }
  });

  it('refuses to start on a database whose encoding is not UTF8, saying so', async () => {
    const name = `${new URL(database.url).pathname.slice(1)}_ascii`;
    await sql.unsafe(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C'`);
    try {
      const elsewhere = new URL(database.url);
      elsewhere.pathname = `/${name}`;
      await expect(startTestServer({ DATABASE_URL: elsewhere.toString() })).rejects.toThrow(/encoding SQL_ASCII; MOBPROC needs UTF8/);
    } finally {
      await sql.unsafe(`DROP DATABASE "${name}"`);
    }
  });

  it('signs a demo user in and answers /me as on SQLite', async () => {
    const peter = await signIn(server, 'peter.edwards');
    const [tokens] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM auth_tokens WHERE employee_id = ${demoIds.employees.peter}`;
    expect(tokens!.n).toBeGreaterThan(0);
    await sql`UPDATE employees SET office_phone = '+1 206 555 0199' WHERE id = ${demoIds.employees.peter}`;
    const me = await getOk(server, peter, '/me', meResponse);
    expect(me.authenticatedUser.id).toBe(String(demoIds.employees.peter));
    expect(me.authenticatedUser.officePhone).toBe('+1 206 555 0199');
    expect(me.isApprover).toBe(false);
    expect(me.transactionTypes).toContain(transactionType.enum.NEW_ACTIVATION);
    expect(me.customAttributes.map((attribute) => attribute.name)).toEqual(['Cost centre', 'Job title', 'Office']);
    const manager = await getOk(server, barbara, '/me', meResponse);
    expect(manager.isApprover).toBe(true);
  });

  it('lists services and orders', async () => {
    const peter = await signIn(server, 'peter.edwards');
    const services = await getOk(server, peter, `/assets/services?employee=${demoIds.employees.peter}&limit=100&offset=0`, servicesResponse);
    expect(services.services.items.map((service) => service.id)).toEqual(
      expect.arrayContaining([demoIds.services.peterPrimary, demoIds.services.peterSecondary, demoIds.services.peterSuspended].map(String)),
    );
    const [stored] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM services WHERE employee_id = ${demoIds.employees.peter}`;
    expect(services.services._meta.totalCount).toBe(stored!.n);
    const orders = await getOk(server, barbara, '/orders?limit=10&offset=0', ordersResponse);
    expect(orders.orders._meta.totalCount).toBe(orders.orders.items.length);
  });

  it('confirms and submits a NEW_ACTIVATION, the manager approves it, and fulfilment completes it', async () => {
    const orderer = await freshOrderer(server, 'postgres');
    const summit = String(demoIds.vendors.summit);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: summit }, { excludesDevice: false });
    const body = orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      regionId: '1',
      postalCode: '98101',
      shoppingCart: { planId: String(demoIds.plans.summitBusinessUnlimited), deviceId: String(demoIds.catalogDevices.pixel9Summit), quantity: 1 },
      properties: fillRequired(definitions),
      shipTo: shipToUS(),
    });
    const confirmation = await confirmOk(server, orderer.session, body);
    expect(confirmation.costSummary.some((money) => money.amount > 0)).toBe(true);

    const order = await submitOk(server, orderer.session, body);
    expect(order.status).toBe('AWAITING_APPROVAL');
    const queue = await getOk(server, barbara, `/orders?eligibleToApproveEmployeeId=${demoIds.employees.barbara}&limit=100&offset=0`, ordersResponse);
    expect(queue.orders.items.map((item) => item.orderId)).toContain(order.orderId);

    const decided = await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(approvalResponse.parse(decided.body).status).toBe('APPROVAL_QUEUED');

    const done = await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE', 15_000);
    expect(done.history.map((entry) => entry.status)).toEqual(['AWAITING_APPROVAL', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED', 'COMPLETE']);
    expect(done.shipments).toHaveLength(1);
    const [row] = await sql<{ status: string }[]>`SELECT status FROM orders WHERE id = ${Number(order.orderId)}`;
    expect(row?.status).toBe('COMPLETE');
  });

  it('finds employees by a substring (the trigram indexes) and by a one-letter prefix, case-insensitively', async () => {
    const peter = await signIn(server, 'peter.edwards');
    const search = async (text: string) => (await getOk(server, peter, `/employees?search=${encodeURIComponent(text)}&limit=100&offset=0`, employeesResponse)).employees;
    for (const text of ['CASTLE', 'frank c', 'rank.castle@']) {
      expect((await search(text)).items.map((employee) => employee.id), text).toEqual([String(demoIds.employees.frank)]);
    }
    // A name written in the database, with its folded form (storage/search-fold.ts), is found at once:
    // the indexes are the table's own.
    await sql`UPDATE employees SET last_name = 'Qwertyson', last_name_folded = ${foldForSearch('Qwertyson')} WHERE id = ${demoIds.employees.kevin}`;
    expect((await search('ERTYS')).items.map((employee) => employee.id)).toEqual([String(demoIds.employees.kevin)]);
    expect((await search('q')).items.map((employee) => employee.id)).toEqual([String(demoIds.employees.kevin)]);
    expect((await search('zzzz-nobody'))._meta.totalCount).toBe(0);
    // LIKE wildcards typed by a person are characters, not patterns.
    expect((await search('%%%'))._meta.totalCount).toBe(0);

    const startingWithC = await search('c');
    expect(startingWithC.items.map((employee) => employee.id)).toContain(String(demoIds.employees.frank));
    for (const employee of startingWithC.items) {
      const starts = [employee.lastName, employee.firstName, employee.email].some((text) => text.toLowerCase().startsWith('c'));
      expect(starts, `${employee.firstName} ${employee.lastName} <${employee.email}>`).toBe(true);
    }
  });
});
