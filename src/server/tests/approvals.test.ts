/**
 * MOBPROC §4.6 extensions over HTTP: approval rules as data (every condition, levels in order,
 * approver groups, the self-decision rule), request-info, approval delegates, the JUSTIFICATION
 * property. Each test uses fresh employees reporting to Barbara, so tests do not share lines.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalDelegateResponse,
  approvalResponse,
  errorEnvelope,
  meResponse,
  orderDetailResponse,
  ordersResponse,
  transactionType,
  type OrderRequestBody,
} from '../../contract/index.ts';
import { acmeApprovalPolicy, type ApprovalPolicy } from '../storage/seed/approval-policy.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { cents, confirmOk, fillRequired, freshOrderer, getOrder, orderRequestFor, propertyDefinitions, serviceOf, shipToUS, submitOk, waitForStatus, type Orderer } from './orders-fixtures.ts';
import { getOk } from './read-api.ts';
import { exec, row, sql } from './rows.ts';
import { apiGet, apiPost, signIn, type Session } from './session.ts';

const e = demoIds.employees;
const SUMMIT = String(demoIds.vendors.summit);
const MERIDIAN = String(demoIds.vendors.meridian);
const DAY = 86_400_000;

let server: TestServer;
let barbara: Session;
let daniel: Session;
let nina: Session;
let luis: Session;
let kevin: Session;
let frank: Session;
let sam: Session;
/** One Pixel 9 on Summit, in cents: the quantity that reaches $1,000 is computed from it. */
let devicePriceCents: number;

beforeAll(async () => {
  server = await startTestServer();
  const sessions = await Promise.all(
    ['barbara.andrews', 'daniel.okafor', 'nina.patel', 'luis.ortega', 'kevin.zhao', 'frank.castle', 'sam.rivera'].map(async (username) => await signIn(server, username)),
  );
  [barbara, daniel, nina, luis, kevin, frank, sam] = sessions as [Session, Session, Session, Session, Session, Session, Session];
  const device = await apiGet(server, barbara, `/catalog/devices/${demoIds.catalogDevices.pixel9Summit}`);
  devicePriceCents = cents((device.body as { price: { amount: number } }).price);
});
afterAll(async () => {
  await server.close();
});

/** Replaces ACME's stored policy for one test; `afterEach` puts the demo policy back. */
async function usePolicy(policy: ApprovalPolicy) {
  await exec(server, sql`UPDATE tenants SET approval_policy = ${JSON.stringify(policy)} WHERE id = ${demoIds.tenants.acme}`);
}
afterEach(async () => await usePolicy(acmeApprovalPolicy));

const actingFor = (employeeId: number | string) => ({ 'X-TNGO-CONTEXT-EMPLOYEEID': String(employeeId) });

/** A new Summit line: plan only, or with `quantity` Pixel 9 phones shipped. */
async function newLine(orderer: Orderer, options: { quantity?: number; planId?: number; vendor?: string } = {}): Promise<OrderRequestBody> {
  const withDevice = options.quantity !== undefined;
  const vendor = options.vendor ?? SUMMIT;
  const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor }, { excludesDevice: !withDevice });
  return orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
    regionId: '1',
    postalCode: '98101',
    shoppingCart: {
      planId: String(options.planId ?? demoIds.plans.summitBusinessUnlimited),
      ...(withDevice ? { deviceId: String(demoIds.catalogDevices.pixel9Summit), quantity: options.quantity } : {}),
    },
    properties: fillRequired(definitions, { JUSTIFICATION: 'New starter on the support rota needs a phone' }),
    ...(withDevice ? { shipTo: shipToUS() } : {}),
  });
}

/** Phones enough for a one-time total of $1,000 or more. */
const quantityForAThousand = () => Math.ceil(100_000 / devicePriceCents);

async function careOrder(orderer: Orderer, type: typeof transactionType.enum.SUSPEND | typeof transactionType.enum.DEACTIVATE, serviceId: number): Promise<OrderRequestBody> {
  const definitions = await propertyDefinitions(server, orderer.session, type, { service: String(serviceId) });
  return orderRequestFor(type, { serviceId: String(serviceId), properties: fillRequired(definitions) });
}

/** A plan-only UPGRADE of the orderer's line `index` (0: past its eligibility date, 1: 300 days before it). */
async function upgradePlan(orderer: Orderer, index: 0 | 1, planId = 4003): Promise<OrderRequestBody> {
  const serviceId = orderer.serviceIds[index];
  const service = await serviceOf(server, orderer.session, serviceId);
  const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.UPGRADE, { service: String(serviceId) }, { excludesDevice: true });
  return orderRequestFor(transactionType.enum.UPGRADE, {
    serviceId: String(serviceId),
    existingDevice: { manufacturerId: service.device!.manufacturer.id, modelId: service.device!.model.id, serialNumber: service.device!.serialNumber },
    shoppingCart: { planId: String(planId) },
    properties: fillRequired(definitions, { JUSTIFICATION: 'The current plan runs out of data every month' }),
  });
}

async function decide(session: Session, orderId: string, body: unknown, headers: Record<string, string> = {}) {
  return await apiPost(server, session, `/orders/${orderId}/approval`, body, headers);
}

async function decideOk(session: Session, orderId: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await decide(session, orderId, body, headers);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return approvalResponse.parse(response.body).status;
}

const queueOf = async (session: Session, employeeId: number | string) =>
  (await getOk(server, session, `/orders?eligibleToApproveEmployeeId=${employeeId}&status=AWAITING_APPROVAL&limit=100&offset=0&includeApprovers=true`, ordersResponse)).orders.items;

const fieldsOf = (body: unknown) => errorEnvelope.parse(body).errors.map((error) => error.field);

/** Who each level waits for: a person's id or `group:<name>`, with its decision. */
const levelsOf = (levels: { employee?: { id: string } | null; approverGroup?: { name: string } | null; decision: string }[]) =>
  levels.map((level) => `${level.employee ? level.employee.id : `group:${level.approverGroup?.name}`} ${level.decision}`);

describe('the demo policy (docs/demo-tenant.md)', () => {
  it('asks the manager below $1,000, and adds IT Mobility as a second level from $1,000, decided in order by either member', async () => {
    const orderer = await freshOrderer(server, 'two levels');
    const cheap = await confirmOk(server, orderer.session, await newLine(orderer, { quantity: 1 }));
    expect(cents(cheap.costSummary.find((money) => money.recurrence === 'ONETIME')!)).toBeLessThan(100_000);
    expect(levelsOf(cheap.approval.levels)).toEqual([`${e.barbara} PENDING`]);
    expect(cheap.approval).toMatchObject({ required: true, approver: { id: String(e.barbara) } });

    const body = await newLine(orderer, { quantity: quantityForAThousand() });
    const preview = await confirmOk(server, orderer.session, body);
    expect(cents(preview.costSummary.find((money) => money.recurrence === 'ONETIME')!)).toBeGreaterThanOrEqual(100_000);
    expect(levelsOf(preview.approval.levels)).toEqual([`${e.barbara} PENDING`, 'group:IT Mobility PENDING']);

    const order = await submitOk(server, orderer.session, body);
    expect(order.status).toBe('AWAITING_APPROVAL');
    expect(levelsOf(order.approvers)).toEqual([`${e.barbara} PENDING`, 'group:IT Mobility PENDING']);
    expect(order.pendingApprovalLevel).toBe(1);
    // Level 2 is not open yet: not in the group's queue, and a member cannot jump ahead.
    expect((await queueOf(nina, e.nina)).map((item) => item.orderId)).not.toContain(order.orderId);
    expect(await decideOk(nina, order.orderId, { action: 'APPROVE' })).toBe('NOT_READY_FOR_APPROVAL');
    expect((await decide(frank, order.orderId, { action: 'APPROVE' })).status).toBe(404);

    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE', reason: 'Team lead phones' })).toBe('APPROVAL_QUEUED');
    const between = await getOrder(server, orderer.session, order.orderId);
    expect(between.status).toBe('AWAITING_APPROVAL');
    expect(between.pendingApprovalLevel).toBe(2);
    expect(levelsOf(between.approvers)).toEqual([`${e.barbara} APPROVED`, 'group:IT Mobility PENDING']);
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_NOT_NEEDED');
    expect((await queueOf(barbara, e.barbara)).map((item) => item.orderId)).not.toContain(order.orderId);
    for (const [session, id] of [[nina, e.nina], [luis, e.luis]] as const) {
      const queued = (await queueOf(session, id)).find((item) => item.orderId === order.orderId);
      expect(queued?.justification).toBe('New starter on the support rota needs a phone');
    }
    // Nina sees the order she may decide.
    expect((await apiGet(server, nina, `/orders/${order.orderId}`)).status).toBe(200);

    expect(await decideOk(luis, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    expect(await decideOk(nina, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_NOT_NEEDED');
    const done = await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    expect(done.approvers[1]).toMatchObject({ decision: 'APPROVED', approverGroup: { name: 'IT Mobility' }, decidedBy: { id: String(e.luis) } });
    expect(done.pendingApprovalLevel).toBeNull();
    const descriptions = done.history.map((entry) => entry.description);
    expect(descriptions.find((text) => text.startsWith('Approved by Barbara Andrews (level 1 of 2)'))).toContain('Now awaiting approval by IT Mobility');
    expect(descriptions.some((text) => text.startsWith('Approved by Luis Ortega (level 2 of 2)'))).toBe(true);
    // "Decided by me": Luis finds it after the fact.
    const decided = await getOk(server, luis, `/orders?decidedByEmployeeId=${e.luis}&limit=100&offset=0`, ordersResponse);
    expect(decided.orders.items.map((item) => item.orderId)).toContain(order.orderId);
  });

  it('lets the other member decide a group level too (Nina)', async () => {
    const orderer = await freshOrderer(server, 'nina decides');
    const order = await submitOk(server, orderer.session, await newLine(orderer, { quantity: quantityForAThousand() }));
    await decideOk(barbara, order.orderId, { action: 'APPROVE' });
    expect(await decideOk(nina, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    expect(await decideOk(luis, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_NOT_NEEDED');
    const read = await getOrder(server, orderer.session, order.orderId);
    expect(read.approvers[1]).toMatchObject({ decision: 'APPROVED', decidedBy: { id: String(e.nina) } });
  });

  it('sends an UPGRADE before the eligibility date to the manager’s manager as well', async () => {
    const orderer = await freshOrderer(server, 'early upgrade');
    const early = await confirmOk(server, orderer.session, await upgradePlan(orderer, 1));
    // No one-time cost: only the early-upgrade rule applies.
    expect(levelsOf(early.approval.levels)).toEqual([`${e.cto} PENDING`]);
    const onTime = await confirmOk(server, orderer.session, await upgradePlan(orderer, 0));
    expect(onTime.approval).toEqual({ required: false, approver: null, levels: [] });
  });

  it('asks nothing of a manager’s own priced order, and asks her manager for her DEACTIVATE', async () => {
    const own = await confirmOk(server, barbara, orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      regionId: '1',
      postalCode: '98101',
      shoppingCart: { planId: String(demoIds.plans.summitBusinessUnlimited), deviceId: String(demoIds.catalogDevices.pixel9Summit), quantity: quantityForAThousand() },
      properties: fillRequired(await propertyDefinitions(server, barbara, transactionType.enum.NEW_ACTIVATION, { vendor: SUMMIT })),
      shipTo: shipToUS(),
    }));
    expect(own.approval.required).toBe(false);
    const orderer = await freshOrderer(server, 'deactivate');
    const deactivate = await confirmOk(server, orderer.session, await careOrder(orderer, transactionType.enum.DEACTIVATE, orderer.serviceIds[0]));
    expect(levelsOf(deactivate.approval.levels)).toEqual([`${e.barbara} PENDING`]);
  });

  it('makes JUSTIFICATION a REQUIRED text of every procurement order, shown to the approver', async () => {
    const orderer = await freshOrderer(server, 'justification');
    for (const [type, target] of [
      [transactionType.enum.NEW_ACTIVATION, { vendor: SUMMIT }],
      [transactionType.enum.UPGRADE, { service: String(orderer.serviceIds[0]) }],
      [transactionType.enum.PORT_NUMBER, { vendor: MERIDIAN }],
      [transactionType.enum.ORDER_ACCESSORIES, { service: String(orderer.serviceIds[0]) }],
    ] as const) {
      const fields = (await propertyDefinitions(server, orderer.session, type, target)).flatMap((group) => group.fields);
      expect(fields.find((field) => field.id === 'JUSTIFICATION'), type).toMatchObject({ type: 'TEXT', validation: 'REQUIRED' });
    }
    const care = (await propertyDefinitions(server, orderer.session, transactionType.enum.SUSPEND, { service: String(orderer.serviceIds[0]) })).flatMap((group) => group.fields);
    expect(care.some((field) => field.id === 'JUSTIFICATION')).toBe(false);

    const body = await newLine(orderer, { quantity: 1 });
    const groups = body.orderRequest.properties!;
    const groupIndex = groups.findIndex((group) => group.fields.some((field) => field.id === 'JUSTIFICATION'));
    const without = structuredClone(body);
    without.orderRequest.properties![groupIndex]!.fields = groups[groupIndex]!.fields.filter((field) => field.id !== 'JUSTIFICATION');
    const refused = await apiPost(server, orderer.session, '/orders', without);
    expect(refused.status).toBe(400);
    expect(fieldsOf(refused.body).some((field) => field?.startsWith(`orderRequest.properties.${groupIndex}`))).toBe(true);

    const order = await submitOk(server, orderer.session, body);
    const asBarbara = await getOrder(server, barbara, order.orderId);
    expect(asBarbara.properties.flatMap((group) => group.fields).find((field) => field.id === 'JUSTIFICATION')?.text).toBe('New starter on the support rota needs a phone');
  });
});

describe('rule conditions (a policy stored for the test)', () => {
  const manager = [{ type: 'ACCOUNT_HOLDER_MANAGER' as const }];
  const required = async (orderer: Orderer, body: OrderRequestBody) => (await confirmOk(server, orderer.session, body)).approval.required;

  it('transactionTypes and categories', async () => {
    const orderer = await freshOrderer(server, 'types');
    await usePolicy({ rules: [{ transactionTypes: [transactionType.enum.SUSPEND], unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, await careOrder(orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0]))).toBe(true);
    expect(await required(orderer, await careOrder(orderer, transactionType.enum.DEACTIVATE, orderer.serviceIds[0]))).toBe(false);
    await usePolicy({ rules: [{ categories: ['PROCUREMENT'], unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, await newLine(orderer))).toBe(true);
    expect(await required(orderer, await careOrder(orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0]))).toBe(false);
  });

  it('carrierIds', async () => {
    const orderer = await freshOrderer(server, 'carriers');
    await usePolicy({ rules: [{ carrierIds: [demoIds.vendors.meridian], unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, await newLine(orderer, { vendor: MERIDIAN, planId: demoIds.plans.meridianBusinessPro }))).toBe(true);
    expect(await required(orderer, await newLine(orderer))).toBe(false);
  });

  it('shipsDevice', async () => {
    const orderer = await freshOrderer(server, 'ships');
    await usePolicy({ rules: [{ shipsDevice: true, unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, await newLine(orderer, { quantity: 1 }))).toBe(true);
    expect(await required(orderer, await newLine(orderer))).toBe(false);
    await usePolicy({ rules: [{ shipsDevice: false, unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, await newLine(orderer))).toBe(true);
  });

  it('minOneTimeCents: the one-time total at or above the amount', async () => {
    const orderer = await freshOrderer(server, 'one-time');
    const body = await newLine(orderer, { quantity: 1 });
    const total = cents((await confirmOk(server, orderer.session, body)).costSummary.find((money) => money.recurrence === 'ONETIME')!);
    await usePolicy({ rules: [{ minOneTimeCents: total, unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, body)).toBe(true);
    await usePolicy({ rules: [{ minOneTimeCents: total + 1, unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, body)).toBe(false);
  });

  it('minMonthlyChangeCents: a new plan counts only what it adds to the line’s current plan', async () => {
    const orderer = await freshOrderer(server, 'monthly');
    // Line 0 is on Summit Business Unlimited ($60); Summit Unlimited Plus is $75: a change of $15.
    const upgrade = await upgradePlan(orderer, 0);
    await usePolicy({ rules: [{ minMonthlyChangeCents: 1500, unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, upgrade)).toBe(true);
    await usePolicy({ rules: [{ minMonthlyChangeCents: 1501, unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, upgrade)).toBe(false);
    // A new line adds its whole plan.
    expect(await required(orderer, await newLine(orderer))).toBe(true);
  });

  it('earlyUpgrade', async () => {
    const orderer = await freshOrderer(server, 'early');
    await usePolicy({ rules: [{ earlyUpgrade: true, unlessAccountHolderIsManager: false, levels: manager }] });
    expect(await required(orderer, await upgradePlan(orderer, 1))).toBe(true);
    expect(await required(orderer, await upgradePlan(orderer, 0))).toBe(false);
  });

  it('unlessAccountHolderIsManager', async () => {
    const orderer = await freshOrderer(server, 'manager');
    await usePolicy({ rules: [{ categories: ['PROCUREMENT'], unlessAccountHolderIsManager: true, levels: manager }] });
    expect(await required(orderer, await newLine(orderer))).toBe(true);
    // Daniel manages people: his own order matches no rule.
    const ownDefinitions = await propertyDefinitions(server, daniel, transactionType.enum.NEW_ACTIVATION, { vendor: SUMMIT }, { excludesDevice: true });
    const forDaniel = orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      regionId: '1',
      postalCode: '98101',
      shoppingCart: { planId: String(demoIds.plans.summitBusinessUnlimited) },
      properties: fillRequired(ownDefinitions),
    });
    expect((await confirmOk(server, daniel, forDaniel)).approval.required).toBe(false);
  });

  it('levels come in rule order, each kind once; a rule adds its levels only when all its conditions hold', async () => {
    const orderer = await freshOrderer(server, 'order');
    await usePolicy({
      rules: [
        { categories: ['PROCUREMENT'], unlessAccountHolderIsManager: false, levels: [{ type: 'MANAGERS_MANAGER' }, { type: 'APPROVER_GROUP', group: 'IT_MOBILITY' }] },
        { categories: ['PROCUREMENT'], unlessAccountHolderIsManager: false, levels: [{ type: 'ACCOUNT_HOLDER_MANAGER' }, { type: 'MANAGERS_MANAGER' }] },
        { categories: ['CARE'], unlessAccountHolderIsManager: false, levels: [{ type: 'APPROVER_GROUP', group: 'IT_MOBILITY' }] },
      ],
    });
    const preview = await confirmOk(server, orderer.session, await newLine(orderer));
    expect(levelsOf(preview.approval.levels)).toEqual([`${e.cto} PENDING`, 'group:IT Mobility PENDING', `${e.barbara} PENDING`]);
    expect(preview.approval.levels.map((level) => level.level)).toEqual([1, 2, 3]);
    // Level 1 is a person: the preview names them as `approver`.
    expect(preview.approval.approver?.id).toBe(String(e.cto));

    const order = await submitOk(server, orderer.session, await newLine(orderer));
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('NOT_READY_FOR_APPROVAL');
    expect(await decideOk(daniel, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('NOT_READY_FOR_APPROVAL');
    expect(await decideOk(nina, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
  });
});

describe('the self-decision rule', () => {
  it('Barbara acting for her report: her level goes to Daniel, and she cannot decide it', async () => {
    const orderer = await freshOrderer(server, 'acting manager');
    const body = await newLine(orderer, { quantity: quantityForAThousand() });
    const preview = await confirmOk(server, barbara, body, actingFor(orderer.employeeId));
    expect(levelsOf(preview.approval.levels)).toEqual([`${e.cto} PENDING`, 'group:IT Mobility PENDING']);
    const order = await submitOk(server, barbara, body, actingFor(orderer.employeeId));
    expect(order.requestedBy.id).toBe(String(e.barbara));
    expect((await decide(barbara, order.orderId, { action: 'APPROVE' })).status).toBe(403);
    expect((await queueOf(barbara, e.barbara)).map((item) => item.orderId)).not.toContain(order.orderId);
    expect((await queueOf(daniel, e.cto)).map((item) => item.orderId)).toContain(order.orderId);
    expect(await decideOk(daniel, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
  });

  it('the service desk’s request is not decided by the service desk acting for the approver', async () => {
    const orderer = await freshOrderer(server, 'service desk');
    const order = await submitOk(server, sam, await careOrder(orderer, transactionType.enum.DEACTIVATE, orderer.serviceIds[0]), actingFor(orderer.employeeId));
    expect(levelsOf(order.approvers)).toEqual([`${e.barbara} PENDING`]);
    const asBarbara = await decide(sam, order.orderId, { action: 'APPROVE' }, actingFor(e.barbara));
    expect(asBarbara.status).toBe(403);
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
  });

  it('no level lands on someone who cannot decide: a manager who left passes it up the chain, a group counts neither leavers nor service accounts', async () => {
    const orderer = await freshOrderer(server, 'leavers');
    const setStatus = (employeeId: number, status: string) => sql`UPDATE employees SET status = ${status} WHERE id = ${employeeId}`;
    const group = (await row<{ id: number }>(server, sql`SELECT group_id AS id FROM approver_group_members WHERE employee_id = ${e.luis}`))!;
    await exec(
      server,
      setStatus(e.barbara, 'INACTIVE'),
      setStatus(e.nina, 'INACTIVE'),
      sql`UPDATE approver_group_members SET employee_id = ${e.serviceDesk} WHERE employee_id = ${e.luis}`,
    );
    try {
      const preview = await confirmOk(server, orderer.session, await newLine(orderer, { quantity: quantityForAThousand() }));
      expect(levelsOf(preview.approval.levels)).toEqual([`${e.cto} PENDING`, 'group:IT Mobility SKIPPED']);
    } finally {
      await exec(
        server,
        sql`UPDATE approver_group_members SET employee_id = ${e.luis} WHERE employee_id = ${e.serviceDesk} AND group_id = ${group.id}`,
        setStatus(e.barbara, 'ACTIVE'),
        setStatus(e.nina, 'ACTIVE'),
      );
    }
  });

  it('a requester or account holder is not counted in a group level: with nobody left it is SKIPPED', async () => {
    // Luis (IT Mobility, Nina's manager) orders for Nina (IT Mobility): her manager level passes
    // Luis to Daniel, and IT Mobility has no one else.
    const body = orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      regionId: '1',
      postalCode: '98101',
      shoppingCart: { planId: String(demoIds.plans.summitBusinessUnlimited), deviceId: String(demoIds.catalogDevices.pixel9Summit), quantity: quantityForAThousand() },
      properties: fillRequired(await propertyDefinitions(server, luis, transactionType.enum.NEW_ACTIVATION, { vendor: SUMMIT }, {}), {
        JUSTIFICATION: 'Test handsets for the mobile device lab',
      }),
      shipTo: shipToUS(),
    });
    const order = await submitOk(server, luis, body, actingFor(e.nina));
    expect(levelsOf(order.approvers)).toEqual([`${e.cto} PENDING`, 'group:IT Mobility SKIPPED']);
    expect(order.history[0]!.description).toContain('No one else in IT Mobility may decide it');
    expect((await queueOf(nina, e.nina)).map((item) => item.orderId)).not.toContain(order.orderId);
    expect((await decide(nina, order.orderId, { action: 'APPROVE' })).status).toBe(403);
    expect(await decideOk(daniel, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    expect((await getOrder(server, luis, order.orderId)).status).not.toBe('AWAITING_APPROVAL');

    // Nina's own order: Luis (her manager) decides level 1, and as the one member left, IT Mobility.
    const own = await submitOk(server, nina, body);
    expect(levelsOf(own.approvers)).toEqual([`${e.luis} PENDING`, 'group:IT Mobility PENDING']);
    expect(await decideOk(luis, own.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    expect((await queueOf(nina, e.nina)).map((item) => item.orderId)).not.toContain(own.orderId);
    expect((await decide(nina, own.orderId, { action: 'APPROVE' })).status).toBe(403);
    expect(await decideOk(luis, own.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
  });
});

describe('request info', () => {
  it('asks, answers, and returns to the same level; every step in history with names', async () => {
    const orderer = await freshOrderer(server, 'question');
    const order = await submitOk(server, orderer.session, await newLine(orderer, { quantity: quantityForAThousand() }));
    await decideOk(barbara, order.orderId, { action: 'APPROVE' });

    const noQuestion = await decide(nina, order.orderId, { action: 'REQUEST_INFO', reason: '  ' });
    expect(noQuestion.status).toBe(400);
    expect(fieldsOf(noQuestion.body)).toEqual(['reason']);
    expect(await decideOk(nina, order.orderId, { action: 'REQUEST_INFO', reason: 'Why two phones rather than one?' })).toBe('INFO_REQUESTED');
    const asked = await getOrder(server, orderer.session, order.orderId);
    expect(asked.status).toBe('INFO_REQUESTED');
    expect(asked.pendingApprovalLevel).toBe(2);
    expect(asked.approvers[1]).toMatchObject({ decision: 'INFO_REQUESTED', reason: 'Why two phones rather than one?', decidedBy: { id: String(e.nina) } });
    // Nobody decides while the question is open, and it leaves the queue.
    expect(await decideOk(luis, order.orderId, { action: 'APPROVE' })).toBe('NOT_READY_FOR_APPROVAL');
    expect((await queueOf(luis, e.luis)).map((item) => item.orderId)).not.toContain(order.orderId);

    // Only the requester or the account holder answers, and only something.
    expect((await apiPost(server, nina, `/orders/${order.orderId}/info`, { answer: 'Because' })).status).toBe(403);
    const empty = await apiPost(server, orderer.session, `/orders/${order.orderId}/info`, { answer: '   ' });
    expect(empty.status).toBe(400);
    expect(fieldsOf(empty.body)).toEqual(['answer']);
    const answered = await apiPost(server, orderer.session, `/orders/${order.orderId}/info`, { answer: 'One is for the on-call rota.' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const back = orderDetailResponse.parse(answered.body).order;
    expect(back.status).toBe('AWAITING_APPROVAL');
    expect(back.pendingApprovalLevel).toBe(2);
    expect(back.approvers[1]).toMatchObject({ decision: 'PENDING' });
    const again = await apiPost(server, orderer.session, `/orders/${order.orderId}/info`, { answer: 'Twice?' });
    expect(again.status).toBe(400);
    expect(fieldsOf(again.body)).toEqual(['orderId']);

    expect((await queueOf(luis, e.luis)).map((item) => item.orderId)).toContain(order.orderId);
    expect(await decideOk(luis, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    const done = await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    const steps = done.history.map((entry) => `${entry.status}: ${entry.description}`);
    const name = `${done.accountHolder.firstName} ${done.accountHolder.lastName}`;
    expect(steps.some((step) => step.startsWith('INFO_REQUESTED: Nina Patel asked for more information (level 2 of 2): Why two phones rather than one?'))).toBe(true);
    expect(steps.some((step) => step.startsWith(`AWAITING_APPROVAL: ${name} answered: One is for the on-call rota.`))).toBe(true);
    expect(steps.some((step) => step.startsWith('ORDER_SUBMITTED: Approved by Luis Ortega'))).toBe(true);
  });

  it('the approver who asked cannot answer, not even acting for the requester; an answer may run over lines', async () => {
    const orderer = await freshOrderer(server, 'asker answers');
    const order = await submitOk(server, orderer.session, await newLine(orderer, { quantity: 1 }));
    expect(await decideOk(barbara, order.orderId, { action: 'REQUEST_INFO', reason: 'Is this a replacement' })).toBe('INFO_REQUESTED');
    const byAsker = await apiPost(server, barbara, `/orders/${order.orderId}/info`, { answer: 'Yes, really' }, actingFor(orderer.employeeId));
    expect(byAsker.status, JSON.stringify(byAsker.body)).toBe(403);
    const answered = await apiPost(server, orderer.session, `/orders/${order.orderId}/info`, { answer: 'Both are for me:\none for on-call work' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const history = orderDetailResponse.parse(answered.body).order.history ?? [];
    const descriptions = history.map((entry) => entry.description);
    // Each entry reads as sentences: a question or answer without a full stop gets one.
    expect(descriptions.some((text) => text?.endsWith('asked for more information: Is this a replacement.'))).toBe(true);
    expect(descriptions.some((text) => text?.includes('one for on-call work. Awaiting approval by Barbara Andrews again.'))).toBe(true);
  });

  it('lets the requester withdraw while information is requested', async () => {
    const orderer = await freshOrderer(server, 'withdraw');
    const order = await submitOk(server, orderer.session, await newLine(orderer, { quantity: 1 }));
    expect(await decideOk(barbara, order.orderId, { action: 'REQUEST_INFO', reason: 'Is this a replacement?' })).toBe('INFO_REQUESTED');
    const cancelled = await apiPost(server, orderer.session, `/orders/${order.orderId}/cancel`, { reason: 'Found a spare phone instead' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    expect(orderDetailResponse.parse(cancelled.body).order.status).toBe('CANCELLED');
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('NOT_READY_FOR_APPROVAL');
    expect((await apiPost(server, orderer.session, `/orders/${order.orderId}/info`, { answer: 'Too late' })).status).toBe(400);
  });
});

describe('three rejections in a row', () => {
  it('decides each order on its own', async () => {
    const orderer = await freshOrderer(server, 'bulk');
    const bodies = [await newLine(orderer, { quantity: 1 }), await newLine(orderer, { quantity: 1 }), await careOrder(orderer, transactionType.enum.DEACTIVATE, orderer.serviceIds[0])];
    const orders = [];
    for (const body of bodies) orders.push(await submitOk(server, orderer.session, body));
    expect(orders.map((order) => order.status)).toEqual(['AWAITING_APPROVAL', 'AWAITING_APPROVAL', 'AWAITING_APPROVAL']);
    for (const [index, order] of orders.entries()) {
      expect(await decideOk(barbara, order.orderId, { action: 'REJECT', reason: 'Budget freeze until January' })).toBe('REJECTION_QUEUED');
      const statuses = await Promise.all(orders.map(async (other) => (await getOrder(server, orderer.session, other.orderId)).status));
      expect(statuses).toEqual(orders.map((_, other) => (other <= index ? 'REJECTED' : 'AWAITING_APPROVAL')));
    }
    expect(await decideOk(barbara, orders[0]!.orderId, { action: 'REJECT', reason: 'Again' })).toBe('APPROVAL_NOT_NEEDED');
  });
});

describe('approval delegates', () => {
  /** Today and other days, as calendar dates in ACME's time zone at the server's clock. */
  const day = (offsetDays: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(server.deps.now().getTime() + offsetDays * DAY));
  const putDelegate = (session: Session, body: unknown) =>
    fetch(`${server.url}/mobproc/v1/me/approval-delegate`, { method: 'PUT', headers: { ...session.headers(), 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('validates the window and the person, naming the field', async () => {
    const cases: [string, unknown, string[]][] = [
      ['yourself', { delegateEmployeeId: String(e.barbara), from: day(0), until: day(1) }, ['delegateEmployeeId']],
      ['nobody', { delegateEmployeeId: '999999', from: day(0), until: day(1) }, ['delegateEmployeeId']],
      ['another company', { delegateEmployeeId: String(e.hank), from: day(0), until: day(1) }, ['delegateEmployeeId']],
      // A server-to-server account never signs in to decide anything.
      ['the service account', { delegateEmployeeId: String(e.serviceDesk), from: day(0), until: day(1) }, ['delegateEmployeeId']],
      // Benjamin Hart (1051) left the company (docs/demo-tenant.md).
      ['someone who left', { delegateEmployeeId: '1051', from: day(0), until: day(1) }, ['delegateEmployeeId']],
      ['from after until', { delegateEmployeeId: String(e.kevin), from: day(2), until: day(1) }, ['until']],
      ['until in the past', { delegateEmployeeId: String(e.kevin), from: day(-3), until: day(-1) }, ['until']],
      ['until more than 366 days ahead', { delegateEmployeeId: String(e.kevin), from: day(0), until: day(367) }, ['until']],
      ['until years ahead', { delegateEmployeeId: String(e.kevin), from: day(0), until: '9999-12-31' }, ['until']],
      ['not a date', { delegateEmployeeId: String(e.kevin), from: '2026-02-30', until: 'tomorrow' }, ['from', 'until']],
      ['nothing', {}, ['delegateEmployeeId', 'from', 'until']],
    ];
    for (const [name, body, fields] of cases) {
      const response = await putDelegate(barbara, body);
      expect(response.status, name).toBe(400);
      expect(fieldsOf(await response.json()).sort(), name).toEqual(fields);
    }
    const none = approvalDelegateResponse.parse((await apiGet(server, barbara, '/me/approval-delegate')).body);
    expect(none).toMatchObject({ delegateEmployeeId: null, from: null, until: null, delegate: null, active: false });
  });

  it('reaches at most 366 days ahead in the tenant’s time zone: day 366 is accepted, day 367 refused naming until', async () => {
    const longest = await putDelegate(barbara, { delegateEmployeeId: String(e.kevin), from: day(0), until: day(366) });
    try {
      expect(longest.status).toBe(200);
      expect(approvalDelegateResponse.parse(await longest.json())).toMatchObject({ until: day(366) });
      const tooLong = await putDelegate(barbara, { delegateEmployeeId: String(e.kevin), from: day(1), until: day(367) });
      expect(tooLong.status).toBe(400);
      const [problem] = errorEnvelope.parse(await tooLong.json()).errors;
      expect(problem).toMatchObject({ field: 'until' });
      expect(problem!.message).toContain(day(366));
      // The refused PUT changed nothing.
      expect(approvalDelegateResponse.parse((await apiGet(server, barbara, '/me/approval-delegate')).body)).toMatchObject({ from: day(0), until: day(366) });
    } finally {
      await fetch(`${server.url}/mobproc/v1/me/approval-delegate`, { method: 'DELETE', headers: barbara.headers() });
    }
  });

  it('Kevin decides Barbara’s order within the window, as himself on her behalf; not the day before from nor the day after until', async () => {
    const orderer = await freshOrderer(server, 'delegate');
    const first = await submitOk(server, orderer.session, await newLine(orderer, { quantity: 1 }));

    // The window starts tomorrow: today Kevin may not decide.
    expect((await putDelegate(barbara, { delegateEmployeeId: String(e.kevin), from: day(1), until: day(2) })).status).toBe(200);
    expect((await queueOf(kevin, e.kevin)).map((item) => item.orderId)).not.toContain(first.orderId);
    expect((await decide(kevin, first.orderId, { action: 'APPROVE' })).status).toBe(403);

    const set = await putDelegate(barbara, { delegateEmployeeId: String(e.kevin), from: day(0), until: day(1) });
    expect(set.status).toBe(200);
    expect(approvalDelegateResponse.parse(await set.json())).toMatchObject({ delegateEmployeeId: String(e.kevin), from: day(0), until: day(1), active: true, delegate: { id: String(e.kevin) } });
    const kevinsView = approvalDelegateResponse.parse((await apiGet(server, kevin, '/me/approval-delegate')).body);
    expect(kevinsView.delegateFor).toEqual([expect.objectContaining({ approver: expect.objectContaining({ id: String(e.barbara) }), from: day(0), until: day(1) })]);
    expect(meResponse.parse((await apiGet(server, kevin, '/me')).body).isApprover).toBe(true);

    const queued = (await queueOf(kevin, e.kevin)).find((item) => item.orderId === first.orderId);
    expect(queued?.eligibleOnBehalfOf?.id).toBe(String(e.barbara));
    expect(await decideOk(kevin, first.orderId, { action: 'APPROVE', reason: 'Covering for Barbara' })).toBe('APPROVAL_QUEUED');
    const decided = await waitForStatus(server, orderer.session, first.orderId, 'COMPLETE');
    expect(decided.approvers[0]).toMatchObject({ employee: { id: String(e.barbara) }, decision: 'APPROVED', decidedBy: { id: String(e.kevin) }, onBehalfOf: { id: String(e.barbara) } });
    expect(decided.history.some((entry) => entry.description.startsWith('Approved by Kevin Zhao on behalf of Barbara Andrews: Covering for Barbara'))).toBe(true);

    // Kevin's own order waits for Barbara too: as her delegate he still may not decide it.
    const own = await submitOk(server, kevin, await newLine({ ...orderer, session: kevin }, { quantity: 1 }));
    expect((await decide(kevin, own.orderId, { action: 'APPROVE' })).status).toBe(403);
    expect((await queueOf(kevin, e.kevin)).map((item) => item.orderId)).not.toContain(own.orderId);

    // The day after `until`.
    const second = await submitOk(server, orderer.session, await newLine(orderer, { quantity: 1 }));
    server.advanceClock(2 * DAY);
    try {
      const [barbaraLater, kevinLater] = await Promise.all([signIn(server, 'barbara.andrews'), signIn(server, 'kevin.zhao')]);
      expect((await decide(kevinLater, second.orderId, { action: 'APPROVE' })).status).toBe(403);
      expect((await queueOf(kevinLater, e.kevin)).map((item) => item.orderId)).not.toContain(second.orderId);
      expect(approvalDelegateResponse.parse((await apiGet(server, barbaraLater, '/me/approval-delegate')).body).active).toBe(false);
      // DELETE ends it.
      const cleared = await fetch(`${server.url}/mobproc/v1/me/approval-delegate`, { method: 'DELETE', headers: barbaraLater.headers() });
      expect(cleared.status).toBe(200);
      expect(approvalDelegateResponse.parse(await cleared.json())).toMatchObject({ delegateEmployeeId: null, delegate: null });
      expect(await decideOk(barbaraLater, second.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    } finally {
      server.advanceClock(-2 * DAY);
    }
  });
});

describe('“decided by me” (decidedByEmployeeId): the decisions the signed-in user made, also for someone else', () => {
  const decidedBy = async (session: Session, employeeId: number, headers: Record<string, string> = {}) => {
    const response = await apiGet(server, session, `/orders?decidedByEmployeeId=${employeeId}&limit=100&offset=0`, headers);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return ordersResponse.parse(response.body).orders.items.map((item) => item.orderId);
  };

  it('Alice acting for Barbara: decidedBy Alice, onBehalfOf Barbara; in Alice’s list (as herself or acting), not in Barbara’s', async () => {
    const alice = await signIn(server, 'alice.nguyen');
    const orderer = await freshOrderer(server, 'decided-act-for');
    const order = await submitOk(server, orderer.session, await newLine(orderer, { quantity: 1 }));
    expect(await decideOk(alice, order.orderId, { action: 'APPROVE', reason: 'Barbara asked me to' }, actingFor(e.barbara))).toBe('APPROVAL_QUEUED');

    const read = await getOrder(server, orderer.session, order.orderId);
    expect(read.approvers[0]).toMatchObject({ employee: { id: String(e.barbara) }, decision: 'APPROVED', decidedBy: { id: String(e.alice) }, onBehalfOf: { id: String(e.barbara) } });
    expect(await decidedBy(alice, e.alice)).toContain(order.orderId);
    expect(await decidedBy(alice, e.alice, actingFor(e.barbara))).toContain(order.orderId);
    expect(await decidedBy(barbara, e.barbara)).not.toContain(order.orderId);
  });

  it('a group member acted for is recorded: the service desk deciding IT Mobility’s level as Nina names Nina', async () => {
    const orderer = await freshOrderer(server, 'decided-group');
    const order = await submitOk(server, orderer.session, await newLine(orderer, { quantity: quantityForAThousand() }));
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    expect(await decideOk(sam, order.orderId, { action: 'APPROVE' }, actingFor(e.nina))).toBe('APPROVAL_QUEUED');

    const read = await getOrder(server, orderer.session, order.orderId);
    expect(read.approvers[1]).toMatchObject({ approverGroup: { name: 'IT Mobility' }, decidedBy: { id: String(e.samRivera) }, onBehalfOf: { id: String(e.nina) } });
    expect(read.approvers[0]).toMatchObject({ decidedBy: { id: String(e.barbara) }, onBehalfOf: null });
    expect(await decidedBy(sam, e.samRivera)).toContain(order.orderId);
    expect(await decidedBy(nina, e.nina)).not.toContain(order.orderId);
  });

  it('an approval delegate’s decision is in the delegate’s list, not the approver’s', async () => {
    const orderer = await freshOrderer(server, 'decided-delegate');
    const order = await submitOk(server, orderer.session, await newLine(orderer, { quantity: 1 }));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(server.deps.now());
    const put = await fetch(`${server.url}/mobproc/v1/me/approval-delegate`, {
      method: 'PUT',
      headers: { ...barbara.headers(), 'content-type': 'application/json' },
      body: JSON.stringify({ delegateEmployeeId: String(e.kevin), from: today, until: today }),
    });
    expect(put.status).toBe(200);
    try {
      expect(await decideOk(kevin, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    } finally {
      await fetch(`${server.url}/mobproc/v1/me/approval-delegate`, { method: 'DELETE', headers: barbara.headers() });
    }
    expect(await decidedBy(kevin, e.kevin)).toContain(order.orderId);
    expect(await decidedBy(barbara, e.barbara)).not.toContain(order.orderId);
  });
});
