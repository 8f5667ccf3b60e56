/**
 * Extension `events` (MOBPROC §4.6) over real HTTP: `GET /events` streams `order.updated` and
 * `approval.queued` to the people who may see them and to nobody else, keeps idle streams open
 * with heartbeats, and ends cleanly on sign-out, token expiry and server shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalQueuedEvent, orderUpdatedEvent, pingResponse } from '../../contract/index.ts';
import { addHistory } from '../domain/orders/store.ts';
import { writeTransaction } from '../storage/db.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { freshOrderer, newLineRequest, submitOk } from './orders-fixtures.ts';
import { apiPost, signIn, type Session } from './session.ts';
import { about, openEvents, type EventStream } from './sse.ts';

let server: TestServer;
let barbara: Session;
const streams: EventStream[] = [];
const open = async (session: Session, headers: Record<string, string> = {}, on: TestServer = server) => {
  const stream = await openEvents(on, session, headers);
  streams.push(stream);
  return stream;
};

beforeAll(async () => {
  server = await startTestServer({ MOBPROC_EVENTS_HEARTBEAT_S: '0.3' });
  barbara = await signIn(server, 'barbara.andrews');
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await server.close();
});

const endReason = (stream: EventStream) => stream.waitFor((frame) => frame.event === 'end').then((frame) => (JSON.parse(frame.data) as { reason: string }).reason);

describe('GET /events', () => {
  it('is announced by /ping and answers an unstreamed 401 without a token', async () => {
    const ping = pingResponse.parse(await (await fetch(`${server.url}/mobproc/v1/ping`)).json());
    expect(ping.extensions).toContain('events');
    const anonymous = await fetch(`${server.url}/mobproc/v1/events`, { headers: { 'X-TNGO-TENANT': 'ACME', client_id: 'mobproc-web' } });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('is an uncompressed, unbuffered event stream that starts with a retry hint', async () => {
    const stream = await open(barbara, { 'Accept-Encoding': 'gzip, br' });
    const { headers } = stream.response;
    expect(headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(headers.get('cache-control')).toContain('no-cache');
    expect(headers.get('cache-control')).toContain('no-transform');
    expect(headers.get('x-accel-buffering')).toBe('no');
    expect(headers.get('content-encoding')).toBeNull();
    const first = await stream.waitFor(() => true);
    expect(first.retry).toBeGreaterThan(0);
  });

  it('sends heartbeats as comment lines while nothing happens', async () => {
    const stream = await open(barbara);
    const started = Date.now();
    await stream.waitFor((frame) => frame.comments.includes('heartbeat'), 3000);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(stream.events()).toEqual([]);
  });

  it('announces a new order to the orderer and queues it for the approver, never to someone who cannot see it; then every step', async () => {
    const orderer = await freshOrderer(server, 'events');
    const frank = await signIn(server, 'frank.castle');
    const [mine, approver, stranger] = await Promise.all([open(orderer.session), open(barbara), open(frank)]);
    // Alice may act for Barbara: acting for her, the queue is Barbara's.
    const alice = await signIn(server, 'alice.nguyen');
    const aliceForBarbara = await open(alice, { 'X-TNGO-CONTEXT-EMPLOYEEID': String(demoIds.employees.barbara) });

    const order = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true }));
    expect(order.status).toBe('AWAITING_APPROVAL');

    const updated = await mine.waitFor(about('order.updated', order.orderId), 2000);
    expect(orderUpdatedEvent.parse(JSON.parse(updated.data))).toEqual({ orderId: order.orderId, status: 'AWAITING_APPROVAL', pendingApprovalLevel: 1 });
    expect(updated.id).toMatch(/^\d+$/);
    const queued = await approver.waitFor(about('approval.queued', order.orderId), 2000);
    expect(approvalQueuedEvent.parse(JSON.parse(queued.data))).toEqual({ orderId: order.orderId, pendingApprovalLevel: 1 });
    await approver.waitFor(about('order.updated', order.orderId), 2000);
    await aliceForBarbara.waitFor(about('approval.queued', order.orderId), 2000);
    // The orderer is no approver of it: an update, but nothing queued.
    expect(mine.frames.some(about('approval.queued', order.orderId))).toBe(false);

    expect((await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
    await mine.waitFor((frame) => about('order.updated', order.orderId)(frame) && JSON.parse(frame.data).status === 'COMPLETE', 5000);
    const statuses = mine
      .events()
      .filter((event) => event.event === 'order.updated' && (event.data as { orderId: string }).orderId === order.orderId)
      .map((event) => (event.data as { status: string }).status);
    expect(statuses).toEqual(['AWAITING_APPROVAL', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED', 'COMPLETE']);
    const ids = mine.events().map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    // Frank cannot GET this order (404), so his stream heard nothing of it, only heartbeats.
    await stranger.waitFor((frame) => frame.comments.includes('heartbeat'), 3000);
    expect(stranger.events().filter((event) => (event.data as { orderId?: string }).orderId === order.orderId)).toEqual([]);
    expect((await fetch(`${server.url}/mobproc/v1/orders/${order.orderId}`, { headers: frank.headers() })).status).toBe(404);
  });

  it('queues a second level for each member of the approver group, and a level for the approver\'s approval delegate', async () => {
    const orderer = await freshOrderer(server, 'events-levels');
    const [nina, luis, kevin] = (await Promise.all(['nina.patel', 'luis.ortega', 'kevin.zhao'].map((username) => signIn(server, username)))) as [Session, Session, Session];
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());
    const delegate = await fetch(`${server.url}/mobproc/v1/me/approval-delegate`, {
      method: 'PUT',
      headers: { ...barbara.headers(), 'content-type': 'application/json' },
      body: JSON.stringify({ delegateEmployeeId: String(demoIds.employees.kevin), from: today, until: today }),
    });
    expect(delegate.status, await delegate.text()).toBe(200);
    try {
      const [mine, ninaStream, luisStream, kevinStream] = await Promise.all([open(orderer.session), open(nina), open(luis), open(kevin)]);
      const order = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true, quantity: 2 }));
      await kevinStream.waitFor(about('approval.queued', order.orderId), 2000);
      await mine.waitFor(about('order.updated', order.orderId), 2000);
      expect(ninaStream.frames.some(about('approval.queued', order.orderId))).toBe(false);

      expect((await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
      for (const stream of [ninaStream, luisStream]) {
        const queued = await stream.waitFor(about('approval.queued', order.orderId), 2000);
        expect(JSON.parse(queued.data)).toEqual({ orderId: order.orderId, pendingApprovalLevel: 2 });
      }
      const second = await mine.waitFor((frame) => about('order.updated', order.orderId)(frame) && JSON.parse(frame.data).pendingApprovalLevel === 2, 2000);
      expect(JSON.parse(second.data)).toEqual({ orderId: order.orderId, status: 'AWAITING_APPROVAL', pendingApprovalLevel: 2 });
      // Kevin decides Barbara's level only; the group's level is not his.
      expect(kevinStream.frames.filter(about('approval.queued', order.orderId))).toHaveLength(1);
    } finally {
      await fetch(`${server.url}/mobproc/v1/me/approval-delegate`, { method: 'DELETE', headers: barbara.headers() });
    }
  });

  it('announces a change only once its transaction committed, never one that rolled back', async () => {
    const orderer = await freshOrderer(server, 'events-rollback');
    const mine = await open(orderer.session);
    const order = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true }));
    await mine.waitFor(about('order.updated', order.orderId), 2000);
    const { db } = server.deps;
    const entry = { orderId: Number(order.orderId), status: 'AWAITING_APPROVAL' as const, description: 'test entry', actorId: null, at: new Date().toISOString() };
    expect(() =>
      writeTransaction(db, () => {
        addHistory(db, entry);
        throw new Error('rolled back on purpose');
      }),
    ).toThrow('rolled back on purpose');
    writeTransaction(db, () => addHistory(db, { ...entry, description: 'committed entry' }));
    // Only the committed entry is heard: the stream has the submit and exactly one more event for it.
    await mine.waitFor((frame) => about('order.updated', order.orderId)(frame) && frame !== mine.frames.find(about('order.updated', order.orderId)), 2000);
    await mine.waitFor((frame) => frame.comments.includes('heartbeat'), 3000);
    expect(mine.frames.filter(about('order.updated', order.orderId))).toHaveLength(2);
  });

  it('ends with reason signed-out when the token is revoked', async () => {
    const session = await signIn(server, 'frank.castle');
    const stream = await open(session);
    await stream.waitFor(() => true);
    const revoked = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: session.accessToken, client_id: 'mobproc-web' }),
    });
    expect(revoked.status).toBe(200);
    expect(await endReason(stream)).toBe('signed-out');
    await stream.closed;
    expect(stream.isClosed()).toBe(true);
  });

  it('ends when the caller may no longer act for the person it streams for', async () => {
    const report = await freshOrderer(server, 'events act-for');
    const stream = await open(barbara, { 'X-TNGO-CONTEXT-EMPLOYEEID': String(report.employeeId) });
    await stream.waitFor(() => true);
    // Moved to another manager: Barbara no longer acts for them, and the next heartbeat sees it.
    server.deps.db.$client.prepare('UPDATE employees SET manager_id = ? WHERE id = ?').run(demoIds.employees.cto, Number(report.employeeId));
    expect(await endReason(stream)).toBe('signed-out');
  });
});

describe('GET /events ends', () => {
  it('when the access token expires, and at server shutdown', async () => {
    const shortLived = await startTestServer({ MOBPROC_TOKEN_TTL_S: '1', MOBPROC_EVENTS_HEARTBEAT_S: '5' });
    try {
      const peter = await signIn(shortLived, 'peter.edwards');
      const expiring = await open(peter, {}, shortLived);
      const started = Date.now();
      expect(await endReason(expiring)).toBe('token-expired');
      await expiring.closed;
      expect(Date.now() - started).toBeLessThan(2500);

      const fresh = await signIn(shortLived, 'barbara.andrews');
      const open1 = await open(fresh, {}, shortLived);
      await open1.waitFor(() => true);
      const closing = Date.now();
      const closed = shortLived.close();
      expect(await endReason(open1)).toBe('server-shutdown');
      await open1.closed;
      await closed;
      // Streams do not hold the shutdown until the forced cut (2 s).
      expect(Date.now() - closing).toBeLessThan(1500);
    } finally {
      await shortLived.close();
    }
  });
});
