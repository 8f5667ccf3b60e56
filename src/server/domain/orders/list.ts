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
import { direction, storageId } from '../sql.ts';
import { assetScope } from '../visibility.ts';
import { findOrder, type OrderRow } from './store.ts';

function visibility(db: Db, auth: AuthContext, bind: Bind): SQL {
  const actorId = bind('actorId', auth.actor.id);
  const seen = inScope(assetScope(db, auth), orders.accountHolderId, bind);
  return and(
    eq(orders.tenantId, bind('tenantId', auth.tenantId)),
    seen ? or(seen, eq(orders.requestedById, actorId), eq(orders.approverId, actorId)) : undefined,
  )!;
}

export function findVisibleOrder(db: Db, auth: AuthContext, orderIdText: string): OrderRow | undefined {
  const orderId = storageId(orderIdText);
  if (orderId === null) return undefined;
  const visible = allPrepared(db, 'visible-order', (bind) =>
    db
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.id, bind('id', orderId)), visibility(db, auth, bind))),
  );
  return visible.length > 0 ? findOrder(db, auth.tenantId, orderId) : undefined;
}

/** Employees of the caller's tenant with this company employee ID (none or one). */
const byCompanyId = (db: Db, bind: Bind, tenantId: number, name: string, companyEmployeeId: string) =>
  db
    .select({ id: employees.id })
    .from(employees)
    .where(and(eq(employees.tenantId, bind('tenantId', tenantId)), eq(employees.companyEmployeeId, bind(name, companyEmployeeId))));

/** Every order of the tenant, from the count the triggers keep (schema.ts `tenantOrderCounts`). */
const tenantOrderCount = (db: Db, tenantId: number): number =>
  preparedOnce(db, 'tenant-order-count', () =>
    db.select({ n: tenantOrderCounts.orders }).from(tenantOrderCounts).where(eq(tenantOrderCounts.tenantId, sql.placeholder('tenantId'))),
  ).get({ tenantId })?.n ?? 0;

export function listOrders(db: Db, auth: AuthContext, query: z.output<typeof ordersQuery>): { rows: OrderRow[]; total: number } {
  const where = (bind: Bind) =>
    and(
      visibility(db, auth, bind),
      query.employee !== undefined ? eq(orders.accountHolderId, bind('employee', storageId(query.employee) ?? -1)) : undefined,
      query.companyEmployeeId !== undefined ? inArray(orders.accountHolderId, byCompanyId(db, bind, auth.tenantId, 'companyEmployeeId', query.companyEmployeeId)) : undefined,
      query.status !== undefined ? eq(orders.status, bind('status', query.status)) : undefined,
      query.transactionType !== undefined ? eq(orders.transactionType, bind('transactionType', query.transactionType)) : undefined,
      query.dateTimeUpdated !== undefined ? gte(orders.updatedAt, bind('updatedSince', new Date(query.dateTimeUpdated).toISOString())) : undefined,
      // An approver's queue: orders waiting for this person's decision now.
      query.eligibleToApproveEmployeeId !== undefined
        ? and(eq(orders.status, 'AWAITING_APPROVAL'), eq(orders.approverId, bind('approver', storageId(query.eligibleToApproveEmployeeId) ?? -1)))
        : undefined,
      query.eligibleToApproveCompanyEmployeeId !== undefined
        ? and(eq(orders.status, 'AWAITING_APPROVAL'), inArray(orders.approverId, byCompanyId(db, bind, auth.tenantId, 'approverCompanyId', query.eligibleToApproveCompanyEmployeeId)))
        : undefined,
    );
  const byDate = query.sort === 'SUBMITTED_DATE' ? orders.dateSubmitted : orders.updatedAt;
  const ascending = query.sortAscending ?? false;
  // Paging, sort and what to include change no count; any other member present is a filter.
  const unfiltered = Object.entries(query).every(([key, value]) => value === undefined || /^(limit|offset|sort|sortAscending|include\w+)$/.test(key));
  const total =
    unfiltered && assetScope(db, auth).employeeIds === null
      ? tenantOrderCount(db, auth.tenantId)
      : allPrepared(db, 'orders:count', (bind) => db.select({ n: count() }).from(orders).where(where(bind)))[0]!.n;
  const rows = allPrepared(db, `orders:${query.sort}:${ascending}`, (bind) =>
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
