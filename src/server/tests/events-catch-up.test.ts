/**
 * The catch-up after an instance stopped hearing the others (decision record 0017, "Events across
 * instances"): the order changes committed meanwhile come from `order_history` to its open event
 * streams, once. Two servers in one process on one SQLite file stand in for two instances: on
 * SQLite the broadcast stays in its process, so the second server hears nothing of the first's
 * changes until it catches up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpChanges } from '../domain/notifications/milestones.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { freshOrderer, newLineRequest, submitOk } from './orders-fixtures.ts';
import { apiPost, signIn } from './session.ts';
import { about, openEvents } from './sse.ts';

describe('catching up on missed order changes', () => {
  let first: TestServer;
  let second: TestServer;
  beforeAll(async () => {
    // Fulfilment far off: the order keeps the status it was submitted with.
    const environment = { MOBPROC_EVENTS_HEARTBEAT_S: '0.3', MOBPROC_FULFILLMENT_DELAY_MS: '600000' };
    first = await startTestServer(environment);
    second = await startTestServer(environment, { databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('sends a stream the changes made elsewhere meanwhile, once, and nothing it already had', async () => {
    const orderer = await freshOrderer(first);
    const stream = await openEvents(second, await signIn(second, orderer.username));
    const order = await submitOk(first, orderer.session, await newLineRequest(first, orderer.session, { withDevice: false }));
    // A heartbeat after the submit: had the change reached this stream, it would be there by now.
    const seen = stream.frames.length;
    await stream.waitFor((frame) => frame.comments.includes('heartbeat') && stream.frames.indexOf(frame) >= seen, 3000);
    expect(stream.frames.some(about('order.updated', order.orderId))).toBe(false);

    expect(await catchUpChanges(second.deps.db, new Date())).toBeGreaterThanOrEqual(1);
    const frame = await stream.waitFor(about('order.updated', order.orderId), 3000);
    expect(JSON.parse(frame.data)).toMatchObject({ orderId: order.orderId, status: order.status });

    // Caught up already: a second catch-up finds nothing new, and the stream gets nothing twice.
    expect(await catchUpChanges(second.deps.db, new Date())).toBe(0);
    const after = stream.frames.length;
    await stream.waitFor((next) => next.comments.includes('heartbeat') && stream.frames.indexOf(next) >= after, 3000);
    const ids = stream.frames.filter((next) => next.id !== undefined).map((next) => next.id);
    expect(new Set(ids).size).toBe(ids.length);
    stream.close();
  });

  it('announces each missed change with the status its entry recorded, not the order\'s status now', async () => {
    const orderer = await freshOrderer(first);
    const stream = await openEvents(second, await signIn(second, orderer.username));
    const order = await submitOk(first, orderer.session, await newLineRequest(first, orderer.session, { withDevice: false }));
    const withdrawn = await apiPost(first, orderer.session, `/orders/${order.orderId}/cancel`, { reason: 'Ordered by mistake' });
    expect(withdrawn.status).toBe(200);

    expect(await catchUpChanges(second.deps.db, new Date())).toBeGreaterThanOrEqual(2);
    await stream.waitFor((frame) => about('order.updated', order.orderId)(frame) && (JSON.parse(frame.data) as { status: string }).status === 'CANCELLED', 3000);
    const statuses = stream.frames.filter(about('order.updated', order.orderId)).map((frame) => (JSON.parse(frame.data) as { status: string }).status);
    expect(statuses).toEqual([order.status, 'CANCELLED']);
    stream.close();
  });
});
