/**
 * Which orders a call may see (MOBPROC §3): those whose account holder the actor sees (their own;
 * a manager's reports'; a service account's whole tenant; intersected with what the signed-in
 * user sees), those the actor requested, and those the actor may approve.
 */
import type { z } from 'zod';
import type { ordersQuery } from '../../../contract/index.ts';
import type { AuthContext } from '../auth-context.ts';
import type { Db } from '../../storage/db.ts';
import { storageId } from '../sql.ts';
import { all, one } from '../../storage/statements.ts';
import { assetScope, scopeCondition } from '../visibility.ts';
import { ORDER_COLUMNS, findOrder, type OrderRow } from './store.ts';

export function visibility(db: Db, auth: AuthContext): { sql: string; parameters: unknown[] } {
  const scope = scopeCondition(assetScope(db, auth), 'o.account_holder_id');
  return {
    sql: `o.tenant_id = ? AND (${scope.sql} OR o.requested_by_id = ? OR o.approver_id = ?)`,
    parameters: [auth.tenantId, ...scope.parameters, auth.actor.id, auth.actor.id],
  };
}

export function findVisibleOrder(db: Db, auth: AuthContext, orderIdText: string): OrderRow | undefined {
  const orderId = storageId(orderIdText);
  if (orderId === null) return undefined;
  const { sql, parameters } = visibility(db, auth);
  const visible = one(db, `SELECT 1 FROM orders o WHERE o.id = ? AND ${sql}`, orderId, ...parameters);
  return visible ? findOrder(db, auth.tenantId, orderId) : undefined;
}

export function listOrders(db: Db, auth: AuthContext, query: z.output<typeof ordersQuery>): { rows: OrderRow[]; total: number } {
  const seen = visibility(db, auth);
  const where = [seen.sql];
  const parameters = [...seen.parameters];
  if (query.employee !== undefined) {
    where.push('o.account_holder_id = ?');
    parameters.push(storageId(query.employee) ?? -1);
  }
  if (query.companyEmployeeId !== undefined) {
    where.push('o.account_holder_id IN (SELECT id FROM employees WHERE tenant_id = ? AND company_employee_id = ?)');
    parameters.push(auth.tenantId, query.companyEmployeeId);
  }
  if (query.status !== undefined) {
    where.push('o.status = ?');
    parameters.push(query.status);
  }
  if (query.transactionType !== undefined) {
    where.push('o.transaction_type = ?');
    parameters.push(query.transactionType);
  }
  if (query.dateTimeUpdated !== undefined) {
    where.push('o.updated_at >= ?');
    parameters.push(new Date(query.dateTimeUpdated).toISOString());
  }
  // An approver's queue: orders waiting for this person's decision now.
  if (query.eligibleToApproveEmployeeId !== undefined) {
    where.push(`o.status = 'AWAITING_APPROVAL' AND o.approver_id = ?`);
    parameters.push(storageId(query.eligibleToApproveEmployeeId) ?? -1);
  }
  if (query.eligibleToApproveCompanyEmployeeId !== undefined) {
    where.push(`o.status = 'AWAITING_APPROVAL' AND o.approver_id IN (SELECT id FROM employees WHERE tenant_id = ? AND company_employee_id = ?)`);
    parameters.push(auth.tenantId, query.eligibleToApproveCompanyEmployeeId);
  }
  const column = query.sort === 'SUBMITTED_DATE' ? 'o.date_submitted' : 'o.updated_at';
  const direction = query.sortAscending ? 'ASC' : 'DESC';
  const condition = where.join(' AND ');
  const total = one<{ n: number }>(db, `SELECT COUNT(*) AS n FROM orders o WHERE ${condition}`, ...parameters)!.n;
  const rows = all<OrderRow>(
    db,
    `SELECT ${ORDER_COLUMNS} FROM orders o WHERE ${condition} ORDER BY ${column} ${direction}, o.id ${direction} LIMIT ? OFFSET ?`,
    ...parameters,
    query.limit,
    query.offset,
  );
  return { rows, total };
}
