import { MobprocError } from './api-client.ts';

/**
 * One event of MOBPROC's `events` extension (§4.6), as far as the app reads it: its type
 * (`order.updated`, `approval.queued`, or one this app does not know), the order it is about and
 * the order's new status, when the data names them.
 */
export type LiveEvent = { type: string; orderId: string | null; status: string | null };

export type LiveEventListener = (event: LiveEvent) => void;
export type LiveStateListener = (live: boolean) => void;

/** The part of `navigator.locks` this module uses. */
export type Locks = { request: (name: string, work: () => Promise<void>) => Promise<unknown> };

export type LiveEventsOptions = {
  /**
   * Opens `GET /events` with the current headers and token (`ApiClient.stream`). Rejects with a
   * `MobprocError` (status 0: no answer) or, once `signal` is aborted, with the abort error.
   */
  open: (signal: AbortSignal) => Promise<Response>;
  /** `navigator.locks`; without it (old browsers) every tab reads its own stream. */
  locks?: Locks | null;
  /**
   * BroadcastChannel and lock name, read at each `start()`: the app's carries the session's scope
   * (`liveChannelName`), so tabs of different people never share a stream or its events. Tests
   * give each simulated browser its own.
   */
  name?: string | (() => string);
  /** The reconnection time before the server names one with `retry:`, in ms. */
  firstRetryMs?: number;
  /** Longest pause between attempts, in ms (a longer `retry:` from the server wins). */
  maxRetryMs?: number;
  /**
   * A stream that delivers no byte (event or heartbeat comment) for this long, in ms, is taken
   * for dead and opened again: a dropped network does not always close the connection.
   */
  idleTimeoutMs?: number;
  /** 0 ≤ x < 1; `Math.random` unless a test needs the pauses fixed. */
  random?: () => number;
};

/**
 * Answers meaning "this server has no stream for this caller" rather than "try again later": the
 * stream is not opened again until `restart()` (another token or actor) — pages keep polling.
 */
const GIVE_UP_STATUSES = new Set([400, 403, 404, 405, 406, 501]);
/** A connection that stayed open this long was a success: the next failure starts the backoff over. */
const STABLE_MS = 10_000;

type Message = { kind: 'event'; event: LiveEvent } | { kind: 'state'; live: boolean } | { kind: 'hello' };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

function reasonOf(data: string): EndReason {
  try {
    const parsed: unknown = JSON.parse(data);
    return isRecord(parsed) && typeof parsed.reason === 'string' ? parsed.reason : null;
  } catch {
    return null;
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);

/**
 * An event of type `type` from its JSON data: the order from `orderId` (or `order.orderId`), the
 * status from `status` (or `order.status`); null where the data does not say.
 */
function eventOf(type: string, data: string): LiveEvent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    parsed = null;
  }
  const record = isRecord(parsed) ? parsed : {};
  const order = isRecord(record.order) ? record.order : {};
  return { type, orderId: text(record.orderId) ?? text(order.orderId), status: text(record.status) ?? text(order.status) };
}

/**
 * Why the server said it ended the stream (its last `event: end`, data `{reason}`): `signed-out`
 * (do not reconnect with this token), `token-expired` (reconnect with a fresh one),
 * `server-shutdown`; null when it ended without saying.
 */
type EndReason = string | null;

/**
 * Reads one event stream until it ends, is aborted or stays silent for `idleTimeoutMs`, with
 * `eventsource-parser` (loaded only once a stream is open, so the sign-in page does not pay for it).
 * Calls `onEvent` for each named event and `onRetry` with the server's reconnection time; answers
 * the reason of the server's `end` event.
 */
async function readStream(
  body: ReadableStream<Uint8Array>,
  controller: AbortController,
  idleTimeoutMs: number,
  onEvent: (event: LiveEvent) => void,
  onRetry: (ms: number) => void,
): Promise<EndReason> {
  const { createParser } = await import('eventsource-parser');
  let endReason: EndReason = null;
  const parser = createParser({
    onEvent: (message) => {
      if (message.event === 'end') {
        endReason = reasonOf(message.data);
        return;
      }
      // An unnamed `message` is not part of the contract; heartbeats are comments, which the parser drops.
      if (message.event) onEvent(eventOf(message.event, message.data));
    },
    onRetry,
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let idle: ReturnType<typeof setTimeout> | undefined;
  const watch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(new Error('The event stream went silent.')), idleTimeoutMs);
  };
  try {
    watch();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return endReason;
      watch();
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } finally {
    clearTimeout(idle);
    reader.cancel().catch(() => undefined);
  }
}

/**
 * One `GET /events` stream per browser, shared by its tabs.
 *
 * Every started tab asks for a Web Lock; the tab holding it reads the stream and passes each event
 * and its connection state to the others over a BroadcastChannel. When that tab closes (or signs
 * out), the browser gives the lock to the next tab, which opens the stream again. The reader
 * reconnects after an error or an end with exponential backoff and jitter from the server's
 * `retry:` (else `firstRetryMs`), and at once on `restart()` (a refreshed token, another actor).
 *
 * `live` is true while some tab of this browser has the stream open: only then may pages stop
 * polling. After being live, losing the stream and getting it back, events may have been missed:
 * state listeners see `false` then `true` and should ask again for what they show.
 */
/**
 * The channel (and lock) name of one session's tabs: server, tenant and username, so two people
 * signed in to tabs of one browser (or one person on two servers) each read their own stream and
 * hear only their own events. Null signed out: nobody reads a stream then.
 */
export function liveChannelName(scope: { baseUrl: string; tenant: string; username: string }): string {
  return `mobproc.events ${scope.baseUrl} ${scope.tenant.toUpperCase()}/${scope.username.toLowerCase()}`;
}

export function createLiveEvents(options: LiveEventsOptions) {
  const nameNow = () => (typeof options.name === 'function' ? options.name() : (options.name ?? 'mobproc.events'));
  // The name of the current start: stop and restart use the channel and lock it opened.
  let name = nameNow();
  const firstRetryMs = options.firstRetryMs ?? 1_000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
  const random = options.random ?? Math.random;
  const eventListeners = new Set<LiveEventListener>();
  const stateListeners = new Set<LiveStateListener>();

  let live = false;
  // Bumped by start and stop: a lock granted to an earlier start finds it stale and lets go at once.
  let generation = 0;
  let running = false;
  // The generation whose tab-run reads the stream, 0 when this tab does not: an earlier run still
  // unwinding after stop must not be taken for the current one.
  let leader = 0;
  const leading = () => leader !== 0 && leader === generation;
  let channel: BroadcastChannel | null = null;
  let current: AbortController | null = null;
  let reconnectNow = false;
  // Ends the pause between attempts early (restart, stop, the browser coming back online).
  let wake: (() => void) | null = null;
  let releaseLock: (() => void) | null = null;

  function setLive(next: boolean) {
    if (live === next) return;
    live = next;
    for (const listener of stateListeners) listener(next);
  }

  function announceState(next: boolean) {
    setLive(next);
    channel?.postMessage({ kind: 'state', live: next } satisfies Message);
  }

  function deliver(event: LiveEvent) {
    for (const listener of eventListeners) listener(event);
  }

  function onMessage(message: MessageEvent<Message>) {
    const data = message.data;
    if (data.kind === 'event') deliver(data.event);
    else if (data.kind === 'state' && !leading()) setLive(data.live);
    else if (data.kind === 'hello' && leading()) channel?.postMessage({ kind: 'state', live } satisfies Message);
  }

  const isCurrent = (mine: number) => running && generation === mine;

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  }

  /** Until stopped or restarted: used after an answer that says there is no stream to read. */
  function parked(): Promise<void> {
    return new Promise((resolve) => {
      wake = () => {
        wake = null;
        resolve();
      };
    });
  }

  const online = () => wake?.();

  async function lead(mine: number): Promise<void> {
    leader = mine;
    // A tab taking over from one that closed: whatever it announced no longer holds.
    announceState(false);
    if (typeof window !== 'undefined') window.addEventListener('online', online);
    let attempt = 0;
    let retryMs = firstRetryMs;
    try {
      while (isCurrent(mine)) {
        const controller = new AbortController();
        current = controller;
        let openedAt = 0;
        let giveUp = false;
        let endReason: EndReason = null;
        try {
          const response = await options.open(controller.signal);
          if (!/^text\/event-stream\b/i.test(response.headers.get('content-type') ?? '') || !response.body) {
            // A 2xx of another kind (an HTML fallback page, say) is no event stream either.
            giveUp = true;
            await response.body?.cancel().catch(() => undefined);
          } else {
            openedAt = Date.now();
            if (isCurrent(mine)) announceState(true);
            endReason = await readStream(response.body, controller, idleTimeoutMs, (event) => {
              if (!isCurrent(mine)) return;
              deliver(event);
              channel?.postMessage({ kind: 'event', event } satisfies Message);
            }, (ms) => {
              retryMs = ms;
            });
          }
        } catch (error) {
          if (error instanceof MobprocError && GIVE_UP_STATUSES.has(error.status)) giveUp = true;
        }
        if (current === controller) current = null;
        if (!isCurrent(mine)) return;
        announceState(false);
        // The server ended it because the token ran out: open it again at once with a fresh one
        // (unless it keeps ending at once, which a fresh token did not cure: then back off).
        if (reconnectNow || (endReason === 'token-expired' && Date.now() - openedAt >= 1_000)) {
          reconnectNow = false;
          attempt = 0;
          continue;
        }
        // Signed out elsewhere (or revoked): this token gets no stream; a new sign-in restarts it.
        if (giveUp || endReason === 'signed-out') {
          await parked();
          reconnectNow = false;
          attempt = 0;
          continue;
        }
        if (openedAt && Date.now() - openedAt >= STABLE_MS) attempt = 0;
        const ceiling = Math.min(Math.max(maxRetryMs, retryMs), retryMs * 2 ** attempt);
        attempt += 1;
        // Half fixed, half random: tabs of many browsers dropped by one server restart come back spread out.
        await pause(ceiling / 2 + random() * (ceiling / 2));
        reconnectNow = false;
      }
    } finally {
      if (leader === mine) leader = 0;
      if (typeof window !== 'undefined') window.removeEventListener('online', online);
    }
  }

  return {
    /** Whether a tab of this browser has the stream open now. */
    get: () => live,
    /** Joins this tab: it reads the stream when it gets the lock, else hears the tab that does. */
    start() {
      if (running) return;
      running = true;
      generation += 1;
      const mine = generation;
      name = nameNow();
      channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);
      if (channel) channel.onmessage = onMessage;
      channel?.postMessage({ kind: 'hello' } satisfies Message);
      const run = () => {
        if (!isCurrent(mine)) return Promise.resolve();
        // The lock is held as long as this tab leads: until stop, or the tab goes away.
        return new Promise<void>((resolve) => {
          releaseLock = resolve;
          void lead(mine).finally(resolve);
        });
      };
      if (options.locks && channel) void options.locks.request(`${name}.reader`, run).catch(() => undefined);
      else void run();
    },
    /** Leaves: closes the stream if this tab reads it (another tab takes over) and stops listening. */
    stop() {
      if (!running) return;
      const wasLeading = leading();
      running = false;
      generation += 1;
      current?.abort();
      wake?.();
      releaseLock?.();
      releaseLock = null;
      // The next tab gets the lock; until it connects, nobody should count on the stream.
      if (wasLeading) channel?.postMessage({ kind: 'state', live: false } satisfies Message);
      channel?.close();
      channel = null;
      setLive(false);
    },
    /** Opens the stream again now, with the headers of this moment (a new token, another actor). */
    restart() {
      if (!leading()) return;
      reconnectNow = true;
      current?.abort();
      wake?.();
    },
    subscribe(listener: LiveStateListener) {
      stateListeners.add(listener);
      return () => {
        stateListeners.delete(listener);
      };
    },
    onEvent(listener: LiveEventListener) {
      eventListeners.add(listener);
      return () => {
        eventListeners.delete(listener);
      };
    },
  };
}

export type LiveEvents = ReturnType<typeof createLiveEvents>;
