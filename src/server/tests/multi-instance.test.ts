/**
 * Two server PROCESSES on one PostgreSQL database (issue 19, decision record 0017): 200 concurrent
 * submits spread over both — some pairs sharing an Idempotency-Key, some on the same service —,
 * approvals sent to either (some to both at once), and one instance killed with SIGKILL while
 * fulfilment runs. Afterwards every order exists once, every fulfilment step ran exactly once (the
 * history has one entry per order and step), every shipment was made once and every email left
 * the outbox; an event stream on one instance heard of changes made through the other.
 */
import type { StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalResponse, errorEnvelope, orderPropertiesResponse, orderSubmitResponse, transactionType, type OrderRequestBody } from '../../contract/index.ts';
import { peterNewLine } from '../bench/orders.ts';
import { startServerProcess, type ServerProcess } from '../bench/server-process.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { fillRequired, orderRequestFor } from './orders-fixtures.ts';
import { postgresAvailability, startTestDatabase, type TestDatabase } from './postgres.ts';
import { about, openEvents } from './sse.ts';
import { apiGet, apiPost, signIn } from './session.ts';

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

/** Between fulfilment steps: long enough that the kill lands while steps are still pending. */
const STEP_DELAY_MS = 1500;

/** Polls `check` every 100 ms until it holds; fails after `ms` with what `describe` says. */
async function until(check: () => Promise<boolean>, ms: number, describe: () => Promise<string>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Answer = { status: number; body: unknown };

describe.skipIf(!availability.available)('two server processes on one PostgreSQL database', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  let a: ServerProcess;
  let b: ServerProcess;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-multi-'));
  const outbox = path.join(folder, 'outbox');

  beforeAll(async () => {
    database = await startTestDatabase();
    const environment = {
      DATABASE_URL: database.url,
      MOBPROC_FULFILLMENT_DELAY_MS: String(STEP_DELAY_MS),
      MOBPROC_FAILED_SIGN_IN_DELAY_MS: '0',
      MOBPROC_OUTBOX_DIR: outbox,
      // A killed instance's claimed emails go to the survivor after this long.
      MOBPROC_MAIL_CLAIM_S: '1',
      MOBPROC_CHECKPOINT_MS: '0',
      LOG_LEVEL: 'error',
    };
    // One after the other: the first seeds the demo data, the second finds it seeded.
    // Their logs (errors only) go to a file each, read when something fails.
    const logTo = (name: string) => ({ stdio: ['ignore', fs.openSync(path.join(folder, name), 'w'), 'inherit'] as StdioOptions });
    a = await startServerProcess(environment, logTo('a.log'));
    b = await startServerProcess(environment, logTo('b.log'));
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await sql?.end();
    await database?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  }, 60_000);

  /** The error lines both servers logged (JSON, one a line): for the message of a failure. */
  const serverErrors = () =>
    ['a.log', 'b.log']
      .flatMap((name) => fs.readFileSync(path.join(folder, name), 'utf8').split('\n').filter((line) => line.startsWith('{')).map((line) => `${name}: ${line}`))
      .join('\n');

  it('keeps every order, step, shipment and email exactly once across instances and a killed one', async () => {
    const instances = [a, b];
    const peter = await Promise.all(instances.map(async (server) => await signIn(server, 'peter.edwards')));
    const barbara = await Promise.all(instances.map(async (server) => await signIn(server, 'barbara.andrews')));
    const nina = await signIn(b, 'nina.patel');
    const before = Number((await sql`SELECT COALESCE(MAX(id), 0) AS id FROM orders`)[0]!.id);

    // Barbara's stream on A: orders submitted through B that wait for her must reach it.
    const stream = await openEvents(a, barbara[0]!);

    const propertiesOf = async (query: string) =>
      fillRequired(orderPropertiesResponse.parse((await apiGet(a, peter[0]!, `/orders/properties?${query}`)).body).properties.items);
    const planOnly: OrderRequestBody = orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      regionId: String(demoIds.regions.unitedStates),
      postalCode: '98101',
      shoppingCart: { planId: String(demoIds.plans.summitBusinessUnlimited) },
      properties: await propertiesOf(`transactionType=${transactionType.enum.NEW_ACTIVATION}&vendor=1&orderExcludesDevice=true`),
    });
    const withDevice: OrderRequestBody = { orderRequest: peterNewLine };
    const suspendOf = async (serviceId: number) =>
      orderRequestFor(transactionType.enum.SUSPEND, {
        serviceId: String(serviceId),
        properties: await propertiesOf(`transactionType=${transactionType.enum.SUSPEND}&service=${serviceId}`),
      });
    const contested = [demoIds.services.peterPrimary, demoIds.services.peterSecondary];
    const suspends = await Promise.all(contested.map(suspendOf));

    type Submit = { kind: 'suspend' | 'keyed' | 'device' | 'plain'; body: OrderRequestBody; key?: string; serviceId?: number };
    const submits: Submit[] = [
      // 10 on each of two services: one order per service, the rest refused.
      ...Array.from({ length: 20 }, (_, index): Submit => ({ kind: 'suspend', body: suspends[index % 2]!, serviceId: contested[index % 2] })),
      // 30 keys, each sent twice (the two copies land on different instances).
      ...Array.from({ length: 60 }, (_, index): Submit => ({ kind: 'keyed', body: planOnly, key: `multi-${Math.floor(index / 2)}` })),
      // A priced device for a non-manager waits for Barbara.
      ...Array.from({ length: 60 }, (): Submit => ({ kind: 'device', body: withDevice })),
      ...Array.from({ length: 60 }, (): Submit => ({ kind: 'plain', body: planOnly })),
    ];
    const started = Date.now();
    const answers: Answer[] = await Promise.all(
      submits.map(async (submit, index) => {
        const instance = index % 2;
        return await apiPost(instances[instance]!, peter[instance]!, '/orders', submit.body, submit.key ? { 'Idempotency-Key': submit.key } : {});
      }),
    );
    const submitMs = Date.now() - started;

    const accepted = (kind: Submit['kind']) =>
      answers.flatMap((answer, index) => (submits[index]!.kind === kind && answer.status === 200 ? [orderSubmitResponse.parse(answer.body).order] : []));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status !== 200 && status !== 400), JSON.stringify(answers.filter((answer) => answer.status >= 500))).toEqual([]);

    // The same service: exactly one order each, the others refused naming the service.
    const suspended = accepted('suspend');
    expect(suspended).toHaveLength(2);
    const refused = answers.filter((answer, index) => submits[index]!.kind === 'suspend' && answer.status === 400);
    expect(refused).toHaveLength(18);
    for (const answer of refused) expect(errorEnvelope.parse(answer.body).errors[0]!.field).toBe('orderRequest.serviceId');

    // The same key: both copies answered with one order.
    const keyed = answers.filter((_, index) => submits[index]!.kind === 'keyed');
    expect(keyed.every((answer) => answer.status === 200), JSON.stringify(keyed.find((answer) => answer.status !== 200))).toBe(true);
    const keyedIds = keyed.map((answer) => orderSubmitResponse.parse(answer.body).order.orderId);
    for (let pair = 0; pair < 30; pair += 1) expect(keyedIds[pair * 2]).toBe(keyedIds[pair * 2 + 1]);

    const devices = accepted('device');
    const plain = accepted('plain');
    expect(devices).toHaveLength(60);
    expect(plain).toHaveLength(60);
    expect(devices.every((order) => order.status === 'AWAITING_APPROVAL')).toBe(true);
    const orderIds = [...suspended, ...devices, ...plain].map((order) => order.orderId).concat([...new Set(keyedIds)]);
    expect(new Set(orderIds).size).toBe(2 + 30 + 60 + 60);
    const stored = await sql<{ id: number }[]>`SELECT id FROM orders WHERE id > ${before} ORDER BY id`;
    expect(stored.map((row) => String(row.id)).sort()).toEqual([...orderIds].sort());

    // Through B, heard on A.
    const throughB = answers.flatMap((answer, index) => (submits[index]!.kind === 'device' && index % 2 === 1 ? [orderSubmitResponse.parse(answer.body).order] : []))[0]!;
    await stream.waitFor(about('approval.queued', throughB.orderId), 10_000);

    // Approvals on either instance; every fifth order gets the same approval from both at once.
    const decisions: Answer[] = (
      await Promise.all(
        devices.map(async (order, index) => {
          const body = { action: 'APPROVE', reason: 'Approved in the multi-instance test' };
          const targets = index % 5 === 0 ? [0, 1] : [index % 2];
          return await Promise.all(targets.map(async (instance) => await apiPost(instances[instance]!, barbara[instance]!, `/orders/${order.orderId}/approval`, body)));
        }),
      )
    ).flat();
    expect(decisions.filter((answer) => answer.status >= 500)).toEqual([]);
    // A second level (a total of $1,000 or more) goes to the IT Mobility group, through B.
    for (const order of devices) {
      const pending = await sql`SELECT 1 FROM order_approvals WHERE order_id = ${Number(order.orderId)} AND decision = 'PENDING'`;
      if (pending.length > 0) {
        const decided = await apiPost(b, nina, `/orders/${order.orderId}/approval`, { action: 'APPROVE', reason: 'Second level' });
        expect(decided.status, JSON.stringify(decided.body)).toBe(200);
        approvalResponse.parse(decided.body);
      }
    }
    // Decided once: an approval decided twice would submit its order twice (and fulfil it twice).
    const submittedTwice = await sql`
      SELECT order_id, COUNT(*) AS n FROM order_history WHERE order_id > ${before} AND status = 'ORDER_SUBMITTED' GROUP BY order_id HAVING COUNT(*) <> 1`;
    expect(submittedTwice).toEqual([]);
    expect(await stream.waitFor(about('order.updated', throughB.orderId), 10_000)).toBeDefined();
    // Each change once on a stream, though A hears its own changes and B's through the same channel.
    const eventIds = stream.frames.flatMap((frame) => (frame.id === undefined ? [] : [frame.id]));
    expect(new Set(eventIds).size).toBe(eventIds.length);

    // Kill A while fulfilment is under way: some steps done, many still to come.
    const stepsDone = async () => Number((await sql`SELECT COUNT(*) AS n FROM order_history WHERE order_id > ${before} AND status = 'IN_PROGRESS'`)[0]!.n);
    await until(async () => (await stepsDone()) >= 10, 30_000, async () => `only ${await stepsDone()} orders in progress`);
    stream.close();
    process.kill(a.pid, 'SIGKILL');
    const killedAfter = await stepsDone();
    const pendingAtKill = Number((await sql`SELECT COUNT(*) AS n FROM fulfillment_jobs WHERE done_at IS NULL`)[0]!.n);
    expect(pendingAtKill).toBeGreaterThan(0);

    // B finishes everything, A's share included.
    const open = async () => Number((await sql`SELECT COUNT(*) AS n FROM orders WHERE id > ${before} AND status <> 'COMPLETE'`)[0]!.n);
    const stuck = async () =>
      JSON.stringify(
        await sql`SELECT o.id, o.status, j.next_status, j.due_at, j.done_at FROM orders o LEFT JOIN fulfillment_jobs j ON j.order_id = o.id
                  WHERE o.id > ${before} AND o.status <> 'COMPLETE' ORDER BY o.id, j.id`,
      );
    await until(async () => (await open()) === 0, 45_000, async () => `${await open()} orders not complete: ${await stuck()}\nserver errors:\n${serverErrors()}`);

    // Every fulfilment step exactly once per order.
    const steps = await sql<{ orderId: number; status: string; n: number }[]>`
      SELECT order_id AS "orderId", status, COUNT(*)::int AS n FROM order_history
      WHERE order_id > ${before} AND status IN ('IN_PROGRESS', 'SHIPPED', 'COMPLETE') GROUP BY order_id, status`;
    expect(steps.filter((step) => step.n !== 1)).toEqual([]);
    const countOf = (status: string) => steps.filter((step) => step.status === status).length;
    expect(countOf('IN_PROGRESS')).toBe(orderIds.length);
    expect(countOf('COMPLETE')).toBe(orderIds.length);
    const shipped = new Set(steps.filter((step) => step.status === 'SHIPPED').map((step) => String(step.orderId)));
    expect([...shipped].sort()).toEqual(devices.map((order) => order.orderId).sort());
    const shipments = await sql`SELECT order_id, segment_id, COUNT(*) AS n FROM shipments WHERE order_id > ${before} GROUP BY order_id, segment_id HAVING COUNT(*) > 1`;
    expect(shipments).toEqual([]);
    expect(Number((await sql`SELECT COUNT(*) AS n FROM fulfillment_jobs WHERE done_at IS NULL`)[0]!.n)).toBe(0);

    // Nothing lost in the outbox: A's claims ran out and B sent them.
    const unsent = async () => Number((await sql`SELECT COUNT(*) AS n FROM email_outbox WHERE sent_at IS NULL AND failed_at IS NULL`)[0]!.n);
    await until(async () => (await unsent()) === 0, 15_000, async () => `${await unsent()} emails unsent`);
    expect(Number((await sql`SELECT COUNT(*) AS n FROM email_outbox WHERE failed_at IS NOT NULL`)[0]!.n)).toBe(0);

    process.stderr.write(
      `multi-instance: 200 submits in ${submitMs} ms over two instances; A killed after ${killedAfter} orders started fulfilment, ${pendingAtKill} steps pending; ${orderIds.length} orders completed\n`,
    );
  }, 100_000);
});
