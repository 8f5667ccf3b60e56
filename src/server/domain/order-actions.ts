import { orderableWhenServiceIs, transactionTypes, type ServiceStatus, type TransactionType } from '../../contract/index.ts';
import type { Db } from '../storage/db.ts';
import { all } from '../storage/statements.ts';
import { inIdListText } from './sql.ts';

/**
 * MOBPROC §3: what may be ordered for a service now — by its status, nothing while it has an open
 * order (one open order per service), and only types the actor may order.
 */
export function orderActionsFor(status: ServiceStatus, hasOpenOrder: boolean, allowed: readonly TransactionType[]): TransactionType[] {
  if (hasOpenOrder) return [];
  return transactionTypes.filter((type) => allowed.includes(type) && orderableWhenServiceIs[type].includes(status));
}

/** Order statuses after which a service is free for the next order. */
export const FINAL_ORDER_STATUSES = ['COMPLETE', 'REJECTED', 'CANCELLED'] as const;

/** Which of these services have an order that is not yet final. */
export async function servicesWithOpenOrders(db: Db, tenantId: number, serviceIds: number[]): Promise<Set<number>> {
  if (serviceIds.length === 0) return new Set();
  const rows = await all<{ serviceId: number }>(
    db,
    // `+tenant_id` keeps the planner off the tenant's indexes: without statistics it would walk
    // every order of the tenant (200,000 in the large one) instead of the page's few services.
    `SELECT DISTINCT service_id AS serviceId FROM orders
     WHERE +tenant_id = ? AND ${inIdListText(db, 'service_id')}
       AND status NOT IN (${FINAL_ORDER_STATUSES.map((status) => `'${status}'`).join(', ')})`,
    tenantId,
    JSON.stringify(serviceIds),
  );
  return new Set(rows.map((row) => row.serviceId));
}
