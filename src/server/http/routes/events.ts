import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import { z } from 'zod';
import { approvalQueuedEvent, eventNames, orderUpdatedEvent, resyncEvent, type ApprovalQueuedEvent, type OrderUpdatedEvent, type ResyncEvent } from '../../../contract/index.ts';
import { findToken, isLive } from '../../domain/auth.ts';
import type { AuthContext } from '../../domain/auth-context.ts';
import { mayActFor } from '../../domain/actor.ts';
import { findEmployee } from '../../domain/employees.ts';
import { eventBus, REPLAY_CHANGES, type BusEvent, type OrderChange, type Replay } from '../../domain/notifications/events.ts';
import { isPartyToOrder } from '../../domain/orders/approval-policy.ts';
import { isOrderVisible } from '../../domain/orders/list.ts';
import { assetScope } from '../../domain/visibility.ts';
import type { AppEnv } from '../app-env.ts';
import type { RouteRegistry } from '../route.ts';

/** Replayed changes sent per turn of the event loop. */
const REPLAY_SLICE = 50;

/** How long a client waits before reconnecting after the stream ends (the SSE `retry:` hint), ms. */
const RECONNECT_HINT_MS = 3000;

/** Why a stream ended, sent as the data of a last `event: end` before the server closes it. */
export type EndReason = 'signed-out' | 'token-expired' | 'server-shutdown';

const eventStreamDescription = [
  'Extension `events` (MOBPROC §4.6): Server-Sent Events (`text/event-stream`) for what the caller may see, with the same headers and token as every call.',
  'Read it with `fetch` streaming (the browser’s `EventSource` cannot send these headers); one stream per browser.',
  '',
  '- `event: order.updated`, data `OrderUpdatedEvent`: an order the caller could `GET` changed status (new, approved, shipped, …).',
  '- `event: approval.queued`, data `ApprovalQueuedEvent`: an order entered the approval queue of the actor (who may decide its open level now).',
  '- `event: end`, data `{"reason": "signed-out" | "token-expired" | "server-shutdown"}`: the last event before the server closes the stream. ' +
    'At `token-expired` reconnect with a fresh access token; at `signed-out` do not reconnect.',
  '- `event: resync`, data `ResyncEvent`: first on a stream reopened with a `Last-Event-ID` the server can no longer replay from; read again what the page shows.',
  '',
  `Every change has an \`id:\` that only grows (on the last event of the change, so a client cut off between two events of one change gets both again). ` +
    `Reconnect with the last id as the \`Last-Event-ID\` header and the stream first replays the changes after it that the caller may see, from the latest ${REPLAY_CHANGES} changes this server process keeps. ` +
    `The stream starts with \`retry: ${RECONNECT_HINT_MS}\`; ` +
    'comment lines (`: heartbeat`) keep it open every 15 s. Answers are never compressed (`Cache-Control: no-transform`) nor buffered (`X-Accel-Buffering: no`).',
].join('\n');

export function registerEventRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/events',
    tag: 'Events',
    summary: 'Server-Sent Events: order changes and approval queue arrivals (extension)',
    description: eventStreamDescription,
    response: z.union([orderUpdatedEvent, approvalQueuedEvent, resyncEvent]),
    extensions: {
      responses: {
        200: {
          description: 'The event stream; it stays open until the token expires or is revoked, the client leaves, or the server shuts down.',
          content: { 'text/event-stream': { schema: { type: 'string', description: 'SSE frames; see the operation’s description for the event names and data.' } } },
          // What each `event:` carries as `data:` (OpenAPI 3.1 has no vocabulary for event streams).
          'x-events': {
            [eventNames.orderUpdated]: { $ref: '#/components/schemas/OrderUpdatedEvent' },
            [eventNames.approvalQueued]: { $ref: '#/components/schemas/ApprovalQueuedEvent' },
            [eventNames.resync]: { $ref: '#/components/schemas/ResyncEvent' },
          },
        },
      },
    },
    handler: async ({ c }) => await openEventStream(c),
  });
}

type Token = { grantId: string; expiresAt: string };

async function openEventStream(c: Context<AppEnv>): Promise<Response> {
  const { db, config } = c.var.deps;
  const auth = c.var.auth;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
  // authenticate() has just accepted this token; its grant and expiry decide when the stream ends.
  const token: Token = (await findToken(db, bearer))!;
  const lastEventId = c.req.header('last-event-id')?.trim() || null;
  const response = streamSSE(c, async (stream) => await runStream(stream, { auth, token, bearer, lastEventId, heartbeatMs: config.eventsHeartbeatSeconds * 1000, deps: c.var.deps }));
  // Never cached, never transformed (so no compress middleware or proxy touches it), never held back by a proxy.
  response.headers.set('Cache-Control', 'no-cache, no-transform');
  response.headers.set('X-Accel-Buffering', 'no');
  return response;
}

type StreamInput = {
  auth: AuthContext;
  token: Token;
  bearer: string;
  /** The `Last-Event-ID` header of a reconnecting client, if it sent one. */
  lastEventId: string | null;
  heartbeatMs: number;
  deps: AppEnv['Variables']['deps'];
};

async function runStream(stream: SSEStreamingApi, { auth: opened, token, bearer, lastEventId, heartbeatMs, deps }: StreamInput): Promise<void> {
  let auth = opened;
  const { db, now } = deps;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  // Writes are chained so events leave in the order they happened.
  let writing: Promise<unknown> = Promise.resolve();
  const write = (send: () => Promise<unknown>) => {
    writing = writing.then(send).catch(() => end(null));
    return writing;
  };

  let ended = false;
  const end = (reason: EndReason | null) => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    clearTimeout(expiry);
    if (reason) void write(() => stream.writeSSE({ event: 'end', data: JSON.stringify({ reason }) })).finally(finish);
    else finish();
  };

  /** Changes heard live while a replay is still being sent; they follow it, in order. */
  let held: OrderChange[] | null = lastEventId !== null ? [] : null;
  // Visibility is read in the write chain, so events still leave in the order they happened.
  const send = (change: OrderChange, isVisible: (orderId: number) => Promise<boolean>) => {
    void write(async () => {
      for (const message of await messagesFor(auth, change, isVisible)) await stream.writeSSE(message);
    });
  };
  const visibleNow = async (orderId: number) => await isOrderVisible(db, auth, orderId, scope);

  const onEvent = (event: BusEvent) => {
    if (ended) return;
    if (event.kind === 'shutdown') return end('server-shutdown');
    if (event.kind === 'grant-revoked') {
      if (event.grantId === token.grantId) end('signed-out');
      return;
    }
    if (event.tenantId !== auth.tenantId) return;
    if (held) held.push(event);
    else send(event, visibleNow);
  };
  // Whom the caller sees, worked out once per stream (and again at each heartbeat) instead of per event.
  let scope = await assetScope(db, auth);
  const bus = await eventBus(db);
  const unsubscribe = bus.subscribe(onEvent);
  // Only once subscribed: a client that saw `connected` hears every event from then on, a shutdown
  // included (before, a server closing while the stream read its scope — a round trip each on
  // PostgreSQL — published the shutdown to nobody, and the stream outlived it).
  void write(() => stream.write(`retry: ${RECONNECT_HINT_MS}\n: connected\n\n`));
  if (lastEventId !== null) {
    // Taken in the same turn as subscribing: every change is either kept already (replayed) or
    // published later (heard live, held until the replay is out), never both nor neither.
    const missed = bus.since(/^\d{1,15}$/.test(lastEventId) ? Number(lastEventId) : -1);
    void replay(lastEventId, missed).finally(() => {
      const live = held ?? [];
      held = null;
      if (!ended) for (const change of live) send(change, visibleNow);
    });
  }

  /**
   * Sends what the caller missed. Visibility is checked once per order, and the work yields to
   * the event loop every `REPLAY_SLICE` changes, so a long replay does not hold up other requests.
   */
  async function replay(since: string, missed: Replay): Promise<void> {
    if (!missed.complete) {
      const resync: ResyncEvent = { lastEventId: since };
      void write(() => stream.writeSSE({ event: eventNames.resync, id: String(bus.latestId), data: JSON.stringify(resync) }));
      return;
    }
    const visible = new Map<number, boolean>();
    const visibleOnce = async (orderId: number) => {
      let seen = visible.get(orderId);
      if (seen === undefined) visible.set(orderId, (seen = await visibleNow(orderId)));
      return seen;
    };
    for (const [index, change] of missed.changes.entries()) {
      if (ended) return;
      if (index > 0 && index % REPLAY_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
      if (change.tenantId === auth.tenantId) send(change, visibleOnce);
    }
  }

  // A check that fails (the server closing) ends the stream.
  const heartbeat = setInterval(() => void beat().catch(() => end(null)), heartbeatMs);
  async function beat(): Promise<void> {
    // Also catches what no event announces: a token revoked by another process, an account disabled.
    const current = await findToken(db, bearer);
    if (!current || !isLive(current, now())) return end(current?.revokedAt ? 'signed-out' : 'token-expired');
    // People, roles and act-for change under an open stream: read them afresh, as a new request
    // would, and end the stream when the caller may no longer see through the actor's eyes.
    const user = await findEmployee(db, auth.tenantId, auth.user.id);
    const actor = auth.actor.id === auth.user.id ? user : await findEmployee(db, auth.tenantId, auth.actor.id);
    if (user?.status !== 'ACTIVE' || actor?.status !== 'ACTIVE' || !await mayActFor(db, user, actor)) return end('signed-out');
    auth = { ...auth, user, actor };
    scope = await assetScope(db, auth);
    void write(() => stream.write(': heartbeat\n\n'));
  }
  const expiry = setTimeout(() => end('token-expired'), Math.min(Math.max(0, Date.parse(token.expiresAt) - now().getTime()), 2 ** 31 - 1));

  stream.onAbort(() => end(null));
  await finished;
  await writing.catch(() => undefined);
  // Only now: shutdown waits for the bus to empty, so the last event is out before the server closes.
  unsubscribe();
}

/** One SSE event; `id` only on the last event of a change, so the client's last id moves past a change once it has all of it. */
type Message = { event: string; id?: string; data: string };

/** The events one caller gets for one change: only what they could see (MOBPROC §2 "who sees what"), as `isVisible` tells. */
async function messagesFor(auth: AuthContext, change: OrderChange, isVisible: (orderId: number) => Promise<boolean>): Promise<Message[]> {
  if (!(await isVisible(change.orderId))) return [];
  const updated: OrderUpdatedEvent = {
    orderId: String(change.orderId),
    status: change.status,
    ...(change.pendingApprovalLevel !== null ? { pendingApprovalLevel: change.pendingApprovalLevel } : {}),
  };
  const messages: Message[] = [{ event: eventNames.orderUpdated, data: JSON.stringify(updated) }];
  // The approval queue is the actor's (someone acting for the approver decides for them), never
  // with an order the signed-in user placed or is for (MOBPROC §4.6).
  if (change.pendingApprovalLevel !== null && change.approverIds.includes(auth.actor.id) && !isPartyToOrder(change, auth.user)) {
    const queued: ApprovalQueuedEvent = { orderId: String(change.orderId), pendingApprovalLevel: change.pendingApprovalLevel };
    messages.push({ event: eventNames.approvalQueued, data: JSON.stringify(queued) });
  }
  messages.at(-1)!.id = String(change.id);
  return messages;
}
