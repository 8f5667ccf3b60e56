/**
 * Which orders a call may see (MOBPROC §3): those whose account holder the actor sees (their own;
 * a manager's reports'; a service account's whole tenant; intersected with what the signed-in
 * user sees), those the actor requested, and those the actor may approve.
 */
import { and, count, eq, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { union } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import type { ordersQuery } from '../../../contract/index.ts';
import type { AuthContext } from '../auth-context.ts';
import type { Db } from '../../storage/db.ts';
import { employees, orders, tenantOrderCounts } from '../../storage/schema.ts';
import { allPrepared, preparedOnce, type Bind } from '../../storage/statements.ts';
import { inScope } from '../assets.ts';
import { findEmployeeByCompanyId } from '../employees.ts';
import { direction, inIdList, sameTenant, storageId, unindexed } from '../sql.ts';
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
const waitsFor = (person: ReturnType<Bind>, today: ReturnType<Bind>) => {
  const open = (who: SQL) =>
    sql`SELECT a.order_id FROM order_approvals a WHERE ${who} AND a.decision = 'PENDING'
      AND NOT EXISTS (SELECT 1 FROM order_approvals b WHERE b.order_id = a.order_id AND b.level < a.level AND b.decision IN ('PENDING', 'INFO_REQUESTED'))`;
  // One index range per way of deciding (approver, group, delegate), not a test of each order.
  return sql`(${orders.status} = 'AWAITING_APPROVAL'
  AND ${orders.accountHolderId} <> ${person} AND ${orders.requestedById} <> ${person}
  AND ${orders.id} IN (${open(sql`a.approver_id = ${person}`)}
    UNION ALL ${open(sql`a.approver_group_id IN (SELECT group_id FROM approver_group_members WHERE employee_id = ${person})`)}
    UNION ALL ${open(sql`a.approver_id IN (${delegatorsOf(person, today)})`)}))`;
};

/** Whether an order is visible, tested on that order: for a lookup by ID, where it costs one probe per part. */
/** `scope`: the caller's {@link assetScope}, read before the query is built (building it queries nothing). */
function visibility(db: Db, auth: AuthContext, bind: Bind, scope: Scope): SQL {
  const actorId = bind('actorId', auth.actor.id);
  const seen = inScope(db, scope, orders.accountHolderId, bind);
  return and(
    eq(orders.tenantId, bind('tenantId', auth.tenantId)),
    seen ? or(seen, eq(orders.requestedById, actorId), takesPartInApproval(actorId)) : undefined,
  )!;
}

/**
 * The same rule as `visibility`, for lists: the orders a caller who does not see the whole tenant
 * may see, as parts each read from its own index — the account holders in scope
 * (`orders_account_holder`, which also holds every column a filter or the sort reads), the
 * orders the actor requested (`orders_requested_by`), and those with an approval level the actor
 * takes part in (`order_approvals_{approver,decided_by,on_behalf_of,group}`). The parts overlap;
 * a list unites them. Tested per order instead (an OR with a subquery), every order of the tenant
 * was read: 1.5–5.5 s for a manager or an employee at 200,000 orders (decision 16). The whole
 * tenant needs no parts: its own indexes serve it. `idFilter`: a filter naming people (whose
 * orders, whose queue, who decided) drives the query instead, so the holders' part is tested on its
 * few orders rather than read for every holder in scope.
 */
function visibleParts(db: Db, auth: AuthContext, bind: Bind, scope: Scope & { employeeIds: number[] }, idFilter: boolean): [SQL, SQL, SQL] {
  const tenantId = bind('tenantId', auth.tenantId);
  const actorId = bind('actorId', auth.actor.id);
  // The unary + keeps the planner off the tenant's indexes, which it would walk probing each order.
  return [
    // Under a filter naming people, their few orders are read first and tested against the holders.
    idFilter
      ? and(sameTenant(orders.tenantId, tenantId), inIdList(db, sql`+${orders.accountHolderId}`, bind('scope', JSON.stringify(scope.employeeIds))))!
      : and(eq(orders.tenantId, tenantId), inIdList(db, orders.accountHolderId, bind('scope', JSON.stringify(scope.employeeIds))))!,
    and(sameTenant(orders.tenantId, tenantId), eq(orders.requestedById, actorId))!,
    and(
      sameTenant(orders.tenantId, tenantId),
      sql`${orders.id} IN (
        SELECT a.order_id FROM order_approvals a WHERE a.approver_id = ${actorId}
        UNION ALL SELECT a.order_id FROM order_approvals a WHERE a.decided_by_id = ${actorId}
        UNION ALL SELECT a.order_id FROM order_approvals a WHERE a.on_behalf_of_id = ${actorId}
        UNION ALL SELECT a.order_id FROM order_approvals a WHERE a.approver_group_id IN (SELECT group_id FROM approver_group_members WHERE employee_id = ${actorId})
        UNION ALL SELECT a.order_id FROM order_approvals a WHERE a.approver_id IN (SELECT approver_id FROM approval_delegates WHERE delegate_id = ${actorId}))`,
    )!,
  ];
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
      .where(and(eq(orders.id, bind('id', orderId)), visibility(db, auth, bind, scope))),
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
      .where(and(eq(orders.id, bind('id', orderId)), visibility(db, auth, bind, scope))),
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

/** Orders for `person` or placed by them, read from the holder's and the requester's indexes. */
const heldOrRequestedBy = (tenantId: ReturnType<Bind>, person: SQL | ReturnType<Bind>) =>
  sql`${orders.id} IN (SELECT o.id FROM orders o WHERE o.tenant_id = ${tenantId} AND o.account_holder_id IN (${person})
    UNION ALL SELECT o.id FROM orders o WHERE o.requested_by_id IN (${person}) AND +o.tenant_id = ${tenantId})`;

/**
 * A page of the orders the caller sees, filtered and sorted as `query` says; `today` is the
 * tenant's calendar date (approval-delegate windows). `total` counts every match, not the page.
 */
export async function listOrders(db: Db, auth: AuthContext, query: z.output<typeof ordersQuery>, today: string): Promise<{ rows: OrderRow[]; total: number }> {
  const scope = await assetScope(db, auth);
  const approverByCompanyId =
    query.eligibleToApproveCompanyEmployeeId !== undefined ? ((await findEmployeeByCompanyId(db, auth.tenantId, query.eligibleToApproveCompanyEmployeeId))?.id ?? -1) : -1;
  const wholeTenant = scope.employeeIds === null;
  // A filter naming people (whose orders, whose queue, who decided) is a set of IDs read from its
  // own index; so is what a person who does not see the whole tenant sees. Where such a set drives
  // the query, the other filters' columns and the sort must not draw the planner to an index of
  // the whole tenant (update time, type, status), which it would walk probing every order.
  const idFilter = [query.employee, query.companyEmployeeId, query.eligibleToApproveEmployeeId, query.eligibleToApproveCompanyEmployeeId, query.decidedByEmployeeId].some(
    (value) => value !== undefined,
  );
  const driven = !wholeTenant || idFilter;
  const tested = (column: SQLWrapper) => (driven ? unindexed(db, column) : sql`${column}`);
  const filters = (bind: Bind): (SQL | undefined)[] => {
    const tenantId = bind('tenantId', auth.tenantId);
    return [
      // A person's orders are those for them and those they placed for others (MOBPROC §2): the
      // service desk's "mine" is mostly orders it placed while acting for someone.
      query.employee !== undefined ? heldOrRequestedBy(tenantId, bind('employee', storageId(query.employee) ?? -1)) : undefined,
      query.companyEmployeeId !== undefined
        ? heldOrRequestedBy(tenantId, sql`${byCompanyId(db, bind, auth.tenantId, 'companyEmployeeId', query.companyEmployeeId)}`)
        : undefined,
      query.status !== undefined ? sql`${tested(orders.status)} = ${bind('status', query.status)}` : undefined,
      query.transactionType !== undefined ? sql`${tested(orders.transactionType)} = ${bind('transactionType', query.transactionType)}` : undefined,
      query.dateTimeUpdated !== undefined ? sql`${tested(orders.updatedAt)} >= ${bind('updatedSince', new Date(query.dateTimeUpdated).toISOString())}` : undefined,
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
        ? sql`${orders.id} IN (SELECT a.order_id FROM order_approvals a WHERE a.decided_by_id = ${bind('decidedBy', storageId(query.decidedByEmployeeId) ?? -1)})`
        : undefined,
    ];
  };
  const byDate = query.sort === 'SUBMITTED_DATE' ? orders.dateSubmitted : orders.updatedAt;
  const ascending = query.sortAscending ?? false;
  if (wholeTenant) {
    const where = (bind: Bind) => and(sql`${tested(orders.tenantId)} = ${bind('tenantId', auth.tenantId)}`, ...filters(bind));
    // Paging, sort and what to include change no count; any other member present is a filter.
    const unfiltered = Object.entries(query).every(([key, value]) => value === undefined || /^(limit|offset|sort|sortAscending|include\w+)$/.test(key));
    const total = unfiltered
      ? await tenantOrderCount(db, auth.tenantId)
      : (await allPrepared(db, 'orders:count', (bind) => db.select({ n: count() }).from(orders).where(where(bind))))[0]!.n;
    const rows = await allPrepared(db, `orders:${query.sort}:${ascending}`, (bind) =>
      db
        .select()
        .from(orders)
        .where(where(bind))
        .orderBy(direction(tested(byDate), ascending), direction(orders.id, ascending))
        .limit(bind('limit', query.limit))
        .offset(bind('offset', query.offset)),
    );
    return { rows, total };
  }
  // Each visible part filtered on its own index, united: the count and the page's IDs read no
  // order row outside the page (the holders' part is covered by `orders_account_holder`).
  const visible = { ...scope, employeeIds: scope.employeeIds! };
  const total = (await allPrepared(db, 'orders-visible:count', (bind) => {
    const [held, requested, approving] = visibleParts(db, auth, bind, visible, idFilter).map((part) => db.select({ id: orders.id }).from(orders).where(and(part, ...filters(bind))));
    return db.select({ n: count() }).from(union(held!, requested!, approving!).as('visible'));
  }))[0]!.n;
  const order = [sql.raw(`"at" ${ascending ? 'ASC' : 'DESC'}`), sql.raw(`"id" ${ascending ? 'ASC' : 'DESC'}`)];
  // The part's matches are sorted, never read in date order by walking the tenant's date index
  // (a unary + hides it), which for a person who sees a few orders meant every order of the tenant.
  const sortedBy = sql<string | null>`${unindexed(db, byDate)}`.as('at');
  const ids = (await allPrepared(db, `orders-visible:${query.sort}:${ascending}`, (bind) => {
    const [held, requested, approving] = visibleParts(db, auth, bind, visible, idFilter).map((part) => db.select({ id: orders.id, at: sortedBy }).from(orders).where(and(part, ...filters(bind))));
    return union(held!, requested!, approving!)
      .orderBy(...order)
      .limit(bind('limit', query.limit))
      .offset(bind('offset', query.offset));
  })).map((row) => row.id);
  if (ids.length === 0) return { rows: [], total };
  const byId = new Map((await allPrepared(db, 'orders-by-id', (bind) => db.select().from(orders).where(inIdList(db, orders.id, bind('ids', JSON.stringify(ids)))))).map((row) => [row.id, row]));
  return { rows: ids.map((id) => byId.get(id)!), total };
}
