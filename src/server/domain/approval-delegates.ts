/**
 * Approval delegates (MOBPROC §4.6, extension approval-delegates): the person an approver names to
 * decide their approval levels for a window of calendar days in the tenant's time zone. The
 * delegate decides as themselves (no act-for); decisions.ts records both people.
 */
import { calendarDateIn } from '../../contract/dynamic.ts';
import { addCalendarDays, APPROVAL_DELEGATE_MAX_DAYS, type ApprovalDelegateRequest, type ApprovalDelegateResponse } from '../../contract/index.ts';
import type { AuthContext } from './auth-context.ts';
import { employeesByIds, findEmployee, presentEmployeeSummary } from './employees.ts';
import { ApiError, badRequest } from './errors.ts';
import { tenantTimeZone } from './orders/effective-date.ts';
import { storageId } from './sql.ts';
import type { Db } from '../storage/db.ts';
import { all, one, statement } from '../storage/statements.ts';

/** Today's calendar date (`YYYY-MM-DD`) in the tenant's time zone at `now` (an unknown zone reads as UTC). */
export const tenantToday = async (db: Db, tenantId: number, now: Date): Promise<string> => calendarDateIn(await tenantTimeZone(db, tenantId), now);

type DelegationRow = { approverId: number; delegateId: number; fromDate: string; untilDate: string };

/**
 * Whether `person` decides approvals beyond being a manager: a member of an approver group, or
 * someone's approval delegate whose window has not ended (so the app shows them the queue).
 */
export async function decidesApprovals(db: Db, person: { id: number; tenantId: number }, today: string): Promise<boolean> {
  return (
    await one(db, 'SELECT 1 FROM approver_group_members WHERE employee_id = ? LIMIT 1', person.id) !== undefined ||
    await one(db, 'SELECT 1 FROM approval_delegates WHERE tenant_id = ? AND delegate_id = ? AND until_date >= ? LIMIT 1', person.tenantId, person.id, today) !== undefined
  );
}

/** Whether `delegateId` is `approverId`'s approval delegate today. */
export async function isActiveDelegate(db: Db, tenantId: number, approverId: number, delegateId: number, today: string): Promise<boolean> {
  return (
    await one(
      db,
      'SELECT 1 FROM approval_delegates WHERE tenant_id = ? AND approver_id = ? AND delegate_id = ? AND from_date <= ? AND until_date >= ?',
      tenantId,
      approverId,
      delegateId,
      today,
      today,
    ) !== undefined
  );
}

/** The caller's (the actor's) approval delegate and whom the caller is delegate for; see `approvalDelegateResponse`. */
export async function approvalDelegateOf(db: Db, origin: string, auth: AuthContext, now: Date): Promise<ApprovalDelegateResponse> {
  const today = await tenantToday(db, auth.tenantId, now);
  const own = await one<DelegationRow>(
    db,
    'SELECT approver_id AS approverId, delegate_id AS delegateId, from_date AS fromDate, until_date AS untilDate FROM approval_delegates WHERE tenant_id = ? AND approver_id = ?',
    auth.tenantId,
    auth.actor.id,
  );
  const forOthers = await all<DelegationRow>(
    db,
    'SELECT approver_id AS approverId, delegate_id AS delegateId, from_date AS fromDate, until_date AS untilDate FROM approval_delegates WHERE tenant_id = ? AND delegate_id = ? AND until_date >= ? ORDER BY from_date, approver_id',
    auth.tenantId,
    auth.actor.id,
    today,
  );
  const people = new Map((await employeesByIds(db, [...(own ? [own.delegateId] : []), ...forOthers.map((row) => row.approverId)])).map((row) => [row.id, row]));
  const summary = (employeeId: number) => presentEmployeeSummary(origin, people.get(employeeId)!);
  return {
    delegateEmployeeId: own ? String(own.delegateId) : null,
    from: own?.fromDate ?? null,
    until: own?.untilDate ?? null,
    delegate: own ? summary(own.delegateId) : null,
    active: own !== undefined && own.fromDate <= today && today <= own.untilDate,
    delegateFor: forOthers.map((row) => ({ approver: summary(row.approverId), from: row.fromDate, until: row.untilDate })),
    today,
  };
}

/**
 * Names (or replaces) the actor's approval delegate.
 * @throws ApiError 400 naming `delegateEmployeeId` (yourself, unknown in this company, inactive, a service account)
 *   or `until` (before today in the tenant's time zone, or more than `APPROVAL_DELEGATE_MAX_DAYS`
 *   days after it).
 */
export async function setApprovalDelegate(db: Db, auth: AuthContext, request: ApprovalDelegateRequest, now: Date): Promise<void> {
  const problems = [];
  const delegateId = storageId(request.delegateEmployeeId);
  const delegate = delegateId === null ? undefined : await findEmployee(db, auth.tenantId, delegateId);
  if (delegateId !== null && delegateId === auth.actor.id) {
    problems.push(badRequest('INVALID_FIELD', 'Name someone else: you already decide your own approvals.', 'delegateEmployeeId'));
  } else if (!delegate) {
    problems.push(badRequest('INVALID_FIELD', `There is no employee ${request.delegateEmployeeId} in your company.`, 'delegateEmployeeId'));
  } else if (delegate.status !== 'ACTIVE') {
    problems.push(badRequest('INVALID_FIELD', `${delegate.firstName} ${delegate.lastName} no longer works here; name an active colleague.`, 'delegateEmployeeId'));
  } else if (delegate.isServiceAccount) {
    // A service account never signs in to the app, so approvals handed to it would wait unseen.
    problems.push(badRequest('INVALID_FIELD', `${delegate.firstName} ${delegate.lastName} is a service account, which cannot decide approvals; name a colleague.`, 'delegateEmployeeId'));
  }
  const today = await tenantToday(db, auth.tenantId, now);
  const latest = addCalendarDays(today, APPROVAL_DELEGATE_MAX_DAYS);
  if (request.until < today) problems.push(badRequest('INVALID_FIELD', `The last day (${request.until}) is in the past; today is ${today}.`, 'until'));
  else if (request.until > latest) {
    problems.push(badRequest('INVALID_FIELD', `The last day (${request.until}) is too far ahead: a delegation may run to ${latest} at the latest, ${APPROVAL_DELEGATE_MAX_DAYS} days from today.`, 'until'));
  }
  if (problems.length > 0) throw new ApiError(problems);
  await statement(
    db,
    `INSERT INTO approval_delegates (tenant_id, approver_id, delegate_id, from_date, until_date) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (approver_id) DO UPDATE SET delegate_id = excluded.delegate_id, from_date = excluded.from_date, until_date = excluded.until_date`,
  ).run(auth.tenantId, auth.actor.id, delegate!.id, request.from, request.until);
}

/** Ends the actor's approval delegation, if any. */
export async function clearApprovalDelegate(db: Db, auth: AuthContext): Promise<void> {
  await statement(db, 'DELETE FROM approval_delegates WHERE tenant_id = ? AND approver_id = ?').run(auth.tenantId, auth.actor.id);
}
