/**
 * MOBPROC §4.6 over HTTP: approvals (the four answers, 403, the approver's queue, a delegate),
 * cancellation, fulfilment with shipments and history, and what completion does to the assets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvalResponse,
  errorEnvelope,
  historyResponse,
  ordersResponse,
  servicesResponse,
  shipmentsResponse,
  deviceAssetsResponse,
  deviceAssetItem,
  featuresResponse,
  orderSubmitResponse,
  type OrderRequestBody,
  transactionType,
} from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { fillRequired, freshOrderer, getOrder, orderRequestFor, propertyDefinitions, serviceOf, shipToUS, submitOk, waitForStatus, type Orderer } from './orders-fixtures.ts';
import { checkPagination, getOk } from './read-api.ts';
import { apiGet, apiPost, signIn, type Session } from './session.ts';

let server: TestServer;
let barbara: Session;
beforeAll(async () => {
  server = await startTestServer();
  barbara = await signIn(server, 'barbara.andrews');
});
afterAll(async () => {
  await server.close();
});

const SUMMIT = String(demoIds.vendors.summit);

async function newLineBody(orderer: Orderer, options: { withDevice: boolean; quantity?: number }): Promise<OrderRequestBody> {
  const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: SUMMIT }, { excludesDevice: !options.withDevice });
  return orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
    regionId: '1',
    postalCode: '98101',
    shoppingCart: {
      planId: String(demoIds.plans.summitBusinessUnlimited),
      ...(options.withDevice ? { deviceId: String(demoIds.catalogDevices.pixel9Summit) } : {}),
      quantity: options.quantity ?? 1,
    },
    properties: fillRequired(definitions),
    ...(options.withDevice ? { shipTo: shipToUS() } : {}),
  });
}

async function careBody(orderer: Orderer, type: typeof transactionType.enum.SUSPEND | typeof transactionType.enum.DEACTIVATE | typeof transactionType.enum.UNSUSPEND, serviceId: number): Promise<OrderRequestBody> {
  const definitions = await propertyDefinitions(server, orderer.session, type, { service: String(serviceId) });
  return orderRequestFor(type, { serviceId: String(serviceId), properties: fillRequired(definitions) });
}

async function decide(session: Session, orderId: string, body: unknown, headers: Record<string, string> = {}, path = 'approval') {
  return await apiPost(server, session, `/orders/${orderId}/${path}`, body, headers);
}

async function decideOk(session: Session, orderId: string, body: unknown, headers: Record<string, string> = {}, path = 'approval') {
  const response = await decide(session, orderId, body, headers, path);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return approvalResponse.parse(response.body).status;
}

async function servicesOf(session: Session, employeeId: number) {
  return getOk(server, session, `/assets/services?employee=${employeeId}&limit=100&offset=0`, servicesResponse).then((body) => body.services);
}

describe('approval', () => {
  it('awaits approval, is approved, and is fulfilled with a shipment; the new line appears', async () => {
    const orderer = await freshOrderer(server);
    const before = await servicesOf(orderer.session, orderer.employeeId);
    const devicesBefore = await getOk(server, orderer.session, `/assets/devices?employee=${orderer.employeeId}&limit=100&offset=0`, deviceAssetsResponse);
    const order = await submitOk(server, orderer.session, await newLineBody(orderer, { withDevice: true }));
    expect(order.status).toBe('AWAITING_APPROVAL');

    const queue = await getOk(server, barbara, `/orders?eligibleToApproveEmployeeId=${demoIds.employees.barbara}&limit=100&offset=0&includeApprovers=true`, ordersResponse);
    const queued = queue.orders.items.find((item) => item.orderId === order.orderId);
    expect(queued?.approvers?.[0]?.employee?.id).toBe(String(demoIds.employees.barbara));
    expect(queued?.pendingApprovalLevel).toBe(1);

    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    const done = await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    expect(done.history.map((entry) => entry.status)).toEqual(['AWAITING_APPROVAL', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED', 'COMPLETE']);
    expect(done.history[1]!.actor!.id).toBe(String(demoIds.employees.barbara));
    expect(done.approvers[0]).toMatchObject({ decision: 'APPROVED' });
    expect(done.shipments).toHaveLength(1);
    const shipment = done.shipments[0]!;
    expect(shipment.trackingNumber).toMatch(/^1Z[0-9A-F]{16}$/);
    expect(shipment.trackingUrl).toContain(shipment.trackingNumber);
    expect(shipment.items).toEqual([{ type: 'DEVICE', name: 'Pixel 9', quantity: 1 }]);
    const shipments = await getOk(server, orderer.session, `/orders/${order.orderId}/shipments`, shipmentsResponse);
    expect(shipments.shipments).toEqual(done.shipments);
    const history = await getOk(server, orderer.session, `/orders/${order.orderId}/history`, historyResponse);
    expect(history.history).toEqual(done.history);

    const after = await servicesOf(orderer.session, orderer.employeeId);
    expect(after._meta.totalCount).toBe(before._meta.totalCount + 1);
    const added = after.items.find((service) => !before.items.some((old) => old.id === service.id))!;
    expect(added).toMatchObject({ status: 'ACTIVE', plan: { id: String(demoIds.plans.summitBusinessUnlimited) } });
    expect(added.device!.model.name).toBe('Pixel 9');
    const devicesAfter = await getOk(server, orderer.session, `/assets/devices?employee=${orderer.employeeId}&limit=100&offset=0`, deviceAssetsResponse);
    expect(devicesAfter.devices._meta.totalCount).toBe(devicesBefore.devices._meta.totalCount + 1);

    // Decided already: nothing left to approve.
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_NOT_NEEDED');
    const queueAfter = await getOk(server, barbara, `/orders?eligibleToApproveEmployeeId=${demoIds.employees.barbara}&limit=100&offset=0`, ordersResponse);
    expect(queueAfter.orders.items.some((item) => item.orderId === order.orderId)).toBe(false);
  });

  it('is rejected only with a reason, and then stays REJECTED', async () => {
    const orderer = await freshOrderer(server);
    const order = await submitOk(server, orderer.session, await newLineBody(orderer, { withDevice: true }));
    const noReason = await decide(barbara, order.orderId, { action: 'REJECT' });
    expect(noReason.status).toBe(400);
    expect(errorEnvelope.parse(noReason.body).errors.map((error) => error.field)).toEqual(['reason']);
    expect(await decideOk(barbara, order.orderId, { action: 'REJECT', reason: 'Use the spare pool instead.' })).toBe('REJECTION_QUEUED');
    const rejected = await getOrder(server, orderer.session, order.orderId);
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.approvers[0]).toMatchObject({ decision: 'REJECTED', reason: 'Use the spare pool instead.' });
    expect(rejected.history.at(-1)).toMatchObject({ status: 'REJECTED' });
    expect(rejected.history.at(-1)!.description).toContain('Use the spare pool instead.');
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_NOT_NEEDED');
  });

  it('answers NOT_READY_FOR_APPROVAL when the order no longer awaits a decision, and APPROVAL_NOT_NEEDED when none applies', async () => {
    const orderer = await freshOrderer(server);
    const order = await submitOk(server, orderer.session, await newLineBody(orderer, { withDevice: true }));
    const cancelled = await apiPost(server, orderer.session, `/orders/${order.orderId}/cancel`, { reason: 'Ordered by mistake' });
    expect(cancelled.status).toBe(200);
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('NOT_READY_FOR_APPROVAL');

    const suspend = await submitOk(server, orderer.session, await careBody(orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0]));
    expect(await decideOk(barbara, suspend.orderId, { action: 'APPROVE' })).toBe('APPROVAL_NOT_NEEDED');
  });

  it('refuses callers who may not decide with 403, also through the alias', async () => {
    const orderer = await freshOrderer(server);
    const order = await submitOk(server, orderer.session, await newLineBody(orderer, { withDevice: true }));
    const own = await decide(orderer.session, order.orderId, { action: 'APPROVE' });
    expect(own.status).toBe(403);
    expect(errorEnvelope.parse(own.body).errors[0]!.errorCode).toBe('403-FORBIDDEN');
    const serviceDesk = await signIn(server, 'svc.servicedesk');
    expect((await decide(serviceDesk, order.orderId, { action: 'APPROVE' }, {}, 'approve')).status).toBe(403);
    const frank = await signIn(server, 'frank.castle');
    expect((await decide(frank, order.orderId, { action: 'APPROVE' })).status).toBe(404);
    expect((await getOrder(server, orderer.session, order.orderId)).status).toBe('AWAITING_APPROVAL');
    expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' }, {}, 'approve')).toBe('APPROVAL_QUEUED');
  });

  it('lets a delegate decide for her manager, and history names both', async () => {
    const orderer = await freshOrderer(server);
    const order = await submitOk(server, orderer.session, await careBody(orderer, transactionType.enum.DEACTIVATE, orderer.serviceIds[1]));
    expect(order.status).toBe('AWAITING_APPROVAL');
    const alice = await signIn(server, 'alice.nguyen');
    const asBarbara = { 'X-TNGO-CONTEXT-EMPLOYEEID': String(demoIds.employees.barbara) };
    const queue = await getOk(server, alice, `/orders?eligibleToApproveEmployeeId=${demoIds.employees.barbara}&limit=100&offset=0`, ordersResponse, asBarbara);
    expect(queue.orders.items.some((item) => item.orderId === order.orderId)).toBe(true);
    expect(await decideOk(alice, order.orderId, { action: 'APPROVE', reason: 'Leaving next week' }, asBarbara)).toBe('APPROVAL_QUEUED');
    const done = await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    const decision = done.history.find((entry) => entry.status === 'ORDER_SUBMITTED')!;
    expect(decision.actor!.id).toBe(String(demoIds.employees.barbara));
    expect(decision.requestedBy!.id).toBe(String(demoIds.employees.alice));
    expect(done.approvers[0]!.decidedBy!.id).toBe(String(demoIds.employees.alice));
    expect((await serviceOf(server, orderer.session, orderer.serviceIds[1])).status).toBe('DEACTIVATED');
  });
});

describe('cancel', () => {
  it('withdraws an order awaiting approval; the service is free again', async () => {
    const orderer = await freshOrderer(server);
    const order = await submitOk(server, orderer.session, await careBody(orderer, transactionType.enum.DEACTIVATE, orderer.serviceIds[0]));
    expect((await serviceOf(server, orderer.session, orderer.serviceIds[0])).orderActions).toEqual([]);
    expect((await apiPost(server, barbara, `/orders/${order.orderId}/cancel`, {})).status).toBe(403);
    const response = await apiPost(server, orderer.session, `/orders/${order.orderId}/cancel`, { reason: 'Changed my mind' });
    expect(response.status).toBe(200);
    const cancelled = (response.body as { order: { status: string; history: { status: string }[] } }).order;
    expect(cancelled.status).toBe('CANCELLED');
    expect(cancelled.history.at(-1)!.status).toBe('CANCELLED');
    expect((await serviceOf(server, orderer.session, orderer.serviceIds[0])).orderActions).toContain(transactionType.enum.SUSPEND);
  });

  it('is refused once fulfilment has moved the order on', async () => {
    const orderer = await freshOrderer(server);
    const order = await submitOk(server, orderer.session, await careBody(orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0]));
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    const response = await apiPost(server, orderer.session, `/orders/${order.orderId}/cancel`, {});
    expect(response.status).toBe(400);
    expect(errorEnvelope.parse(response.body).errors[0]!.errorCode).toBe('400-NOT_CANCELLABLE');
  });
});

describe('effects of completion', () => {
  it('a suspended service offers UNSUSPEND; unsuspending makes it ACTIVE again', async () => {
    const orderer = await freshOrderer(server);
    const serviceId = orderer.serviceIds[0];
    const order = await submitOk(server, orderer.session, await careBody(orderer, transactionType.enum.SUSPEND, serviceId));
    expect(order.status).toBe('ORDER_SUBMITTED');
    const done = await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    expect(done.history.map((entry) => entry.status)).toEqual(['ORDER_SUBMITTED', 'IN_PROGRESS', 'COMPLETE']);
    expect(done.shipments).toEqual([]);
    const suspended = await serviceOf(server, orderer.session, serviceId);
    expect(suspended.status).toBe('SUSPENDED');
    expect(suspended.orderActions).toEqual([transactionType.enum.UNSUSPEND, transactionType.enum.DEACTIVATE]);
    const back = await submitOk(server, orderer.session, await careBody(orderer, transactionType.enum.UNSUSPEND, serviceId));
    await waitForStatus(server, orderer.session, back.orderId, 'COMPLETE');
    expect((await serviceOf(server, orderer.session, serviceId)).status).toBe('ACTIVE');
  });

  it('quantity 3 makes three services', async () => {
    const orderer = await freshOrderer(server);
    const before = (await servicesOf(orderer.session, orderer.employeeId))._meta.totalCount;
    const order = await submitOk(server, orderer.session, await newLineBody(orderer, { withDevice: false, quantity: 3 }));
    expect(order.status).toBe('ORDER_SUBMITTED');
    expect(order.orderSegments.items).toHaveLength(3);
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    const after = await servicesOf(orderer.session, orderer.employeeId);
    expect(after._meta.totalCount).toBe(before + 3);
    const numbers = after.items.map((service) => service.serviceNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
  });

  it('a swap moves the service to the spare device', async () => {
    const orderer = await freshOrderer(server);
    const serviceId = orderer.serviceIds[0];
    const service = await serviceOf(server, orderer.session, serviceId);
    const spare = await getOk(server, orderer.session, `/assets/devices/${orderer.spareDeviceId}`, deviceAssetItem);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.SWAP_DEVICES, { service: String(serviceId) });
    const order = await submitOk(server, orderer.session, orderRequestFor(transactionType.enum.SWAP_DEVICES, {
      serviceId: String(serviceId),
      existingDevice: { manufacturerId: service.device!.manufacturer.id, modelId: service.device!.model.id, serialNumber: service.device!.serialNumber },
      newDevice: { manufacturerId: spare.manufacturer.id, modelId: spare.model.id, serialNumber: spare.serialNumber },
      properties: fillRequired(definitions),
    }));
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    expect((await serviceOf(server, orderer.session, serviceId)).device!.id).toBe(String(orderer.spareDeviceId));
  });

  it('features added by UPDATE_FEATURES are active afterwards', async () => {
    const orderer = await freshOrderer(server);
    const serviceId = String(orderer.serviceIds[0]);
    const features = (await getOk(server, orderer.session, `/catalog/features?service=${serviceId}`, featuresResponse)).features;
    const inactive = features.find((feature) => !feature.isActiveOnService)!;
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.UPDATE_FEATURES, { service: serviceId });
    const order = await submitOk(server, orderer.session, orderRequestFor(transactionType.enum.UPDATE_FEATURES, { serviceId, shoppingCart: { features: [{ id: inactive.id, action: 'ADD' }] }, properties: fillRequired(definitions) }));
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    expect((await serviceOf(server, orderer.session, serviceId)).features.map((feature) => feature.id)).toContain(inactive.id);
  });
});

describe('effects of completion on carriers and ownership', () => {
  async function approveAndComplete(orderer: Orderer, body: OrderRequestBody) {
    const order = await submitOk(server, orderer.session, body);
    if (order.status === 'AWAITING_APPROVAL') expect(await decideOk(barbara, order.orderId, { action: 'APPROVE' })).toBe('APPROVAL_QUEUED');
    return await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
  }

  it('UPGRADE puts the new device on the service and resets upgrade eligibility', async () => {
    const orderer = await freshOrderer(server);
    const serviceId = orderer.serviceIds[0];
    const before = await serviceOf(server, orderer.session, serviceId);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.UPGRADE, { service: String(serviceId) }, { excludesPlan: true });
    await approveAndComplete(orderer, orderRequestFor(transactionType.enum.UPGRADE, {
      serviceId: String(serviceId),
      existingDevice: { manufacturerId: before.device!.manufacturer.id, modelId: before.device!.model.id, serialNumber: before.device!.serialNumber },
      shoppingCart: { deviceId: String(demoIds.catalogDevices.iphone16ProSummit) },
      properties: fillRequired(definitions),
      shipTo: shipToUS(),
    }));
    const after = await serviceOf(server, orderer.session, serviceId);
    expect(after.device!.id).not.toBe(before.device!.id);
    expect(after.device!.model.name).toBe('iPhone 16 Pro');
    expect(Date.parse(after.upgradeEligibilityDate!)).toBeGreaterThan(Date.now() + 365 * 86_400_000);
    expect(after.contractDates.lastDeviceUpgrade).not.toBe(before.contractDates.lastDeviceUpgrade);
  });

  it('PORT_NUMBER moves the service to the new carrier and plan', async () => {
    const orderer = await freshOrderer(server);
    const serviceId = orderer.serviceIds[1];
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.PORT_NUMBER, { vendor: String(demoIds.vendors.meridian) });
    await approveAndComplete(orderer, orderRequestFor(transactionType.enum.PORT_NUMBER, {
      serviceId: String(serviceId),
      regionId: '1',
      postalCode: '98101',
      shoppingCart: { planId: String(demoIds.plans.meridianBusinessPro), deviceId: String(demoIds.catalogDevices.galaxyS25Meridian) },
      properties: fillRequired(definitions),
      shipTo: shipToUS(),
    }));
    const after = await serviceOf(server, orderer.session, serviceId);
    expect(after.vendor.current.id).toBe(String(demoIds.vendors.meridian));
    expect(after.vendor.billing.id).toBe(String(demoIds.vendors.meridian));
    expect(after.plan!.id).toBe(String(demoIds.plans.meridianBusinessPro));
    expect(after.device!.accessMethod).toBe('CDMA');
    expect(after.serviceNumber).toBe(orderer.serviceNumbers[1]);
  });

  it('XFER_SERVICE_OUT takes the service out of the company; XFER_SERVICE_IN brings a personal number in', async () => {
    const orderer = await freshOrderer(server);
    const out = await propertyDefinitions(server, orderer.session, transactionType.enum.XFER_SERVICE_OUT, { service: String(orderer.serviceIds[1]) });
    await approveAndComplete(orderer, orderRequestFor(transactionType.enum.XFER_SERVICE_OUT, { serviceId: String(orderer.serviceIds[1]), properties: fillRequired(out) }));
    const remaining = await servicesOf(orderer.session, orderer.employeeId);
    expect(remaining.items.some((service) => service.id === String(orderer.serviceIds[1]))).toBe(false);

    const acknowledgements = ['ACK_PERSONAL_BALANCE', 'ACK_COMPANY_OWNERSHIP'].map((id) => ({ id, boolean: true }));
    const into = await propertyDefinitions(server, orderer.session, transactionType.enum.XFER_SERVICE_IN, { vendor: SUMMIT }, { excludesDevice: true });
    const personalNumber = `20655${String(orderer.employeeId).padStart(5, '0')}`;
    await approveAndComplete(orderer, orderRequestFor(transactionType.enum.XFER_SERVICE_IN, {
      regionId: '1',
      postalCode: '98101',
      currentVendorId: SUMMIT,
      shoppingCart: { planId: String(demoIds.plans.summitEssentials) },
      properties: fillRequired(into, { SERVICE_NUMBER: personalNumber }),
      acknowledgements,
    }));
    const after = await servicesOf(orderer.session, orderer.employeeId);
    expect(after.items.find((service) => service.serviceNumber === personalNumber)).toMatchObject({
      status: 'ACTIVE',
      plan: { id: String(demoIds.plans.summitEssentials) },
    });
  });
});

describe('ordering for someone else', () => {
  it('the service desk orders for an employee: the employee is the account holder, the service desk the requester', async () => {
    const orderer = await freshOrderer(server);
    const serviceDesk = await signIn(server, 'svc.servicedesk');
    const asOrderer = { 'X-TNGO-CONTEXT-COMPANYEMPLOYEEID': orderer.companyEmployeeId };
    const body = await careBody(orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0]);
    const response = await apiPost(server, serviceDesk, '/orders', body, asOrderer);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const order = orderSubmitResponse.parse(response.body).order;
    expect(order.accountHolder.id).toBe(String(orderer.employeeId));
    expect(order.requestedBy.id).toBe(String(demoIds.employees.serviceDesk));
    expect(order.history[0]!.actor!.id).toBe(String(orderer.employeeId));
    expect(order.history[0]!.requestedBy!.id).toBe(String(demoIds.employees.serviceDesk));
    const mine = await getOk(server, orderer.session, '/orders?limit=10&offset=0', ordersResponse);
    expect(mine.orders.items.map((item) => item.orderId)).toContain(order.orderId);
  });
});

describe('GET /orders', () => {
  it('lists own orders with include flags, filters and both sorts; others see nothing of them', async () => {
    const orderer = await freshOrderer(server);
    const first = await submitOk(server, orderer.session, await careBody(orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0]));
    // The default sort is by last change: the first order's fulfilment must be over before the
    // second is submitted, or its steps (slower on PostgreSQL, a round trip each) change it later.
    await waitForStatus(server, orderer.session, first.orderId, 'COMPLETE');
    const second = await submitOk(server, orderer.session, await careBody(orderer, transactionType.enum.DEACTIVATE, orderer.serviceIds[1]));
    const plain = await getOk(server, orderer.session, '/orders?limit=10&offset=0', ordersResponse);
    expect(plain.orders.items.map((item) => item.orderId)).toEqual([second.orderId, first.orderId]);
    expect(plain.orders.items[0]!.history).toBeUndefined();
    const full = await getOk(
      server,
      orderer.session,
      '/orders?limit=10&offset=0&includeOrderProperties=TRUE&includeApprovers=true&includeOrderSegments=true&includeOrderShipments=true&includeOrderHistory=true&includeShipToAddress=true&sort=SUBMITTED_DATE&sortAscending=true',
      ordersResponse,
    );
    const item = full.orders.items[0]!;
    expect(item.orderId).toBe(first.orderId);
    for (const member of ['properties', 'approvers', 'orderSegments', 'shipments', 'history', 'shipTo'] as const) expect(item[member], member).toBeDefined();
    const filtered = await getOk(server, orderer.session, '/orders?limit=10&offset=0&transactionType=DEACTIVATE&status=AWAITING_APPROVAL', ordersResponse);
    expect(filtered.orders.items.map((entry) => entry.orderId)).toEqual([second.orderId]);
    const byCompanyId = await getOk(server, barbara, `/orders?limit=10&offset=0&companyEmployeeId=${orderer.companyEmployeeId}`, ordersResponse);
    expect(byCompanyId.orders._meta.totalCount).toBe(2);
    const frank = await signIn(server, 'frank.castle');
    const frankSees = await getOk(server, frank, `/orders?limit=100&offset=0&employee=${orderer.employeeId}`, ordersResponse);
    expect(frankSees.orders._meta.totalCount).toBe(0);
    expect((await apiPost(server, frank, `/orders/${first.orderId}/cancel`, {})).status).toBe(404);
    const hank = await signIn(server, 'hank.scorpio', { tenant: 'GLOBEX' });
    expect((await apiGet(server, hank, `/orders/${first.orderId}`)).status).toBe(404);
    expect((await apiGet(server, hank, `/orders/${first.orderId}/history`)).status).toBe(404);
    const badLimit = await apiGet(server, orderer.session, '/orders?limit=0&offset=0');
    expect(badLimit.status).toBe(400);
  });

  it('pages as §1 says', async () => {
    const orderer = await freshOrderer(server);
    const body = await newLineBody(orderer, { withDevice: false });
    for (let index = 0; index < 7; index += 1) await submitOk(server, orderer.session, body);
    await checkPagination(server, orderer.session, '/orders?sort=SUBMITTED_DATE', 3, (raw) => {
      const page = ordersResponse.parse(raw).orders;
      return { _meta: page._meta, items: page.items.map((item) => ({ ...item, id: item.orderId })) };
    });
  });
});
