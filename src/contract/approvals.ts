/**
 * Approval delegates (MOBPROC §4.6, extension `approval-delegates`): someone an approver names to
 * decide their approvals for a window of calendar days. Separate from the act-for delegates of §2:
 * an approval delegate decides as themselves, and the decision records both people.
 */
import { z } from 'zod';
import { id } from './common.ts';
import { employeeSummary } from './employees.ts';

const plainDate = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` naming a day that exists (no February 30). */
export function isCalendarDate(value: string): boolean {
  const match = plainDate.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
}

/** A calendar date `YYYY-MM-DD` (no time, no zone): a day in the tenant's time zone. */
export const calendarDay = z.string().refine(isCalendarDate, { message: 'Use a calendar date such as 2026-12-22 (YYYY-MM-DD).' });

/**
 * How far ahead an approval delegation may reach: `until` at most this many days after today (in
 * the tenant's time zone), so a forgotten delegation cannot hand over someone's approvals for years.
 */
export const APPROVAL_DELEGATE_MAX_DAYS = 366;

/** `date` (`YYYY-MM-DD`) plus `days` calendar days, as `YYYY-MM-DD`. */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * `PUT /me/approval-delegate`: who may decide the signed-in person's approvals, from `from` to
 * `until`, both days included. The server also checks: not yourself, someone of your company,
 * `from` not after `until`, `until` neither before today nor more than
 * `APPROVAL_DELEGATE_MAX_DAYS` days after it (400 naming the field).
 */
export const approvalDelegateRequest = z
  .object({
    delegateEmployeeId: id.describe('The delegate’s employee id.'),
    from: calendarDay.describe('First day (YYYY-MM-DD, tenant time zone), included.'),
    until: calendarDay.describe(`Last day (YYYY-MM-DD, tenant time zone), included: from today to ${APPROVAL_DELEGATE_MAX_DAYS} days after today.`),
  })
  .superRefine((request, ctx) => {
    if (request.from > request.until) ctx.addIssue({ code: 'custom', path: ['until'], message: 'The last day cannot be before the first day.' });
  })
  .meta({ id: 'ApprovalDelegateRequest' });
export type ApprovalDelegateRequest = z.infer<typeof approvalDelegateRequest>;

/** Someone who named the caller their approval delegate, and when. */
export const approvalDelegation = z
  .object({ approver: employeeSummary, from: calendarDay, until: calendarDay })
  .meta({ id: 'ApprovalDelegation' });

/**
 * `GET`, `PUT` and `DELETE /me/approval-delegate`: the caller's approval delegate (all three
 * members null when none is named, or after DELETE), the delegate as a person, whether the window
 * includes today, and whose approvals the caller may decide as a delegate (`delegateFor`, windows
 * that have not ended).
 */
export const approvalDelegateResponse = z
  .object({
    delegateEmployeeId: id.nullable(),
    from: calendarDay.nullable(),
    until: calendarDay.nullable(),
    delegate: employeeSummary.nullable().describe('The delegate, for showing; null when none is named.'),
    active: z.boolean().describe('Whether today (tenant time zone) is inside the window.'),
    delegateFor: z.array(approvalDelegation).describe('Approvers who named the caller their delegate, windows not yet over.'),
    today: calendarDay.describe("Today in the tenant's time zone: the earliest `from`, and the day the longest `until` is counted from."),
  })
  .meta({ id: 'ApprovalDelegate' });
export type ApprovalDelegateResponse = z.infer<typeof approvalDelegateResponse>;
