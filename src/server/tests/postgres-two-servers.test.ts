/**
 * Two servers on one PostgreSQL database, each with its own pool and its own workers, as two
 * instances behind a load balancer (decision 17): the same change sent to both at the same moment
 * happens once — an approval level decided once (one decision in history, one fulfilment run), a
 * spare device swapped onto one line, a refresh token used once, a burst of wrong passwords counted
 * against one limit, an order cancelled while another instance holds its step — and each order's fulfilment steps run once although both instances' workers
 * claim them.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceAssetItem, errorEnvelope, orderSubmitResponse, type OrderRequestBody, transactionType } from '../../contract/index.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { fillRequired, freshOrderer, getOrder, newLineRequest, orderRequestFor, propertyDefinitions, serviceOf, submitOk, waitForStatus } from './orders-fixtures.ts';
import { postgresAvailability, startTestDatabase, type TestDatabase } from './postgres.ts';
import { getOk } from './read-api.ts';
import { apiPost, signIn } from './session.ts';

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

/** Wrong passwords an account may send from one address before sign-in is locked there. */
const ATTEMPTS = 5;

describe.skipIf(!availability.available)('two servers on one PostgreSQL database', () => {
  let database: TestDatabase;
  let one: TestServer;
  let other: TestServer;

  beforeAll(async () => {
    database = await startTestDatabase();
    // One after the other: the first migrates and seeds, the second finds both done.
    const environment = { DATABASE_URL: database.url, MOBPROC_LOCKOUT_ATTEMPTS: String(ATTEMPTS) };
    one = await startTestServer(environment);
    other = await startTestServer(environment);
  }, 120_000);

  afterAll(async () => {
    await one?.close();
    await other?.close();
    await database?.stop();
  }, 60_000);

  it('decides an approval level once when its approver approves on both at the same moment; its steps run once', async () => {
    const peter = await signIn(one, 'peter.edwards');
    const order = await submitOk(one, peter, await newLineRequest(one, peter, { withDevice: true }));
    expect(order.status).toBe('AWAITING_APPROVAL');
    const [onOne, onOther] = await Promise.all([signIn(one, 'barbara.andrews'), signIn(other, 'barbara.andrews')]);
    const answers = await Promise.all([
      apiPost(one, onOne, `/orders/${order.orderId}/approval`, { action: 'APPROVE' }),
      apiPost(other, onOther, `/orders/${order.orderId}/approval`, { action: 'APPROVE' }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers.map((answer) => (answer.body as { status: string }).status).sort()).toEqual(['APPROVAL_NOT_NEEDED', 'APPROVAL_QUEUED']);

    const done = await waitForStatus(one, peter, order.orderId, 'COMPLETE', 20_000);
    // A moment for a second run of any step to show, had one been claimed twice.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const history = (await getOrder(other, peter, done.orderId)).history.map((entry) => entry.status);
    expect(history).toEqual(['AWAITING_APPROVAL', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED', 'COMPLETE']);
  }, 60_000);

  it('swaps a spare device onto one line when two lines ask for it on both at the same moment', async () => {
    const orderer = await freshOrderer(one, 'two-servers-swap');
    const onOther = await signIn(other, orderer.username, { password: orderer.password });
    const spare = await getOk(one, orderer.session, `/assets/devices/${orderer.spareDeviceId}`, deviceAssetItem);
    const swapBody = async (line: 0 | 1): Promise<OrderRequestBody> => {
      const serviceId = String(orderer.serviceIds[line]);
      const current = (await serviceOf(one, orderer.session, serviceId)).device!;
      const definitions = await propertyDefinitions(one, orderer.session, transactionType.enum.SWAP_DEVICES, { service: serviceId });
      return orderRequestFor(transactionType.enum.SWAP_DEVICES, {
        serviceId,
        properties: fillRequired(definitions),
        existingDevice: { manufacturerId: current.manufacturer.id, modelId: current.model.id, serialNumber: current.serialNumber },
        newDevice: { manufacturerId: spare.manufacturer.id, modelId: spare.model.id, serialNumber: spare.serialNumber },
      });
    };
    const bodies = [await swapBody(0), await swapBody(1)];
    const answers = await Promise.all([apiPost(one, orderer.session, '/orders', bodies[0]), apiPost(other, onOther, '/orders', bodies[1])]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 400]);
    const refused = answers.find((answer) => answer.status === 400)!;
    expect(errorEnvelope.parse(refused.body).errors.map((error) => error.field)).toEqual(['orderRequest.newDevice.serialNumber.value']);
    const won = orderSubmitResponse.parse(answers.find((answer) => answer.status === 200)!.body).order;
    await waitForStatus(one, orderer.session, won.orderId, 'COMPLETE', 20_000);
    const devices = await Promise.all(orderer.serviceIds.slice(0, 2).map(async (id) => (await serviceOf(other, orderer.session, id)).device?.id));
    expect(devices.filter((id) => id === String(orderer.spareDeviceId))).toHaveLength(1);
  }, 60_000);

  it('uses a refresh token once when it is presented to both at the same moment', async () => {
    const session = await signIn(one, 'peter.edwards');
    const refresh = async (server: TestServer) =>
      await fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: session.clientId }),
      });
    const statuses = (await Promise.all([refresh(one), refresh(other)])).map((response) => response.status);
    expect(statuses.sort()).toEqual([200, 400]);
  });

  it('counts wrong passwords sent to both at once against one limit: no more than the allowed number are checked', async () => {
    const person = await freshOrderer(one, 'two-servers-lockout');
    const guess = async (server: TestServer) =>
      (
        await fetch(`${server.url}/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'password', client_id: 'mobproc-web', scope: 'MOBPROC', tenant: 'ACME', username: person.username, password: 'wrong' }),
        })
      ).status;
    const statuses = await Promise.all(Array.from({ length: ATTEMPTS + 7 }, async (_, index) => await guess(index % 2 === 0 ? one : other)));
    expect(statuses.filter((status) => status === 400)).toHaveLength(ATTEMPTS);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
  });

  it('cancels an order at once while another instance holds its next step, and that step then ends without running', async () => {
    // A third instance whose steps fall due an hour after the change that makes them.
    const slow = await startTestServer({ DATABASE_URL: database.url, MOBPROC_FULFILLMENT_DELAY_MS: String(3_600_000) });
    const instance = postgres(database.url, { max: 1, onnotice: () => {} });
    let release = () => {};
    try {
      const orderer = await freshOrderer(slow, 'two-servers-cancel');
      const serviceId = String(orderer.serviceIds[0]);
      const definitions = await propertyDefinitions(slow, orderer.session, transactionType.enum.SUSPEND, { service: serviceId });
      const order = await submitOk(slow, orderer.session, orderRequestFor(transactionType.enum.SUSPEND, { serviceId, properties: fillRequired(definitions) }));
      expect(order.status).toBe('ORDER_SUBMITTED');

      // Another instance has claimed the order's step and not yet reached the order: its job row is locked.
      const released = new Promise<void>((resolve) => (release = resolve));
      let claimed!: () => void;
      const held = new Promise<void>((resolve) => (claimed = resolve));
      const holder = instance
        .begin(async (tx) => {
          await tx`SELECT id FROM fulfillment_jobs WHERE order_id = ${Number(order.orderId)} AND done_at IS NULL FOR UPDATE`;
          claimed();
          await released;
          throw new Error('the instance dies mid-step');
        })
        .catch(() => undefined);
      await held;
      const cancelled = await fetch(`${one.url}/mobproc/v1/orders/${order.orderId}/cancel`, {
        method: 'POST',
        headers: { ...orderer.session.headers(), 'content-type': 'application/json' },
        body: '{}',
        // Waiting for the held step would wait for ever: the step waits for the order this cancel holds.
        signal: AbortSignal.timeout(5000),
      });
      expect(cancelled.status).toBe(200);
      release();
      await holder;

      slow.advanceClock(2 * 3_600_000);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const [job] = await instance<{ doneAt: string | null }[]>`SELECT done_at AS "doneAt" FROM fulfillment_jobs WHERE order_id = ${Number(order.orderId)}`;
      expect(job!.doneAt).not.toBeNull();
      const history = (await getOrder(one, orderer.session, order.orderId)).history.map((entry) => entry.status);
      expect(history).toEqual(['ORDER_SUBMITTED', 'CANCELLED']);
    } finally {
      release();
      await instance.end();
      await slow.close();
    }
  }, 60_000);
});
