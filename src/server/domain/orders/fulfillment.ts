/**
 * Fulfilment (MOBPROC §4.6): ORDER_SUBMITTED → IN_PROGRESS → SHIPPED (when something physical
 * ships) → COMPLETE, one stored step at a time, `fulfillmentDelayMs` apart. Steps are rows in
 * `fulfillment_jobs` written in the same transaction as the change that makes them due, so they
 * run only after it committed, and a restarted server picks up whatever was pending.
 */
import { randomBytes } from 'node:crypto';
import type { OrderStatus } from '../../../contract/index.ts';
import type { ServerDeps } from '../../deps.ts';
import { rootOf, transaction, type Db } from '../../storage/db.ts';
import { onWakeUp, wakeWorker } from '../notifications/events.ts';
import { all, one, statement } from '../../storage/statements.ts';
import type { SegmentBody } from './confirmation.ts';
import type { OrderEffects } from './effects.ts';
import { effectiveFrom } from './effective-date.ts';
import { eraseSecrets, takeSecrets } from './secrets.ts';
import { addHistory, findOrder, setOrderStatus } from './store.ts';
import { transactionModules } from './types/index.ts';

type Job = { id: number; orderId: number; nextStatus: OrderStatus; dueAt: string };

const descriptions: Partial<Record<OrderStatus, string>> = {
  IN_PROGRESS: 'The carrier is processing the order.',
  SHIPPED: 'Shipped.',
  COMPLETE: 'Complete: the change is in effect.',
};

const SHIPPING_CARRIER = 'UPS';
const RETRY_MS = 60_000;
const trackingUrl = (trackingNumber: string) => `https://www.ups.com/track?tracknum=${trackingNumber}`;
const newTrackingNumber = () => `1Z${randomBytes(8).toString('hex').toUpperCase().slice(0, 16)}`;

export class FulfillmentWorker {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The run in progress: a timer that fires meanwhile asks for another run after it instead of overlapping it. */
  private running: Promise<void> | undefined;
  private again = false;
  private stopWaking: (() => void) | undefined;

  constructor(private readonly deps: ServerDeps) {}

  /** Runs what is due and listens for wake-ups: steps made due by any instance on the database. */
  start(): void {
    this.stopWaking = onWakeUp(this.deps.db, 'fulfillment', () => this.kick());
    this.kick();
  }

  /** Runs whatever is due now and sets a timer for the next pending step. */
  kick(): void {
    this.runAfter(0);
  }

  /** One pending run at a time: a kick during a run is replaced by what the run schedules at its end. */
  private runAfter(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.runOnce(), ms);
  }

  private async runOnce(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runDue().catch((error: unknown) => this.deps.log.error({ err: error }, 'fulfilment run failed'));
    await this.running;
    this.running = undefined;
    if (this.again) {
      this.again = false;
      this.runAfter(0);
    }
  }

  /** Stops the worker; resolves once a run in progress has ended (its database is closed next). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopWaking?.();
    clearTimeout(this.timer);
    await this.running;
  }

  private async runDue(): Promise<void> {
    if (this.stopped) return;
    const { db, log } = this.deps;
    const now = this.deps.now();
    const due = await all<Job>(
      db,
      `SELECT id, order_id AS orderId, next_status AS nextStatus, due_at AS dueAt FROM fulfillment_jobs
       WHERE done_at IS NULL AND due_at <= ? ORDER BY due_at, id LIMIT 20`,
      now.toISOString(),
    );
    for (const job of due) {
      try {
        await runStep(db, job, now, this.deps.config.fulfillmentDelayMs);
      } catch (error) {
        // The step rolled back; it is tried again a minute later so other orders keep moving.
        log.error({ err: error, orderId: job.orderId, nextStatus: job.nextStatus }, 'fulfilment step failed; retrying in a minute');
        await transaction(db, async (tx) => {
          await statement(tx, 'UPDATE fulfillment_jobs SET due_at = ? WHERE id = ?').run(new Date(now.getTime() + RETRY_MS).toISOString(), job.id);
        });
      }
    }
    if (due.length > 0) {
      // Requests get their turn between batches; the steps a batch made due run in the next one.
      this.runAfter(0);
      return;
    }
    const next = await one<{ dueAt: string }>(db, 'SELECT MIN(due_at) AS dueAt FROM fulfillment_jobs WHERE done_at IS NULL');
    if (next?.dueAt) {
      const wait = Math.max(0, Date.parse(next.dueAt) - this.deps.now().getTime());
      this.runAfter(Math.min(wait, 2 ** 31 - 1));
    }
  }
}

/**
 * Stores the next fulfilment step; the worker runs it once it is due (and after a restart). The
 * first step of an order that takes effect on a later day waits for the start of that day.
 */
export async function scheduleStep(db: Db, orderId: number, nextStatus: OrderStatus, dueAt: Date): Promise<void> {
  const effective = nextStatus === 'IN_PROGRESS' ? await effectiveFrom(db, orderId) : null;
  const due = effective && effective > dueAt ? effective : dueAt;
  await statement(db, 'INSERT INTO fulfillment_jobs (order_id, next_status, due_at) VALUES (?, ?, ?)').run(orderId, nextStatus, due.toISOString());
  // The workers (of every instance) look again once the step is committed, and only then: a submit
  // that waits for approval schedules nothing and so wakes nothing (each wake-up is two queries).
  await wakeWorker(db, 'fulfillment');
}

/** One step of one order, in one transaction; a step whose order moved on (cancelled) just ends. */
export async function runStep(db: Db, job: Job, now: Date, delayMs: number): Promise<void> {
  await transaction(db, async (db) => {
    const claimed = await statement(db, 'UPDATE fulfillment_jobs SET done_at = ? WHERE id = ? AND done_at IS NULL').run(now.toISOString(), job.id);
    if (claimed.changes === 0) return;
    const order = await one<{ tenantId: number; status: OrderStatus }>(db, 'SELECT tenant_id AS tenantId, status FROM orders WHERE id = ?', job.orderId);
    if (!order) return;
    if (order.status === 'COMPLETE' || order.status === 'REJECTED' || order.status === 'CANCELLED') {
      await eraseSecrets(db, job.orderId);
      return;
    }
    const row = (await findOrder(db, order.tenantId, job.orderId))!;
    const at = now.toISOString();
    const segments = await all<{ id: number; body: string }>(db, 'SELECT id, body FROM order_segments WHERE order_id = ? ORDER BY position, id', job.orderId);
    const shipItems = segments.map((segment) => ({ id: segment.id, items: (JSON.parse(segment.body) as SegmentBody).shipItems ?? [] }));
    const shipsSomething = shipItems.some((segment) => segment.items.length > 0);
    // Work starts at the carrier with what it needs, a port-out PIN among it; this server's
    // simulated carrier needs nothing more, and the secret is gone from here on.
    if (job.nextStatus === 'IN_PROGRESS') await takeSecrets(db, job.orderId);
    if (job.nextStatus === 'SHIPPED') {
      const insert = statement(
        db,
        'INSERT INTO shipments (order_id, segment_id, carrier, tracking_number, tracking_url, date_shipped, items) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const segment of shipItems) {
        if (segment.items.length === 0) continue;
        const trackingNumber = newTrackingNumber();
        await insert.run(job.orderId, segment.id, SHIPPING_CARRIER, trackingNumber, trackingUrl(trackingNumber), at, JSON.stringify(segment.items));
      }
    }
    if (job.nextStatus === 'COMPLETE') {
      await transactionModules[row.transactionType].complete({
        db,
        tenantId: row.tenantId,
        orderId: row.id,
        accountHolderId: row.accountHolderId,
        now,
        effects: row.effects as OrderEffects,
      });
    }
    await setOrderStatus(db, job.orderId, job.nextStatus, at);
    const description =
      job.nextStatus === 'SHIPPED'
        ? `Shipped with ${SHIPPING_CARRIER}: ${shipItems.flatMap((segment) => segment.items).map((item) => item.name).join(', ')}.`
        : (descriptions[job.nextStatus] ?? job.nextStatus);
    await addHistory(db, { orderId: job.orderId, status: job.nextStatus, description, actorId: null, at });
    const following: OrderStatus | null =
      job.nextStatus === 'IN_PROGRESS' ? (shipsSomething ? 'SHIPPED' : 'COMPLETE') : job.nextStatus === 'SHIPPED' ? 'COMPLETE' : null;
    if (following) await scheduleStep(db, job.orderId, following, new Date(now.getTime() + delayMs));
  });
}

const workers = new WeakMap<Db, FulfillmentWorker>();

/** Starts the worker of a server; `close()` must call `stop()`. */
export function startFulfillment(deps: ServerDeps): FulfillmentWorker {
  const worker = new FulfillmentWorker(deps);
  workers.set(rootOf(deps.db), worker);
  worker.start();
  return worker;
}

/** Makes this process's worker look for due steps now (a test that moved the clock). */
export function kickFulfillment(db: Db): void {
  workers.get(rootOf(db))?.kick();
}
