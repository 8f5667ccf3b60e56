/**
 * Submits that race or repeat, and fulfilment that survives a restart: Idempotency-Key
 * (sequential and concurrent), two SUSPENDs on one service at once, and a server stopped with an
 * order pending that completes after it starts again on the same database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, orderSubmitResponse, type OrderRequestBody, transactionType } from '../../contract/index.ts';
import { scratchDatabase, startTestServer, type TestServer } from './harness.ts';
import { countOrders, fillRequired, freshOrderer, getOrder, orderRequestFor, propertyDefinitions, serviceOf, submitOk, waitForStatus, type Orderer } from './orders-fixtures.ts';
import { count } from './rows.ts';
import { apiPost, signIn } from './session.ts';

async function suspendBody(server: TestServer, orderer: Orderer, serviceId: number): Promise<OrderRequestBody> {
  const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.SUSPEND, { service: String(serviceId) });
  return orderRequestFor(transactionType.enum.SUSPEND, { serviceId: String(serviceId), properties: fillRequired(definitions) });
}

describe('on one server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers a repeated submit with one Idempotency-Key with the first order', async () => {
    const orderer = await freshOrderer(server);
    const body = await suspendBody(server, orderer, orderer.serviceIds[0]);
    const key = { 'Idempotency-Key': `retry-${orderer.employeeId}` };
    const first = await submitOk(server, orderer.session, body, key);
    const second = await submitOk(server, orderer.session, body, key);
    expect(second.orderId).toBe(first.orderId);
    expect(second.status).toBe(first.status);
    expect(await countOrders(server, orderer.session)).toBe(1);

    const other = await suspendBody(server, orderer, orderer.serviceIds[1]);
    const reused = await apiPost(server, orderer.session, '/orders', other, key);
    expect(reused.status).toBe(400);
    expect(errorEnvelope.parse(reused.body).errors[0]!.field).toBe('header.Idempotency-Key');
    expect(await countOrders(server, orderer.session)).toBe(1);

    // The key belongs to the signed-in user: another person's identical key is theirs alone.
    const someoneElse = await freshOrderer(server);
    const theirs = await submitOk(server, someoneElse.session, await suspendBody(server, someoneElse, someoneElse.serviceIds[0]), key);
    expect(theirs.orderId).not.toBe(first.orderId);
  });

  it('stores one order for concurrent submits with one Idempotency-Key', async () => {
    const orderer = await freshOrderer(server);
    const body = await suspendBody(server, orderer, orderer.serviceIds[0]);
    const key = { 'Idempotency-Key': `concurrent-${orderer.employeeId}` };
    const answers = await Promise.all(Array.from({ length: 6 }, async () => await apiPost(server, orderer.session, '/orders', body, key)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const ids = new Set(answers.map((answer) => orderSubmitResponse.parse(answer.body).order.orderId));
    expect(ids.size).toBe(1);
    expect(await countOrders(server, orderer.session)).toBe(1);
  });

  it('two concurrent SUSPENDs on one service without a key: one order and one 400', async () => {
    const orderer = await freshOrderer(server);
    const body = await suspendBody(server, orderer, orderer.serviceIds[0]);
    const answers = await Promise.all([apiPost(server, orderer.session, '/orders', body), apiPost(server, orderer.session, '/orders', body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    const refused = answers.find((answer) => answer.status === 400)!;
    expect(errorEnvelope.parse(refused.body).errors[0]!.field).toBe('orderRequest.serviceId');
    expect(await countOrders(server, orderer.session)).toBe(1);
  });
});

describe('an Idempotency-Key a day later', () => {
  it('is forgotten after 24 hours: the same key and body make a new order', async () => {
    const server = await startTestServer();
    try {
      const orderer = await freshOrderer(server);
      const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: '1' }, { excludesDevice: true });
      const body: OrderRequestBody = orderRequestFor(transactionType.enum.NEW_ACTIVATION, { regionId: '1', postalCode: '98101', shoppingCart: { planId: '4002' }, properties: fillRequired(definitions) });
      const key = { 'Idempotency-Key': 'monthly-line' };
      const first = await submitOk(server, orderer.session, body, key);
      server.advanceClock(23 * 3600 * 1000);
      const session = await signIn(server, orderer.username);
      expect((await submitOk(server, session, body, key)).orderId).toBe(first.orderId);
      server.advanceClock(2 * 3600 * 1000);
      const later = await signIn(server, orderer.username);
      const again = await submitOk(server, later, body, key);
      expect(again.orderId).not.toBe(first.orderId);
      expect(await countOrders(server, later)).toBe(2);
    } finally {
      await server.close();
    }
  });
});

describe('restart', () => {
  it('resumes pending fulfilment on the same database: the order completes once, nothing lost or doubled', async () => {
    const environment = { MOBPROC_FULFILLMENT_DELAY_MS: '400' };
    // The database outlives the first server, so this test owns it.
    const database = await scratchDatabase();
    const first = await startTestServer(environment, { databaseUrl: database.url });
    let orderId: string;
    let orderer: Orderer;
    try {
      orderer = await freshOrderer(first);
      const order = await submitOk(first, orderer.session, await suspendBody(first, orderer, orderer.serviceIds[0]));
      expect(order.status).toBe('ORDER_SUBMITTED');
      orderId = order.orderId;
      expect(await count(first, 'SELECT COUNT(*) AS n FROM fulfillment_jobs WHERE order_id = ? AND done_at IS NULL', Number(orderId))).toBe(1);
    } finally {
      await first.close();
    }
    const second = await startTestServer(environment, { databaseUrl: database.url });
    try {
      expect(second.seeded).toBe('already-seeded');
      const session = await signIn(second, orderer.username);
      const done = await waitForStatus(second, session, orderId, 'COMPLETE', 10_000);
      expect(done.history.map((entry) => entry.status)).toEqual(['ORDER_SUBMITTED', 'IN_PROGRESS', 'COMPLETE']);
      expect((await serviceOf(second, session, orderer.serviceIds[0])).status).toBe('SUSPENDED');
      // Give a doubled step time to show itself; none may.
      await new Promise((resolve) => setTimeout(resolve, 900));
      expect((await getOrder(second, session, orderId)).history).toHaveLength(3);
      expect(await countOrders(second, session)).toBe(1);
    } finally {
      await second.close();
      await database.drop();
    }
  });
});
