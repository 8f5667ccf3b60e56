/**
 * Which orders a call may see (MOBPROC §3): those whose account holder the actor sees (their own;
 * a manager's reports'; a service account's whole tenant; intersected with what the signed-in
 * user sees), those the actor requested, and those the actor may approve.
 */
import { and, count, eq, gte, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { ordersQuery } from '../../../contract/index.ts';
import type { AuthContext } from '../auth-context.ts';
import type { Db } from '../../storage/db.ts';
import { employees, orders, tenantOrderCounts } from '../../storage/schema.ts';
import { allPrepared, preparedOnce, type Bind } from '../../storage/statements.ts';
import { inScope } from '../assets.ts';
import { findEmployeeByCompanyId } from '../employees.ts';
import { direction, storageId } from '../sql.ts';
import { assetScope, type Scope } from '../visibility.ts';
import { findOrder, type OrderRow } from './store.ts';

/** Approvers `person` decides for today as their approval delegate. */
const delegatorsOf = (person: ReturnType<Bind>, today: ReturnType<Bind>) =>
  sql`SELECT approver_id FROM approval_delegates WHERE delegate_id = ${person} AND from_date <= ${today} AND until_date >= ${today}`;

/**
 * Orders with a level `person` decides or decided: theirs, their group's, one they decided (as
 * anyone), or an approver's who named them approval delegate — whatever the window, so that
 * outside it the delegate sees the order and is refused a decision (403) rather than told it
 * does not exist; DELETE of the delegation ends that.
 */
const takesPartInApproval = (person: ReturnType<Bind>) => sql`EXISTS (
  SELECT 1 FROM order_approvals a WHERE a.order_id = ${orders.id} AND (
    a.approver_id = ${person} OR a.decided_by_id = ${person} OR a.on_behalf_of_id = ${person}
    OR a.approver_group_id IN (SELECT group_id FROM approver_group_members WHERE employee_id = ${person})
    OR a.approver_id IN (SELECT approver_id FROM approval_delegates WHERE delegate_id = ${person})))`;

/**
 * An approver's queue: orders awaiting a decision whose open level `person` may decide now — as
 * its approver, a member of its group, or the approver's delegate today — and that they neither
 * requested nor are the account holder of.
 */
const waitsFor = (person: ReturnType<Bind>, today: ReturnType<Bind>) => sql`(${orders.status} = 'AWAITING_APPROVAL'
  AND ${orders.accountHolderId} <> ${person} AND ${orders.requestedById} <> ${person}
  AND EXISTS (
    SELECT 1 FROM order_approvals a WHERE a.order_id = ${orders.id} AND a.decision = 'PENDING'
      AND NOT EXISTS (SELECT 1 FROM order_approvals b WHERE b.order_id = a.order_id AND b.level < a.level AND b.decision IN ('PENDING', 'INFO_REQUESTED'))
      AND (a.approver_id = ${person}
        OR a.approver_group_id IN (SELECT group_id FROM approver_group_members WHERE employee_id = ${person})
        OR a.approver_id IN (${delegatorsOf(person, today)}))))`;

/** `scope`: the caller's {@link assetScope}, read before the query is built (building it queries nothing). */
function visibility(auth: AuthContext, bind: Bind, scope: Scope): SQL {
  const actorId = bind('actorId', auth.actor.id);
  const seen = inScope(scope, orders.accountHolderId, bind);
  return and(
    eq(orders.tenantId, bind('tenantId', auth.tenantId)),
    seen ? or(seen, eq(orders.requestedById, actorId), takesPartInApproval(actorId)) : undefined,
  )!;
}

/** An order the caller may see, by its wire id. */
export async function findVisibleOrder(db: Db, auth: AuthContext, orderIdText: string): Promise<OrderRow | undefined> {
  const orderId = storageId(orderIdText);
  if (orderId === null) return undefined;
  const scope = await assetScope(db, auth);
  const visible = await allPrepared(db, 'visible-order', (bind) =>
    db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, bind('id', orderId)), visibility(auth, bind, scope))),
  );
  return visible.length > 0 ? await findOrder(db, auth.tenantId, orderId) : undefined;
}

/**
 * Whether the caller could GET this order, by the same rule as the list. `scope` is the caller's
 * `assetScope`, which a caller asking many times (an open event stream) computes once.
 */
export async function isOrderVisible(db: Db, auth: AuthContext, orderId: number, scope: Scope): Promise<boolean> {
  const visible = await allPrepared(db, 'visible-order', (bind) =>
    db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, bind('id', orderId)), visibility(auth, bind, scope))),
  );
  return visible.length > 0;
}

/** Employees of the caller's tenant with this company employee ID (none or one). */
const byCompanyId = (db: Db, bind: Bind, tenantId: number, name: string, companyEmployeeId: string) =>
  db
    .select({ id: employees.id })
    .from(employees)
    .where(and(eq(employees.tenantId, bind('tenantId', tenantId)), eq(employees.companyEmployeeId, bind(name, companyEmployeeId))));

/** Every order of the tenant, from the count the triggers keep (schema.ts `tenantOrderCounts`). */
const tenantOrderCount = async (db: Db, tenantId: number): Promise<number> =>
  (await preparedOnce(db, 'tenant-order-count', () =>
    db.select({ n: tenantOrderCounts.orders }).from(tenantOrderCounts).where(eq(tenantOrderCounts.tenantId, sql.placeholder('tenantId'))),
  ).get({ tenantId }))?.n ?? 0;

/** A page of the orders the caller sees, filtered and sorted as `query` says; `today` is the tenant's calendar date (approval-delegate windows). */
export async function listOrders(db: Db, auth: AuthContext, query: z.output<typeof ordersQuery>, today: string): Promise<{ rows: OrderRow[]; total: number }> {
  const scope = await assetScope(db, auth);
  const approverByCompanyId =
    query.eligibleToApproveCompanyEmployeeId !== undefined ? ((await findEmployeeByCompanyId(db, auth.tenantId, query.eligibleToApproveCompanyEmployeeId))?.id ?? -1) : -1;
  const where = (bind: Bind) =>
    and(
      visibility(auth, bind, scope),
      // A person's orders are those for them and those they placed for others (MOBPROC §2): the
      // service desk's "mine" is mostly orders it placed while acting for someone.
      query.employee !== undefined
        ? or(eq(orders.accountHolderId, bind('employee', storageId(query.employee) ?? -1)), eq(orders.requestedById, bind('employeeAsRequester', storageId(query.employee) ?? -1)))
        : undefined,
      query.companyEmployeeId !== undefined
        ? or(
            inArray(orders.accountHolderId, byCompanyId(db, bind, auth.tenantId, 'companyEmployeeId', query.companyEmployeeId)),
            inArray(orders.requestedById, byCompanyId(db, bind, auth.tenantId, 'companyEmployeeIdAsRequester', query.companyEmployeeId)),
          )
        : undefined,
      query.status !== undefined ? eq(orders.status, bind('status', query.status)) : undefined,
      query.transactionType !== undefined ? eq(orders.transactionType, bind('transactionType', query.transactionType)) : undefined,
      query.dateTimeUpdated !== undefined ? gte(orders.updatedAt, bind('updatedSince', new Date(query.dateTimeUpdated).toISOString())) : undefined,
      query.eligibleToApproveEmployeeId !== undefined
        ? waitsFor(bind('approver', storageId(query.eligibleToApproveEmployeeId) ?? -1), bind('queueToday', today))
        : undefined,
      query.eligibleToApproveCompanyEmployeeId !== undefined
        ? waitsFor(
            bind('approverByCompanyId', approverByCompanyId),
            bind('queueTodayByCompanyId', today),
          )
        : undefined,
      // "Decided by me": levels this person decided themselves (`decided_by_id`, the signed-in user
      // at the time), whether as approver, group member, approval delegate or acting for someone;
      // not levels decided for them by others (those name them in `on_behalf_of_id`).
      query.decidedByEmployeeId !== undefined
        ? sql`EXISTS (SELECT 1 FROM order_approvals a WHERE a.order_id = ${orders.id} AND a.decided_by_id = ${bind('decidedBy', storageId(query.decidedByEmployeeId) ?? -1)})`
        : undefined,
    );
  const byDate = query.sort === 'SUBMITTED_DATE' ? orders.dateSubmitted : orders.updatedAt;
  const ascending = query.sortAscending ?? false;
  // Paging, sort and what to include change no count; any other member present is a filter.
  const unfiltered = Object.entries(query).every(([key, value]) => value === undefined || /^(limit|offset|sort|sortAscending|include\w+)$/.test(key));
  const total =
    unfiltered && scope.employeeIds === null
      ? await tenantOrderCount(db, auth.tenantId)
      : (await allPrepared(db, 'orders:count', (bind) => db.select({ n: count() }).from(orders).where(where(bind))))[0]!.n;
  const rows = await allPrepared(db, `orders:${query.sort}:${ascending}`, (bind) =>
    db
      .select()
      .from(orders)
      .where(where(bind))
      .orderBy(direction(byDate, ascending), direction(orders.id, ascending))
      .limit(bind('limit', query.limit))
      .offset(bind('offset', query.offset)),
  );
  return { rows, total };
}
