/**
 * Without a mail server, milestone email is written as `.eml` files by the mail worker, which runs
 * on the event loop that answers requests: it writes them without blocking that loop (decision 16,
 * the order path), so a slow disk holds up the message, never every request meanwhile.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { one } from '../storage/statements.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { freshOrderer, newLineRequest, submitOk } from './orders-fixtures.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  vi.restoreAllMocks();
  await server.close();
});

async function outboxDrained(timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = (await one<{ n: number }>(server.deps.db, 'SELECT COUNT(*) AS n FROM email_outbox WHERE sent_at IS NULL'))!.n;
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending} messages still unsent`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the outbox folder', () => {
  it('gets each message as a file, written without a synchronous call', async () => {
    const outbox = server.deps.config.mail.outboxDir;
    const orderer = await freshOrderer(server, 'eml-files');
    const body = await newLineRequest(server, orderer.session, { withDevice: true });
    const synchronous: string[] = [];
    const inOutbox = (target: unknown) => typeof target === 'string' && path.resolve(target).startsWith(path.resolve(outbox));
    for (const name of ['writeFileSync', 'renameSync', 'mkdirSync'] as const) {
      const original = fs[name] as (...values: unknown[]) => unknown;
      vi.spyOn(fs, name).mockImplementation(((...values: unknown[]) => {
        if (inOutbox(values[0])) synchronous.push(`${name} ${String(values[0])}`);
        return original(...values);
      }) as never);
    }
    const order = await submitOk(server, orderer.session, body);
    expect(order.status).toBe('AWAITING_APPROVAL');
    await outboxDrained();
    const rowId = await outboxRowOf(order.orderId);
    const written = fs.readdirSync(outbox).filter((name) => name.endsWith(`-order-${order.orderId}-message-${rowId}.eml`));
    expect(written).toHaveLength(1);
    expect(fs.readFileSync(path.join(outbox, written[0]!), 'utf8')).toContain('needs your approval');
    expect(synchronous).toEqual([]);
  });
});

/** The outbox row of an order's one message (the approver's). */
const outboxRowOf = async (orderId: string) => (await one<{ id: number }>(server.deps.db, 'SELECT id FROM email_outbox WHERE order_id = ?', Number(orderId)))!.id;
