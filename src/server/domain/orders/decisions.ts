/**
 * Approval decisions and cancellation (MOBPROC §4.6). Eligibility is checked for the actor, so a
 * delegate acting for a manager decides that manager's approvals; history names both.
 */
import type { ApprovalRequest, ApprovalResponse } from '../../../contract/index.ts';
import type { AuthContext } from '../auth-context.ts';
import { ApiError, badRequest, forbidden } from '../errors.ts';
import { writeTransaction, type Db } from '../../storage/db.ts';
import { one, statement } from '../../storage/statements.ts';
import { isPartyToOrder } from './approval-policy.ts';
import { scheduleStep } from './engine.ts';
import { eraseSecrets } from './secrets.ts';
import { addHistory, findOrder, setOrderStatus, type OrderRow } from './store.ts';

type PendingApproval = { id: number; approverId: number; decision: 'PENDING' | 'APPROVED' | 'REJECTED' };

const fullName = (person: { firstName: string; lastName: string }) => `${person.firstName} ${person.lastName}`;
const onBehalf = (auth: AuthContext) => (auth.user.id === auth.actor.id ? '' : ` (by ${fullName(auth.user)} on behalf)`);

export function decideApproval(
  db: Db,
  auth: AuthContext,
  order: OrderRow,
  decision: ApprovalRequest,
  now: Date,
  delayMs: number,
): ApprovalResponse {
  return writeTransaction(db, () => {
    const current = findOrder(db, auth.tenantId, order.id)!;
    const approval = one<PendingApproval>(
      db,
      'SELECT id, approver_id AS approverId, decision FROM order_approvals WHERE order_id = ? ORDER BY level, id LIMIT 1',
      order.id,
    );
    if (!approval) return { status: 'APPROVAL_NOT_NEEDED' as const };
    if (approval.approverId !== auth.actor.id) throw forbidden('Only the approver of this order (or someone acting for them) may decide it.');
    // Submit already routed the level past the requester and the account holder; this catches
    // whoever acts for the approver while being one of them (the service desk that placed it).
    if (isPartyToOrder(current, auth.user, auth.actor)) throw forbidden('Nobody decides an order they requested or that is for them.');
    if (approval.decision !== 'PENDING') return { status: 'APPROVAL_NOT_NEEDED' as const };
    if (current.status !== 'AWAITING_APPROVAL') return { status: 'NOT_READY_FOR_APPROVAL' as const };
    const at = now.toISOString();
    const approved = decision.action === 'APPROVE';
    statement(db, 'UPDATE order_approvals SET decision = ?, reason = ?, decided_by_id = ?, date_time = ? WHERE id = ?').run(
      approved ? 'APPROVED' : 'REJECTED',
      decision.reason?.trim() || null,
      auth.user.id,
      at,
      approval.id,
    );
    const status = approved ? 'ORDER_SUBMITTED' : 'REJECTED';
    setOrderStatus(db, order.id, status, at);
    const reason = decision.reason?.trim() ? `: ${decision.reason.trim()}` : '.';
    addHistory(db, {
      orderId: order.id,
      status,
      description: `${approved ? 'Approved' : 'Rejected'} by ${fullName(auth.actor)}${onBehalf(auth)}${reason}${approved ? ' Sent to the carrier.' : ''}`,
      actorId: auth.actor.id,
      requestedById: auth.user.id,
      at,
    });
    if (approved) scheduleStep(db, order.id, 'IN_PROGRESS', new Date(now.getTime() + delayMs));
    else eraseSecrets(db, order.id);
    return { status: approved ? ('APPROVAL_QUEUED' as const) : ('REJECTION_QUEUED' as const) };
  });
}

/** The account holder or the requester withdraws an order that has not gone further than the carrier's inbox. */
export function cancelOrder(db: Db, auth: AuthContext, order: OrderRow, reason: string | undefined, now: Date): void {
  const mayCancel = [auth.actor.id, auth.user.id].some((id) => id === order.accountHolderId || id === order.requestedById);
  if (!mayCancel) throw forbidden('Only the account holder or the person who placed the order may cancel it.');
  writeTransaction(db, () => {
    const current = findOrder(db, auth.tenantId, order.id)!;
    if (current.status !== 'AWAITING_APPROVAL' && current.status !== 'ORDER_SUBMITTED') {
      throw new ApiError(
        badRequest('NOT_CANCELLABLE', `An order that is ${current.status} can no longer be cancelled; only orders awaiting approval or just submitted can.`, 'orderId'),
      );
    }
    const at = now.toISOString();
    setOrderStatus(db, order.id, 'CANCELLED', at);
    eraseSecrets(db, order.id);
    statement(db, 'UPDATE fulfillment_jobs SET done_at = ? WHERE order_id = ? AND done_at IS NULL').run(at, order.id);
    addHistory(db, {
      orderId: order.id,
      status: 'CANCELLED',
      description: `Cancelled by ${fullName(auth.actor)}${onBehalf(auth)}${reason?.trim() ? `: ${reason.trim()}` : '.'}`,
      actorId: auth.actor.id,
      requestedById: auth.user.id,
      at,
    });
  });
}
