/**
 * Approval decisions, questions and their answers, and cancellation (MOBPROC §4.6). Levels are
 * decided in order; a level is decided by its approver (or whoever acts for them: eligibility is
 * checked for the actor), by any member of its group, or by the approver's approval delegate
 * within the delegate's window — who decides as themselves and is recorded with `onBehalfOf`.
 * Every change writes a history entry naming the people, through `addHistory`.
 */
import type { ApprovalDecision, ApprovalRequest, ApprovalResponse } from '../../../contract/index.ts';
import { isActiveDelegate, tenantToday } from '../approval-delegates.ts';
import type { AuthContext, EmployeeRow } from '../auth-context.ts';
import { findEmployee } from '../employees.ts';
import { ApiError, badRequest, forbidden } from '../errors.ts';
import { transaction, type Db } from '../../storage/db.ts';
import { lockForUpdate } from '../../storage/locks.ts';
import { all, one, statement } from '../../storage/statements.ts';
import { isPartyToOrder } from './approval-policy.ts';
import { cancelFulfillment, scheduleStep } from './fulfillment.ts';
import { eraseSecrets } from './secrets.ts';
import { addHistory, findOrder, openLevel, setOrderStatus, type OrderRow } from './store.ts';

type LevelRow = {
  id: number;
  level: number;
  approverId: number | null;
  approverGroupId: number | null;
  decision: ApprovalDecision;
  decidedById: number | null;
  onBehalfOfId: number | null;
};

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;
const onBehalf = (auth: AuthContext) => (auth.user.id === auth.actor.id ? '' : ` (by ${fullName(auth.user)} on behalf)`);

const levelsOf = async (db: Db, orderId: number) =>
  await all<LevelRow>(
    db,
    'SELECT id, level, approver_id AS approverId, approver_group_id AS approverGroupId, decision, decided_by_id AS decidedById, on_behalf_of_id AS onBehalfOfId FROM order_approvals WHERE order_id = ? ORDER BY level, id',
    orderId,
  );

const isGroupMember = async (db: Db, groupId: number, employeeId: number) =>
  await one(db, 'SELECT 1 FROM approver_group_members WHERE group_id = ? AND employee_id = ?', groupId, employeeId) !== undefined;

/**
 * How the actor may decide `level`: as its approver or group member (`as: 'SELF'`), as the
 * approver's approval delegate today (`as: 'DELEGATE'`, with the approver), or not at all.
 */
async function eligibility(db: Db, auth: AuthContext, level: LevelRow, today: string): Promise<{ as: 'SELF' } | { as: 'DELEGATE'; approverId: number } | null> {
  if (level.approverId !== null) {
    if (level.approverId === auth.actor.id) return { as: 'SELF' };
    if (await isActiveDelegate(db, auth.tenantId, level.approverId, auth.actor.id, today)) return { as: 'DELEGATE', approverId: level.approverId };
    return null;
  }
  if (level.approverGroupId !== null && await isGroupMember(db, level.approverGroupId, auth.actor.id)) return { as: 'SELF' };
  return null;
}

/** Who decided, in a history entry's words: the decider, and for whom when they were a delegate. */
function deciderWords(auth: AuthContext, onBehalfOf: EmployeeRow | undefined): string {
  return onBehalfOf ? `${fullName(auth.actor)} on behalf of ${fullName(onBehalfOf)}${onBehalf(auth)}` : `${fullName(auth.actor)}${onBehalf(auth)}`;
}

/** Whose decision a level waits for, in words. */
async function levelWaitsFor(db: Db, tenantId: number, level: LevelRow): Promise<string> {
  if (level.approverId !== null) {
    const person = await findEmployee(db, tenantId, level.approverId);
    return person ? fullName(person) : 'the approver';
  }
  return (await one<{ name: string }>(db, 'SELECT name FROM approver_groups WHERE id = ?', level.approverGroupId))?.name ?? 'the approver group';
}

/**
 * Decides the order's open level: APPROVE (the next level opens, or the order goes to the
 * carrier), REJECT (the order ends), or REQUEST_INFO (the order waits for an answer, INFO_REQUESTED).
 * Answers APPROVAL_NOT_NEEDED when the caller's level is already decided or no approval applies,
 * NOT_READY_FOR_APPROVAL when the order is not waiting for the caller's level now.
 * @throws ApiError 403 for a caller who decides no level of the order now or before, or who is party to it.
 */
export async function decideApproval(db: Db, auth: AuthContext, order: OrderRow, decision: ApprovalRequest, now: Date, delayMs: number): Promise<ApprovalResponse> {
  return await transaction(db, async (db) => {
    // Another instance deciding, answering or cancelling this order waits here until this one commits.
    await lockForUpdate(db, 'orders', order.id);
    const current = (await findOrder(db, auth.tenantId, order.id))!;
    const levels = await levelsOf(db, order.id);
    if (levels.length === 0) return { status: 'APPROVAL_NOT_NEEDED' as const };
    const today = await tenantToday(db, auth.tenantId, now);
    const open = openLevel(levels);
    const mine = [];
    for (const level of levels) if ((await eligibility(db, auth, level, today)) !== null) mine.push(level);
    if (mine.length === 0) throw forbidden('Only an approver of this order (a member of its approver group, their approval delegate, or someone acting for them) may decide it.');
    // Submit already routed levels past the requester and the account holder; this catches whoever
    // acts for an approver while being one of them (the service desk that placed it), and a
    // delegate deciding their own order.
    if (isPartyToOrder(current, auth.user, auth.actor)) throw forbidden('Nobody decides an order they requested or that is for them.');
    if (!open || !mine.includes(open)) {
      return { status: mine.some((level) => level.decision === 'PENDING' && level.level > (open?.level ?? Infinity)) ? ('NOT_READY_FOR_APPROVAL' as const) : ('APPROVAL_NOT_NEEDED' as const) };
    }
    if (current.status === 'REJECTED') return { status: 'APPROVAL_NOT_NEEDED' as const };
    if (current.status !== 'AWAITING_APPROVAL' || open.decision !== 'PENDING') return { status: 'NOT_READY_FOR_APPROVAL' as const };

    const how = (await eligibility(db, auth, open, today))!;
    const approver = how.as === 'DELEGATE' ? await findEmployee(db, auth.tenantId, how.approverId) : undefined;
    // `decided_by_id` is always the signed-in user (what "decided by me" selects); `on_behalf_of_id`
    // is whose decision it was when that is someone else: the approver an approval delegate stands
    // in for, or the person acted for (else a group member acted for would be recorded nowhere).
    const onBehalfOfId = approver?.id ?? (auth.actor.id !== auth.user.id ? auth.actor.id : null);
    const at = now.toISOString();
    const reasonText = decision.reason?.trim() || null;
    const levelDecision: ApprovalDecision = decision.action === 'APPROVE' ? 'APPROVED' : decision.action === 'REJECT' ? 'REJECTED' : 'INFO_REQUESTED';
    await statement(db, 'UPDATE order_approvals SET decision = ?, reason = ?, decided_by_id = ?, on_behalf_of_id = ?, date_time = ? WHERE id = ?').run(
      levelDecision,
      reasonText,
      auth.user.id,
      onBehalfOfId,
      at,
      open.id,
    );
    const who = deciderWords(auth, approver);
    const levelWords = levels.length > 1 ? ` (level ${open.level} of ${levels.length})` : '';
    const history = async (status: OrderRow['status'], description: string) =>
      await addHistory(db, { orderId: order.id, status, description, actorId: auth.actor.id, requestedById: auth.user.id, at });

    if (decision.action === 'REQUEST_INFO') {
      await setOrderStatus(db, order.id, 'INFO_REQUESTED', at);
      await history('INFO_REQUESTED', `${who} asked for more information${levelWords}: ${asSentence(reasonText ?? '')}`);
      return { status: 'INFO_REQUESTED' as const };
    }
    const reason = reasonText ? `: ${asSentence(reasonText)}` : '.';
    if (decision.action === 'REJECT') {
      await setOrderStatus(db, order.id, 'REJECTED', at);
      await statement(db, 'UPDATE orders SET approver_id = NULL WHERE id = ?').run(order.id);
      await history('REJECTED', `Rejected by ${who}${levelWords}${reason}`);
      await eraseSecrets(db, order.id);
      return { status: 'REJECTION_QUEUED' as const };
    }
    const next = levels.find((level) => level.level > open.level && level.decision === 'PENDING');
    if (next) {
      // The order stays in approval; only the level it waits for changes.
      await statement(db, 'UPDATE orders SET approver_id = ?, updated_at = ? WHERE id = ?').run(next.approverId, at, order.id);
      await history('AWAITING_APPROVAL', `Approved by ${who}${levelWords}${reason} Now awaiting approval by ${await levelWaitsFor(db, auth.tenantId, next)}.`);
      return { status: 'APPROVAL_QUEUED' as const };
    }
    await setOrderStatus(db, order.id, 'ORDER_SUBMITTED', at);
    await statement(db, 'UPDATE orders SET approver_id = NULL WHERE id = ?').run(order.id);
    await history('ORDER_SUBMITTED', `Approved by ${who}${levelWords}${reason} Sent to the carrier.`);
    await scheduleStep(db, order.id, 'IN_PROGRESS', new Date(now.getTime() + delayMs));
    return { status: 'APPROVAL_QUEUED' as const };
  });
}

/**
 * The requester or account holder answers an approver's question (extension request-info): the
 * asking level opens again (PENDING) and the order returns to AWAITING_APPROVAL.
 * @throws ApiError 403 for anyone else; 400 (field `orderId`) when the order is not waiting for an answer.
 */
export async function answerInfoRequest(db: Db, auth: AuthContext, order: OrderRow, answer: string, now: Date): Promise<void> {
  if (!isPartyToOrder(order, auth.user, auth.actor)) throw forbidden('Only the account holder or the person who placed the order may answer its approver’s question.');
  await transaction(db, async (db) => {
    // Another instance deciding, answering or cancelling this order waits here until this one commits.
    await lockForUpdate(db, 'orders', order.id);
    const current = (await findOrder(db, auth.tenantId, order.id))!;
    const asking = (await levelsOf(db, order.id)).find((level) => level.decision === 'INFO_REQUESTED');
    if (current.status !== 'INFO_REQUESTED' || !asking) {
      throw new ApiError(badRequest('NOT_WAITING_FOR_INFO', `Order ${order.id} is ${current.status}: no approver is waiting for an answer.`, 'orderId'));
    }
    // Whoever asked (or the approver they asked for) answering as the requester would skip the
    // question: refused however they got here (acting for the requester included).
    const askers = new Set([asking.approverId, asking.decidedById, asking.onBehalfOfId].filter((id) => id !== null));
    if (askers.has(auth.user.id) || askers.has(auth.actor.id)) {
      throw forbidden('The approver who asked the question cannot answer it, not even while acting for the requester.');
    }
    const at = now.toISOString();
    // The question stays in history; the level is undecided again for the same approver.
    await statement(db, "UPDATE order_approvals SET decision = 'PENDING', reason = NULL, decided_by_id = NULL, on_behalf_of_id = NULL, date_time = NULL WHERE id = ?").run(asking.id);
    await setOrderStatus(db, order.id, 'AWAITING_APPROVAL', at);
    await addHistory(db, {
      orderId: order.id,
      status: 'AWAITING_APPROVAL',
      description: `${fullName(auth.actor)}${onBehalf(auth)} answered: ${asSentence(answer)} Awaiting approval by ${await levelWaitsFor(db, auth.tenantId, asking)} again.`,
      actorId: auth.actor.id,
      requestedById: auth.user.id,
      at,
    });
  });
}

/** `text` ending as a sentence does, so the words after it in a history entry start a new one. */
const asSentence = (text: string) => (/[.!?…]['"’”)]?$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** The account holder or the requester withdraws an order that has not gone further than the carrier's inbox. */
export async function cancelOrder(db: Db, auth: AuthContext, order: OrderRow, reason: string | undefined, now: Date): Promise<void> {
  if (!isPartyToOrder(order, auth.user, auth.actor)) throw forbidden('Only the account holder or the person who placed the order may cancel it.');
  await transaction(db, async (db) => {
    // Another instance deciding, answering or cancelling this order waits here until this one commits.
    await lockForUpdate(db, 'orders', order.id);
    const current = (await findOrder(db, auth.tenantId, order.id))!;
    if (current.status !== 'AWAITING_APPROVAL' && current.status !== 'INFO_REQUESTED' && current.status !== 'ORDER_SUBMITTED') {
      throw new ApiError(
        badRequest(
          'NOT_CANCELLABLE',
          `An order that is ${current.status} can no longer be cancelled; only orders awaiting approval or an answer, or just submitted, can.`,
          'orderId',
        ),
      );
    }
    const at = now.toISOString();
    await setOrderStatus(db, order.id, 'CANCELLED', at);
    await statement(db, 'UPDATE orders SET approver_id = NULL WHERE id = ?').run(order.id);
    await eraseSecrets(db, order.id);
    await cancelFulfillment(db, order.id, at);
    await addHistory(db, {
      orderId: order.id,
      status: 'CANCELLED',
      description: `Cancelled by ${fullName(auth.actor)}${onBehalf(auth)}${reason?.trim() ? `: ${reason.trim()}` : '.'}`,
      actorId: auth.actor.id,
      requestedById: auth.user.id,
      at,
    });
  });
}
