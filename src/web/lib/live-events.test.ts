// @vitest-environment node
// Node 20's own BroadcastChannel: messages really cross between the simulated tabs' channels.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MobprocError } from './api-client.ts';
import { createLiveEvents, liveChannelName, type LiveEvent, type LiveEvents, type Locks } from './live-events.ts';

/** navigator.locks for one origin: one holder per name, the next waiting request granted when it lets go. */
function fifoLocks(): Locks {
  const queues = new Map<string, Promise<unknown>>();
  return {
    request: (name, work) => {
      const run = (queues.get(name) ?? Promise.resolve()).then(work, work);
      queues.set(name, run.catch(() => undefined));
      return run;
    },
  };
}

/** `GET /events` as a server answers it: each open is a stream the test writes SSE text into or ends. */
function fakeEventServer() {
  const encoder = new TextEncoder();
  const streams: ReadableStreamDefaultController<Uint8Array>[] = [];
  const opens: number[] = [];
  let refuseWith: number | null = null;
  const open = async (signal: AbortSignal): Promise<Response> => {
    opens.push(performance.now());
    if (refuseWith !== null) {
      throw new MobprocError(refuseWith, [{ status: refuseWith, id: '', errorCode: String(refuseWith), message: 'refused' }], refuseWith ? 'api' : 'network');
    }
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
    });
    streams.push(controller);
    // What a real fetch does: aborting errors the body being read.
    signal.addEventListener('abort', () => {
      try {
        controller.error(signal.reason);
      } catch {
        // Already closed by the server.
      }
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
  return {
    open,
    opens,
    send: (text: string) => streams.at(-1)!.enqueue(encoder.encode(text)),
    end: () => streams.at(-1)!.close(),
    refuse: (status: number | null) => {
      refuseWith = status;
    },
  };
}

const started: LiveEvents[] = [];
let browser = 0;

/** A tab of one simulated browser (one channel and lock name per test). */
function tab(server: ReturnType<typeof fakeEventServer>, locks: Locks, extra: Partial<Parameters<typeof createLiveEvents>[0]> = {}) {
  const events = createLiveEvents({ open: server.open, locks, name: `test-browser-${browser}`, ...extra });
  const heard: LiveEvent[] = [];
  events.onEvent((event) => heard.push(event));
  started.push(events);
  return { events, heard };
}

afterEach(() => {
  for (const events of started.splice(0)) events.stop();
  browser += 1;
});

describe('one event stream per browser, shared by its tabs', () => {
  it('two tabs read one stream: the lock holder opens it and passes every event and its state to the other', async () => {
    const server = fakeEventServer();
    const locks = fifoLocks();
    const a = tab(server, locks);
    const b = tab(server, locks);
    a.events.start();
    await vi.waitFor(() => expect(a.events.get()).toBe(true));
    b.events.start();
    // B asks who is live and hears A's answer without opening anything itself.
    await vi.waitFor(() => expect(b.events.get()).toBe(true));

    server.send('event: approval.queued\ndata: {"orderId":"ORD-1"}\n\n');
    server.send(': heartbeat\n\nevent: order.updated\nid: 7\ndata: {"order":{"orderId":"ORD-2","status":"SHIPPED"}}\n\n');

    const expected = [
      { type: 'approval.queued', orderId: 'ORD-1', status: null },
      { type: 'order.updated', orderId: 'ORD-2', status: 'SHIPPED' },
    ];
    await vi.waitFor(() => expect(b.heard).toEqual(expected));
    expect(a.heard).toEqual(expected);
    expect(server.opens).toHaveLength(1);
  });

  it('when the tab holding the stream goes, the next tab takes over and opens it again', async () => {
    const server = fakeEventServer();
    const locks = fifoLocks();
    const a = tab(server, locks);
    const b = tab(server, locks);
    const states: boolean[] = [];
    b.events.subscribe((live) => states.push(live));
    a.events.start();
    await vi.waitFor(() => expect(a.events.get()).toBe(true));
    b.events.start();
    await vi.waitFor(() => expect(b.events.get()).toBe(true));

    a.events.stop();

    await vi.waitFor(() => expect(server.opens).toHaveLength(2));
    await vi.waitFor(() => expect(b.events.get()).toBe(true));
    // B saw the stream go and come back, so it knows to ask again for what it shows.
    expect(states).toEqual([true, false, true]);
    server.send('event: order.updated\ndata: {"orderId":"ORD-3","status":"COMPLETE"}\n\n');
    await vi.waitFor(() => expect(b.heard).toEqual([{ type: 'order.updated', orderId: 'ORD-3', status: 'COMPLETE' }]));
    expect(a.heard).toEqual([]);
  });

  it('reconnects after the server ends the stream, after the pause the server asked for with retry:', async () => {
    const server = fakeEventServer();
    // The largest pause the jitter allows, so the measured wait is the server's `retry:` itself.
    const a = tab(server, fifoLocks(), { firstRetryMs: 5_000, random: () => 0.999 });
    a.events.start();
    await vi.waitFor(() => expect(a.events.get()).toBe(true));
    server.send('retry: 50\n\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    server.end();
    await vi.waitFor(() => expect(server.opens).toHaveLength(2), { timeout: 2_000 });
    const waited = server.opens[1]! - server.opens[0]! - 20;
    expect(waited).toBeGreaterThanOrEqual(40);
    expect(waited).toBeLessThan(1_000);
  });

  it('backs off exponentially while the server cannot be reached', async () => {
    const server = fakeEventServer();
    server.refuse(0);
    const a = tab(server, fifoLocks(), { firstRetryMs: 40, random: () => 0.999 });
    a.events.start();
    await vi.waitFor(() => expect(server.opens.length).toBeGreaterThanOrEqual(4), { timeout: 3_000 });
    const gaps = server.opens.slice(1, 4).map((at, index) => at - server.opens[index]!);
    // About 40, 80 and 160 ms: each pause twice the one before.
    expect(gaps[1]!).toBeGreaterThan(gaps[0]! * 1.5);
    expect(gaps[2]!).toBeGreaterThan(gaps[1]! * 1.5);
    expect(a.events.get()).toBe(false);
  });

  it('a server without the stream (404) is not asked again until a restart, and stop closes the stream for good', async () => {
    const server = fakeEventServer();
    server.refuse(404);
    const a = tab(server, fifoLocks(), { firstRetryMs: 10 });
    a.events.start();
    await vi.waitFor(() => expect(server.opens).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.opens).toHaveLength(1);

    // A new token or actor: try again at once, with its headers.
    server.refuse(null);
    a.events.restart();
    await vi.waitFor(() => expect(a.events.get()).toBe(true));
    expect(server.opens).toHaveLength(2);
    a.events.restart();
    await vi.waitFor(() => expect(server.opens).toHaveLength(3));
    await vi.waitFor(() => expect(a.events.get()).toBe(true));

    a.events.stop();
    expect(a.events.get()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.opens).toHaveLength(3);
  });

  it('the server’s end event decides: a token that ran out reconnects at once, a sign-out elsewhere not at all', async () => {
    const server = fakeEventServer();
    const a = tab(server, fifoLocks(), { firstRetryMs: 5_000 });
    a.events.start();
    await vi.waitFor(() => expect(a.events.get()).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    server.send('event: end\ndata: {"reason":"token-expired"}\n\n');
    server.end();
    // Far sooner than the 2.5–5 s pause of an ordinary end.
    await vi.waitFor(() => expect(server.opens).toHaveLength(2), { timeout: 1_000 });
    await vi.waitFor(() => expect(a.events.get()).toBe(true));

    // An ordinary end would now reconnect within 50 ms.
    server.send('retry: 50\n\nevent: end\ndata: {"reason":"signed-out"}\n\n');
    server.end();
    await vi.waitFor(() => expect(a.events.get()).toBe(false));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.opens).toHaveLength(2);
    expect(a.heard).toEqual([]);
  });
});

describe('one stream per session, not per browser', () => {
  it('tabs of two people in one browser each read their own stream and hear only their own events', async () => {
    const peterServer = fakeEventServer();
    const barbaraServer = fakeEventServer();
    const locks = fifoLocks();
    const scope = (username: string) => liveChannelName({ baseUrl: `http://browser-${browser}`, tenant: 'acme', username });
    const peter = tab(peterServer, locks, { name: () => scope('Peter.Edwards') });
    const barbara = tab(barbaraServer, locks, { name: () => scope('barbara.andrews') });
    peter.events.start();
    await vi.waitFor(() => expect(peter.events.get()).toBe(true));
    barbara.events.start();
    // Barbara's tab does not take Peter's stream for hers: it opens its own.
    await vi.waitFor(() => expect(barbaraServer.opens).toHaveLength(1));
    await vi.waitFor(() => expect(barbara.events.get()).toBe(true));

    peterServer.send('event: order.updated\ndata: {"orderId":"ORD-P","status":"SHIPPED"}\n\n');
    barbaraServer.send('event: approval.queued\ndata: {"orderId":"ORD-B"}\n\n');
    await vi.waitFor(() => expect(peter.heard).toEqual([{ type: 'order.updated', orderId: 'ORD-P', status: 'SHIPPED' }]));
    await vi.waitFor(() => expect(barbara.heard).toEqual([{ type: 'approval.queued', orderId: 'ORD-B', status: null }]));
    // Some time for a stray message to arrive: none does.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(peter.heard).toHaveLength(1);
    expect(barbara.heard).toHaveLength(1);
    expect(peterServer.opens).toHaveLength(1);
  });

  it('the name carries server, tenant and user, whatever their case', () => {
    const name = liveChannelName({ baseUrl: 'https://a.example', tenant: 'acme', username: 'Peter.Edwards' });
    expect(name).toBe(liveChannelName({ baseUrl: 'https://a.example', tenant: 'ACME', username: 'peter.edwards' }));
    expect(name).not.toBe(liveChannelName({ baseUrl: 'https://a.example', tenant: 'ACME', username: 'barbara.andrews' }));
    expect(name).not.toBe(liveChannelName({ baseUrl: 'https://a.example', tenant: 'GLOBEX', username: 'peter.edwards' }));
    expect(name).not.toBe(liveChannelName({ baseUrl: 'https://b.example', tenant: 'ACME', username: 'peter.edwards' }));
  });
});
