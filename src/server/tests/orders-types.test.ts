/**
 * MOBPROC §4 per transaction type, over HTTP against the real server: a valid confirm checked
 * member by member (cost summary included, computed here from the catalog's own answers), a valid
 * submit read back with GET /orders/{id}, and broken variants each answered 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessoriesResponse,
  acknowledgementsResponse,
  catalogDeviceDetail,
  catalogPlanDetail,
  deviceAssetItem,
  featuresResponse,
  type OrderConfirmation,
  type TransactionType,
  type OrderRequestBody,
  transactionType,
} from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { cents, confirmOk, fillRequired, freshOrderer, getOrder, inThreeWeeks, orderRequestFor, propertyDefinitions, rejectedFields, serviceOf, shipToUS, submitOk, type Orderer } from './orders-fixtures.ts';
import { getOk } from './read-api.ts';
import { signIn } from './session.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const SUMMIT = String(demoIds.vendors.summit);
const MERIDIAN = String(demoIds.vendors.meridian);
const PIXEL9_SUMMIT = String(demoIds.catalogDevices.pixel9Summit);
const GALAXY_S25_MERIDIAN = String(demoIds.catalogDevices.galaxyS25Meridian);
const UNLIMITED = String(demoIds.plans.summitBusinessUnlimited);
const MERIDIAN_PRO = String(demoIds.plans.meridianBusinessPro);

function totals(confirmation: OrderConfirmation) {
  const find = (recurrence: 'ONETIME' | 'MONTHLY', currency = 'USD') =>
    confirmation.costSummary.find((money) => money.recurrence === recurrence && money.currencyCode === currency);
  return { oneTime: cents(find('ONETIME')!), monthly: cents(find('MONTHLY')!), count: confirmation.costSummary.length };
}

const withRequest = (body: OrderRequestBody, change: (request: Record<string, unknown>) => void): OrderRequestBody => {
  const copy = structuredClone(body) as { orderRequest: Record<string, unknown> };
  change(copy.orderRequest);
  return copy as OrderRequestBody;
};

async function existingDeviceOf(orderer: Orderer, serviceId: number) {
  const service = await serviceOf(server, orderer.session, serviceId);
  const device = service.device!;
  return {
    service,
    description: { manufacturerId: device.manufacturer.id, modelId: device.model.id, serialNumber: device.serialNumber },
  };
}

async function submitAndRead(orderer: Orderer, body: OrderRequestBody, type: TransactionType, status: string) {
  const order = await submitOk(server, orderer.session, body);
  expect(order.transactionType).toBe(type);
  expect(order.status).toBe(status);
  expect(order.accountHolder.id).toBe(String(orderer.employeeId));
  const read = await getOrder(server, orderer.session, order.orderId);
  expect(read.orderId).toBe(order.orderId);
  expect(read.transactionType).toBe(type);
  expect(read.history[0]!.status).toBe(status);
  expect(read.orderSegments.items.length).toBeGreaterThanOrEqual(1);
  return read;
}

describe(transactionType.enum.NEW_ACTIVATION, () => {
  async function valid(orderer: Orderer, quantity = 2) {
    const plan = await getOk(server, orderer.session, `/catalog/plans/${UNLIMITED}`, catalogPlanDetail);
    const device = await getOk(server, orderer.session, `/catalog/devices/${PIXEL9_SUMMIT}`, catalogDeviceDetail);
    const accessories = await getOk(server, orderer.session, `/catalog/accessories?device=${PIXEL9_SUMMIT}&limit=100&offset=0`, accessoriesResponse);
    const feature = plan.optionalFeatures[0]!;
    const accessory = accessories.accessories.items[0]!;
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: SUMMIT });
    const body: OrderRequestBody = orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      externalOrderNumber: 'PO-4711',
      regionId: '1',
      postalCode: '98101',
      shoppingCart: { deviceId: PIXEL9_SUMMIT, planId: UNLIMITED, optionalFeatureIds: [feature.id], accessoryIds: [accessory.id], quantity },
      properties: fillRequired(definitions),
      shipTo: shipToUS(),
    });
    return { body, plan, device, feature, accessory };
  }

  it('confirms with every member expanded and the cost summary multiplied by the quantity', async () => {
    const orderer = await freshOrderer(server);
    const { body, plan, device, feature, accessory } = await valid(orderer);
    const confirmation = await confirmOk(server, orderer.session, body);
    expect(confirmation.transactionType).toBe(transactionType.enum.NEW_ACTIVATION);
    expect(confirmation.externalOrderNumber).toBe('PO-4711');
    expect(confirmation.accountHolder.id).toBe(String(orderer.employeeId));
    expect(confirmation.requestedBy.id).toBe(String(orderer.employeeId));
    expect(confirmation.region).toMatchObject({ id: '1', name: 'United States' });
    expect(confirmation.postalCode).toBe('98101');
    const cart = confirmation.shoppingCart;
    expect(cart.quantity).toBe(2);
    expect(cart.device).toMatchObject({ id: PIXEL9_SUMMIT, name: device.name, price: device.price, accessMethod: 'GSM' });
    const defaultOptions = device.deviceFeatures.map((choice) => choice.options.find((option) => option.isDefault)!);
    expect(cart.device!.deviceFeatureOptions.map((option) => option.id)).toEqual(defaultOptions.map((option) => option.id));
    expect(cart.plan).toMatchObject({ id: UNLIMITED, name: plan.name, price: plan.price, includedFeatures: plan.includedFeatures });
    expect(cart.plan!.optionalFeatures).toEqual([{ id: feature.id, description: feature.description, price: feature.price }]);
    expect(cart.accessories.map((item) => [item.id, item.price])).toEqual([[accessory.id, accessory.price]]);
    expect(cart.features).toEqual([]);
    expect(confirmation.shipTo!.region).toMatchObject({ id: '1', name: 'United States' });
    expect(confirmation.shipTo!.address.find((line) => line.id === 'STATE')).toEqual({ id: 'STATE', label: 'State', value: 'WA' });
    const contact = confirmation.properties.flatMap((group) => group.fields).find((field) => field.id === 'CONTACT_NUMBER');
    expect(contact).toMatchObject({ label: 'Contact number', type: 'TEXT' });
    expect(confirmation.approval.required).toBe(true);
    expect(confirmation.approval.approver!.id).toBe(String(demoIds.employees.barbara));
    const options = defaultOptions.reduce((sum, option) => sum + cents(option.price), 0);
    expect(totals(confirmation)).toEqual({
      oneTime: 2 * (cents(device.price) + options + cents(accessory.price)),
      monthly: 2 * (cents(plan.price) + cents(feature.price)),
      count: 2,
    });
  });

  it('submits one segment per line, readable with GET /orders/{id}', async () => {
    const orderer = await freshOrderer(server);
    const { body } = await valid(orderer, 3);
    const order = await submitAndRead(orderer, body, transactionType.enum.NEW_ACTIVATION, 'AWAITING_APPROVAL');
    expect(order.orderSegments.items).toHaveLength(3);
    expect(order.orderSegments.items[0]!.vendor.id).toBe(SUMMIT);
    expect(order.externalOrderNumber).toBe('PO-4711');
    expect(order.shipTo.address.length).toBeGreaterThan(0);
    expect(order.approvers[0]).toMatchObject({ decision: 'PENDING', level: 1 });
  });

  it('refuses broken variants, naming each field', async () => {
    const orderer = await freshOrderer(server);
    const { body } = await valid(orderer);
    const otherPlan = await getOk(server, orderer.session, `/catalog/plans/${MERIDIAN_PRO}`, catalogPlanDetail);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['unknown device', (r) => ((r.shoppingCart as Record<string, unknown>).deviceId = '999999'), 'orderRequest.shoppingCart.deviceId'],
      ['device of another carrier than the plan', (r) => ((r.shoppingCart as Record<string, unknown>).deviceId = GALAXY_S25_MERIDIAN), 'orderRequest.shoppingCart.deviceId'],
      ['device only the Sales department may order', (r) => ((r.shoppingCart as Record<string, unknown>).deviceId = String(demoIds.catalogDevices.galaxyZFoldSalesSummit)), 'orderRequest.shoppingCart.deviceId'],
      ['quantity 51', (r) => ((r.shoppingCart as Record<string, unknown>).quantity = 51), 'orderRequest.shoppingCart.quantity'],
      ['quantity 0', (r) => ((r.shoppingCart as Record<string, unknown>).quantity = 0), 'orderRequest.shoppingCart.quantity'],
      ['no region', (r) => delete r.regionId, 'orderRequest.regionId'],
      ['postal code not a ZIP code', (r) => (r.postalCode = 'K1A 0B1'), 'orderRequest.postalCode'],
      ['accessory that fits another device', (r) => ((r.shoppingCart as Record<string, unknown>).accessoryIds = [String(demoIds.accessories.iphone16SiliconeCase)]), 'orderRequest.shoppingCart.accessoryIds.0'],
      ['optional feature of another plan', (r) => ((r.shoppingCart as Record<string, unknown>).optionalFeatureIds = [otherPlan.optionalFeatures[0]!.id]), 'orderRequest.shoppingCart.optionalFeatureIds.0'],
      ['device without a shipping address', (r) => delete r.shipTo, 'orderRequest.shipTo'],
      ['existingDevice is not part of it', (r) => (r.existingDevice = { manufacturerId: '1', modelId: '101', serialNumber: { type: 'UNKNOWN', value: 'x' } }), 'orderRequest.existingDevice'],
      ['no device and no plan', (r) => (r.shoppingCart = { quantity: 1 }), 'orderRequest.shoppingCart'],
    ];
    for (const [name, change, field] of cases) {
      const fields = await rejectedFields(server, orderer.session, withRequest(body, change));
      expect(fields, name).toContain(field);
    }
  });

  it('reports every problem of one body at once', async () => {
    const orderer = await freshOrderer(server);
    const { body } = await valid(orderer);
    const fields = await rejectedFields(
      server,
      orderer.session,
      withRequest(body, (r) => {
        r.postalCode = 'nope';
        (r.shoppingCart as Record<string, unknown>).deviceId = GALAXY_S25_MERIDIAN;
        (r.shoppingCart as Record<string, unknown>).optionalFeatureIds = ['999999'];
        (r.shipTo as { address: { id: string; value: string }[] }).address[3]!.value = '1234';
      }),
    );
    expect(fields).toEqual(
      expect.arrayContaining([
        'orderRequest.postalCode',
        'orderRequest.shoppingCart.deviceId',
        'orderRequest.shoppingCart.optionalFeatureIds.0',
        'orderRequest.shipTo.address.3.value',
      ]),
    );
  });
});

describe(transactionType.enum.UPGRADE, () => {
  async function valid(orderer: Orderer) {
    const { service, description } = await existingDeviceOf(orderer, orderer.serviceIds[0]);
    const device = await getOk(server, orderer.session, `/catalog/devices/${demoIds.catalogDevices.iphone16ProSummit}`, catalogDeviceDetail);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.UPGRADE, { service: service.id }, { excludesPlan: true });
    const body: OrderRequestBody = orderRequestFor(transactionType.enum.UPGRADE, {
      serviceId: service.id,
      existingDevice: description,
      shoppingCart: { deviceId: device.id },
      properties: fillRequired(definitions, { Reason: 'ELIGIBLE' }),
      shipTo: shipToUS(),
    });
    return { body, service, device };
  }

  it('confirms with the service, its current device and the new one', async () => {
    const orderer = await freshOrderer(server);
    const { body, service, device } = await valid(orderer);
    const confirmation = await confirmOk(server, orderer.session, body);
    expect(confirmation.service).toMatchObject({ id: service.id, serviceNumber: service.serviceNumber, status: 'ACTIVE' });
    expect(confirmation.service!.vendor.current.id).toBe(SUMMIT);
    expect(confirmation.device).toMatchObject({ id: service.device!.id, model: service.device!.model.name, serialNumber: service.device!.serialNumber });
    expect(confirmation.existingDevice).toMatchObject({ model: { id: service.device!.model.id }, serialNumber: service.device!.serialNumber });
    expect(confirmation.shoppingCart).toMatchObject({ device: { id: device.id }, quantity: 0, accessories: [], features: [] });
    expect(confirmation.shoppingCart.plan).toBeUndefined();
    expect(confirmation.region!.id).toBe('1');
    const options = device.deviceFeatures.reduce((sum, choice) => sum + cents(choice.options.find((option) => option.isDefault)!.price), 0);
    expect(totals(confirmation)).toEqual({ oneTime: cents(device.price) + options, monthly: 0, count: 2 });
    expect(confirmation.approval.required).toBe(true);
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    const { body, service } = await valid(orderer);
    const order = await submitAndRead(orderer, body, transactionType.enum.UPGRADE, 'AWAITING_APPROVAL');
    expect(order.serviceNumber).toBe(service.serviceNumber);
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const { body } = await valid(orderer);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['serial of another device', (r) => ((r.existingDevice as { serialNumber: { type: string; value: string } }).serialNumber = { type: 'IMEI', value: '490154203237518' }), 'orderRequest.existingDevice.serialNumber.value'],
      ['no existingDevice', (r) => delete r.existingDevice, 'orderRequest.existingDevice'],
      ['a quantity', (r) => ((r.shoppingCart as Record<string, unknown>).quantity = 1), 'orderRequest.shoppingCart.quantity'],
      ['plan of a CDMA carrier without a new device', (r) => (r.shoppingCart = { planId: MERIDIAN_PRO }), 'orderRequest.shoppingCart.deviceId'],
      ['a device without a shipping address', (r) => delete r.shipTo, 'orderRequest.shipTo'],
      ['a suspended service', (r) => (r.serviceId = String(orderer.serviceIds[2])), 'orderRequest.serviceId'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
  });
});

describe(transactionType.enum.PORT_NUMBER, () => {
  async function valid(orderer: Orderer) {
    const service = await serviceOf(server, orderer.session, orderer.serviceIds[0]);
    const device = await getOk(server, orderer.session, `/catalog/devices/${GALAXY_S25_MERIDIAN}`, catalogDeviceDetail);
    const plan = await getOk(server, orderer.session, `/catalog/plans/${MERIDIAN_PRO}`, catalogPlanDetail);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.PORT_NUMBER, { vendor: MERIDIAN });
    const body: OrderRequestBody = orderRequestFor(transactionType.enum.PORT_NUMBER, {
      serviceId: service.id,
      regionId: '1',
      postalCode: '98101-1234',
      shoppingCart: { planId: plan.id, deviceId: device.id },
      properties: fillRequired(definitions),
      shipTo: shipToUS(),
    });
    return { body, service, device, plan };
  }

  it('confirms a move to another carrier with a device that works there', async () => {
    const orderer = await freshOrderer(server);
    const { body, service, device, plan } = await valid(orderer);
    const confirmation = await confirmOk(server, orderer.session, body);
    expect(confirmation.service!.id).toBe(service.id);
    expect(confirmation.shoppingCart.plan!.vendor.id).toBe(MERIDIAN);
    expect(confirmation.shoppingCart.device!.accessMethod).toBe('CDMA');
    expect(confirmation.postalCode).toBe('98101-1234');
    const options = device.deviceFeatures.reduce((sum, choice) => sum + cents(choice.options.find((option) => option.isDefault)!.price), 0);
    expect(totals(confirmation)).toEqual({ oneTime: cents(device.price) + options, monthly: cents(plan.price), count: 2 });
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    const { body } = await valid(orderer);
    const order = await submitAndRead(orderer, body, transactionType.enum.PORT_NUMBER, 'AWAITING_APPROVAL');
    expect(order.orderSegments.items[0]!.vendor.id).toBe(MERIDIAN);
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const { body } = await valid(orderer);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['a plan of the current carrier', (r) => (r.shoppingCart = { planId: UNLIMITED }), 'orderRequest.shoppingCart.planId'],
      ['no device although the current one cannot work there', (r) => (r.shoppingCart = { planId: MERIDIAN_PRO }), 'orderRequest.shoppingCart.deviceId'],
      ['no shipping address', (r) => delete r.shipTo, 'orderRequest.shipTo'],
      ['accessories are not part of a port', (r) => ((r.shoppingCart as Record<string, unknown>).accessoryIds = ['1']), 'orderRequest.shoppingCart.accessoryIds'],
      ['no plan', (r) => (r.shoppingCart = { deviceId: GALAXY_S25_MERIDIAN }), 'orderRequest.shoppingCart.planId'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
  });
});

describe(transactionType.enum.ORDER_ACCESSORIES, () => {
  async function valid(orderer: Orderer) {
    const serviceId = String(orderer.serviceIds[0]);
    const fitting = await getOk(server, orderer.session, `/catalog/accessories?service=${serviceId}&limit=100&offset=0`, accessoriesResponse);
    const chosen = fitting.accessories.items.slice(0, 2);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.ORDER_ACCESSORIES, { service: serviceId });
    const body: OrderRequestBody = orderRequestFor(transactionType.enum.ORDER_ACCESSORIES, {
      serviceId,
      shoppingCart: { accessoryIds: chosen.map((item) => item.id) },
      properties: fillRequired(definitions),
      shipTo: shipToUS(),
    });
    return { body, chosen };
  }

  it('confirms accessories that fit the device on the service', async () => {
    const orderer = await freshOrderer(server);
    const { body, chosen } = await valid(orderer);
    expect(chosen.length).toBe(2);
    const confirmation = await confirmOk(server, orderer.session, body);
    expect(confirmation.shoppingCart.accessories.map((item) => item.id)).toEqual(chosen.map((item) => item.id));
    expect(confirmation.shoppingCart.quantity).toBe(0);
    expect(totals(confirmation)).toEqual({ oneTime: chosen.reduce((sum, item) => sum + cents(item.price), 0), monthly: 0, count: 2 });
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    await submitAndRead(orderer, (await valid(orderer)).body, transactionType.enum.ORDER_ACCESSORIES, 'AWAITING_APPROVAL');
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const { body } = await valid(orderer);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['an accessory that does not fit', (r) => (r.shoppingCart = { accessoryIds: [String(demoIds.accessories.iphone16SiliconeCase)] }), 'orderRequest.shoppingCart.accessoryIds.0'],
      ['no accessories', (r) => (r.shoppingCart = { accessoryIds: [] }), 'orderRequest.shoppingCart.accessoryIds'],
      ['no shipping address', (r) => delete r.shipTo, 'orderRequest.shipTo'],
      ['a device is not part of it', (r) => ((r.shoppingCart as Record<string, unknown>).deviceId = PIXEL9_SUMMIT), 'orderRequest.shoppingCart.deviceId'],
      ['a service of someone else', (r) => (r.serviceId = String(demoIds.services.frankPrimary)), 'orderRequest.serviceId'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
  });
});

/** The care types without a cart: a body of service + properties. */
async function careBody(orderer: Orderer, type: TransactionType, serviceIndex: 0 | 1 | 2, overrides: Record<string, string> = {}): Promise<OrderRequestBody> {
  const serviceId = String(orderer.serviceIds[serviceIndex]);
  const definitions = await propertyDefinitions(server, orderer.session, type, { service: serviceId });
  return orderRequestFor(type, { serviceId, properties: fillRequired(definitions, overrides) });
}

function expectCareConfirmation(confirmation: OrderConfirmation, orderer: Orderer, serviceIndex: number) {
  expect(confirmation.service!.id).toBe(String(orderer.serviceIds[serviceIndex]));
  expect(confirmation.service!.serviceNumber).toBe(orderer.serviceNumbers[serviceIndex]);
  expect(confirmation.shoppingCart).toEqual({ accessories: [], features: [], quantity: 0 });
  expect(confirmation.costSummary).toEqual([
    { amount: 0, currencyCode: 'USD', recurrence: 'ONETIME' },
    { amount: 0, currencyCode: 'USD', recurrence: 'MONTHLY' },
  ]);
  expect(confirmation.shipTo).toBeUndefined();
}

describe(transactionType.enum.SUSPEND, () => {
  it('confirms with zero costs and no approval', async () => {
    const orderer = await freshOrderer(server);
    const confirmation = await confirmOk(server, orderer.session, await careBody(orderer, transactionType.enum.SUSPEND, 0));
    expectCareConfirmation(confirmation, orderer, 0);
    expect(confirmation.approval).toEqual({ required: false, approver: null, levels: [] });
    const date = confirmation.properties.flatMap((group) => group.fields).find((field) => field.id === 'PREFERRED_SUSPENSION_DATE');
    expect(date).toMatchObject({ type: 'DATE', date: `${inThreeWeeks()}T00:00:00Z` });
  });

  it('submits straight to the carrier and reads back', async () => {
    const orderer = await freshOrderer(server);
    const order = await submitAndRead(orderer, await careBody(orderer, transactionType.enum.SUSPEND, 0), transactionType.enum.SUSPEND, 'ORDER_SUBMITTED');
    expect(order.serviceNumber).toBe(orderer.serviceNumbers[0]);
    expect(order.shipTo).toEqual({ address: [] });
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const body = await careBody(orderer, transactionType.enum.SUSPEND, 0);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['a suspended service', (r) => (r.serviceId = String(orderer.serviceIds[2])), 'orderRequest.serviceId'],
      ['a shipping address', (r) => (r.shipTo = shipToUS()), 'orderRequest.shipTo'],
      ['a date that does not exist', (r) => ((r.properties as { fields: { id: string; date?: string }[] }[])[0]!.fields[0]!.date = '2026-02-30'), 'orderRequest.properties.0.fields.0.date'],
      ['no properties', (r) => delete r.properties, 'orderRequest.properties'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
    const other = await careBody(orderer, transactionType.enum.SUSPEND, 0, { Reason: 'OTHER' });
    expect(await rejectedFields(server, orderer.session, other)).toContain('orderRequest.properties.0.fields.1.choice.otherText');
  });
});

describe(transactionType.enum.UNSUSPEND, () => {
  it('confirms for a suspended service, with USER pre-filled by the server', async () => {
    const orderer = await freshOrderer(server);
    const confirmation = await confirmOk(server, orderer.session, await careBody(orderer, transactionType.enum.UNSUSPEND, 2));
    expectCareConfirmation(confirmation, orderer, 2);
    const user = confirmation.properties.flatMap((group) => group.fields).find((field) => field.id === 'USER');
    expect(user).toMatchObject({ text: orderer.companyEmployeeId });
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    await submitAndRead(orderer, await careBody(orderer, transactionType.enum.UNSUSPEND, 2), transactionType.enum.UNSUSPEND, 'ORDER_SUBMITTED');
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const body = await careBody(orderer, transactionType.enum.UNSUSPEND, 2);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['an active service', (r) => (r.serviceId = String(orderer.serviceIds[0])), 'orderRequest.serviceId'],
      ['no service', (r) => delete r.serviceId, 'orderRequest.serviceId'],
      ['an unknown property', (r) => (r.properties as { fields: unknown[] }[])[0]!.fields.push({ id: 'FAVOURITE_COLOUR', text: 'blue' }), 'orderRequest.properties.0.fields.1.id'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
  });
});

describe(transactionType.enum.DEACTIVATE, () => {
  it('confirms and always waits for the manager', async () => {
    const orderer = await freshOrderer(server);
    const confirmation = await confirmOk(server, orderer.session, await careBody(orderer, transactionType.enum.DEACTIVATE, 1));
    expectCareConfirmation(confirmation, orderer, 1);
    expect(confirmation.approval.required).toBe(true);
    expect(confirmation.approval.approver!.id).toBe(String(demoIds.employees.barbara));
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    await submitAndRead(orderer, await careBody(orderer, transactionType.enum.DEACTIVATE, 1), transactionType.enum.DEACTIVATE, 'AWAITING_APPROVAL');
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const body = await careBody(orderer, transactionType.enum.DEACTIVATE, 1);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['an unknown service', (r) => (r.serviceId = '999999'), 'orderRequest.serviceId'],
      ['a plan', (r) => (r.shoppingCart = { planId: UNLIMITED }), 'orderRequest.shoppingCart.planId'],
      ['a date with a time', (r) => ((r.properties as { fields: { id: string; date?: string }[] }[])[0]!.fields[0]!.date = '2026-12-22T15:30:00Z'), 'orderRequest.properties.0.fields.0.date'],
      ['a service id that is a number', (r) => (r.serviceId = 5001), 'orderRequest.serviceId'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
  });
});

describe(transactionType.enum.UPDATE_FEATURES, () => {
  async function valid(orderer: Orderer) {
    const serviceId = String(orderer.serviceIds[0]);
    const features = (await getOk(server, orderer.session, `/catalog/features?service=${serviceId}`, featuresResponse)).features;
    const inactive = features.find((feature) => !feature.isActiveOnService)!;
    const body = await careBody(orderer, transactionType.enum.UPDATE_FEATURES, 0);
    body.orderRequest.shoppingCart = { features: [{ id: inactive.id, action: 'ADD' }], featureRequestComment: 'Travelling next month' };
    return { body, inactive };
  }

  it('confirms an added feature with its monthly price', async () => {
    const orderer = await freshOrderer(server);
    const { body, inactive } = await valid(orderer);
    const confirmation = await confirmOk(server, orderer.session, body);
    expect(confirmation.shoppingCart.features).toEqual([{ id: inactive.id, description: inactive.description, price: inactive.price, action: 'ADD' }]);
    expect(confirmation.shoppingCart.featureRequestComment).toBe('Travelling next month');
    expect(totals(confirmation)).toEqual({ oneTime: 0, monthly: cents(inactive.price), count: 2 });
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    const order = await submitAndRead(orderer, (await valid(orderer)).body, transactionType.enum.UPDATE_FEATURES, 'ORDER_SUBMITTED');
    expect(order.orderSegments.items[0]!.features).toHaveLength(1);
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const { body, inactive } = await valid(orderer);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['removing a feature that is not active', (r) => (r.shoppingCart = { features: [{ id: inactive.id, action: 'REMOVE' }] }), 'orderRequest.shoppingCart.features.0.action'],
      ['no change at all', (r) => (r.shoppingCart = { features: [] }), 'orderRequest.shoppingCart.features'],
      ['an unknown feature', (r) => (r.shoppingCart = { features: [{ id: '999999', action: 'ADD' }] }), 'orderRequest.shoppingCart.features.0.id'],
      ['an unknown action', (r) => (r.shoppingCart = { features: [{ id: inactive.id, action: 'TOGGLE' }] }), 'orderRequest.shoppingCart.features.0.action'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
  });
});

describe(transactionType.enum.SWAP_DEVICES, () => {
  async function valid(orderer: Orderer) {
    const { service, description } = await existingDeviceOf(orderer, orderer.serviceIds[0]);
    const spare = await getOk(server, orderer.session, `/assets/devices/${orderer.spareDeviceId}`, deviceAssetItem);
    const body = await careBody(orderer, transactionType.enum.SWAP_DEVICES, 0);
    body.orderRequest.existingDevice = description;
    body.orderRequest.newDevice = { manufacturerId: spare.manufacturer.id, modelId: spare.model.id, serialNumber: spare.serialNumber };
    return { body, service, spare };
  }

  it('confirms a move to a spare device the account holder has', async () => {
    const orderer = await freshOrderer(server);
    const { body, service, spare } = await valid(orderer);
    const confirmation = await confirmOk(server, orderer.session, body);
    expect(confirmation.existingDevice!.serialNumber).toEqual(service.device!.serialNumber);
    expect(confirmation.newDevice).toMatchObject({ id: spare.id, model: { id: spare.model.id, name: spare.model.name }, serialNumber: spare.serialNumber });
    expect(confirmation.costSummary.every((money) => money.amount === 0)).toBe(true);
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    await submitAndRead(orderer, (await valid(orderer)).body, transactionType.enum.SWAP_DEVICES, 'ORDER_SUBMITTED');
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const { body } = await valid(orderer);
    const inUse = (await serviceOf(server, orderer.session, orderer.serviceIds[1])).device!;
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['a new device that is in use', (r) => ((r.newDevice as Record<string, unknown>).serialNumber = inUse.serialNumber), 'orderRequest.newDevice.serialNumber.value'],
      ['an existing device that is not on the service', (r) => ((r.existingDevice as Record<string, unknown>).serialNumber = inUse.serialNumber), 'orderRequest.existingDevice.serialNumber.value'],
      ['an IMEI whose check digit is wrong', (r) => ((r.newDevice as Record<string, unknown>).serialNumber = { type: 'IMEI', value: '490154203237517' }), 'orderRequest.newDevice.serialNumber.value'],
      ['no new device', (r) => delete r.newDevice, 'orderRequest.newDevice'],
      ['a model of another manufacturer', (r) => ((r.newDevice as Record<string, unknown>).modelId = String(demoIds.models.iphone16)), 'orderRequest.newDevice.modelId'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
  });
});

describe(transactionType.enum.XFER_SERVICE_OUT, () => {
  it('confirms and waits for the manager', async () => {
    const orderer = await freshOrderer(server);
    const confirmation = await confirmOk(server, orderer.session, await careBody(orderer, transactionType.enum.XFER_SERVICE_OUT, 1));
    expectCareConfirmation(confirmation, orderer, 1);
    expect(confirmation.approval.required).toBe(true);
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    await submitAndRead(orderer, await careBody(orderer, transactionType.enum.XFER_SERVICE_OUT, 1), transactionType.enum.XFER_SERVICE_OUT, 'AWAITING_APPROVAL');
  });

  it('refuses broken variants, and refuses it to Peter, who may not transfer lines out', async () => {
    const orderer = await freshOrderer(server);
    const body = await careBody(orderer, transactionType.enum.XFER_SERVICE_OUT, 1);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['a device', (r) => (r.shoppingCart = { deviceId: PIXEL9_SUMMIT }), 'orderRequest.shoppingCart.deviceId'],
      ['an e-mail address that is not one', (r) => ((r.properties as { fields: { id: string; text?: string }[] }[])[0]!.fields[0]!.text = 'not-an-email'), 'orderRequest.properties.0.fields.0.text'],
      ['an external order number over 50 characters', (r) => (r.externalOrderNumber = 'x'.repeat(51)), 'orderRequest.externalOrderNumber'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
    const peter = await signIn(server, 'peter.edwards');
    const peterBody = withRequest(body, (r) => (r.serviceId = String(demoIds.services.peterPrimary)));
    expect(await rejectedFields(server, peter, peterBody)).toContain('orderRequest.transactionType');
  });
});

async function transferBody(orderer: Orderer, type: typeof transactionType.enum.XFER_SERVICE_IN | typeof transactionType.enum.XFER_SERVICE_IN_AND_PORT): Promise<OrderRequestBody> {
  const acknowledgements = await getOk(server, orderer.session, `/acknowledgements?transactionType=${type}&vendor=${SUMMIT}`, acknowledgementsResponse);
  const definitions = await propertyDefinitions(server, orderer.session, type, { vendor: SUMMIT }, type === transactionType.enum.XFER_SERVICE_IN ? { excludesDevice: true } : {});
  return orderRequestFor(type, {
    regionId: '1',
    postalCode: '98101',
    currentVendorId: type === transactionType.enum.XFER_SERVICE_IN ? SUMMIT : MERIDIAN,
    shoppingCart: type === transactionType.enum.XFER_SERVICE_IN ? { planId: UNLIMITED } : { planId: UNLIMITED, deviceId: PIXEL9_SUMMIT, quantity: 1 },
    properties: fillRequired(definitions),
    acknowledgements: acknowledgements.acknowledgements.map((item) => ({ id: item.id, boolean: true, type: 'BOOLEAN' })),
    ...(type === transactionType.enum.XFER_SERVICE_IN_AND_PORT ? { shipTo: shipToUS() } : {}),
  }) as OrderRequestBody;
}

describe(transactionType.enum.XFER_SERVICE_IN, () => {
  it('refuses to bring in a number that is already a live company line, naming the field', async () => {
    const orderer = await freshOrderer(server);
    for (const type of [transactionType.enum.XFER_SERVICE_IN, transactionType.enum.XFER_SERVICE_IN_AND_PORT]) {
      const body = await transferBody(orderer, type);
      const properties = body.orderRequest.properties!;
      const groupIndex = properties.findIndex((group) => group.fields.some((field) => field.id === 'SERVICE_NUMBER'));
      const fieldIndex = properties[groupIndex]!.fields.findIndex((field) => field.id === 'SERVICE_NUMBER');
      // The orderer's own active line, written as a person would.
      const digits = orderer.serviceNumbers[0]!.replace(/\D/g, '');
      (properties[groupIndex]!.fields[fieldIndex] as { text: string }).text = `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
      expect(await rejectedFields(server, orderer.session, body)).toContain(`orderRequest.properties.${groupIndex}.fields.${fieldIndex}.text`);
    }
  });

  it('confirms with the current carrier, the plan and the accepted acknowledgements', async () => {
    const orderer = await freshOrderer(server);
    const plan = await getOk(server, orderer.session, `/catalog/plans/${UNLIMITED}`, catalogPlanDetail);
    const confirmation = await confirmOk(server, orderer.session, await transferBody(orderer, transactionType.enum.XFER_SERVICE_IN));
    expect(confirmation.currentVendor).toMatchObject({ id: SUMMIT, name: plan.vendor.name });
    expect(confirmation.acknowledgements.length).toBe(2);
    expect(confirmation.acknowledgements.every((item) => item.boolean && item.label.length > 0)).toBe(true);
    expect(confirmation.shoppingCart.quantity).toBe(1);
    expect(totals(confirmation)).toEqual({ oneTime: 0, monthly: cents(plan.price), count: 2 });
    expect(confirmation.approval.required).toBe(false);
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    await submitAndRead(orderer, await transferBody(orderer, transactionType.enum.XFER_SERVICE_IN), transactionType.enum.XFER_SERVICE_IN, 'ORDER_SUBMITTED');
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const body = await transferBody(orderer, transactionType.enum.XFER_SERVICE_IN);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['a current carrier other than the plan’s', (r) => (r.currentVendorId = MERIDIAN), 'orderRequest.currentVendorId'],
      ['no acknowledgements', (r) => delete r.acknowledgements, 'orderRequest.acknowledgements'],
      ['an acknowledgement declined', (r) => ((r.acknowledgements as { boolean: boolean }[])[0]!.boolean = false), 'orderRequest.acknowledgements.0.boolean'],
      ['a service id', (r) => (r.serviceId = String(orderer.serviceIds[0])), 'orderRequest.serviceId'],
      ['a personal number that is not a US number', (r) => ((r.properties as { fields: { id: string; text?: string }[] }[])[0]!.fields[0]!.text = '12345'), 'orderRequest.properties.0.fields.0.text'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
  });
});

describe(transactionType.enum.XFER_SERVICE_IN_AND_PORT, () => {
  it('confirms a port from another carrier with a new device', async () => {
    const orderer = await freshOrderer(server);
    const device = await getOk(server, orderer.session, `/catalog/devices/${PIXEL9_SUMMIT}`, catalogDeviceDetail);
    const plan = await getOk(server, orderer.session, `/catalog/plans/${UNLIMITED}`, catalogPlanDetail);
    const confirmation = await confirmOk(server, orderer.session, await transferBody(orderer, transactionType.enum.XFER_SERVICE_IN_AND_PORT));
    expect(confirmation.currentVendor!.id).toBe(MERIDIAN);
    expect(confirmation.acknowledgements.length).toBe(3);
    const options = device.deviceFeatures.reduce((sum, choice) => sum + cents(choice.options.find((option) => option.isDefault)!.price), 0);
    expect(totals(confirmation)).toEqual({ oneTime: cents(device.price) + options, monthly: cents(plan.price), count: 2 });
  });

  it('submits and reads back', async () => {
    const orderer = await freshOrderer(server);
    await submitAndRead(orderer, await transferBody(orderer, transactionType.enum.XFER_SERVICE_IN_AND_PORT), transactionType.enum.XFER_SERVICE_IN_AND_PORT, 'AWAITING_APPROVAL');
  });

  it('refuses broken variants', async () => {
    const orderer = await freshOrderer(server);
    const body = await transferBody(orderer, transactionType.enum.XFER_SERVICE_IN_AND_PORT);
    const cases: [string, (request: Record<string, unknown>) => void, string][] = [
      ['the plan’s own carrier as the current one', (r) => (r.currentVendorId = SUMMIT), 'orderRequest.currentVendorId'],
      ['no device', (r) => (r.shoppingCart = { planId: UNLIMITED }), 'orderRequest.shoppingCart.deviceId'],
      ['a quantity of 2', (r) => ((r.shoppingCart as Record<string, unknown>).quantity = 2), 'orderRequest.shoppingCart.quantity'],
      ['an unknown current carrier', (r) => (r.currentVendorId = '999'), 'orderRequest.currentVendorId'],
    ];
    for (const [name, change, field] of cases) {
      expect(await rejectedFields(server, orderer.session, withRequest(body, change)), name).toContain(field);
    }
  });
});
