/**
 * The PostgreSQL transport of the broadcast (`storage/broadcast.ts`, decision record 0017) on a
 * real server: what two listening instances hear of a notification sent inside a transaction
 * that commits or rolls back, and that a listener whose connection was cut, or went silent, listens
 * again and says so.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { BROADCAST_CHANNEL, listenPostgres, type PostgresListener } from '../storage/broadcast.ts';
import { postgresAvailability, startTestDatabase, type TestDatabase } from './postgres.ts';

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

/** Resolves once `check()` holds, polling every 10 ms; rejects after `ms`. */
async function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * The listeners' watchdog round: short, so a refused reconnection is retried within the test, but
 * not so short that a ping held up on a busy machine looks like a lost connection.
 */
const WATCHDOG_MS = 1000;

const settle = async () => await new Promise((resolve) => setTimeout(resolve, 300));

describe.skipIf(!availability.available)('broadcast over PostgreSQL LISTEN/NOTIFY', () => {
  let database: TestDatabase;
  let sql: postgres.Sql;
  const heard: { a: string[]; b: string[] } = { a: [], b: [] };
  const listens: { a: boolean[]; b: boolean[] } = { a: [], b: [] };
  let a: PostgresListener;
  let b: PostgresListener;

  beforeAll(async () => {
    database = await startTestDatabase();
    sql = postgres(database.url, { max: 2, onnotice: () => {} });
    a = await listenPostgres(database.url, (payload) => heard.a.push(payload), (first) => listens.a.push(first), { checkMs: WATCHDOG_MS });
    b = await listenPostgres(database.url, (payload) => heard.b.push(payload), (first) => listens.b.push(first), { checkMs: WATCHDOG_MS });
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await sql?.end();
    await database?.stop();
  });

  it('delivers a notification made in a transaction that commits once to each listener, after the commit', async () => {
    const payload = JSON.stringify({ kind: 'order', id: 1 });
    let heardBeforeCommit = -1;
    await sql.begin(async (tx) => {
      await tx`SELECT pg_notify(${BROADCAST_CHANNEL}, ${payload})`;
      await settle();
      heardBeforeCommit = heard.a.length + heard.b.length;
    });
    await until(() => heard.a.length > 0 && heard.b.length > 0);
    await settle();
    expect(heardBeforeCommit).toBe(0);
    expect(heard.a).toEqual([payload]);
    expect(heard.b).toEqual([payload]);
  });

  it('never delivers a notification made in a transaction that rolls back', async () => {
    heard.a.length = 0;
    heard.b.length = 0;
    const rolledBack = JSON.stringify({ kind: 'order', id: 2 });
    await expect(
      sql.begin(async (tx) => {
        await tx`SELECT pg_notify(${BROADCAST_CHANNEL}, ${rolledBack})`;
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // A later committed one arrives, so the listeners were listening all along.
    const committed = JSON.stringify({ kind: 'order', id: 3 });
    await sql.begin(async (tx) => await tx`SELECT pg_notify(${BROADCAST_CHANNEL}, ${committed})`);
    await until(() => heard.a.length > 0 && heard.b.length > 0);
    await settle();
    expect(heard.a).toEqual([committed]);
    expect(heard.b).toEqual([committed]);
  });

  it('delivers in commit order and keeps its own watchdog pings to itself', async () => {
    heard.a.length = 0;
    heard.b.length = 0;
    const payloads = Array.from({ length: 50 }, (_, index) => JSON.stringify({ kind: 'order', id: 100 + index }));
    for (const payload of payloads) await sql`SELECT pg_notify(${BROADCAST_CHANNEL}, ${payload})`;
    await until(() => heard.a.length >= payloads.length && heard.b.length >= payloads.length);
    // Watchdog rounds pass meanwhile; none of their pings reach the listeners.
    await new Promise((resolve) => setTimeout(resolve, 2.5 * WATCHDOG_MS));
    expect(heard.a).toEqual(payloads);
    expect(heard.b).toEqual(payloads);
  });

  it('listens again after its connection was cut, and says it resumed', async () => {
    expect(listens.a).toEqual([true]);
    const cut = await sql`SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE query ILIKE 'listen%' AND pid <> pg_backend_pid()`;
    expect(cut.length).toBeGreaterThanOrEqual(2);
    await until(() => listens.a.length >= 2 && listens.b.length >= 2, 10_000);
    expect(listens.a.slice(1).every((first) => !first)).toBe(true);
    heard.a.length = 0;
    heard.b.length = 0;
    const after = JSON.stringify({ kind: 'order', id: 999 });
    await sql`SELECT pg_notify(${BROADCAST_CHANNEL}, ${after})`;
    await until(() => heard.a.includes(after) && heard.b.includes(after));
    await settle();
    expect(heard.a).toEqual([after]);
    expect(heard.b).toEqual([after]);
  });

  it('listens again on a fresh connection when the old one went silent without closing (the watchdog)', async () => {
    // A relay between a listener and the server that can stop passing bytes while keeping both
    // sockets open: what a NAT or load balancer that dropped its state looks like.
    const target = new URL(database.url);
    const frozen = new Set<net.Socket>();
    const relay = net.createServer((client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      client.on('error', () => undefined);
      upstream.on('error', () => undefined);
      const pass = (from: net.Socket, to: net.Socket) =>
        from.on('data', (chunk) => {
          if (!frozen.has(from)) to.write(chunk);
        });
      pass(client, upstream);
      pass(upstream, client);
      relay.once('freeze', () => {
        frozen.add(client);
        frozen.add(upstream);
      });
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    const relayed = new URL(database.url);
    relayed.port = String((relay.address() as net.AddressInfo).port);
    const payloads: string[] = [];
    const resumed: boolean[] = [];
    const listener = await listenPostgres(relayed.toString(), (payload) => payloads.push(payload), (first) => resumed.push(first), { checkMs: WATCHDOG_MS });
    try {
      // Connections made from now on pass bytes again.
      relay.emit('freeze');
      const lost = JSON.stringify({ kind: 'order', id: 2000 });
      await sql`SELECT pg_notify(${BROADCAST_CHANNEL}, ${lost})`;
      // Two rounds: a ping goes unanswered, the next round listens anew.
      await until(() => resumed.length >= 2, 5 * WATCHDOG_MS);
      expect(resumed).toEqual([true, false]);
      const after = JSON.stringify({ kind: 'order', id: 2001 });
      await sql`SELECT pg_notify(${BROADCAST_CHANNEL}, ${after})`;
      await until(() => payloads.includes(after));
      expect(payloads).toEqual([after]);
    } finally {
      await listener.close();
      relay.close();
    }
  });
});
