/**
 * The confirm's work per request, counted rather than timed (decision 16): after the first confirm
 * has prepared what it needs, another one builds no Drizzle query, prepares no statement, runs a
 * fixed handful of statements, and none of them binds a LIMIT (which made SQLite re-plan the
 * statement on every run). A warm submit likewise builds and prepares nothing, never reads back the
 * order it just wrote, and reads what its email says of the order once however many people get it.
 * And the WAL is checkpointed by the worker thread, not by the connection that answers requests.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOrderRequestBody, type OrderRequest } from '../../contract/index.ts';
import { peterNewLine } from '../bench/orders.ts';
import { findEmployee } from '../domain/employees.ts';
import { evaluateOrder, orderContext, submitOrder } from '../domain/orders/engine.ts';
import { addHistory, findOrder, presentOrderDetail } from '../domain/orders/store.ts';
import { startCheckpointer } from '../storage/checkpointer.ts';
import { closeDatabase, openDatabase, transaction, type SqliteDb, writerOf } from '../storage/db.ts';
import { seedDemoData } from '../storage/seed/demo.ts';
import { demoIds } from '../storage/seed/ids.ts';

/** A new line with a device, a plan, a feature and an accessory, shipped (the bench's): every loader of a confirm runs. */
function newLineRequest(): OrderRequest {
  const parsed = parseOrderRequestBody({ orderRequest: peterNewLine });
  if (!parsed.success) throw new Error(`the test's order does not parse: ${JSON.stringify(parsed.problems)}`);
  return parsed.data.orderRequest;
}

/**
 * A seeded database on one connection that records what runs on it: every statement prepared and
 * run (its SQL text) and every Drizzle select built; `reset()` forgets what was recorded so far.
 */
function countedDatabase() {
  const counted = { db: undefined as unknown as SqliteDb, prepared: [] as string[], ran: [] as string[], built: 0 };
  const reset = () => {
    counted.prepared = [];
    counted.ran = [];
    counted.built = 0;
  };
  beforeAll(async () => {
    // One connection: every statement of the path is prepared and run on the one counted.
    const db = openDatabase(':memory:', { connections: 1 });
    await seedDemoData(db, new Date());
    const client = db.$client;
    const prepare = client.prepare.bind(client);
    client.prepare = ((text: string) => {
      counted.prepared.push(text);
      const statement = prepare(text);
      for (const method of ['all', 'get', 'run', 'iterate'] as const) {
        const original = statement[method].bind(statement) as (...values: unknown[]) => unknown;
        Object.defineProperty(statement, method, { value: (...values: unknown[]) => (counted.ran.push(text), original(...values)) });
      }
      return statement;
    }) as typeof client.prepare;
    const select = db.select.bind(db);
    db.select = ((...fields: Parameters<typeof db.select>) => {
      counted.built += 1;
      return select(...fields);
    }) as typeof db.select;
    counted.db = db;
  });
  afterAll(() => closeDatabase(counted.db));
  return { counted, reset };
}

describe('a confirm, counted', () => {
  const { counted, reset } = countedDatabase();

  async function confirmAsPeter() {
    const peter = counted.db.$client.prepare("SELECT id, tenant_id AS tenantId FROM employees WHERE username = 'peter.edwards'").get() as { id: number; tenantId: number };
    const user = (await findEmployee(counted.db, peter.tenantId, peter.id))!;
    const request = newLineRequest();
    reset();
    const auth = { tenantId: peter.tenantId, tenantCode: 'ACME', clientId: 'mobproc-web', user, actor: user };
    return await evaluateOrder(orderContext(counted.db, auth, 'http://localhost', new Date(), request), request);
  }

  it('builds and prepares nothing after the first, and runs a fixed handful of statements, none binding a LIMIT', async () => {
    const first = await confirmAsPeter();
    expect(first.confirmation.shoppingCart.device?.id).toBe(String(demoIds.catalogDevices.pixel9Summit));
    const again = await confirmAsPeter();
    expect(again.confirmation).toEqual(first.confirmation);
    expect(counted.built, 'Drizzle queries counted.built by a warm confirm').toBe(0);
    expect(counted.prepared, 'statements counted.prepared by a warm confirm').toEqual([]);
    // Restrictions, device, plan, features, accessories, policy, manager check, approver, departments.
    expect(counted.ran.length, counted.ran.join('\n')).toBeLessThanOrEqual(9);
    expect(counted.ran.filter((text) => /\blimit\s+\?/i.test(text))).toEqual([]);
  });
});

describe('a submit, counted', () => {
  const { counted, reset } = countedDatabase();

  /** Peter's new line (it waits for his manager's approval, who gets an email): validation, the order's rows, its history, event and message, the answer. */
  async function submitAsPeter() {
    const peter = counted.db.$client.prepare("SELECT id, tenant_id AS tenantId FROM employees WHERE username = 'peter.edwards'").get() as { id: number; tenantId: number };
    const user = (await findEmployee(counted.db, peter.tenantId, peter.id))!;
    const request = newLineRequest();
    reset();
    const auth = { tenantId: peter.tenantId, tenantCode: 'ACME', clientId: 'mobproc-web', user, actor: user };
    return await submitOrder(orderContext(counted.db, auth, 'http://localhost', new Date(), request), request, 60_000);
  }

  it('builds and prepares nothing after the first, reads no order back whole, and runs a counted set of statements', async () => {
    await submitAsPeter();
    const answer = await submitAsPeter();
    expect(answer.order.status).toBe('AWAITING_APPROVAL');
    expect(counted.built, 'Drizzle queries counted.built by a warm submit').toBe(0);
    expect(counted.prepared, 'statements counted.prepared by a warm submit').toEqual([]);
    // The stored order was written by this submit: neither its event and email nor its answer read
    // its JSON columns back (a 5 KB confirmation parsed twice per submit).
    expect(counted.ran.filter((text) => /\bfrom "orders"/i.test(text) && /"confirmation"/.test(text))).toEqual([]);
    // Validation 9; order, segment, approval, history 4; event and email 11; the answer's members 6
    // (no approver groups read: the order's one level is a person).
    expect(counted.ran.length, counted.ran.join('\n')).toBeLessThanOrEqual(30);
    expect(counted.ran.filter((text) => /\bfrom approver_groups\b/i.test(text))).toEqual([]);
  });

  it('answers with the order as stored, and emails its totals', async () => {
    const { order } = await submitAsPeter();
    const orderId = Number(order.orderId);
    expect(JSON.stringify(order)).toBe(JSON.stringify(await presentOrderDetail(counted.db, 'http://localhost', (await findOrder(counted.db, demoIds.tenants.acme, orderId))!)));
    const message = counted.db.$client.prepare('SELECT body FROM email_outbox WHERE order_id = ?').get(orderId) as { body: string };
    const costs = order.confirmation!.costSummary.filter((money) => money.amount !== 0);
    expect(costs.length).toBeGreaterThan(0);
    const dollars = (amount: number) => `$${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    const line = costs.map((money) => `${dollars(money.amount)} ${money.recurrence === 'MONTHLY' ? 'a month' : 'one-time'}`).join(', ');
    expect(message.body).toContain(`Cost:        ${line}`);
  });
  it('reads the order\'s facts once for all recipients of a change, not once per recipient', async () => {
    const { order } = await submitAsPeter();
    const orderId = Number(order.orderId);
    // The open level becomes IT Mobility's: two members, two messages.
    const group = counted.db.$client.prepare("SELECT id FROM approver_groups WHERE name = 'IT Mobility'").get() as { id: number };
    counted.db.$client.prepare('UPDATE order_approvals SET approver_id = NULL, approver_group_id = ? WHERE order_id = ?').run(group.id, orderId);
    counted.ran = [];
    await transaction(counted.db, async (tx) =>
      await addHistory(tx, { orderId, status: 'AWAITING_APPROVAL', description: 'Sent to IT Mobility.', actorId: Number(order.accountHolder.id), at: new Date().toISOString() }),
    );
    const messages = counted.db.$client.prepare("SELECT to_address AS address FROM email_outbox WHERE order_id = ? AND body LIKE '%Sent to IT Mobility.%'").all(orderId);
    expect(messages).toHaveLength(2);
    // Each recipient's own row, and the account holder and requester once.
    expect(counted.ran.filter((text) => /\bfrom "employees"/i.test(text))).toHaveLength(2 + 2);
    expect(counted.ran.filter((text) => /\bfrom order_segments\b/i.test(text))).toHaveLength(1);
  });
});

describe('WAL checkpoints', () => {
  it('are made by the worker thread while the connection itself never checkpoints', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-checkpoint-'));
    const file = path.join(folder, 'test.db');
    const db = openDatabase(file);
    const errors: unknown[] = [];
    const checkpointer = startCheckpointer(db, file, 20, (error) => errors.push(error));
    try {
      expect(writerOf(db).$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      const before = fs.statSync(file).size;
      writerOf(db).$client.exec('CREATE TABLE filler (text TEXT)');
      const insert = writerOf(db).$client.prepare('INSERT INTO filler (text) VALUES (?)');
      for (let row = 0; row < 500; row += 1) insert.run('x'.repeat(4000));
      // 2 MB went into the log; only a checkpoint copies it into the database file.
      const deadline = Date.now() + 10_000;
      while (fs.statSync(file).size < before + 1_500_000 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fs.statSync(file).size).toBeGreaterThanOrEqual(before + 1_500_000);
      expect(errors).toEqual([]);
    } finally {
      await checkpointer.stop();
      await closeDatabase(db);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
