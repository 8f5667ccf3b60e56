/**
 * What an open order takes, it takes alone (decision 17): a spare device a SWAP_DEVICES puts on its
 * line, a number an XFER_SERVICE_IN type brings in, the line itself. Validation counts open orders
 * as well as live lines; the submit transaction checks again after what it depends on may have
 * changed (the line moved or deactivated, the device or number taken); and the partial unique
 * indexes refuse what slipped past both with the same 400, never a 500 or a second holder.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceAssetItem, errorEnvelope, orderStatus, type OrderRequestBody, transactionType } from '../../contract/index.ts';
import { claimViolation } from '../domain/orders/claims.ts';
import { emptyDraft } from '../domain/orders/common.ts';
import { transaction } from '../storage/db.ts';
import { orders, services } from '../storage/schema.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { acknowledgementsResponse } from '../../contract/index.ts';
import { fillRequired, freshOrderer, orderRequestFor, propertyDefinitions, serviceOf, submitOk, waitForStatus, type Orderer } from './orders-fixtures.ts';
import { getOk } from './read-api.ts';
import { apiPost } from './session.ts';

const SUMMIT = String(demoIds.vendors.summit);
const MERIDIAN = String(demoIds.vendors.meridian);
const UNLIMITED = String(demoIds.plans.summitBusinessUnlimited);
const PIXEL9_SUMMIT = String(demoIds.catalogDevices.pixel9Summit);
/** Far enough that no step runs until the test moves the clock. */
const DELAY_MS = 3_600_000;

let server: TestServer;
beforeAll(async () => {
  // Tokens outlive the hours the tests move the clock by.
  server = await startTestServer({ MOBPROC_FULFILLMENT_DELAY_MS: String(DELAY_MS), MOBPROC_TOKEN_TTL_S: String(30 * 24 * 3600) });
});
afterAll(async () => {
  await server.close();
});

/** The 400's problems as `field` → `errorCode`, or the status and body when it is not a 400. */
async function refusal(orderer: Orderer, body: OrderRequestBody, path = '/orders') {
  const response = await apiPost(server, orderer.session, path, body);
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  return Object.fromEntries(errorEnvelope.parse(response.body).errors.map((error) => [error.field, error.errorCode]));
}

/** Runs the order's fulfilment to COMPLETE by moving the server's clock past each step. */
async function complete(orderer: Orderer, orderId: string, ships: boolean) {
  for (const status of ships ? ['IN_PROGRESS', 'SHIPPED', 'COMPLETE'] : ['IN_PROGRESS', 'COMPLETE']) {
    server.advanceClock(DELAY_MS + 1000);
    await waitForStatus(server, orderer.session, orderId, status);
  }
}

describe('a spare device named by two SWAP_DEVICES orders', () => {
  async function swapBody(orderer: Orderer, line: 0 | 1): Promise<OrderRequestBody> {
    const serviceId = String(orderer.serviceIds[line]);
    const current = (await serviceOf(server, orderer.session, serviceId)).device!;
    const spare = await getOk(server, orderer.session, `/assets/devices/${orderer.spareDeviceId}`, deviceAssetItem);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.SWAP_DEVICES, { service: serviceId });
    return orderRequestFor(transactionType.enum.SWAP_DEVICES, {
      serviceId,
      properties: fillRequired(definitions),
      existingDevice: { manufacturerId: current.manufacturer.id, modelId: current.model.id, serialNumber: current.serialNumber },
      newDevice: { manufacturerId: spare.manufacturer.id, modelId: spare.model.id, serialNumber: spare.serialNumber },
    });
  }
  const field = 'orderRequest.newDevice.serialNumber.value';

  it('is refused on the second line while the first order is open, confirm and submit alike; the device ends on one line', async () => {
    const orderer = await freshOrderer(server, 'swap-twice');
    const first = await submitOk(server, orderer.session, await swapBody(orderer, 0));
    const second = await swapBody(orderer, 1);
    expect(await refusal(orderer, second, '/orders?confirm=true')).toEqual({ [field]: '400-BUSINESS_RULE' });
    expect(await refusal(orderer, second)).toEqual({ [field]: '400-BUSINESS_RULE' });

    await complete(orderer, first.orderId, false);
    expect((await serviceOf(server, orderer.session, orderer.serviceIds[0])).device!.id).toBe(String(orderer.spareDeviceId));
    expect((await serviceOf(server, orderer.session, orderer.serviceIds[1])).device!.id).not.toBe(String(orderer.spareDeviceId));
    // Now on a live line: refused as in use.
    expect(await refusal(orderer, second)).toEqual({ [field]: '400-BUSINESS_RULE' });
  });

  it('is free again once the order that named it is cancelled', async () => {
    const orderer = await freshOrderer(server, 'swap-cancel');
    const first = await submitOk(server, orderer.session, await swapBody(orderer, 0));
    expect((await apiPost(server, orderer.session, `/orders/${first.orderId}/cancel`, {})).status).toBe(200);
    await submitOk(server, orderer.session, await swapBody(orderer, 1));
  });

  it('goes to exactly one of two submits sent at once for two lines', async () => {
    const orderer = await freshOrderer(server, 'swap-race');
    const bodies = [await swapBody(orderer, 0), await swapBody(orderer, 1)];
    const answers = await Promise.all(bodies.map(async (body) => await apiPost(server, orderer.session, '/orders', body)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    expect(errorEnvelope.parse(answers.find((answer) => answer.status === 400)!.body).errors.map((error) => error.field)).toEqual([field]);
  });
});

describe('a number brought in by two orders', () => {
  async function transferBody(orderer: Orderer, type: typeof transactionType.enum.XFER_SERVICE_IN | typeof transactionType.enum.XFER_SERVICE_IN_AND_PORT, number?: string) {
    const acknowledgements = await getOk(server, orderer.session, `/acknowledgements?transactionType=${type}&vendor=${SUMMIT}`, acknowledgementsResponse);
    const definitions = await propertyDefinitions(server, orderer.session, type, { vendor: SUMMIT }, type === transactionType.enum.XFER_SERVICE_IN ? { excludesDevice: true } : {});
    const properties = fillRequired(definitions);
    const groupIndex = properties.findIndex((group) => group.fields.some((item) => item.id === 'SERVICE_NUMBER'));
    const fieldIndex = properties[groupIndex]!.fields.findIndex((item) => item.id === 'SERVICE_NUMBER');
    const numberField = properties[groupIndex]!.fields[fieldIndex] as { text: string };
    if (number) numberField.text = number;
    const body = orderRequestFor(type, {
      regionId: '1',
      postalCode: '98101',
      currentVendorId: type === transactionType.enum.XFER_SERVICE_IN ? SUMMIT : MERIDIAN,
      shoppingCart: type === transactionType.enum.XFER_SERVICE_IN ? { planId: UNLIMITED } : { planId: UNLIMITED, deviceId: PIXEL9_SUMMIT, quantity: 1 },
      properties,
      acknowledgements: acknowledgements.acknowledgements.map((item) => ({ id: item.id, boolean: true, type: 'BOOLEAN' })),
      ...(type === transactionType.enum.XFER_SERVICE_IN_AND_PORT ? { shipTo: { name: 'Taylor Fixture', regionId: '1', address: [
        { id: 'LINE_1', value: '1201 Third Avenue' },
        { id: 'CITY', value: 'Seattle' },
        { id: 'STATE', value: 'WA' },
        { id: 'POSTAL_CODE', value: '98101' },
      ] } } : {}),
    }) as OrderRequestBody;
    return { body, number: numberField.text, field: `orderRequest.properties.${groupIndex}.fields.${fieldIndex}.text` };
  }

  it('is refused to every later order while the first is open, however it is written and whichever type brings it; after completion it is a line', async () => {
    const first = await freshOrderer(server, 'number-first');
    const taken = await transferBody(first, transactionType.enum.XFER_SERVICE_IN);
    const order = await submitOk(server, first.session, taken.body);
    const digits = taken.number.replace(/\D/g, '').slice(-10);
    const written = `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;

    const other = await freshOrderer(server, 'number-second');
    for (const type of [transactionType.enum.XFER_SERVICE_IN, transactionType.enum.XFER_SERVICE_IN_AND_PORT]) {
      const again = await transferBody(other, type, written);
      expect(await refusal(other, again.body, '/orders?confirm=true'), type).toEqual({ [again.field]: '400-BUSINESS_RULE' });
      expect(await refusal(other, again.body), type).toEqual({ [again.field]: '400-BUSINESS_RULE' });
    }
    // The same person twice is refused too.
    expect(await refusal(first, (await transferBody(first, transactionType.enum.XFER_SERVICE_IN, taken.number)).body)).toEqual({ [taken.field]: '400-BUSINESS_RULE' });

    await complete(first, order.orderId, false);
    const again = await transferBody(other, transactionType.enum.XFER_SERVICE_IN, written);
    expect(await refusal(other, again.body)).toEqual({ [again.field]: '400-BUSINESS_RULE' });
  });

  it('is free again once the order bringing it is cancelled', async () => {
    const orderer = await freshOrderer(server, 'number-cancel');
    const first = await transferBody(orderer, transactionType.enum.XFER_SERVICE_IN);
    const order = await submitOk(server, orderer.session, first.body);
    expect((await apiPost(server, orderer.session, `/orders/${order.orderId}/cancel`, {})).status).toBe(200);
    await submitOk(server, orderer.session, (await transferBody(orderer, transactionType.enum.XFER_SERVICE_IN_AND_PORT, first.number)).body);
  });

  it('goes to exactly one of four submits sent at once by four people', async () => {
    const people = await Promise.all(['a', 'b', 'c', 'd'].map(async (label) => await freshOrderer(server, `number-race-${label}`)));
    const shared = (await transferBody(people[0]!, transactionType.enum.XFER_SERVICE_IN)).number;
    const bodies = await Promise.all(people.map(async (person) => await transferBody(person, transactionType.enum.XFER_SERVICE_IN, shared)));
    const answers = await Promise.all(people.map(async (person, index) => await apiPost(server, person.session, '/orders', bodies[index]!.body)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400, 400, 400]);
    for (const [index, answer] of answers.entries()) {
      if (answer.status === 400) expect(errorEnvelope.parse(answer.body).errors.map((error) => error.field)).toEqual([bodies[index]!.field]);
    }
  });
});

describe('the submit transaction checks again what validation read', () => {
  /**
   * Sends the submit while the test holds the write turn with `change` made but not committed: the
   * submit validates against the last commit (the reader), then waits for its turn; the change
   * commits before it gets it.
   */
  async function submitDuring(orderer: Orderer, body: OrderRequestBody, change: Parameters<typeof transaction>[1]) {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let changed!: () => void;
    const made = new Promise<void>((resolve) => (changed = resolve));
    const holding = transaction(server.deps.db, async (tx) => {
      await change(tx);
      changed();
      await released;
    });
    await made;
    const answer = apiPost(server, orderer.session, '/orders', body);
    // Long enough for the validation's reads; they see the line as it was either way.
    await new Promise((resolve) => setTimeout(resolve, 400));
    release();
    await holding;
    return await answer;
  }

  const suspendBody = async (orderer: Orderer) => {
    const serviceId = String(orderer.serviceIds[0]);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.SUSPEND, { service: serviceId });
    return orderRequestFor(transactionType.enum.SUSPEND, { serviceId, properties: fillRequired(definitions) });
  };

  it('refuses an order on a line moved to someone else meanwhile, naming the service', async () => {
    const orderer = await freshOrderer(server, 'recheck-moved');
    const someoneElse = await freshOrderer(server, 'recheck-new-owner');
    const answer = await submitDuring(orderer, await suspendBody(orderer), async (tx) => {
      await tx.update(services).set({ employeeId: someoneElse.employeeId }).where(eq(services.id, orderer.serviceIds[0]));
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(errorEnvelope.parse(answer.body).errors.map((error) => [error.field, error.errorCode])).toEqual([['orderRequest.serviceId', '400-BUSINESS_RULE']]);
  });

  it('refuses an order on a line deactivated meanwhile, naming the service', async () => {
    const orderer = await freshOrderer(server, 'recheck-deactivated');
    const answer = await submitDuring(orderer, await suspendBody(orderer), async (tx) => {
      await tx.update(services).set({ status: 'DEACTIVATED' }).where(eq(services.id, orderer.serviceIds[0]));
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(errorEnvelope.parse(answer.body).errors.map((error) => [error.field, error.errorCode])).toEqual([['orderRequest.serviceId', '400-BUSINESS_RULE']]);
  });
});

describe('the partial unique indexes on open orders', () => {
  it('refuse a second open order on one line however it is written, with the error a submit answers as the 400 of the service', async () => {
    const orderer = await freshOrderer(server, 'index-direct');
    const serviceId = orderer.serviceIds[0];
    const row = (at: string, status: (typeof orderStatus.enum)[keyof typeof orderStatus.enum]) => ({
      tenantId: demoIds.tenants.acme,
      transactionType: transactionType.enum.SUSPEND,
      status,
      accountHolderId: orderer.employeeId,
      requestedById: orderer.employeeId,
      serviceId,
      effects: {},
      confirmation: {},
      properties: [],
      shipTo: {},
      dateSubmitted: at,
      updatedAt: at,
    });
    const at = new Date().toISOString();
    await transaction(server.deps.db, async (tx) => {
      await tx.insert(orders).values([row(at, orderStatus.enum.COMPLETE), row(at, orderStatus.enum.CANCELLED), row(at, orderStatus.enum.AWAITING_APPROVAL)]);
    });
    const failure = await transaction(server.deps.db, async (tx) => {
      await tx.insert(orders).values(row(at, orderStatus.enum.IN_PROGRESS));
    }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeDefined();
    const draft = { ...emptyDraft(transactionType.enum.SUSPEND), service: { id: serviceId, serviceNumber: orderer.serviceNumbers[0] } as never };
    expect(claimViolation(failure, draft)?.problems.map((problem) => [problem.status, problem.errorCode, problem.field])).toEqual([[400, '400-BUSINESS_RULE', 'orderRequest.serviceId']]);
    // And the line is busy for the API too.
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.SUSPEND, { service: String(serviceId) });
    expect(await refusal(orderer, orderRequestFor(transactionType.enum.SUSPEND, { serviceId: String(serviceId), properties: fillRequired(definitions) }))).toEqual({
      'orderRequest.serviceId': '400-BUSINESS_RULE',
    });
  });
});
