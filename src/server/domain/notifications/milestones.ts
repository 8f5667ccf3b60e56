/**
 * What happens when an order's history gets an entry (MOBPROC §4.6): an `order.updated` (and, when
 * it enters an approval queue, `approval.queued`) event once the change commits, and, at a
 * milestone, an email to each person concerned, written to the outbox in the same transaction.
 *
 * Milestones and their recipients (each person once per message; nobody who turned email off):
 * - approval needed (AWAITING_APPROVAL: submitted, a level decided and the next one opened, or a
 *   question answered): whoever may decide the open level now (its approver and their approval
 *   delegate of today, or each member of its approver group);
 * - information requested (INFO_REQUESTED), approved (ORDER_SUBMITTED after an approval),
 *   rejected, shipped, complete: the requester and the account holder.
 * Submitted without approval, in progress and cancelled are no milestones: the person who did it knows.
 */
import { formatServiceNumber, transactionType, transactionTypeWords, type Money, type OrderStatus } from '../../../contract/index.ts';
import { reportSideEffectError, transaction, type Db } from '../../storage/db.ts';
import { all, one, statement } from '../../storage/statements.ts';
import { tenantToday } from '../approval-delegates.ts';
import { findEmployee } from '../employees.ts';
import type { OrderRow } from '../orders/store.ts';
import { eventBus, publish, wakeWorker, type OrderChange } from './events.ts';
import { emailEnabled } from './settings.ts';
import { jsonFieldText } from '../sql.ts';

export type Milestone = 'approval-needed' | 'information-requested' | 'approved' | 'rejected' | 'shipped' | 'complete';

/**
 * The open approval level (the first one PENDING or asking a question) and who may decide it now:
 * its approver and the approver's approval delegate of today, or the members of its approver
 * group — never the requester or the account holder (MOBPROC §4.6).
 */
async function openApproval(db: Db, order: { id: number; tenantId: number; accountHolderId: number; requestedById: number }, at: string): Promise<{ level: number; deciderIds: number[] } | null> {
  const open = await one<{ level: number; approverId: number | null; approverGroupId: number | null }>(
    db,
    `SELECT level, approver_id AS approverId, approver_group_id AS approverGroupId FROM order_approvals
     WHERE order_id = ? AND decision IN ('PENDING', 'INFO_REQUESTED') ORDER BY level, id LIMIT 1`,
    order.id,
  );
  if (!open) return null;
  const today = await tenantToday(db, order.tenantId, new Date(at));
  const deciders =
    open.approverId !== null
      ? [
          open.approverId,
          ...(await all<{ id: number }>(
            db,
            'SELECT delegate_id AS id FROM approval_delegates WHERE tenant_id = ? AND approver_id = ? AND from_date <= ? AND until_date >= ?',
            order.tenantId,
            open.approverId,
            today,
            today,
          )).map((row) => row.id),
        ]
      : (await all<{ id: number }>(db, 'SELECT employee_id AS id FROM approver_group_members WHERE group_id = ? ORDER BY employee_id', open.approverGroupId)).map((row) => row.id);
  const parties = new Set([order.accountHolderId, order.requestedById]);
  return { level: open.level, deciderIds: [...new Set(deciders)].filter((id) => !parties.has(id)) };
}

const wasApproved = async (db: Db, orderId: number) =>
  await one(db, `SELECT 1 FROM order_approvals WHERE order_id = ? AND decision = 'APPROVED' LIMIT 1`, orderId) !== undefined;

async function milestoneOf(db: Db, order: ChangedOrder, status: OrderStatus): Promise<Milestone | null> {
  switch (status) {
    case 'AWAITING_APPROVAL':
      return 'approval-needed';
    case 'INFO_REQUESTED':
      return 'information-requested';
    case 'ORDER_SUBMITTED':
      return await wasApproved(db, order.id) ? 'approved' : null;
    case 'REJECTED':
      return 'rejected';
    case 'SHIPPED':
      return 'shipped';
    case 'COMPLETE':
      return 'complete';
    default:
      return null;
  }
}

/** What an order change tells: the order's people and status as they are now. */
const changedOrder = (db: Db, orderId: number) =>
  one<ChangedOrder>(
    db,
    `SELECT id, tenant_id AS tenantId, transaction_type AS transactionType, status, account_holder_id AS accountHolderId,
       requested_by_id AS requestedById, service_number AS serviceNumber
     FROM orders WHERE id = ?`,
    orderId,
  );

/**
 * Called by `addHistory` inside the write transaction of every status change: queues the events
 * for after the commit and writes the milestone's messages to the outbox.
 */
export async function recordChange(db: Db, change: { historyId: number; orderId: number; status: OrderStatus; description: string; at: string }): Promise<void> {
  const row = await changedOrder(db, change.orderId);
  if (!row) return;
  const event = await orderChangeOf(db, change.historyId, row, change.at);
  await publish(db, event);
  const deciders = event.approverIds;
  const milestone = await milestoneOf(db, row, change.status);
  if (!milestone) return;
  try {
    // A savepoint: the outbox rows commit with the change, but a fault here (a bug, a broken
    // outbox table) costs the email, never the order.
    await transaction(db, async (db) => await queueEmails(db, row, milestone, deciders, change));
  } catch (error) {
    reportSideEffectError(error);
  }
}

/**
 * The columns of an order that its events and messages name. Not the whole row: its confirmation,
 * properties and ship-to are kilobytes of JSON to parse on every status change (a submit read
 * them twice, here and for its answer), and a message needs only the confirmation's totals.
 */
type ChangedOrder = Pick<OrderRow, 'id' | 'tenantId' | 'transactionType' | 'status' | 'accountHolderId' | 'requestedById' | 'serviceNumber'>;

/** The event of a history entry of `order`, as the order stands now (`at`: when, for today's delegates). */
async function orderChangeOf(db: Db, historyId: number, order: ChangedOrder, at: string): Promise<OrderChange> {
  const open = order.status === 'AWAITING_APPROVAL' || order.status === 'INFO_REQUESTED' ? await openApproval(db, order, at) : null;
  return {
    kind: 'order',
    id: historyId,
    tenantId: order.tenantId,
    orderId: order.id,
    status: order.status,
    pendingApprovalLevel: open?.level ?? null,
    approverIds: order.status === 'AWAITING_APPROVAL' ? (open?.deciderIds ?? []) : [],
    accountHolderId: order.accountHolderId,
    requestedById: order.requestedById,
  };
}

/** History entries read per catch-up query. */
const CATCH_UP_BATCH = 500;

/**
 * After this instance stopped hearing the others for a while (its listening connection was lost
 * and is back), publishes to its bus the order changes committed meanwhile: the history entries
 * past the newest one the bus has, each with the status its entry recorded (the order's people as
 * they are now).
 * Entries the bus already has are skipped. Returns how many were published.
 */
export async function catchUpChanges(db: Db, now: Date): Promise<number> {
  const bus = await eventBus(db);
  let after = bus.latestId;
  let published = 0;
  for (;;) {
    const entries = await all<{ id: number; orderId: number; status: OrderStatus }>(
      db,
      'SELECT id, order_id AS orderId, status FROM order_history WHERE id > ? ORDER BY id LIMIT ?',
      after,
      CATCH_UP_BATCH,
    );
    for (const entry of entries) {
      if (bus.has(entry.id)) continue;
      const order = await changedOrder(db, entry.orderId);
      if (!order) continue;
      // Each change as its entry recorded it, as the live event said: three missed steps are three
      // statuses, not the one the order has now three times.
      bus.publish(await orderChangeOf(db, entry.id, { ...order, status: entry.status }, now.toISOString()));
      published += 1;
    }
    if (entries.length < CATCH_UP_BATCH) return published;
    after = entries.at(-1)!.id;
  }
}

async function queueEmails(db: Db, order: ChangedOrder, milestone: Milestone, approverIds: number[], change: { description: string; at: string }): Promise<void> {
  const recipientIds = milestone === 'approval-needed' ? approverIds : [order.requestedById, order.accountHolderId];
  const insert = statement(
    db,
    `INSERT INTO email_outbox (tenant_id, order_id, milestone, recipient_id, to_address, to_name, subject, body, link_path, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let queued = false;
  // What every message says of the order, read once for all its recipients (a group level has several).
  let about: AboutOrder | undefined;
  for (const recipientId of new Set(recipientIds)) {
    const person = await findEmployee(db, order.tenantId, recipientId);
    if (!person || person.status !== 'ACTIVE' || !person.email.includes('@') || !await emailEnabled(db, person.id)) continue;
    about ??= await aboutOrder(db, order);
    const message = composeMessage(about, milestone, person, change.description);
    await insert.run(order.tenantId, order.id, milestone, person.id, person.email, fullName(person), message.subject, message.body, pagePath(milestone, order.id), change.at, change.at);
    queued = true;
  }
  if (queued) await wakeWorker(db, 'mail');
}

/**
 * The web app's page a message links to (src/web/app/router.tsx): for an approver, the page where
 * they decide (`approvals/:orderId`) — the order's own page offers the decision only to a person
 * level's approver, not to a group's members or a delegate; for everyone else the order's page
 * (`orders/:orderId`).
 */
const pagePath = (milestone: Milestone, orderId: number) => (milestone === 'approval-needed' ? `/approvals/${orderId}` : `/orders/${orderId}`);

type Person = { firstName: string; lastName: string };
const fullName = (person: Person) => `${person.firstName} ${person.lastName}`.trim();

/** The type in the app's words ("Cancel line" for DEACTIVATE), so the email names the order as the app does. */
const typeInWords = (type: string) => {
  const known = transactionType.safeParse(type);
  if (known.success) return transactionTypeWords(known.data);
  const words = type.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const statusInWords: Record<OrderStatus, string> = {
  AWAITING_APPROVAL: 'awaiting approval',
  INFO_REQUESTED: 'waiting for an answer to the approver\'s question',
  ORDER_SUBMITTED: 'sent to the carrier',
  IN_PROGRESS: 'in progress at the carrier',
  SHIPPED: 'shipped',
  COMPLETE: 'complete',
  REJECTED: 'rejected',
  CANCELLED: 'cancelled',
};

/** One formatter per currency: building an Intl formatter per message was 3 % of a submit (decision 16). */
const moneyFormats = new Map<string, Intl.NumberFormat>();

function formatMoney(money: Money): string {
  let format = moneyFormats.get(money.currencyCode);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currencyCode });
    moneyFormats.set(money.currencyCode, format);
  }
  return format.format(money.amount);
}

type StoredSegment = { device?: { name?: string } | null; plan?: { name?: string } | null; accessories?: { name?: string; quantity?: number }[] };

/** What the order orders, in words: "Pixel 9 on Business Unlimited, USB-C charger (2 lines)". */
async function itemsInWords(db: Db, orderId: number): Promise<string> {
  const segments = (await all<{ body: string }>(db, 'SELECT body FROM order_segments WHERE order_id = ? ORDER BY position, id', orderId)).map(
    (segment) => JSON.parse(segment.body) as StoredSegment,
  );
  const first = segments[0];
  if (!first) return '';
  const parts: string[] = [];
  const device = first.device?.name;
  const plan = first.plan?.name;
  if (device && plan) parts.push(`${device} on ${plan}`);
  else if (device ?? plan) parts.push((device ?? plan)!);
  for (const accessory of first.accessories ?? []) {
    if (accessory.name) parts.push(accessory.quantity && accessory.quantity > 1 ? `${accessory.name} (${accessory.quantity})` : accessory.name);
  }
  const lines = segments.length > 1 ? ` (${segments.length} lines)` : '';
  return parts.length > 0 ? `${parts.join(', ')}${lines}` : '';
}

const openings: Record<Milestone, (order: string, holder: string) => string> = {
  'approval-needed': (order, holder) => `${order} for ${holder} needs your approval.`,
  'information-requested': (order) => `The approver of ${order} has a question; the order waits for your answer.`,
  approved: (order) => `${order} was approved and sent to the carrier.`,
  rejected: (order) => `${order} was rejected.`,
  shipped: (order) => `${order} has shipped.`,
  complete: (order) => `${order} is complete: the change is in effect.`,
};

const subjects: Record<Milestone, string> = {
  'approval-needed': 'Approval needed',
  'information-requested': 'Information requested',
  approved: 'Approved',
  rejected: 'Rejected',
  shipped: 'Shipped',
  complete: 'Complete',
};

/** The confirmation's totals (its `costSummary`), read alone from the stored JSON. */
const costSummaryOf = async (db: Db, orderId: number): Promise<Money[]> => {
  const stored = await one<{ costSummary: string | null }>(db, `SELECT ${jsonFieldText(db, 'confirmation', 'costSummary')} AS costSummary FROM orders WHERE id = ?`, orderId);
  return stored?.costSummary ? (JSON.parse(stored.costSummary) as Money[]) : [];
};

type AboutOrder = { orderId: number; kind: string; holderName: string; facts: string[] };

/** The order's facts as every message about it lists them, and the words its subject and opening use. */
async function aboutOrder(db: Db, order: ChangedOrder): Promise<AboutOrder> {
  const holder = await findEmployee(db, order.tenantId, order.accountHolderId);
  const requester = await findEmployee(db, order.tenantId, order.requestedById);
  const holderName = holder ? fullName(holder) : 'an employee';
  const kind = typeInWords(order.transactionType).toLowerCase();
  const totals = (await costSummaryOf(db, order.id))
    .filter((money) => money.amount !== 0)
    .map((money) => `${formatMoney(money)} ${money.recurrence === 'MONTHLY' ? 'a month' : 'one-time'}`);
  const items = await itemsInWords(db, order.id);
  const facts = [
    `Order:       ${order.id}, ${kind}`,
    `For:         ${holderName}`,
    ...(requester && requester.id !== holder?.id ? [`Placed by:   ${fullName(requester)}`] : []),
    ...(order.serviceNumber ? [`Line:        ${formatServiceNumber(order.serviceNumber)}`] : []),
    ...(items ? [`What:        ${items}`] : []),
    ...(totals.length > 0 ? [`Cost:        ${totals.join(', ')}`] : []),
    `Status:      ${statusInWords[order.status]}`,
  ];
  return { orderId: order.id, kind, holderName, facts };
}

/** The subject and plain-text body of one message; the worker appends the link to the order's page. */
function composeMessage(about: AboutOrder, milestone: Milestone, recipient: Person, whatHappened: string): { subject: string; body: string } {
  const { orderId, kind, holderName, facts } = about;
  const opening = openings[milestone](`Order ${orderId} (${kind})`, holderName);
  // The history's words unless the opening already says them ("Complete: the change is in effect.").
  const story = opening.toLowerCase().includes(whatHappened.toLowerCase()) ? [] : [whatHappened, ''];
  const body = [`Hello ${recipient.firstName},`, '', opening, '', ...story, ...facts].join('\n');
  return { subject: `${subjects[milestone]}: order ${orderId}, ${kind} for ${holderName}`, body };
}
