/**
 * Fulfilment (MOBPROC §4.6): ORDER_SUBMITTED → IN_PROGRESS → SHIPPED (when something physical
 * ships) → COMPLETE, one stored step at a time, `fulfillmentDelayMs` apart. Steps are rows in
 * `fulfillment_jobs` written in the same transaction as the change that makes them due, so they
 * run only after it committed, and a restarted server picks up whatever was pending.
 */
import { randomBytes } from 'node:crypto';
import type { OrderStatus } from '../../../contract/index.ts';
import type { ServerDeps } from '../../deps.ts';
import { sql, type SQL } from 'drizzle-orm';
import { dialectOf, rootOf, transaction, type Db, type Dialect } from '../../storage/db.ts';
import { onWakeUp, wakeWorker } from '../notifications/events.ts';
import { lockForUpdate, runSql, skipLocked } from '../../storage/locks.ts';
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
/** Steps run one after another before requests get a turn. */
const BATCH = 20;
/** How soon to look again at due steps that other instances hold. */
const HELD_MS = 1000;
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
    // A read first: most wake-ups find nothing due yet, and a claim would take the write lock.
    const next = await one<{ dueAt: string | null }>(db, 'SELECT MIN(due_at) AS dueAt FROM fulfillment_jobs WHERE done_at IS NULL');
    if (!next?.dueAt) return;
    if (next.dueAt > now.toISOString()) {
      this.runAfter(Math.min(Date.parse(next.dueAt) - now.getTime(), 2 ** 31 - 1));
      return;
    }
    let claimed = 0;
    while (claimed < BATCH && !this.stopped) {
      let job: Job | undefined;
      try {
        await transaction(db, async (tx) => {
          job = await claimDueJob(tx, now);
          if (job) await runStep(tx, job, now, this.deps.config.fulfillmentDelayMs);
        });
      } catch (error) {
        if (!job) throw error;
        // The step rolled back, its claim with it; it is tried again a minute later so other orders keep moving.
        log.error({ err: error, orderId: job.orderId, nextStatus: job.nextStatus }, 'fulfilment step failed; retrying in a minute');
        const { id } = job;
        await transaction(db, async (tx) => {
          await statement(tx, 'UPDATE fulfillment_jobs SET due_at = ? WHERE id = ? AND done_at IS NULL').run(new Date(now.getTime() + RETRY_MS).toISOString(), id);
        });
      }
      if (!job) break;
      claimed += 1;
    }
    // Requests get their turn between batches; the steps a batch made due run in the next one. Due
    // steps that none could be claimed (another instance runs them) are looked at again shortly.
    this.runAfter(claimed > 0 ? 0 : HELD_MS);
  }
}

/**
 * The claim of the next due step, for the dialect: it marks the job done and returns it, in the
 * transaction that runs the step, so the mark commits with the step or rolls back with it (a killed
 * instance's step is claimed again elsewhere). On PostgreSQL the inner select skips jobs another
 * instance's open transaction holds, so each instance takes a different one and none waits; on
 * SQLite one writer runs at a time and the same statement is the whole claim.
 */
export const claimDueJobSql = (dialect: Dialect, now: Date): SQL => sql`
  UPDATE fulfillment_jobs SET done_at = ${now.toISOString()}
  WHERE id = (SELECT id FROM fulfillment_jobs WHERE done_at IS NULL AND due_at <= ${now.toISOString()} ORDER BY due_at, id LIMIT 1${skipLocked(dialect)}) AND done_at IS NULL
  RETURNING id, order_id AS "orderId", next_status AS "nextStatus", due_at AS "dueAt"`;

/** Claims the next step due at `now` inside the transaction `db`; undefined when none is due (or every due one is held). */
export const claimDueJob = async (db: Db, now: Date): Promise<Job | undefined> => (await runSql<Job>(db, claimDueJobSql(dialectOf(db), now)))[0];

/**
 * Ends an order's pending steps (a cancellation, which holds the order's lock). On PostgreSQL a
 * step that an instance is running right now is skipped rather than waited for: that instance
 * waits for the order's lock, then finds the order cancelled and ends the step itself — waiting
 * here instead would deadlock with it.
 */
export async function cancelFulfillment(db: Db, orderId: number, at: string): Promise<void> {
  await runSql(
    db,
    sql`UPDATE fulfillment_jobs SET done_at = ${at}
        WHERE id IN (SELECT id FROM fulfillment_jobs WHERE order_id = ${orderId} AND done_at IS NULL${skipLocked(dialectOf(db))})
        RETURNING id`,
  );
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

/**
 * One claimed step of one order, inside the transaction `db` that claimed it; a step whose order
 * moved on (cancelled) just ends. The order is locked first, as every change of an order does.
 */
async function runStep(db: Db, job: Job, now: Date, delayMs: number): Promise<void> {
  await lockForUpdate(db, 'orders', job.orderId);
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
