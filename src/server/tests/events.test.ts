/**
 * Extension `events` (MOBPROC §4.6) over real HTTP: `GET /events` streams `order.updated` and
 * `approval.queued` to the people who may see them and to nobody else, keeps idle streams open
 * with heartbeats, and ends cleanly on sign-out, token expiry and server shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalQueuedEvent, orderUpdatedEvent, pingResponse, resyncEvent } from '../../contract/index.ts';
import { EventBus, type OrderChange } from '../domain/notifications/events.ts';
import { addHistory } from '../domain/orders/store.ts';
import { transaction } from '../storage/db.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { scratchDatabase, startTestServer, type TestServer } from './harness.ts';
import { exec } from './rows.ts';
import { freshOrderer, newLineRequest, submitOk, waitForStatus } from './orders-fixtures.ts';
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

/**
 * A heartbeat written after every frame the stream has now: the server writes each stream's frames
 * in order, so once it arrives, whatever was queued for the stream before it has arrived too.
 */
const nextHeartbeat = async (stream: EventStream) => {
  const seen = stream.frames.length;
  return await stream.waitFor((frame) => frame.comments.includes('heartbeat') && stream.frames.indexOf(frame) >= seen, 3000);
};

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
    await nextHeartbeat(stranger);
    expect(stranger.events().filter((event) => (event.data as { orderId?: string }).orderId === order.orderId)).toEqual([]);
    expect((await fetch(`${server.url}/mobproc/v1/orders/${order.orderId}`, { headers: frank.headers() })).status).toBe(404);
  });

  it('queues a second level for each member of the approver group, and a level for the approver\'s approval delegate', async () => {
    const orderer = await freshOrderer(server, 'events-levels');
    const [nina, luis, kevin] = (await Promise.all(['nina.patel', 'luis.ortega', 'kevin.zhao'].map(async (username) => await signIn(server, username)))) as [Session, Session, Session];
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
    await expect(
      transaction(db, async (tx) => {
        await addHistory(tx, entry);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    await transaction(db, async (tx) => await addHistory(tx, { ...entry, description: 'committed entry' }));
    // Only the committed entry is heard: the stream has the submit and exactly one more event for it.
    await mine.waitFor((frame) => about('order.updated', order.orderId)(frame) && frame !== mine.frames.find(about('order.updated', order.orderId)), 2000);
    await nextHeartbeat(mine);
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
    await exec(server, ['UPDATE employees SET manager_id = ? WHERE id = ?', demoIds.employees.cto, Number(report.employeeId)]);
    expect(await endReason(stream)).toBe('signed-out');
  });
});

describe('GET /events ends', () => {
  it('when the access token expires, and at server shutdown', async () => {
    // Heartbeats an hour apart: only the token's own expiry can end the stream within the test.
    const shortLived = await startTestServer({ MOBPROC_TOKEN_TTL_S: '1', MOBPROC_EVENTS_HEARTBEAT_S: '3600' });
    try {
      const peter = await signIn(shortLived, 'peter.edwards');
      const expiring = await open(peter, {}, shortLived);
      const reason = await expiring.waitFor((frame) => frame.event === 'end', 15_000);
      expect(JSON.parse(reason.data)).toEqual({ reason: 'token-expired' });
      // Not early: the token the stream was opened with is refused by now.
      expect((await fetch(`${shortLived.url}/mobproc/v1/me`, { headers: peter.headers() })).status).toBe(401);
      expect(expiring.frames.at(-1)).toBe(reason);
      expect(expiring.frames.some((frame) => frame.comments.includes('heartbeat'))).toBe(false);
      expect(await expiring.closed).toBe('ended');

      const fresh = await signIn(shortLived, 'barbara.andrews');
      const open1 = await open(fresh, {}, shortLived);
      await open1.waitFor(() => true);
      const closed = shortLived.close();
      expect(await endReason(open1)).toBe('server-shutdown');
      // The server finished the stream itself, last event last: a stream that held the shutdown
      // until the forced cut of every connection (2 s) would read as cut, not ended.
      expect(await open1.closed).toBe('ended');
      expect(open1.frames.at(-1)!.event).toBe('end');
      await closed;
    } finally {
      await shortLived.close();
    }
  });
});

describe('GET /events after a reconnect with Last-Event-ID', () => {
  /** The id of the last event received so far (what a client sends back as Last-Event-ID). */
  const lastIdOf = (stream: EventStream) => stream.frames.filter((frame) => frame.id !== undefined).at(-1)!.id!;
  const orderIdOf = (frame: { data: string }) => (JSON.parse(frame.data || '{}') as { orderId?: string }).orderId;

  it('replays the changes the caller missed meanwhile, oldest first, only those the caller may see', async () => {
    const orderer = await freshOrderer(server, 'events-replay');
    const frank = await signIn(server, 'frank.castle');
    const first = await open(barbara);
    const order = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true }));
    const queued = await first.waitFor(about('approval.queued', order.orderId), 2000);
    // One id per change, on its last event: the update before it carries none, so a client cut off between the two gets both again.
    expect(queued.id).toMatch(/^\d+$/);
    expect(first.frames.find(about('order.updated', order.orderId))?.id).toBeUndefined();
    const lastSeen = lastIdOf(first);
    first.close();
    await first.closed;

    // Meanwhile: Barbara approves (her order goes all the way to COMPLETE), and Frank orders something she may not see.
    expect((await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    const hidden = await submitOk(server, frank, await newLineRequest(server, frank, { withDevice: false }));
    // Last, a change Barbara sees: the replay goes oldest first, so once it is out, Frank's would be too.
    const marker = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true }));
    const orderersStream = await open(orderer.session);

    const again = await open(barbara, { 'Last-Event-ID': lastSeen });
    await again.waitFor(about('approval.queued', marker.orderId), 5000);
    const replayed = again.events().filter((event) => (event.data as { orderId?: string }).orderId === order.orderId);
    expect(replayed.map((event) => (event.data as { status: string }).status)).toEqual(['ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED', 'COMPLETE']);
    const ids = again.frames.filter((frame) => frame.id !== undefined).map((frame) => Number(frame.id));
    expect(ids.every((id) => id > Number(lastSeen))).toBe(true);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(again.frames.some((frame) => orderIdOf(frame) === hidden.orderId)).toBe(false);
    expect(again.frames.some((frame) => frame.event === 'resync')).toBe(false);
    // A stream opened without Last-Event-ID replays nothing.
    await nextHeartbeat(orderersStream);
    expect(orderersStream.events()).toEqual([]);
  });

  it('says resync when it cannot replay: an id from before the server restarted, or one that is no id of ours', async () => {
    const database = await scratchDatabase();
    const before = await startTestServer({ MOBPROC_EVENTS_HEARTBEAT_S: '0.3' }, { databaseUrl: database.url });
    let after: TestServer | undefined;
    try {
      const orderer = await freshOrderer(before, 'events-restart');
      const stream = await open(orderer.session, {}, before);
      const order = await submitOk(before, orderer.session, await newLineRequest(before, orderer.session, { withDevice: true }));
      await stream.waitFor(about('order.updated', order.orderId), 2000);
      const lastSeen = lastIdOf(stream);
      stream.close();
      // Missed while away: the order is withdrawn; then the server restarts and forgets what it kept.
      expect((await apiPost(before, orderer.session, `/orders/${order.orderId}/cancel`, {})).status).toBe(200);
      await before.close();
      after = await startTestServer({ MOBPROC_EVENTS_HEARTBEAT_S: '0.3' }, { databaseUrl: database.url });
      const session = await signIn(after, orderer.username, { password: orderer.password });

      const reopened = await open(session, { 'Last-Event-ID': lastSeen }, after);
      const resync = await reopened.waitFor((frame) => frame.event === 'resync', 2000);
      expect(resyncEvent.parse(JSON.parse(resync.data))).toEqual({ lastEventId: lastSeen });
      expect(Number(resync.id)).toBeGreaterThan(Number(lastSeen));
      // Reconnecting from where resync left it misses nothing: no second resync.
      const current = await open(session, { 'Last-Event-ID': resync.id! }, after);
      await nextHeartbeat(current);
      expect(current.frames.some((frame) => frame.event === 'resync')).toBe(false);

      const garbled = await open(session, { 'Last-Event-ID': 'yesterday' }, after);
      expect(JSON.parse((await garbled.waitFor((frame) => frame.event === 'resync', 2000)).data)).toEqual({ lastEventId: 'yesterday' });
      // An id newer than any change of this server (another server's, or this database's before a reset).
      const ahead = String(Number(resync.id) + 1000);
      const fromElsewhere = await open(session, { 'Last-Event-ID': ahead }, after);
      expect(JSON.parse((await fromElsewhere.waitFor((frame) => frame.event === 'resync', 2000)).data)).toEqual({ lastEventId: ahead });
    } finally {
      await after?.close();
      await before.close();
      await database.drop();
    }
  });

  it('keeps a bounded number of changes; older ones make the replay incomplete', () => {
    const change = (id: number): OrderChange => ({ kind: 'order', id, tenantId: 1, orderId: id, status: 'AWAITING_APPROVAL', pendingApprovalLevel: 1, approverIds: [], accountHolderId: 1, requestedById: 1 });
    const bus = new EventBus(10, 3);
    for (const id of [11, 12, 13, 14]) bus.publish(change(id));
    expect(bus.since(13)).toEqual({ changes: [change(14)], complete: true });
    expect(bus.since(11).complete).toBe(true);
    // 11 was dropped to keep three: a client that last saw 10 missed it.
    expect(bus.since(10)).toMatchObject({ complete: false });
    expect(bus.latestId).toBe(14);
  });
});
