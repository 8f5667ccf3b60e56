/**
 * Messages to every server instance on one database (decision record 0017, "Events across
 * instances"): order changes for the event streams, revoked grants, the workers' wake-ups.
 *
 * - SQLite (one server process): a message is handed to this process's listeners after the
 *   transaction that sent it commits, on a later turn of the event loop; never if it rolls back.
 * - PostgreSQL (several instances): `SELECT pg_notify('mobproc_events', json)` inside the sending
 *   transaction, which PostgreSQL delivers only when that transaction commits, and in commit order.
 *   Each instance `LISTEN`s on one dedicated connection and hands what arrives to its listeners —
 *   its own messages too, through the same path, so each is delivered exactly once per instance.
 *   When the listening connection was lost and is back, `onResume` listeners hear of it: messages
 *   sent meanwhile are gone, and they must catch up from the tables (order history).
 *
 * The domain sees {@link broadcast} and {@link onBroadcast}; only this file knows the transport.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterCommit, rootOf, type Db } from './db.ts';
import { runSql } from './locks.ts';

/** The PostgreSQL notification channel every instance listens on. */
export const BROADCAST_CHANNEL = 'mobproc_events';

/** The kind of the watchdog's own notifications, which no listener is given. */
const PING = 'listener-ping';
const pingPrefix = `{"kind":"${PING}"`;

/** PostgreSQL refuses a notification payload of 8,000 bytes or more. */
const MAX_PAYLOAD_BYTES = 7999;

/** A JSON-serialisable message; `kind` says what it is. */
export type BroadcastMessage = { kind: string };

export type BroadcastListener = (message: BroadcastMessage) => void;

type Transport = {
  /** Sends `message` as part of the transaction `db` is in (or at once outside one). */
  send: (db: Db, json: string) => Promise<void>;
  close: () => Promise<void>;
};

type Hub = {
  transport: Transport;
  listeners: Set<BroadcastListener>;
  resumeListeners: Set<() => void>;
};

const hubs = new WeakMap<Db, Hub>();

function deliver(listeners: Set<BroadcastListener>, json: string): void {
  let message: BroadcastMessage;
  try {
    message = JSON.parse(json) as BroadcastMessage;
  } catch {
    // Someone else's NOTIFY on our channel: nothing of ours.
    return;
  }
  if (typeof message?.kind !== 'string') return;
  for (const listener of [...listeners]) {
    // One failing listener must not keep the message from the others.
    try {
      listener(message);
    } catch {
      listeners.delete(listener);
    }
  }
}

/**
 * How a PostgreSQL instance hears the others: one connection that `LISTEN`s (postgres.js
 * `listen`, which listens again after the connection drops and comes back). `onListen` runs after
 * every successful `LISTEN`, the first one included.
 */
export type PostgresListener = { close: () => Promise<void> };

/**
 * Listens on {@link BROADCAST_CHANNEL} of the database at `url` (a `postgres://` URL). `onPayload`
 * gets each notification's payload as sent; `onListen(first)` runs once listening, and again with
 * `first: false` each time listening resumed after the connection was lost. postgres.js listens
 * again by itself after a connection that closed; a connection that went silent without closing
 * (a NAT or load balancer that dropped its state) would only be noticed by TCP keep-alive, minutes
 * later. So a watchdog notifies the channel itself every `checkMs` (default 5 s) and, when its own
 * ping has not come back by the next round, drops the client and listens on a fresh one. Rejects
 * if the first `LISTEN` fails.
 */
export async function listenPostgres(
  url: string,
  onPayload: (payload: string) => void,
  onListen: (first: boolean) => void,
  options: { checkMs?: number } = {},
): Promise<PostgresListener> {
  const checkMs = options.checkMs ?? 5000;
  const self = randomUUID();
  const ping = JSON.stringify({ kind: PING, self });
  let listened = false;
  let pinged = true;
  let closed = false;
  let client: postgres.Sql | undefined;

  const connect = async () => {
    const next = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
    client = next;
    await next.listen(
      BROADCAST_CHANNEL,
      (payload) => {
        if (payload === ping) pinged = true;
        // Every instance's watchdog pings the same channel; the others' are nobody's business.
        else if (!payload.startsWith(pingPrefix)) onPayload(payload);
      },
      () => {
        const first = !listened;
        listened = true;
        pinged = true;
        onListen(first);
      },
    );
  };
  await connect();

  const check = async () => {
    if (closed) return;
    if (!pinged) {
      // Silent: a fresh client (and listening connection); its `onListen` reports the resumption.
      const stale = client;
      client = undefined;
      await stale?.end({ timeout: 0 }).catch(() => undefined);
      await connect().catch(() => undefined);
      return;
    }
    pinged = false;
    await client?.notify(BROADCAST_CHANNEL, ping).catch(() => undefined);
  };
  const timer = setInterval(() => void check(), checkMs);
  timer.unref();

  return {
    close: async () => {
      closed = true;
      clearInterval(timer);
      await client?.end({ timeout: 1 });
    },
  };
}

const sqliteTransport = (listeners: Set<BroadcastListener>): Transport => ({
  send: async (db, json) => {
    // A later turn: listeners (a visibility query per open stream) do not hold up the committing request.
    afterCommit(db, () => setImmediate(() => deliver(listeners, json)));
    return Promise.resolve();
  },
  close: async () => Promise.resolve(),
});

/**
 * Starts the broadcast of the database `db` for this process: on SQLite in process, on PostgreSQL
 * (`postgresUrl` given) through `LISTEN/NOTIFY`. The server calls it once at start, before it
 * serves; `stop` ends listening. Without it (a seed, a script) messages go nowhere.
 */
export async function startBroadcast(db: Db, options: { postgresUrl?: string; checkMs?: number } = {}): Promise<{ stop: () => Promise<void> }> {
  const root = rootOf(db);
  const existing = hubs.get(root);
  if (existing) return { stop: async () => await existing.transport.close() };
  const listeners = new Set<BroadcastListener>();
  const resumeListeners = new Set<() => void>();
  let transport: Transport;
  if (options.postgresUrl) {
    const listener = await listenPostgres(
      options.postgresUrl,
      (payload) => deliver(listeners, payload),
      (first) => {
        if (!first) for (const resume of [...resumeListeners]) resume();
      },
      { checkMs: options.checkMs },
    );
    transport = {
      send: async (tx, json) => {
        await runSql(tx, sql`SELECT pg_notify(${BROADCAST_CHANNEL}, ${json})`);
      },
      close: async () => await listener.close(),
    };
  } else {
    transport = sqliteTransport(listeners);
  }
  hubs.set(root, { transport, listeners, resumeListeners });
  return {
    stop: async () => {
      hubs.delete(root);
      await transport.close();
    },
  };
}

/**
 * Sends `message` to every instance (this one included, once each) when the transaction `db` is
 * in commits, never if it rolls back; outside a transaction, at once. Throws if the JSON of the
 * message is 8,000 bytes or more (PostgreSQL's limit; send IDs, not rows). No broadcast started:
 * nothing happens.
 */
export async function broadcast(db: Db, message: BroadcastMessage): Promise<void> {
  const hub = hubs.get(rootOf(db));
  if (!hub) return;
  const json = JSON.stringify(message);
  if (Buffer.byteLength(json) > MAX_PAYLOAD_BYTES) throw new Error(`broadcast message of ${Buffer.byteLength(json)} bytes; at most ${MAX_PAYLOAD_BYTES}`);
  await hub.transport.send(db, json);
}

/** Hears every message broadcast on `db`'s database; the returned function stops it. */
export function onBroadcast(db: Db, listener: BroadcastListener): () => void {
  const hub = hubs.get(rootOf(db));
  if (!hub) return () => undefined;
  hub.listeners.add(listener);
  return () => hub.listeners.delete(listener);
}

/** Runs `listener` whenever listening resumed after a lost connection (PostgreSQL): messages may have been missed. */
export function onBroadcastResume(db: Db, listener: () => void): () => void {
  const hub = hubs.get(rootOf(db));
  if (!hub) return () => undefined;
  hub.resumeListeners.add(listener);
  return () => hub.resumeListeners.delete(listener);
}
