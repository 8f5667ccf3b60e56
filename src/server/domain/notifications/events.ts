/**
 * The in-process event bus behind `GET /events` (extension `events`, MOBPROC §4.6). Changes travel
 * to the bus of every server instance on the database through the broadcast (`storage/broadcast.ts`:
 * in process on SQLite, `LISTEN/NOTIFY` on PostgreSQL), only once their transaction committed, so
 * no listener hears of a change that rolled back. One bus per database, like the workers: a
 * test's servers stay apart. The workers' wake-ups travel the same way (`wakeWorker`).
 *
 * The bus knows nothing of who may hear what; each listener (one `/events` stream) checks every
 * order event against its caller's visibility before sending it on. It keeps the latest changes
 * (`REPLAY_CHANGES`) for streams that reconnect with `Last-Event-ID`; they are checked the same way.
 */
import type { OrderStatus } from '../../../contract/index.ts';
import { broadcast, onBroadcast, onBroadcastResume, type BroadcastMessage } from '../../storage/broadcast.ts';
import { rootOf, type Db } from '../../storage/db.ts';
import { one } from '../../storage/statements.ts';

/**
 * How many recent order changes the bus keeps, so a stream that reconnects with `Last-Event-ID`
 * gets what it missed meanwhile (at 1,000 changes, minutes of a busy tenant; a few hundred kB).
 */
export const REPLAY_CHANGES = 1000;

/** A committed change of one order: a history entry was written (every status change writes one). */
export type OrderChange = {
  kind: 'order';
  /** The history entry's ID: increases with every change, so it serves as the SSE event id. */
  id: number;
  tenantId: number;
  orderId: number;
  status: OrderStatus;
  /** The open approval level's number while the order awaits approval, else null. */
  pendingApprovalLevel: number | null;
  /** Who may decide the open level now (empty unless awaiting approval): they hear `approval.queued`. */
  approverIds: number[];
  /** Nobody hears `approval.queued` for an order they placed or that is for them. */
  accountHolderId: number;
  requestedById: number;
};

/** Tokens of a grant were revoked (sign-out, a replayed refresh token): their streams end. */
export type GrantRevoked = { kind: 'grant-revoked'; grantId: string };

/** The server is shutting down: every stream ends now. */
export type Shutdown = { kind: 'shutdown' };

export type BusEvent = OrderChange | GrantRevoked | Shutdown;

/** The background workers that a committed change can give work to. */
export type Worker = 'fulfillment' | 'mail';

/** Work became due for `worker`: every instance's worker looks (one of them claims it). */
export type WakeUp = { kind: 'wake'; worker: Worker };
export type Listener = (event: BusEvent) => void;

/** What a reconnecting stream missed: the kept changes after its last id, and whether that is all of them. */
export type Replay = { changes: OrderChange[]; complete: boolean };

export class EventBus {
  private readonly listeners = new Set<Listener>();
  /** The latest order changes, oldest first, at most `capacity`. */
  private readonly recent: OrderChange[] = [];
  /** The ids in `recent`: a change heard twice (live and in a catch-up after a lost connection) is published once. */
  private readonly kept = new Set<number>();

  /**
   * @param floor The highest change id that may be missing from the kept changes: the last one
   *   before this bus existed (this process started); it rises as old changes are dropped.
   */
  constructor(
    private floor: number,
    private readonly capacity = REPLAY_CHANGES,
  ) {}

  /** The newest change id this bus knows of: where a stream stands once it has everything kept. */
  get latestId(): number {
    return this.recent.at(-1)?.id ?? this.floor;
  }

  /**
   * The kept changes with an id above `lastId`, oldest first. Not `complete` when some may have
   * been dropped or were made before this process started, or when `lastId` is newer than any
   * change here (an id of another server, or of this database before a reset): the client must
   * read its page again.
   */
  since(lastId: number): Replay {
    return { changes: this.recent.filter((change) => change.id > lastId), complete: lastId >= this.floor && lastId <= this.latestId };
  }

  /** Adds a listener; the returned function removes it. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the change with this id is among the kept ones. */
  has(id: number): boolean {
    return this.kept.has(id);
  }

  get size(): number {
    return this.listeners.size;
  }

  publish(event: BusEvent): void {
    if (event.kind === 'order') {
      if (this.kept.has(event.id)) return;
      this.recent.push(event);
      this.kept.add(event.id);
      if (this.recent.length > this.capacity) {
        const dropped = this.recent.shift()!;
        this.kept.delete(dropped.id);
        this.floor = Math.max(this.floor, dropped.id);
      }
    }
    for (const listener of [...this.listeners]) {
      // One broken stream must not keep the event from the others.
      try {
        listener(event);
      } catch {
        this.listeners.delete(listener);
      }
    }
  }
}

const buses = new WeakMap<Db, EventBus>();

const isBusEvent = (message: BroadcastMessage): message is OrderChange | GrantRevoked => message.kind === 'order' || message.kind === 'grant-revoked';

/**
 * The database's bus; the server creates it at start (after starting the broadcast), so it knows
 * which changes came before it and hears every instance's changes from then on.
 */
export async function eventBus(db: Db): Promise<EventBus> {
  const root = rootOf(db);
  const existing = buses.get(root);
  if (existing) return existing;
  const last = (await one<{ last: number | null }>(db, 'SELECT MAX(id) AS last FROM order_history'))?.last ?? 0;
  // Another caller may have made it while this one read.
  const made = buses.get(root);
  if (made) return made;
  const bus = new EventBus(last);
  buses.set(root, bus);
  onBroadcast(root, (message) => {
    if (isBusEvent(message)) bus.publish(message);
  });
  return bus;
}

/**
 * Publishes `event` to the bus of every instance once the transaction in progress on `db`
 * commits, never if it rolls back. Call it with the transaction's handle, inside the transaction.
 */
export async function publish(db: Db, event: OrderChange | GrantRevoked): Promise<void> {
  // A notification carries less than 8,000 bytes on PostgreSQL. A level thousands may decide (a
  // large approver group) is announced without naming them: their queues learn of the order when
  // they next poll, and the change itself never fails for its announcement.
  const announced = event.kind === 'order' && event.approverIds.length > MOST_NAMED_APPROVERS ? { ...event, approverIds: [] } : event;
  await broadcast(db, announced);
}

/** The most approvers an order change names (about 11 bytes each, well inside a notification). */
const MOST_NAMED_APPROVERS = 500;

/** Wakes `worker` on every instance once the transaction in progress on `db` has committed. */
export async function wakeWorker(db: Db, worker: Worker): Promise<void> {
  const wakeUp: WakeUp = { kind: 'wake', worker };
  await broadcast(db, wakeUp);
}

/**
 * Runs `wake` whenever work became due for `worker` on any instance, and after listening resumed
 * from a lost connection (wake-ups may have been missed). Returns the function that stops it.
 */
export function onWakeUp(db: Db, worker: Worker, wake: () => void): () => void {
  const stopMessages = onBroadcast(db, (message) => {
    if (message.kind === 'wake' && (message as WakeUp).worker === worker) wake();
  });
  const stopResumes = onBroadcastResume(db, wake);
  return () => {
    stopMessages();
    stopResumes();
  };
}
