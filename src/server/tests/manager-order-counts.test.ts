/**
 * A manager's unfiltered order and line lists take their totals from the per-subtree order count the triggers
 * keep (`subtree_order_counts` over `employee_chain`), and the first pages of a manager who sees
 * much of the tenant are walked in date order (decision 16). Over HTTP, after each change that
 * moves a count — a new order, a decision, a line given to someone else, a person moving to another
 * manager with everyone below them — the unfiltered list must answer exactly what the same list
 * answers under a filter that keeps every order, which is still counted and sorted order by order.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { approvalResponse, ordersResponse, servicesResponse } from '../../contract/index.ts';
import { transaction } from '../storage/db.ts';
import { employees } from '../storage/schema.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { freshOrderer, newLineRequest, submitOk, waitForStatus, type Orderer } from './orders-fixtures.ts';
import { getOk } from './read-api.ts';
import { apiPost, signIn, type Session } from './session.ts';

let server: TestServer;
let barbara: Session;
let daniel: Session;
let grace: Session;
let orderer: Orderer;

beforeAll(async () => {
  server = await startTestServer();
  barbara = await signIn(server, 'barbara.andrews');
  daniel = await signIn(server, 'daniel.okafor');
  grace = await signIn(server, 'grace.liu');
  orderer = await freshOrderer(server, 'subtree');
});
afterAll(async () => {
  await server.close();
});

/** A filter every order passes: the list is then counted and sorted as before the kept count. */
const EVERY_ORDER = '&dateTimeUpdated=2000-01-01T00:00:00Z';

async function listed(session: Session, query: string, limit = 10) {
  const page = (await getOk(server, session, `/orders?limit=${limit}${query}`, ordersResponse)).orders;
  return { total: page._meta.totalCount, ids: page.items.map((order) => order.orderId) };
}

/** Every order the session lists (the demo's lists are short). */
async function everyId(session: Session): Promise<Set<string>> {
  const { total, ids } = await listed(session, '&offset=0', 100);
  expect(ids.length).toBe(total);
  return new Set(ids);
}

/** The unfiltered list (kept count, walked or sorted page) against the filtered one (counted), first page and oldest first. */
async function expectSameAsCounted(session: Session): Promise<number> {
  for (const query of ['&offset=0', '&offset=0&sortAscending=true', '&offset=3']) {
    expect(await listed(session, query), query).toEqual(await listed(session, query + EVERY_ORDER));
  }
  return (await listed(session, '&offset=0')).total;
}

/** The same for lines (the kept `subtree_service_counts`, the walk of the tenant's lines). */
async function expectLinesSameAsCounted(session: Session): Promise<number> {
  const lines = async (query: string) => {
    const page = (await getOk(server, session, `/assets/services?limit=10${query}`, servicesResponse)).services;
    return { total: page._meta.totalCount, ids: page.items.map((line) => line.id) };
  };
  for (const query of ['&offset=0', '&offset=0&sortAscending=true', '&offset=3']) {
    expect(await lines(query), query).toEqual(await lines(query + EVERY_ORDER));
  }
  return (await lines('&offset=0')).total;
}

async function moveTo(employeeId: number, managerId: number): Promise<void> {
  await transaction(server.deps.db, async (tx) => {
    await tx.update(employees).set({ managerId }).where(eq(employees.id, employeeId));
  });
}

describe("a manager's order count", () => {
  it('stays right, with the line count, through a new order, its approval, a line moving and a person moving with their orders', async () => {
    const managers = [barbara, daniel, grace];
    const totals = async () => Promise.all(managers.map(expectSameAsCounted));
    const [barbaraBefore, danielBefore, graceBefore] = await totals();
    const ordererLines = await expectLinesSameAsCounted(orderer.session);

    // A new order of someone below Barbara: hers and the CTO's lists grow, Grace's does not.
    const order = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true }));
    expect(order.status).toBe('AWAITING_APPROVAL');
    expect(await totals()).toEqual([barbaraBefore! + 1, danielBefore! + 1, graceBefore]);

    // A status change moves no count.
    const approved = await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approvalResponse.parse(approved.body).status).not.toBe('AWAITING_APPROVAL');
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    // The new line is added by the fulfilment's last step, which may follow the order's status.
    await vi.waitFor(async () => expect(await expectLinesSameAsCounted(orderer.session)).toBe(ordererLines + 1), { timeout: 5000 });
    expect(await totals()).toEqual([barbaraBefore! + 1, danielBefore! + 1, graceBefore]);

    // A line given to someone below Grace: the orders stay their holder's, the line goes.
    const lineTotals = async () => Promise.all(managers.map(expectLinesSameAsCounted));
    const [barbaraLines, danielLines, graceLines] = await lineTotals();
    const moved = await apiPost(server, barbara, `/assets/services/${orderer.serviceIds[1]}/move`, { newOwnerEmployeeId: '1019', moveCharges: 'MOVE_NO_CHARGES' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await totals()).toEqual([barbaraBefore! + 1, danielBefore! + 1, graceBefore]);
    expect(await lineTotals()).toEqual([barbaraLines! - 1, danielLines, graceLines! + 1]);

    // An order no one approves: Barbara sees it only while the orderer is below her.
    const unapproved = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: false }));
    expect(unapproved.status).not.toBe('AWAITING_APPROVAL');
    await waitForStatus(server, orderer.session, unapproved.orderId, 'COMPLETE');
    // Its new line joins the orderer's (one of theirs went to Nathan above).
    await vi.waitFor(async () => expect(await expectLinesSameAsCounted(orderer.session)).toBe(ordererLines + 1), { timeout: 5000 });
    expect(await totals()).toEqual([barbaraBefore! + 2, danielBefore! + 2, graceBefore]);

    // The orderer moves from Barbara to Grace, taking both orders along; Barbara still sees the one
    // she approved, and the CTO is above both.
    expect((await listed(orderer.session, '&offset=0')).total).toBe(2);
    const theirLines = await expectLinesSameAsCounted(orderer.session);
    expect(theirLines).toBeGreaterThan(0);
    await moveTo(orderer.employeeId, 1018);
    expect(await totals()).toEqual([barbaraBefore! + 1, danielBefore! + 2, graceBefore! + 2]);
    expect(await lineTotals()).toEqual([barbaraLines! - theirLines, danielLines! + 1, graceLines! + 1 + theirLines]);
    await moveTo(orderer.employeeId, demoIds.employees.barbara);
    expect(await totals()).toEqual([barbaraBefore! + 2, danielBefore! + 2, graceBefore]);
    expect(await lineTotals()).toEqual([barbaraLines!, danielLines! + 1, graceLines! + 1]);
  });

  it('moves whole subtrees: a manager moving below another takes her reports and their orders along', async () => {
    const ceo = await signIn(server, 'margaret.holloway');
    // The orderer, with their orders, joins Grace's team two levels below her.
    await moveTo(orderer.employeeId, 1019);
    const [barbaraBefore, graceBefore, ceoBefore] = await Promise.all([barbara, grace, ceo].map(expectSameAsCounted));
    expect(graceBefore).toBeGreaterThan(0);
    // Barbara then sees what she saw (some as its approver) and everything Grace sees.
    const union = new Set([...await everyId(barbara), ...await everyId(grace)]).size;
    expect(union).toBeGreaterThan(barbaraBefore!);
    // Grace's team joins Barbara's; the CEO, above everyone, sees the same orders throughout.
    await moveTo(1018, demoIds.employees.barbara);
    expect(await Promise.all([barbara, grace, ceo].map(expectSameAsCounted))).toEqual([union, graceBefore, ceoBefore]);
    await moveTo(1018, demoIds.employees.cto);
    expect(await Promise.all([barbara, grace, ceo].map(expectSameAsCounted))).toEqual([barbaraBefore, graceBefore, ceoBefore]);
  });
});
