/**
 * The order rules of MOBPROC §2, §4.3, §4.4 and §4.6 that protect the account holder: an order on a
 * line is for its owner, a line with an open order stays put, nobody decides their own order, the
 * policy covers every priced device, one currency per order, every problem in one answer, no past
 * preferred dates, and sensitive properties never come back.
 */
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  transactionType,
  accessoriesResponse,
  acknowledgementsResponse,
  errorEnvelope,
  historyResponse,
  orderDetailResponse,
  ordersResponse,
  meResponse,
  serviceDetail,
  servicesResponse,
  orderPropertiesResponse,
  vendorsResponse,
  type OrderRequestBody,
} from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import {
  confirmOk,
  countOrders,
  fillRequired,
  freshOrderer,
  getOrder,
  orderRequestFor,
  propertyDefinitions,
  rejectedFields,
  serviceOf,
  shipToUS,
  submitOk,
  waitForStatus,
  type Orderer,
} from './orders-fixtures.ts';
import { getOk } from './read-api.ts';
import { count, exec, row, rows } from './rows.ts';
import { apiGet, apiPost, signIn, type Session } from './session.ts';

let server: TestServer;
let barbara: Session;
let daniel: Session;
let serviceDesk: Session;
beforeAll(async () => {
  server = await startTestServer();
  [barbara, daniel, serviceDesk] = await Promise.all([signIn(server, 'barbara.andrews'), signIn(server, 'daniel.okafor'), signIn(server, 'svc.servicedesk')]);
});
afterAll(async () => {
  await server.close();
});

const SUMMIT = String(demoIds.vendors.summit);
const MERIDIAN = String(demoIds.vendors.meridian);
const PIXEL9_SUMMIT = String(demoIds.catalogDevices.pixel9Summit);
const UNLIMITED = String(demoIds.plans.summitBusinessUnlimited);
const actingFor = (employeeId: number) => ({ 'X-TNGO-CONTEXT-EMPLOYEEID': String(employeeId) });

async function careBody(session: Session, type: typeof transactionType.enum.SUSPEND | typeof transactionType.enum.DEACTIVATE | typeof transactionType.enum.XFER_SERVICE_OUT, serviceId: number, overrides: Record<string, string> = {}, headers: Record<string, string> = {}) {
  const query = new URLSearchParams({ transactionType: type, service: String(serviceId) });
  const definitions = await getOk(server, session, `/orders/properties?${query.toString()}`, orderPropertiesResponse, headers);
  return orderRequestFor(type, { serviceId: String(serviceId), properties: fillRequired(definitions.properties.items, overrides) });
}

async function newLineWithDevice(orderer: Orderer, extra: { accessoryIds?: string[] } = {}): Promise<OrderRequestBody> {
  const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: SUMMIT });
  return orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
    regionId: '1',
    postalCode: '98101',
    shoppingCart: { planId: UNLIMITED, deviceId: PIXEL9_SUMMIT, quantity: 1, ...extra },
    properties: fillRequired(definitions),
    shipTo: shipToUS(),
  });
}

async function portInBody(orderer: Orderer, pin: string, on: TestServer = server): Promise<OrderRequestBody> {
  const type = transactionType.enum.XFER_SERVICE_IN_AND_PORT;
  const acknowledgements = await getOk(on, orderer.session, `/acknowledgements?transactionType=${type}&vendor=${SUMMIT}`, acknowledgementsResponse);
  const definitions = await propertyDefinitions(on, orderer.session, type, { vendor: SUMMIT });
  return orderRequestFor(type, {
    regionId: '1',
    postalCode: '98101',
    currentVendorId: MERIDIAN,
    shoppingCart: { planId: UNLIMITED, deviceId: PIXEL9_SUMMIT, quantity: 1 },
    properties: fillRequired(definitions, { PIN_PASSWORD: pin }),
    acknowledgements: acknowledgements.acknowledgements.map((item) => ({ id: item.id, boolean: true })),
    shipTo: shipToUS(),
  });
}

async function queueOf(session: Session, employeeId: number) {
  const queue = await getOk(server, session, `/orders?eligibleToApproveEmployeeId=${employeeId}&limit=100&offset=0`, ordersResponse);
  return queue.orders.items.map((item) => item.orderId);
}

describe('an order on a line is for the line’s owner (§2)', () => {
  it('refuses the service desk’s deactivation of a Sales line unless it acts for the owner, who then sees it and whose manager decides', async () => {
    const body = await careBody(serviceDesk, transactionType.enum.DEACTIVATE, demoIds.services.frankPrimary);
    const response = await apiPost(server, serviceDesk, '/orders?confirm=true', body);
    expect(response.status).toBe(400);
    const problem = errorEnvelope.parse(response.body).errors.find((error) => error.field === 'orderRequest.serviceId');
    expect(problem?.message).toMatch(/act for Frank/i);

    const order = await submitOk(server, serviceDesk, body, actingFor(demoIds.employees.frank));
    expect(order.status).toBe('AWAITING_APPROVAL');
    expect(order.accountHolder.id).toBe(String(demoIds.employees.frank));
    const frank = await signIn(server, 'frank.castle');
    expect((await getOrder(server, frank, order.orderId)).orderId).toBe(order.orderId);
    expect(await queueOf(serviceDesk, demoIds.employees.salesDirector)).toContain(order.orderId);
  });

  it('refuses a manager’s order of a type her report is restricted from, with or without acting for him', async () => {
    const body = await careBody(barbara, transactionType.enum.XFER_SERVICE_OUT, demoIds.services.peterPrimary, {}, actingFor(demoIds.employees.peter));
    expect(await rejectedFields(server, barbara, body)).toContain('orderRequest.serviceId');
    const response = await apiPost(server, barbara, '/orders?confirm=true', body, actingFor(demoIds.employees.peter));
    expect(response.status).toBe(400);
    expect(errorEnvelope.parse(response.body).errors.map((error) => error.field)).toContain('orderRequest.transactionType');
  });

  it("holds a department's restriction against each of its people: on /me, on a page of their lines and at confirm", async () => {
    const clerk = await freshOrderer(server, 'finance clerk');
    await exec(server, ['UPDATE employees SET department_id = ? WHERE id = ?', demoIds.departments.finance, clerk.employeeId]);
    const own = await getOk(server, clerk.session, '/me', meResponse);
    expect(own.transactionTypes).not.toContain(transactionType.enum.XFER_SERVICE_OUT);
    expect(own.transactionTypeRestrictions?.map((restriction) => restriction.transactionType)).toEqual([transactionType.enum.XFER_SERVICE_OUT]);
    expect(own.transactionTypes).toContain(transactionType.enum.SUSPEND);
    // The service desk's page of the clerk's lines: the owner's types, through the department.
    const lines = await getOk(server, serviceDesk, `/assets/services?employee=${clerk.employeeId}&limit=10&offset=0`, servicesResponse);
    expect(lines.services.items.length).toBe(3);
    for (const line of lines.services.items) expect(line.orderActions).not.toContain(transactionType.enum.XFER_SERVICE_OUT);
    expect(lines.services.items.some((line) => line.orderActions.includes(transactionType.enum.SUSPEND))).toBe(true);
    const body = await careBody(serviceDesk, transactionType.enum.XFER_SERVICE_OUT, clerk.serviceIds[0], {}, actingFor(clerk.employeeId));
    const response = await apiPost(server, serviceDesk, '/orders?confirm=true', body, actingFor(clerk.employeeId));
    expect(response.status).toBe(400);
    expect(errorEnvelope.parse(response.body).errors.map((error) => error.field)).toContain('orderRequest.transactionType');
  });

  it('offers on a line what its owner may order, and nothing to someone who may not act for the owner', async () => {
    const asBarbara = await getOk(server, barbara, `/assets/services/${demoIds.services.peterPrimary}`, serviceDetail);
    expect(asBarbara.orderActions).toContain(transactionType.enum.SUSPEND);
    // Peter may not take a line private; Barbara may, but an order on his line is his.
    expect(asBarbara.orderActions).not.toContain(transactionType.enum.XFER_SERVICE_OUT);
    const asDesk = await getOk(server, serviceDesk, `/assets/services/${demoIds.services.peterPrimary}`, serviceDetail);
    expect(asDesk.orderActions).not.toContain(transactionType.enum.XFER_SERVICE_OUT);
    const alice = await signIn(server, 'alice.nguyen');
    const barbarasLine = await getOk(server, alice, `/assets/services/${demoIds.services.barbara}`, serviceDetail, actingFor(demoIds.employees.barbara));
    expect(barbarasLine.orderActions.length).toBeGreaterThan(0);
  });

  it('refuses every type on a service to someone who is not its owner', async () => {
    const orderer = await freshOrderer(server, 'owner');
    const body = await careBody(orderer.session, transactionType.enum.SUSPEND, orderer.serviceIds[0]);
    expect(await rejectedFields(server, barbara, body, '/orders')).toContain('orderRequest.serviceId');
    expect(await rejectedFields(server, serviceDesk, body, '/orders')).toContain('orderRequest.serviceId');
    await confirmOk(server, barbara, body, actingFor(orderer.employeeId));
  });
});

describe('a line with an open order cannot move (§2)', () => {
  it('refuses the move while the order is open, and allows it once the order is final', async () => {
    const orderer = await freshOrderer(server, 'mover');
    const serviceId = orderer.serviceIds[1];
    const order = await submitOk(server, orderer.session, await careBody(orderer.session, transactionType.enum.DEACTIVATE, serviceId));
    expect(order.status).toBe('AWAITING_APPROVAL');
    const move = { newOwnerEmployeeId: String(demoIds.employees.frank), moveCharges: 'MOVE_NO_CHARGES' };
    const refused = await apiPost(server, barbara, `/assets/services/${serviceId}/move`, move);
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    expect(errorEnvelope.parse(refused.body).errors[0]!.message).toMatch(/open order/);
    expect((await serviceOf(server, orderer.session, serviceId)).employee?.id).toBe(String(orderer.employeeId));

    expect((await apiPost(server, orderer.session, `/orders/${order.orderId}/cancel`, {})).status).toBe(200);
    const moved = await apiPost(server, barbara, `/assets/services/${serviceId}/move`, move);
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  });
});

describe('nobody decides an order they requested or that is for them (§4.6)', () => {
  it('sends a manager’s own order for her report to her manager from the start, and refuses her late attempt', async () => {
    const orderer = await freshOrderer(server, 'self-approval');
    const body = await newLineWithDevice(orderer);
    const preview = await confirmOk(server, barbara, body, actingFor(orderer.employeeId));
    expect(preview.approval).toMatchObject({ required: true, approver: { id: String(demoIds.employees.cto) } });

    const order = await submitOk(server, barbara, body, actingFor(orderer.employeeId));
    expect(order.status).toBe('AWAITING_APPROVAL');
    expect(await queueOf(barbara, demoIds.employees.barbara)).not.toContain(order.orderId);
    expect(await queueOf(daniel, demoIds.employees.cto)).toContain(order.orderId);
    const detail = await getOk(server, daniel, `/orders/${order.orderId}`, orderDetailResponse);
    expect(detail.order.approvers.map((approver) => approver.employee?.id)).toEqual([String(demoIds.employees.cto)]);

    expect((await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(403);
    expect((await apiPost(server, daniel, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
  });

  it('refuses the service desk’s approval, acting for the manager, of an order it requested', async () => {
    const orderer = await freshOrderer(server, 'desk-approval');
    const order = await submitOk(server, serviceDesk, await newLineWithDevice(orderer), actingFor(orderer.employeeId));
    expect(order.status).toBe('AWAITING_APPROVAL');
    const attempt = await apiPost(server, serviceDesk, `/orders/${order.orderId}/approval`, { action: 'APPROVE' }, actingFor(demoIds.employees.barbara));
    expect(attempt.status).toBe(403);
    expect((await getOrder(server, orderer.session, order.orderId)).status).toBe('AWAITING_APPROVAL');
    expect((await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
  });
});

describe('the demo policy covers every order that ships a priced device (§4.6)', () => {
  it('holds a port-in with a new phone for the manager', async () => {
    const orderer = await freshOrderer(server, 'port-in');
    const body = await portInBody(orderer, '2468');
    expect((await confirmOk(server, orderer.session, body)).approval).toMatchObject({ required: true, approver: { id: String(demoIds.employees.barbara) } });
    expect((await submitOk(server, orderer.session, body)).status).toBe('AWAITING_APPROVAL');
  });
});

describe('one currency per order (§4.4)', () => {
  it('refuses a GBP accessory on a US order and lists only the country’s accessories and carriers', async () => {
    const orderer = await freshOrderer(server, 'currency');
    const ukCase = '2025';
    const fields = await rejectedFields(server, orderer.session, await newLineWithDevice(orderer, { accessoryIds: [ukCase] }));
    expect(fields).toContain('orderRequest.shoppingCart.accessoryIds.0');

    const everywhere = await getOk(server, orderer.session, `/catalog/accessories?device=${PIXEL9_SUMMIT}&limit=100&offset=0`, accessoriesResponse);
    expect(new Set(everywhere.accessories.items.map((item) => item.price.currencyCode)).size).toBeGreaterThan(1);
    const us = await getOk(server, orderer.session, `/catalog/accessories?device=${PIXEL9_SUMMIT}&region=1&limit=100&offset=0`, accessoriesResponse);
    expect(us.accessories.items.length).toBeGreaterThan(0);
    expect(us.accessories.items.every((item) => item.price.currencyCode === 'USD')).toBe(true);
    await confirmOk(server, orderer.session, await newLineWithDevice(orderer, { accessoryIds: [us.accessories.items[0]!.id] }));

    const carriers = await getOk(server, orderer.session, '/vendors?type=CARRIER&region=1', vendorsResponse);
    expect(carriers.vendors.length).toBeGreaterThanOrEqual(3);
    expect(carriers.vendors.every((vendor) => vendor.region?.id === '1')).toBe(true);
  });

  it('refuses accessories from another country on an accessory order for a US line', async () => {
    const orderer = await freshOrderer(server, 'currency-care');
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.ORDER_ACCESSORIES, { service: String(orderer.serviceIds[0]) });
    const body = orderRequestFor(transactionType.enum.ORDER_ACCESSORIES, {
      serviceId: String(orderer.serviceIds[0]),
      shoppingCart: { accessoryIds: ['2025'] },
      properties: fillRequired(definitions),
      shipTo: shipToUS(),
    });
    expect(await rejectedFields(server, orderer.session, body)).toContain('orderRequest.shoppingCart.accessoryIds.0');
  });
});

describe('every problem in one answer (§4.4)', () => {
  it('reports a missing region together with an unknown device', async () => {
    const orderer = await freshOrderer(server, 'all-problems');
    const body = await newLineWithDevice(orderer);
    delete (body.orderRequest as { regionId?: string }).regionId;
    body.orderRequest.shoppingCart!.deviceId = '987654';
    const fields = await rejectedFields(server, orderer.session, body);
    expect(fields).toEqual(expect.arrayContaining(['orderRequest.regionId', 'orderRequest.shoppingCart.deviceId']));
  });

  it('reports a member out of shape together with what the order rules find in the rest', async () => {
    const orderer = await freshOrderer(server, 'all-problems-shape');
    const body = await newLineWithDevice(orderer);
    body.orderRequest.externalOrderNumber = 'R'.repeat(51);
    body.orderRequest.shoppingCart!.deviceId = '987654';
    body.orderRequest.shoppingCart!.accessoryIds = ['2025'];
    (body.orderRequest as Record<string, unknown>).shipTo = { name: 'Taylor', regionId: '1', address: 'not a list' };
    const fields = await rejectedFields(server, orderer.session, body, '/orders');
    expect(fields).toEqual(expect.arrayContaining(['orderRequest.externalOrderNumber', 'orderRequest.shoppingCart.deviceId', 'orderRequest.shipTo.address']));
    // The shipping address left out for its shape is not also reported as missing.
    expect(fields.filter((field) => field === 'orderRequest.shipTo')).toEqual([]);
    expect(await countOrders(server, orderer.session)).toBe(0);
  });
});

describe('preferred dates are not in the past (§4.4)', () => {
  it('refuses a suspension preferred for 2020-01-01 and takes today in the country’s westernmost zone', async () => {
    const orderer = await freshOrderer(server, 'dates');
    const past = await careBody(orderer.session, transactionType.enum.SUSPEND, orderer.serviceIds[0], { PREFERRED_SUSPENSION_DATE: '2020-01-01' });
    const response = await apiPost(server, orderer.session, '/orders?confirm=true', past);
    expect(response.status).toBe(400);
    const problem = errorEnvelope.parse(response.body).errors.find((error) => /^orderRequest\.properties\.\d+\.fields\.\d+\.date$/.test(error.field ?? ''));
    expect(problem?.message).toMatch(/before today/i);

    const honoluluToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Honolulu' }).format(new Date());
    await confirmOk(server, orderer.session, await careBody(orderer.session, transactionType.enum.SUSPEND, orderer.serviceIds[0], { PREFERRED_SUSPENSION_DATE: honoluluToday }));
  });
});

describe('sensitive properties (§4.3)', () => {
  const PIN = '73519';
  it('marks the PIN sensitive, never answers it again, and erases it once fulfilment used it', async () => {
    const orderer = await freshOrderer(server, 'secrets');
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.XFER_SERVICE_IN_AND_PORT, { vendor: SUMMIT });
    const pinField = definitions.flatMap((group) => group.fields).find((field) => field.id === 'PIN_PASSWORD');
    expect(pinField).toMatchObject({ sensitive: true });

    const body = await portInBody(orderer, PIN);
    const confirmation = await apiPost(server, orderer.session, '/orders?confirm=true', body);
    expect(confirmation.status).toBe(200);
    expect(JSON.stringify(confirmation.body)).not.toContain(PIN);
    expect(JSON.stringify(confirmation.body)).toContain('"redacted":true');

    const submitted = await apiPost(server, orderer.session, '/orders', body);
    expect(submitted.status).toBe(200);
    expect(JSON.stringify(submitted.body)).not.toContain(PIN);
    const orderId = (submitted.body as { order: { orderId: string } }).order.orderId;
    const answers = [
      await apiGet(server, orderer.session, `/orders/${orderId}`),
      await apiGet(server, barbara, `/orders/${orderId}`),
      await apiGet(server, barbara, `/orders?eligibleToApproveEmployeeId=${demoIds.employees.barbara}&includeOrderProperties=true&includeOrderHistory=true&limit=100&offset=0`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(JSON.stringify(answer.body)).not.toContain(PIN);
    }
    const stored = async () => await count(server, 'SELECT count(*) AS n FROM order_secrets WHERE order_id = ?', Number(orderId));
    expect(await stored()).toBe(1);

    expect((await apiPost(server, barbara, `/orders/${orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
    await waitForStatus(server, orderer.session, orderId, 'COMPLETE');
    expect(await stored()).toBe(0);
    const history = await getOk(server, orderer.session, `/orders/${orderId}/history`, historyResponse);
    expect(JSON.stringify(history)).not.toContain(PIN);
    const raw = await row(server, 'SELECT * FROM orders WHERE id = ?', Number(orderId));
    expect(JSON.stringify(raw)).not.toContain(PIN);
  });

  it('keeps no trace of the PIN with an idempotency key: the key’s body leaves it out', async () => {
    const orderer = await freshOrderer(server, 'secrets-key');
    const body = await portInBody(orderer, PIN);
    const headers = { 'Idempotency-Key': `pin-${orderer.employeeId}` };
    const first = await submitOk(server, orderer.session, body, headers);
    // The same order with only another PIN (each new body would bring in another number).
    const otherPin = structuredClone(body);
    for (const group of otherPin.orderRequest.properties ?? []) {
      for (const field of group.fields) if (field.id === 'PIN_PASSWORD') (field as { text: string }).text = '55555';
    }
    expect(JSON.stringify(otherPin)).toContain('55555');
    const again = await submitOk(server, orderer.session, otherPin, headers);
    expect(again.orderId).toBe(first.orderId);
    const keys = await rows(server, 'SELECT * FROM idempotency_keys WHERE employee_id = ?', orderer.employeeId);
    expect(keys.length).toBe(1);
    expect(JSON.stringify(keys)).not.toContain(PIN);
  });

  it('never writes the PIN to the log, whatever the order goes through', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const logged = await startTestServer({}, { log });
    try {
      const orderer = await freshOrderer(logged, 'secrets-log');
      const body = await portInBody(orderer, PIN, logged);
      const broken = structuredClone(body);
      broken.orderRequest.postalCode = 'not a zip';
      expect((await apiPost(logged, orderer.session, '/orders', broken)).status).toBe(400);
      const order = await submitOk(logged, orderer.session, body, { 'Idempotency-Key': 'log-check' });
      const manager = await signIn(logged, 'barbara.andrews');
      expect((await apiPost(logged, manager, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
      await waitForStatus(logged, orderer.session, order.orderId, 'COMPLETE');
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.join('\n')).not.toContain(PIN);
    } finally {
      await logged.close();
    }
  });

  it('erases the PIN of an order that never reaches the carrier', async () => {
    const orderer = await freshOrderer(server, 'secrets-cancel');
    const order = await submitOk(server, orderer.session, await portInBody(orderer, PIN));
    expect((await apiPost(server, orderer.session, `/orders/${order.orderId}/cancel`, {})).status).toBe(200);
    expect(await count(server, 'SELECT count(*) AS n FROM order_secrets WHERE order_id = ?', Number(order.orderId))).toBe(0);
  });
});
