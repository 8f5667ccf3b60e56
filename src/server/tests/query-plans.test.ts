/**
 * The list, filter and search paths read through indexes, never by scanning a whole table: every
 * statement those paths run (recorded as it is prepared, with the values it is run with) is asked
 * for its query plan (EXPLAIN QUERY PLAN) on a database with the demo and a small large tenant.
 * SQLite plans without statistics here, as it does on a fresh production database, so a plan that
 * holds here holds at 100,000 employees (decision 16).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogDevicesQuery, deviceAssetsQuery, employeesQuery, ordersQuery, servicesQuery, transactionType } from '../../contract/index.ts';
import { actAsList, canActForOthers, isAbove, orderableTypesByOwner, restrictionsFor, searchActAs, subordinateIds } from '../domain/actor.ts';
import { listDevices, listServices } from '../domain/asset-queries.ts';
import { devicesById } from '../domain/assets.ts';
import type { AuthContext } from '../domain/auth-context.ts';
import { listCatalogDevices } from '../domain/catalog.ts';
import { findEmployee, listEmployees } from '../domain/employees.ts';
import { servicesWithOpenOrders } from '../domain/order-actions.ts';
import { loadAccessories, loadFeatures } from '../domain/orders/context.ts';
import { isOrderVisible, listOrders } from '../domain/orders/list.ts';
import { assetScope } from '../domain/visibility.ts';
import { closeDatabase, openDatabase, type SqliteDb } from '../storage/db.ts';
import { seedDemoData } from '../storage/seed/demo.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { largeIds, seedLargeTenant } from '../storage/seed/large.ts';
import { foldForSearch } from '../storage/search-fold.ts';

type Run = { text: string; values: unknown[] };

let db: SqliteDb;
let runs: Run[] = [];

beforeAll(async () => {
  // One connection: the plans of reads and the writes this test makes go through the same one.
  db = openDatabase(':memory:', { connections: 1 });
  const client = db.$client;
  const prepare = client.prepare.bind(client);
  // Every statement prepared reports each run of it, with its values.
  client.prepare = ((text: string) => {
    const statement = prepare(text);
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = statement[method].bind(statement) as (...values: unknown[]) => unknown;
      Object.defineProperty(statement, method, { value: (...values: unknown[]) => (runs.push({ text, values }), original(...values)) });
    }
    return statement;
  }) as typeof client.prepare;
  // Seeded after the recording starts: statements the seeds prepare first (and keep) report too.
  await seedDemoData(db, new Date());
  await seedLargeTenant(db, new Date(), { employees: 300, lines: 120, catalogItems: 300, orders: 400 });
});
afterAll(() => closeDatabase(db));

async function auth(tenantId: number, employeeId: number): Promise<AuthContext> {
  const user = (await findEmployee(db, tenantId, employeeId))!;
  return { tenantId, tenantCode: tenantId === largeIds.tenant ? largeIds.code : 'ACME', clientId: 'mobproc-web', user, actor: user };
}

/** The plan lines of every statement `work` ran. */
async function plansOf(work: () => unknown): Promise<{ text: string; plan: string[] }[]> {
  runs = [];
  await work();
  const seen = runs.filter((run) => !/^\s*(EXPLAIN|PRAGMA)/i.test(run.text));
  return seen.map((run) => {
    const explain = db.$client.prepare(`EXPLAIN QUERY PLAN ${run.text}`);
    const values = run.values.length === 1 && typeof run.values[0] === 'object' && run.values[0] !== null && !Array.isArray(run.values[0]) ? run.values : run.values.flat();
    return { text: run.text, plan: (explain.all(...values) as { detail: string }[]).map((row) => row.detail) };
  });
}

/**
 * A scan of a stored table. Not one: json_each (a bound list of IDs), an FTS index's own lookup,
 * a subquery's or a recursive CTE's rows (`below` of the management chain), which are as small
 * as what produced them.
 */
function fullScans(text: string, plan: string[]): string[] {
  const cteNames = [...text.matchAll(/(\w+)\s*\([\w\s,]*\)\s+AS\s*\(/gi)].map((match) => match[1]!);
  // A named subquery in FROM (`… FROM (SELECT …) "visible"`): its own rows, as small as what made them.
  const derivedNames = [...text.matchAll(/\)\s+"(\w+)"/g)].map((match) => match[1]!);
  return plan.filter((line) => {
    const scanned = /^SCAN (\S+)/.exec(line)?.[1];
    if (!scanned) return false;
    return !['json_each', 'CONSTANT', ...cteNames, ...derivedNames].includes(scanned) && !/^\(subquery-\d+\)$/.test(scanned) && !/^\w+_search VIRTUAL/.test(line.slice(5));
  });
}

async function expectNoFullScan(label: string, work: () => unknown): Promise<void> {
  const plans = await plansOf(work);
  expect(plans.length, label).toBeGreaterThan(0);
  for (const { text, plan } of plans) expect(fullScans(text, plan), `${label}: ${text}\n${plan.join('\n')}`).toEqual([]);
}

const large = async () => ({ desk: await auth(largeIds.tenant, largeIds.firstEmployee + 1), manager: await auth(largeIds.tenant, largeIds.firstEmployee + 3) });
/** The tenant's calendar date for approval-delegate windows; any date serves a plan check. */
const TODAY = '2026-11-30';

describe('query plans of the list, filter and search paths', () => {
  it('employee directory: pages, filters, long and short searches', async () => {
    const { desk } = await large();
    for (const query of [
      {},
      { search: 'ande' },
      { search: 'an' },
      { search: 'a' },
      { search: 'mai' },
      { department: '31' },
      { companyEmployeeId: 'L000004' },
      { sort: 'UPDATED_DATE' },
      { dateTimeUpdatedOnOrAfter: '2020-01-01T00:00:00Z' },
    ]) {
      await expectNoFullScan(`employees ${JSON.stringify(query)}`, async () => await listEmployees(db, desk.tenantId, employeesQuery.parse({ limit: '10', ...query })));
    }
  });

  it('employee searches read the trigram index, or for one or two characters the folded prefix indexes', async () => {
    const { desk } = await large();
    const planText = async (search: string) =>
      (await plansOf(async () => await listEmployees(db, desk.tenantId, employeesQuery.parse({ limit: '10', search }))))
        .flatMap((entry) => entry.plan)
        .join('\n');
    for (const search of ['ande', 'CHLOÉ', 'müll']) expect(await planText(search), search).toMatch(/employees_search VIRTUAL TABLE INDEX/);
    // "ß" is one character typed, two once folded ("ss"): the two-character indexes.
    for (const [search, length] of [['an', 2], ['A', 1], ['É', 1], ['ß', 2]] as const) {
      const short = await planText(search);
      for (const index of [`employees_last_name_prefix${length}`, `employees_first_name_prefix${length}`, `employees_email_prefix${length}`]) {
        expect(short, search).toMatch(new RegExp(`${index} \\(tenant_id=\\? AND <expr>=\\?\\)`));
      }
    }
  });

  it('a short employee search pages by merging ranges already in name order, and counts without reading the matches', async () => {
    const { desk } = await large();
    for (const query of [{ search: 'an' }, { search: 'a', sortAscending: 'false' }, { search: 'an', offset: '40' }, { search: 'an', department: '31' }]) {
      const plans = await plansOf(async () => await listEmployees(db, desk.tenantId, employeesQuery.parse({ limit: '10', ...query })));
      const label = `employees ${JSON.stringify(query)}`;
      // Sorting every match (thousands at 100,000 employees) before taking a page of ten is what this prevents.
      for (const { text, plan } of plans) expect(plan.filter((line) => /TEMP B-TREE/.test(line)), `${label}: ${text}\n${plan.join('\n')}`).toEqual([]);
      const page = plans.find(({ plan }) => plan.some((line) => line.startsWith('MERGE (UNION)')));
      expect(page, label).toBeDefined();
      // With no other filter the total is the one row the triggers keep (another filter counts index ranges).
      if ('department' in query) continue;
      const count = plans.find(({ text }) => /employee_prefix_counts/.test(text))!;
      expect(count.plan, label).toEqual([expect.stringMatching(/^SEARCH employee_prefix_counts USING INDEX \w+ \(tenant_id=\? AND prefix=\?\)$/)]);
    }
  });

  it('a short employee search finds, counts and orders what a prefix filter over the whole tenant does', async () => {
    const people = db.$client.prepare('SELECT id, first_name AS firstName, last_name AS lastName, email FROM employees WHERE tenant_id = ?').all(largeIds.tenant) as {
      id: number;
      firstName: string;
      lastName: string;
      email: string;
    }[];
    // The directory's order folds ASCII only (COLLATE NOCASE); a search matches by the search fold.
    const fold = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
    const byName = (a: (typeof people)[number], b: (typeof people)[number]) => {
      const key = (p: (typeof people)[number]) => [fold(p.lastName), fold(p.firstName)];
      const [la, fa] = key(a);
      const [lb, fb] = key(b);
      return la! < lb! ? -1 : la! > lb! ? 1 : fa! < fb! ? -1 : fa! > fb! ? 1 : a.id - b.id;
    };
    for (const [search, sortAscending, offset] of [['an', 'true', '0'], ['An', 'true', '10'], ['e', 'false', '20'], ['o', 'true', '0'], ['zq', 'true', '0'], ['CH', 'true', '0'], ['ß', 'true', '0']] as const) {
      const matching = people.filter((p) => [p.firstName, p.lastName, p.email].some((text) => foldForSearch(text).startsWith(foldForSearch(search)))).sort(byName);
      if (sortAscending === 'false') matching.reverse();
      const { rows, total } = await listEmployees(db, largeIds.tenant, employeesQuery.parse({ limit: '10', offset, search, sortAscending }));
      expect(total, search).toBe(matching.length);
      expect(rows.map((row) => row.id), search).toEqual(matching.slice(Number(offset), Number(offset) + 10).map((p) => p.id));
    }
  });

  it('whom one may act for (GET /me/act-as): the whole tenant, a manager listed by ID and one walked up from each match', async () => {
    const { desk, manager } = await large();
    for (const query of [{}, { search: 'ande' }, { search: 'an' }, { search: 'a' }, { offset: 20 }]) {
      const page = { limit: 10, offset: 0, ...query };
      await expectNoFullScan(`act-as desk ${JSON.stringify(query)}`, async () => await searchActAs(db, desk.user, page));
      await expectNoFullScan(`act-as manager ${JSON.stringify(query)}`, async () => await searchActAs(db, manager.user, page));
      await expectNoFullScan(`act-as manager walked ${JSON.stringify(query)}`, async () => await searchActAs(db, manager.user, page, 0));
    }
    // The whole tenant is the one row of the count the triggers keep, not 100,000 index entries
    // (9 ms, the first page 2.6× its demo p99); the few service accounts are counted from their index.
    const deskPlans = (await plansOf(async () => await searchActAs(db, desk.user, { limit: 10, offset: 0 }))).flatMap((entry) => entry.plan).join('\n');
    expect(deskPlans).not.toContain('employees_tenant');
    expect(deskPlans).toContain('employee_prefix_counts');
    expect(deskPlans).toContain('employees_service_accounts');
    const others = db.$client.prepare('SELECT count(*) AS n FROM employees WHERE tenant_id = ? AND is_service_account = 0 AND id <> ?').get(largeIds.tenant, desk.user.id) as { n: number };
    expect((await searchActAs(db, desk.user, { limit: 10, offset: 0 })).total).toBe(others.n);
    // A search is still counted from the tenant's index, within the matches.
    expect((await plansOf(async () => await searchActAs(db, desk.user, { limit: 10, offset: 0, search: 'ande' }))).flatMap((entry) => entry.plan).join('\n')).toContain('COVERING INDEX employees_tenant');
    // A short search is the three prefix ranges, each on its own index — not a walk of the tenant,
    // which a UNION's merge (it wants each arm in id order) chose instead: 200 ms at 100k.
    for (const [search, length] of [['an', 2], ['a', 1]] as const) {
      const short = (await plansOf(async () => await searchActAs(db, desk.user, { limit: 10, offset: 0, search }))).flatMap((entry) => entry.plan).join('\n');
      for (const index of [`employees_last_name_prefix${length}`, `employees_first_name_prefix${length}`, `employees_email_prefix${length}`]) {
        expect(short, search).toMatch(new RegExp(`${index} \\(tenant_id=\\? AND <expr>=\\?\\)`));
      }
      expect(short, search).not.toMatch(/USING INDEX employees_tenant \(tenant_id=\?\)$/m);
    }
    await expectNoFullScan('canActForOthers desk', async () => await canActForOthers(db, desk.user));
    await expectNoFullScan('canActForOthers manager', async () => await canActForOthers(db, manager.user));
  });

  it('a short act-as search over the whole tenant reads the kept prefix count and a merge of the name ranges, not every match', async () => {
    const { desk } = await large();
    for (const query of [{ search: 'an' }, { search: 'a' }, { search: 'An', offset: 20 }]) {
      const plans = await plansOf(async () => await searchActAs(db, desk.user, { limit: 20, offset: 0, ...query }));
      const label = `act-as desk ${JSON.stringify(query)}`;
      const lines = plans.flatMap(({ plan }) => plan);
      // The three ranges as an IN (…) list are every match (6,349 for "an" at 100k), read by the
      // count and again by the page, which also walked the tenant's name index to find its 20.
      expect(lines.join('\n'), label).not.toMatch(/^LIST SUBQUERY \d+\nCOMPOUND QUERY$/m);
      expect(lines.filter((line) => /TEMP B-TREE|employees_(name|tenant) \(tenant_id=\?\)$/.test(line)), `${label}\n${lines.join('\n')}`).toEqual([]);
      expect(lines, label).toContain('MERGE (UNION)');
      expect(lines.join('\n'), label).toMatch(/^SEARCH employee_prefix_counts USING INDEX \w+ \(tenant_id=\? AND prefix=\?\)$/m);
    }
  });

  it('a short act-as search over the whole tenant finds, counts and orders what a prefix filter over everyone else does', async () => {
    // The order folds ASCII only (COLLATE NOCASE); a search matches by the search fold.
    const fold = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
    type Person = { id: number; firstName: string; lastName: string; email: string };
    const key = (p: Person) => [fold(p.lastName), fold(p.firstName)] as const;
    const byName = (a: Person, b: Person) => {
      const [la, fa] = key(a);
      const [lb, fb] = key(b);
      return la < lb ? -1 : la > lb ? 1 : fa < fb ? -1 : fa > fb ? 1 : a.id - b.id;
    };
    // The demo's service desk (a service account "Service Desk" and the user "Sam" match some of
    // these, so both are taken away from the kept count) and the large tenant's ("Ben Abbott").
    const desks = [(await findEmployee(db, demoIds.tenants.acme, demoIds.employees.samRivera))!, (await large()).desk.user];
    for (const user of desks) {
      const people = db.$client
        .prepare('SELECT id, first_name AS firstName, last_name AS lastName, email FROM employees WHERE tenant_id = ? AND is_service_account = 0 AND id <> ?')
        .all(user.tenantId, user.id) as Person[];
      for (const [search, offset] of [['an', 0], ['Se', 0], ['s', 5], ['sa', 0], ['d', 0], ['be', 0], ['ab', 10], ['zq', 0], ['BJ', 0], ['ß', 0]] as const) {
        const matching = people.filter((p) => [p.firstName, p.lastName, p.email].some((text) => foldForSearch(text).startsWith(foldForSearch(search)))).sort(byName);
        const { rows, total } = await searchActAs(db, user, { limit: 10, offset, search });
        const label = `${user.email} ${search}`;
        expect(total, label).toBe(matching.length);
        expect(rows.map((row) => row.id), label).toEqual(matching.slice(offset, offset + 10).map((p) => p.id));
      }
    }
  });

  it('short asset searches read the number, digits and serial indexes', async () => {
    const { desk } = await large();
    const planText = async (list: typeof listServices | typeof listDevices) =>
      (await plansOf(() => list(db, desk, servicesQuery.parse({ limit: '10', search: '42' }))))
        .flatMap((entry) => entry.plan)
        .join('\n');
    expect(await planText(listServices)).toMatch(/services_digits_prefix2 \(tenant_id=\? AND <expr>=\?\)/);
    const devicesPlan = await planText(listDevices);
    for (const index of ['services_number ', 'services_number_digits', 'device_assets_serial_lower']) expect(devicesPlan).toContain(index);
  });

  it('a short service search pages from prefix ranges already in the list order, and counts them, without sorting the matches', async () => {
    for (const who of Object.values(await large())) {
      for (const query of [{ search: '42' }, { search: '4', sortAscending: 'true' }, { search: '(4', offset: '20' }, { search: 'x4' }, { search: 'x' }, { search: '42', status: 'ACTIVE' }]) {
        const plans = await plansOf(async () => await listServices(db, who, servicesQuery.parse({ limit: '10', ...query })));
        const label = `services ${JSON.stringify(query)}`;
        // The manager's scope (its management chain) is de-duplicated; no service query sorts.
        for (const { text, plan } of plans.filter(({ text }) => /from "services"/.test(text))) {
          expect(plan.filter((line) => /TEMP B-TREE/.test(line)), `${label}: ${text}\n${plan.join('\n')}`).toEqual([]);
        }
        expect(plans.flatMap(({ plan }) => plan).join('\n'), label).toMatch(/services_(digits|number)_prefix[12] \(tenant_id=\? AND <expr>=\?\)/);
      }
    }
  });

  it('the device list walks the tenant in its order and counts without reading every device and its service, the whole tenant from the kept count', async () => {
    for (const query of [{}, { sortAscending: 'true' }, { employee: String(largeIds.firstEmployee + 5) }]) {
      const plans = await plansOf(async () => await listDevices(db, (await large()).desk, deviceAssetsQuery.parse({ limit: '10', ...query })));
      const label = `devices ${JSON.stringify(query)}`;
      const page = plans.find(({ text }) => /order by/i.test(text))!;
      expect(page.plan[0], label).toMatch(/^SEARCH device_assets USING INDEX device_assets_(updated|employee) /);
      expect(page.plan.filter((line) => /^(SCAN|CO-ROUTINE) /.test(line)), `${label}: ${page.plan.join('\n')}`).toEqual([]);
      const counting = plans.find(({ text }) => /count\(\*\)|tenant_device_counts/i.test(text))!;
      // The whole tenant's index is 50,000 entries at the large tenant (1 ms, half the request); one owner's is a few.
      const counted = 'employee' in query ? /^SEARCH device_assets USING COVERING INDEX / : /^SEARCH tenant_device_counts USING INTEGER PRIMARY KEY /;
      expect(counting.plan, label).toEqual([expect.stringMatching(counted)]);
    }
  });

  it('a short service search finds, counts and orders what a prefix filter over the whole tenant does', async () => {
    const { desk } = await large();
    // Two lines of the small large tenant written with punctuation and a letter, so every range is exercised.
    const written = db.$client.prepare('UPDATE services SET service_number = ? WHERE id = ?');
    const originals = [largeIds.firstService, largeIds.firstService + 1].map((id) => db.$client.prepare('SELECT service_number AS n FROM services WHERE id = ?').get(id) as { n: string });
    written.run('(425) 200-0000', largeIds.firstService);
    written.run('x4 25', largeIds.firstService + 1);
    try {
      const lines = db.$client.prepare('SELECT id, service_number AS number, updated_at AS updated FROM services WHERE tenant_id = ?').all(largeIds.tenant) as { id: number; number: string; updated: string }[];
      const digitsOf = (text: string) => text.replace(/[ ()+.-]/g, '');
      for (const [search, sortAscending, offset] of [['42', 'false', '0'], ['(4', 'true', '0'], ['x4', 'false', '0'], ['4', 'false', '20'], ['x', 'true', '0']] as const) {
        const digits = search.replace(/\D/g, '');
        const matching = lines
          .filter((line) => line.number.startsWith(search) || (digits !== '' && digitsOf(line.number).startsWith(digits)))
          .sort((a, b) => (a.updated < b.updated ? -1 : a.updated > b.updated ? 1 : a.id - b.id));
        if (sortAscending === 'false') matching.reverse();
        const { rows, total } = await listServices(db, desk, servicesQuery.parse({ limit: '10', offset, search, sortAscending }));
        expect(total, search).toBe(matching.length);
        expect(rows.map((row) => row.id), search).toEqual(matching.slice(Number(offset), Number(offset) + 10).map((line) => line.id));
      }
    } finally {
      originals.forEach((original, index) => written.run(original.n, largeIds.firstService + index));
    }
  });

  it('services and devices: the whole tenant and a manager, with every filter and both kinds of search', async () => {
    for (const who of Object.values(await large())) {
      for (const query of [{}, { search: '425200' }, { search: '(425) 2' }, { search: '20' }, { search: '+1 425 2' }, { search: '+1 4' }, { search: 'SN-4' }, { status: 'ACTIVE' }, { employee: String(largeIds.firstEmployee + 5) }, { companyEmployeeId: 'L000005' }, { vendor: '1' }]) {
        await expectNoFullScan(`services ${JSON.stringify(query)}`, async () => await listServices(db, who, servicesQuery.parse({ limit: '10', ...query })));
        await expectNoFullScan(`devices ${JSON.stringify(query)}`, async () => await listDevices(db, who, deviceAssetsQuery.parse({ limit: '10', ...query })));
      }
    }
  });

  it('orders: pages and every filter, for the whole tenant, a manager and an approver', async () => {
    for (const who of Object.values(await large())) {
      for (const query of [
        {},
        { offset: '40' },
        { status: 'AWAITING_APPROVAL' },
        { transactionType: transactionType.enum.NEW_ACTIVATION },
        { employee: String(largeIds.firstEmployee + 7) },
        { eligibleToApproveEmployeeId: String(largeIds.firstEmployee + 3) },
        { decidedByEmployeeId: String(largeIds.firstEmployee + 3) },
        { sort: 'SUBMITTED_DATE' },
      ]) {
        await expectNoFullScan(`orders ${JSON.stringify(query)}`, async () => await listOrders(db, who, ordersQuery.parse({ limit: '10', ...query }), TODAY));
      }
    }
  });

  /** Every filter My orders and the approvals pages offer, for `who` (their own orders, their queue, what they decided). */
  const orderQueries = (who: AuthContext) => [
    {},
    { offset: '10' },
    { status: 'AWAITING_APPROVAL' },
    { status: 'COMPLETE', transactionType: transactionType.enum.NEW_ACTIVATION },
    { transactionType: transactionType.enum.UPGRADE },
    { employee: String(who.actor.id) },
    { employee: String(who.actor.id), status: 'REJECTED' },
    { eligibleToApproveEmployeeId: String(who.actor.id), status: 'AWAITING_APPROVAL', sortAscending: 'true' },
    { decidedByEmployeeId: String(who.actor.id) },
    { sort: 'SUBMITTED_DATE', sortAscending: 'true' },
    { dateTimeUpdated: '2020-01-01T00:00:00Z' },
  ];

  it('orders of someone who does not see the whole tenant are read from what they see, never by walking the tenant', async () => {
    // The tenant's own indexes (update time, type, status) hold every order of the tenant: walked
    // for a manager or an employee, they read 200,000 orders at the large tenant for a few (5.5 s).
    const employee = await auth(largeIds.tenant, largeIds.firstEmployee + 299);
    for (const who of [(await large()).manager, employee]) {
      for (const query of orderQueries(who)) {
        const plans = await plansOf(async () => await listOrders(db, who, ordersQuery.parse({ limit: '10', ...query }), TODAY));
        expect(plans.length).toBeGreaterThan(0);
        for (const { text, plan } of plans) {
          const walks = plan.filter((line) => /\b(orders_tenant_updated|orders_type|orders_status)\b/.test(line) || /^SCAN (orders|order_approvals)\b/.test(line));
          expect(walks, `${who.actor.id} ${JSON.stringify(query)}: ${text}\n${plan.join('\n')}`).toEqual([]);
        }
      }
    }
  });

  it('orders of a manager who sees much of the tenant: the total from the kept subtree count, the first page a walk of the date index that stops early', async () => {
    // The top of the large tenant sees every order: the subtree's 22,222 index entries counted and
    // sorted, and the management chain read to list 11,111 holders, cost a manager of that size
    // 31 ms of CPU a request (decision 16); what she sees is now counted and paged without them.
    const top = await auth(largeIds.tenant, largeIds.firstEmployee);
    for (const query of [{}, { offset: '10' }, { sortAscending: 'true' }]) {
      const plans = await plansOf(async () => await listOrders(db, top, ordersQuery.parse({ limit: '10', ...query }), TODAY));
      const label = (text: string, plan: string[]) => `${JSON.stringify(query)}: ${text}\n${plan.join('\n')}`;
      for (const { text, plan } of plans) {
        expect(text, 'the management chain is not read').not.toMatch(/WITH RECURSIVE/i);
        expect(plan.filter((line) => /orders_account_holder \(tenant_id=\? AND account_holder_id=\?\)/.test(line)), label(text, plan)).toEqual([]);
        expect(fullScans(text, plan), label(text, plan)).toEqual([]);
      }
      expect(plans.some(({ plan }) => plan.some((line) => /^SEARCH subtree_order_counts USING INTEGER PRIMARY KEY/.test(line)))).toBe(true);
      const walk = plans.find(({ plan }) => plan.some((line) => /orders_tenant_updated \(tenant_id=\?\)/.test(line)));
      expect(walk, 'the page walks the date index').toBeDefined();
      // In the index's order, so nothing is sorted and the walk stops once the page is full.
      expect(walk!.plan.filter((line) => /TEMP B-TREE/.test(line)), label(walk!.text, walk!.plan)).toEqual([]);
      // Each order the walk reads is tested by probes, never by reading the chain or the approvals whole.
      expect(walk!.plan.filter((line) => /^SCAN (employee_chain|order_approvals)/.test(line)), label(walk!.text, walk!.plan)).toEqual([]);
      expect(walk!.plan.some((line) => /SEARCH c USING COVERING INDEX sqlite_autoindex_employee_chain_1 \(employee_id=\? AND ancestor_id=\?\)/.test(line)), label(walk!.text, walk!.plan)).toBe(true);
    }
  });

  it("lines of a manager: the total from the kept subtree count, the page a walk of the date index, and the same answers as her scope's lines sorted", async () => {
    const top = await auth(largeIds.tenant, largeIds.firstEmployee);
    const plans = await plansOf(async () => await listServices(db, top, servicesQuery.parse({ limit: '10' })));
    for (const { text, plan } of plans) {
      // Neither walked level by level nor listed from the kept chain: the people below are not read.
      expect(text, 'the management chain is not read').not.toMatch(/WITH RECURSIVE/i);
      expect(plan.filter((line) => /employee_chain_ancestor|^SCAN employee_chain/.test(line)), `${text}\n${plan.join('\n')}`).toEqual([]);
      expect(fullScans(text, plan), `${text}\n${plan.join('\n')}`).toEqual([]);
    }
    expect(plans.some(({ plan }) => plan.some((line) => /^SEARCH subtree_service_counts USING INTEGER PRIMARY KEY/.test(line)))).toBe(true);
    const walk = plans.find(({ plan }) => plan.some((line) => /services_updated \(tenant_id=\?\)/.test(line)))!;
    expect(walk.plan.filter((line) => /TEMP B-TREE|^SCAN employee_chain/.test(line)), walk.plan.join('\n')).toEqual([]);

    const sqlite = db.$client;
    const person = (n: number) => largeIds.firstEmployee + n;
    for (const n of [0, 2, 3, 25, 150, 299]) {
      const who = await auth(largeIds.tenant, person(n));
      const scope = new Set((await assetScope(db, who)).employeeIds);
      type Line = { id: number; owner: number | null; updatedAt: string };
      const lines = (sqlite.prepare('SELECT id, employee_id AS owner, updated_at AS updatedAt FROM services WHERE tenant_id = ?').all(largeIds.tenant) as Line[])
        .filter((line) => line.owner !== null && scope.has(line.owner))
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.id - a.id));
      for (const query of [{}, { offset: '10' }, { sortAscending: 'true' }]) {
        const parsed = servicesQuery.parse({ limit: '10', ...query });
        const expected = parsed.sortAscending ? [...lines].reverse() : lines;
        for (const walkCost of [undefined, 1e-9, 1e9]) {
          const { rows, total } = await listServices(db, who, parsed, walkCost === undefined ? undefined : { walkCost });
          const label = `${n} ${JSON.stringify(query)} walkCost ${walkCost}`;
          expect(total, label).toBe(lines.length);
          expect(rows.map((row) => row.id), label).toEqual(expected.slice(parsed.offset, parsed.offset + 10).map((line) => line.id));
        }
      }
    }
  });

  it('the whole tenant by status is counted on the status index, and an approval queue starts from its approvals', async () => {
    const { desk } = await large();
    const count = (await plansOf(async () => await listOrders(db, desk, ordersQuery.parse({ limit: '10', status: 'AWAITING_APPROVAL' }), TODAY))).find(({ text }) => /count\(\*\)/.test(text));
    expect(count!.plan).toEqual(['SEARCH orders USING COVERING INDEX orders_status (tenant_id=? AND status=?)']);
    const queue = await plansOf(async () =>
      await listOrders(db, desk, ordersQuery.parse({ limit: '10', status: 'AWAITING_APPROVAL', eligibleToApproveEmployeeId: String(desk.actor.id) }), TODAY),
    );
    for (const { text, plan } of queue) expect(plan.filter((line) => /orders_tenant_updated|orders_status|^SCAN/.test(line)), `${text}\n${plan.join('\n')}`).toEqual([]);
  });

  it('lists exactly the orders the per-order rule shows, filtered, counted and ordered as a plain filter does', async () => {
    const sqlite = db.$client;
    const person = (n: number) => largeIds.firstEmployee + n;
    const order = (n: number) => largeIds.firstOrder + n;
    sqlite.exec('SAVEPOINT equivalence');
    try {
      // Every way of seeing an order besides holding it: placed for someone else, decided (for
      // someone), a group's level, an approval delegate's approver's level.
      sqlite.prepare('UPDATE orders SET requested_by_id = ? WHERE id IN (?, ?, ?)').run(person(5), order(1), order(2), order(40));
      sqlite.prepare('UPDATE order_approvals SET decided_by_id = ?, on_behalf_of_id = approver_id WHERE order_id IN (?, ?)').run(person(7), order(3), order(7));
      sqlite.prepare("INSERT INTO approver_groups (id, tenant_id, code, name) VALUES (990, ?, 'EQUIVALENCE', 'Equivalence')").run(largeIds.tenant);
      sqlite.prepare('INSERT INTO approver_group_members (group_id, employee_id) VALUES (990, ?)').run(person(9));
      sqlite
        .prepare("UPDATE order_approvals SET approver_id = NULL, approver_group_id = 990 WHERE order_id IN (SELECT id FROM orders WHERE tenant_id = ? AND status = 'AWAITING_APPROVAL' ORDER BY id LIMIT 3)")
        .run(largeIds.tenant);
      sqlite.prepare("INSERT INTO approval_delegates (tenant_id, approver_id, delegate_id, from_date, until_date) VALUES (?, ?, ?, '2026-01-01', '2026-12-31')").run(largeIds.tenant, person(2), person(11));
      // Someone moving to another manager with everyone below them (the kept chain and subtree counts follow).
      sqlite.prepare('UPDATE employees SET manager_id = ? WHERE id = ?').run(person(3), person(25));
      // A second level waiting behind the first: not yet in the second approver's queue.
      sqlite.prepare("INSERT INTO order_approvals (order_id, level, approver_id, decision) SELECT id, 2, ?, 'PENDING' FROM orders WHERE tenant_id = ? AND status = 'AWAITING_APPROVAL' ORDER BY id DESC LIMIT 4").run(person(13), largeIds.tenant);

      type Order = { id: number; status: string; type: string; holder: number; requester: number; updatedAt: string; submitted: string | null };
      const all = sqlite
        .prepare('SELECT id, status, transaction_type AS type, account_holder_id AS holder, requested_by_id AS requester, updated_at AS updatedAt, date_submitted AS submitted FROM orders WHERE tenant_id = ?')
        .all(largeIds.tenant) as Order[];
      const decided = sqlite.prepare('SELECT 1 FROM order_approvals WHERE order_id = ? AND decided_by_id = ?');
      // The approval queue's rule as it was written before, order by order.
      const waiting = sqlite.prepare(`SELECT 1 FROM orders o WHERE o.id = :order AND o.status = 'AWAITING_APPROVAL' AND o.account_holder_id <> :p AND o.requested_by_id <> :p
        AND EXISTS (SELECT 1 FROM order_approvals a WHERE a.order_id = o.id AND a.decision = 'PENDING'
          AND NOT EXISTS (SELECT 1 FROM order_approvals b WHERE b.order_id = a.order_id AND b.level < a.level AND b.decision IN ('PENDING', 'INFO_REQUESTED'))
          AND (a.approver_id = :p OR a.approver_group_id IN (SELECT group_id FROM approver_group_members WHERE employee_id = :p)
            OR a.approver_id IN (SELECT approver_id FROM approval_delegates WHERE delegate_id = :p AND from_date <= :today AND until_date >= :today)))`);
      let queues = 0;
      for (const n of [0, 1, 2, 3, 5, 7, 9, 11, 13, 25, 150, 250, 299]) {
        const who = await auth(largeIds.tenant, person(n));
        const scope = await assetScope(db, who);
        const visible = [];
        for (const o of all) if (await isOrderVisible(db, who, o.id, scope)) visible.push(o);
        for (const query of orderQueries(who)) {
          const parsed = ordersQuery.parse({ limit: '10', ...query });
          const matching = visible.filter(
            (o) =>
              (parsed.status === undefined || o.status === parsed.status) &&
              (parsed.transactionType === undefined || o.type === parsed.transactionType) &&
              (parsed.employee === undefined || String(o.holder) === parsed.employee || String(o.requester) === parsed.employee) &&
              (parsed.dateTimeUpdated === undefined || o.updatedAt >= new Date(parsed.dateTimeUpdated).toISOString()) &&
              (parsed.decidedByEmployeeId === undefined || decided.get(o.id, Number(parsed.decidedByEmployeeId)) !== undefined) &&
              (parsed.eligibleToApproveEmployeeId === undefined || waiting.get({ order: o.id, p: Number(parsed.eligibleToApproveEmployeeId), today: TODAY }) !== undefined),
          );
          const at = (o: Order) => (parsed.sort === 'SUBMITTED_DATE' ? o.submitted : o.updatedAt) ?? '';
          matching.sort((a, b) => (at(a) < at(b) ? -1 : at(a) > at(b) ? 1 : a.id - b.id));
          if (!parsed.sortAscending) matching.reverse();
          if (parsed.eligibleToApproveEmployeeId !== undefined) queues += matching.length;
          // As planned, always walked where the list may be walked, and never walked.
          for (const walkCost of [undefined, 1e-9, 1e9]) {
            const { rows, total } = await listOrders(db, who, parsed, TODAY, walkCost === undefined ? undefined : { walkCost });
            const label = `${n} ${JSON.stringify(query)} walkCost ${walkCost}`;
            expect(total, label).toBe(matching.length);
            expect(rows.map((row) => row.id), label).toEqual(matching.slice(parsed.offset, parsed.offset + 10).map((o) => o.id));
          }
        }
      }
      // The queue was not empty for everyone: the comparison above saw group and delegate levels.
      expect(queues).toBeGreaterThan(0);
    } finally {
      sqlite.exec('ROLLBACK TO equivalence; RELEASE equivalence');
    }
  });

  it('orders of one transaction type, for the whole tenant, are counted on the type index', async () => {
    const plans = await plansOf(async () => await listOrders(db, (await large()).desk, ordersQuery.parse({ limit: '10', transactionType: transactionType.enum.UPGRADE }), TODAY));
    const count = plans.find(({ text }) => /count\(\*\)/i.test(text))!;
    expect(count.plan).toEqual(['SEARCH orders USING COVERING INDEX orders_type (tenant_id=? AND transaction_type=?)']);
  });

  it('open orders of a page of lines are found through the service index, not by walking the tenant', async () => {
    const plans = await plansOf(async () => await servicesWithOpenOrders(db, largeIds.tenant, [largeIds.firstService, largeIds.firstService + 1]));
    expect(plans.flatMap((entry) => entry.plan).join('\n')).toMatch(/orders USING (COVERING )?INDEX orders_service/);
  });

  it('rows looked up by IDs, and the management chain, are read by those IDs, never by walking the tenant', async () => {
    const { desk, manager } = await large();
    const employeeIds = [largeIds.firstEmployee + 5, largeIds.firstEmployee + 6];
    const tenantWalk = /USING (COVERING )?INDEX \w+ \((e\.)?tenant_id=\?\)$/;
    for (const [label, work] of [
      ['devicesById', async () => await devicesById(db, largeIds.tenant, [largeIds.firstDevice, largeIds.firstDevice + 1])],
      ['orderableTypesByOwner, whole tenant', async () => await orderableTypesByOwner(db, desk.user, employeeIds)],
      ['orderableTypesByOwner, manager', async () => await orderableTypesByOwner(db, manager.user, employeeIds)],
      ['actAsList, manager', async () => await actAsList(db, manager.user)],
      ['subordinateIds', async () => await subordinateIds(db, largeIds.tenant, manager.user.id)],
      ['isAbove', async () => await isAbove(db, largeIds.tenant, manager.user.id, largeIds.firstEmployee + 35)],
      ['loadAccessories', async () => await loadAccessories(db, largeIds.tenant, [1_300_005, 1_300_006], null)],
      ['loadFeatures', async () => await loadFeatures(db, largeIds.tenant, [1_400_002], null)],
    ] as const) {
      for (const { text, plan } of await plansOf(work)) {
        expect(plan.filter((line) => tenantWalk.test(line)), `${label}: ${text}\n${plan.join('\n')}`).toEqual([]);
      }
    }
  });

  it("whether a type may be ordered (every confirm and submit, every page of lines) reads the person's and the department's restrictions by index, not every tenant's", async () => {
    const { desk, manager } = await large();
    const peter = await auth(demoIds.tenants.acme, demoIds.employees.peter);
    await expectNoFullScan('restrictionsFor', async () => await restrictionsFor(db, peter.user));
    await expectNoFullScan('restrictionsFor, no department', async () => await restrictionsFor(db, { ...manager.user, departmentId: null }));
    await expectNoFullScan('orderableTypesByOwner, whole tenant', async () => await orderableTypesByOwner(db, desk.user, [largeIds.firstEmployee + 5, largeIds.firstEmployee + 6]));
    await expectNoFullScan('orderableTypesByOwner, manager', async () => await orderableTypesByOwner(db, manager.user, [largeIds.firstEmployee + 5]));
  });

  it('catalog devices with a search stay within the tenant index', async () => {
    const peter = await auth(demoIds.tenants.acme, demoIds.employees.peter);
    await expectNoFullScan('catalog search', async () => await listCatalogDevices(db, peter, catalogDevicesQuery.parse({ limit: '10', search: 'pix' })));
  });
});

describe('the per-prefix employee count', () => {
  const prefixesOf = (row: { first: string; last: string; email: string }) =>
    new Set(['', ...[row.last, row.first, row.email].flatMap((text) => [1, 2].map((length) => [...foldForSearch(text)].slice(0, length).join('')))]);
  const counted = () => {
    const counts = new Map<string, number>();
    const rows = db.$client.prepare('SELECT tenant_id AS tenantId, first_name AS first, last_name AS last, email FROM employees').all() as { tenantId: number; first: string; last: string; email: string }[];
    for (const row of rows) for (const prefix of prefixesOf(row)) counts.set(`${row.tenantId}|${prefix}`, (counts.get(`${row.tenantId}|${prefix}`) ?? 0) + 1);
    return Object.fromEntries([...counts].sort());
  };
  const kept = () =>
    Object.fromEntries(
      (db.$client.prepare('SELECT tenant_id AS tenantId, prefix, employees AS n FROM employee_prefix_counts WHERE employees > 0').all() as { tenantId: number; prefix: string; n: number }[])
        .map((row) => [`${row.tenantId}|${row.prefix}`, row.n] as const)
        .sort(),
    );

  it('follows inserts, renames and deletes, and is the total of an unfiltered directory and short search', async () => {
    expect(kept()).toEqual(counted());
    const copy = db.$client.prepare(
      "INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, first_name_folded, last_name_folded, email_folded, status, custom_attributes, updated_at) SELECT tenant_id, 'COPY-' || id, first_name, last_name, 'Zq.' || email, first_name_folded, last_name_folded, 'zq.' || email_folded, status, custom_attributes, updated_at FROM employees WHERE id = ?",
    );
    const added = Number(copy.run(largeIds.firstEmployee + 4).lastInsertRowid);
    expect(kept()).toEqual(counted());
    const total = async (search?: string) => (await listEmployees(db, largeIds.tenant, employeesQuery.parse({ limit: '10', ...(search ? { search } : {}) }))).total;
    expect(await total()).toBe(300 + 1);
    expect(await total('ZQ')).toBe(1);
    db.$client.prepare('UPDATE employees SET last_name = ?, last_name_folded = ?, email = ?, email_folded = ? WHERE id = ?').run('Éclair', foldForSearch('Éclair'), 'x@large.example', 'x@large.example', added);
    expect(kept()).toEqual(counted());
    expect([await total('zq'), await total('Éc'), await total('éc'), await total('É'), await total('ÉC')]).toEqual([0, 1, 1, 1, 1]);
    db.$client.prepare('DELETE FROM employees WHERE id = ?').run(added);
    expect(kept()).toEqual(counted());
    expect(await total()).toBe(300);
  });
});

describe('the per-tenant order count', () => {
  const counted = () => db.$client.prepare('SELECT tenant_id AS tenantId, count(*) AS n FROM orders GROUP BY tenant_id ORDER BY tenant_id').all();
  const kept = () => db.$client.prepare('SELECT tenant_id AS tenantId, orders AS n FROM tenant_order_counts WHERE orders > 0 ORDER BY tenant_id').all();

  it('follows inserts and deletes, and is the total of an unfiltered whole-tenant list', async () => {
    expect(kept()).toEqual(counted());
    const copy = db.$client.prepare('INSERT INTO orders SELECT NULL, tenant_id, transaction_type, status, external_order_number, account_holder_id, requested_by_id, service_id, service_number, effects, confirmation, properties, ship_to, approver_id, date_submitted, updated_at, new_device_asset_id, incoming_number FROM orders WHERE id = ?');
    const added = Number(copy.run(largeIds.firstOrder).lastInsertRowid);
    expect(kept()).toEqual(counted());
    const { desk } = await large();
    expect((await listOrders(db, desk, ordersQuery.parse({ limit: '10' }), TODAY)).total).toBe(400 + 1);
    db.$client.prepare('DELETE FROM orders WHERE id = ?').run(added);
    expect(kept()).toEqual(counted());
    expect((await listOrders(db, desk, ordersQuery.parse({ limit: '10' }), TODAY)).total).toBe(400);
    // A filter is counted as before.
    const awaiting = (await listOrders(db, desk, ordersQuery.parse({ limit: '10', status: 'AWAITING_APPROVAL' }), TODAY)).total;
    expect(awaiting).toBe((db.$client.prepare("SELECT count(*) AS n FROM orders WHERE tenant_id = ? AND status = 'AWAITING_APPROVAL'").get(largeIds.tenant) as { n: number }).n);
  });
});


describe('the per-tenant device count', () => {
  const counted = () => db.$client.prepare('SELECT tenant_id AS tenantId, count(*) AS n FROM device_assets GROUP BY tenant_id ORDER BY tenant_id').all();
  const kept = () => db.$client.prepare('SELECT tenant_id AS tenantId, devices AS n FROM tenant_device_counts WHERE devices > 0 ORDER BY tenant_id').all();
  const devicesOf = (tenantId: number) => (db.$client.prepare('SELECT count(*) AS n FROM device_assets WHERE tenant_id = ?').get(tenantId) as { n: number }).n;

  it('follows inserts, moves between tenants and deletes, and is the total of an unfiltered whole-tenant list', async () => {
    expect(kept()).toEqual(counted());
    const columns = (db.$client.prepare("SELECT name FROM pragma_table_info('device_assets') WHERE name <> 'id'").all() as { name: string }[]).map(({ name }) => `"${name}"`).join(', ');
    const device = db.$client.prepare('SELECT id FROM device_assets WHERE tenant_id = ? ORDER BY id LIMIT 1').get(largeIds.tenant) as { id: number };
    const added = Number(db.$client.prepare(`INSERT INTO device_assets (${columns}) SELECT ${columns} FROM device_assets WHERE id = ?`).run(device.id).lastInsertRowid);
    const { desk, manager } = await large();
    const total = async (query: Record<string, string> = {}, who = desk) => (await listDevices(db, who, deviceAssetsQuery.parse({ limit: '10', ...query }))).total;
    const before = devicesOf(largeIds.tenant) - 1;
    try {
      expect(kept()).toEqual(counted());
      expect(await total()).toBe(before + 1);
      expect(await total({ sortAscending: 'true', includeServiceDetails: 'true' })).toBe(before + 1);
      db.$client.prepare('UPDATE device_assets SET tenant_id = ? WHERE id = ?').run(demoIds.tenants.globex, added);
      expect(kept()).toEqual(counted());
      expect(await total()).toBe(before);
    } finally {
      db.$client.prepare('DELETE FROM device_assets WHERE id = ?').run(added);
    }
    expect(kept()).toEqual(counted());
    expect(await total()).toBe(before);
    // A filter, or a scope narrower than the tenant, is counted as before.
    const owner = db.$client.prepare('SELECT employee_id AS id FROM device_assets WHERE id = ?').get(device.id) as { id: number };
    expect(await total({ employee: String(owner.id) })).toBe((db.$client.prepare('SELECT count(*) AS n FROM device_assets WHERE employee_id = ?').get(owner.id) as { n: number }).n);
    expect(await total({}, manager)).toBeLessThan(before);
  });
});

describe('the management chain and the per-subtree order count', () => {
  /** Each person and everyone at or above them, walked from `employees` as the chain queries walk it. */
  const walkedChain = () =>
    db.$client
      .prepare(
        `WITH RECURSIVE up(employee_id, ancestor_id, depth) AS (
           SELECT id, id, 0 FROM employees
           UNION ALL SELECT up.employee_id, e.manager_id, up.depth + 1 FROM up JOIN employees e ON e.id = up.ancestor_id WHERE e.manager_id IS NOT NULL AND up.depth < 64)
         SELECT employee_id AS employeeId, ancestor_id AS ancestorId FROM up ORDER BY 1, 2`,
      )
      .all();
  const keptChain = () => db.$client.prepare('SELECT employee_id AS employeeId, ancestor_id AS ancestorId FROM employee_chain ORDER BY 1, 2').all();
  /** Orders held at or below each person, counted from the walked chain. */
  const countedBelow = () =>
    db.$client
      .prepare(
        `WITH RECURSIVE up(employee_id, ancestor_id, depth) AS (
           SELECT id, id, 0 FROM employees
           UNION ALL SELECT up.employee_id, e.manager_id, up.depth + 1 FROM up JOIN employees e ON e.id = up.ancestor_id WHERE e.manager_id IS NOT NULL AND up.depth < 64)
         SELECT up.ancestor_id AS employeeId, count(*) AS n FROM orders o JOIN up ON up.employee_id = o.account_holder_id GROUP BY up.ancestor_id ORDER BY 1`,
      )
      .all();
  const keptBelow = () => db.$client.prepare('SELECT employee_id AS employeeId, orders AS n FROM subtree_order_counts WHERE orders <> 0 ORDER BY 1').all();
  /** Lines owned at or below each person, counted from the walked chain. */
  const countedLinesBelow = () =>
    db.$client
      .prepare(
        `WITH RECURSIVE up(employee_id, ancestor_id, depth) AS (
           SELECT id, id, 0 FROM employees
           UNION ALL SELECT up.employee_id, e.manager_id, up.depth + 1 FROM up JOIN employees e ON e.id = up.ancestor_id WHERE e.manager_id IS NOT NULL AND up.depth < 64)
         SELECT up.ancestor_id AS employeeId, count(*) AS n FROM services s JOIN up ON up.employee_id = s.employee_id GROUP BY up.ancestor_id ORDER BY 1`,
      )
      .all();
  const keptLinesBelow = () => db.$client.prepare('SELECT employee_id AS employeeId, services AS n FROM subtree_service_counts WHERE services <> 0 ORDER BY 1').all();
  /** People at or below each person (themselves included), counted from the walked chain. */
  const countedPeopleBelow = () =>
    db.$client
      .prepare(
        `WITH RECURSIVE up(employee_id, ancestor_id, depth) AS (
           SELECT id, id, 0 FROM employees
           UNION ALL SELECT up.employee_id, e.manager_id, up.depth + 1 FROM up JOIN employees e ON e.id = up.ancestor_id WHERE e.manager_id IS NOT NULL AND up.depth < 64)
         SELECT ancestor_id AS employeeId, count(*) AS n FROM up GROUP BY ancestor_id ORDER BY 1`,
      )
      .all();
  const keptPeopleBelow = () => db.$client.prepare('SELECT employee_id AS employeeId, people AS n FROM subtree_people_counts WHERE people <> 0 ORDER BY 1').all();
  const expectKept = () => {
    expect(keptChain()).toEqual(walkedChain());
    expect(keptBelow()).toEqual(countedBelow());
    expect(keptLinesBelow()).toEqual(countedLinesBelow());
    expect(keptPeopleBelow()).toEqual(countedPeopleBelow());
  };

  it('follow new people, moves with everyone below, lines moving, and orders added, handed to another holder and deleted', async () => {
    const sqlite = db.$client;
    const person = (n: number) => largeIds.firstEmployee + n;
    expectKept();
    sqlite.exec('SAVEPOINT subtree_counts');
    try {
      // A new person below someone with reports, then an order of theirs.
      const columns = (sqlite.prepare("SELECT name FROM pragma_table_info('employees') WHERE name NOT IN ('id', 'company_employee_id', 'username', 'manager_id')").all() as { name: string }[])
        .map(({ name }) => `"${name}"`)
        .join(', ');
      const newcomer = Number(
        sqlite.prepare(`INSERT INTO employees (${columns}, company_employee_id, username, manager_id) SELECT ${columns}, 'NEW-1', NULL, ? FROM employees WHERE id = ?`).run(person(25), person(299))
          .lastInsertRowid,
      );
      expectKept();
      const copy = sqlite.prepare(
        'INSERT INTO orders SELECT NULL, tenant_id, transaction_type, status, external_order_number, ?, requested_by_id, service_id, service_number, effects, confirmation, properties, ship_to, approver_id, date_submitted, updated_at, new_device_asset_id, incoming_number FROM orders WHERE id = ?',
      );
      const added = Number(copy.run(newcomer, largeIds.firstOrder).lastInsertRowid);
      expectKept();
      // A line of theirs: given to them, then to nobody (transferred out), then back.
      const { id: line, owner } = sqlite.prepare('SELECT id, employee_id AS owner FROM services WHERE tenant_id = ? AND employee_id IS NOT NULL ORDER BY id LIMIT 1').get(largeIds.tenant) as {
        id: number;
        owner: number;
      };
      sqlite.prepare('UPDATE services SET employee_id = ? WHERE id = ?').run(newcomer, line);
      expectKept();
      sqlite.prepare('UPDATE services SET employee_id = NULL WHERE id = ?').run(line);
      expectKept();
      sqlite.prepare('UPDATE services SET employee_id = ? WHERE id = ?').run(newcomer, line);
      expectKept();
      // Their manager moves to another branch with everyone below her, then back to the top.
      sqlite.prepare('UPDATE employees SET manager_id = ? WHERE id = ?').run(person(7), person(25));
      expectKept();
      sqlite.prepare('UPDATE employees SET manager_id = NULL WHERE id = ?').run(person(25));
      expectKept();
      sqlite.prepare('UPDATE employees SET manager_id = ? WHERE id = ?').run(person(2), person(25));
      expectKept();
      // Below herself she cannot go: the chain would loop.
      expect(() => sqlite.prepare('UPDATE employees SET manager_id = ? WHERE id = ?').run(newcomer, person(25))).toThrow(/UNIQUE/);
      expectKept();
      // The order handed to another holder, then gone; the newcomer too.
      sqlite.prepare('UPDATE orders SET account_holder_id = ? WHERE id = ?').run(person(150), added);
      expectKept();
      sqlite.prepare('DELETE FROM orders WHERE id = ?').run(added);
      expectKept();
      sqlite.prepare('UPDATE services SET employee_id = ? WHERE id = ?').run(owner, line);
      expectKept();
      sqlite.prepare('DELETE FROM employees WHERE id = ?').run(newcomer);
      expectKept();
    } finally {
      sqlite.exec('ROLLBACK TO subtree_counts; RELEASE subtree_counts');
    }
  });
});
