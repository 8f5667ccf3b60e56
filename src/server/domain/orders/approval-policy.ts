import { transactionCategory, type TransactionType } from '../../../contract/index.ts';
import type { EmployeeRow } from '../auth-context.ts';
import type { Db } from '../../storage/db.ts';
import { approvalPolicy, type ApprovalPolicy } from '../../storage/seed/approval-policy.ts';
import { findEmployee } from '../employees.ts';
import { one } from '../../storage/statements.ts';

const policyCache = new WeakMap<Db, Map<number, ApprovalPolicy>>();

/**
 * The tenant's approval policy (data in `tenants.approval_policy`, see approval-policy.ts for the
 * semantics), parsed once per tenant. A policy row that does not parse requires no approval, so
 * a bad row cannot block every order; approval-policy.ts's schema is what the seed writes.
 */
export function tenantPolicy(db: Db, tenantId: number): ApprovalPolicy | null {
  let perDb = policyCache.get(db);
  if (!perDb) {
    perDb = new Map();
    policyCache.set(db, perDb);
  }
  const cached = perDb.get(tenantId);
  if (cached) return cached;
  const row = one<{ approvalPolicy: string }>(db, 'SELECT approval_policy AS approvalPolicy FROM tenants WHERE id = ?', tenantId);
  const parsed = row ? approvalPolicy.safeParse(JSON.parse(row.approvalPolicy)) : undefined;
  if (!parsed?.success) return null;
  perDb.set(tenantId, parsed.data);
  return parsed.data;
}

const managesAnyone = (db: Db, employee: EmployeeRow) =>
  one(db, 'SELECT 1 FROM employees WHERE tenant_id = ? AND manager_id = ? LIMIT 1', employee.tenantId, employee.id) !== undefined;

/** What of an order the policy's conditions look at. */
export type PolicyFacts = { type: TransactionType; oneTimeCents: number; shipsDevice: boolean };

/**
 * Whose decision the order waits for, or null when none is needed (MOBPROC §4.6). Nobody decides
 * an order they requested or that is for them: when the account holder's manager is the requester
 * (a manager acting for her report), the level goes to the next person up the management chain;
 * with nobody left above, the order needs no approval, as for an account holder without a manager.
 */
export function approverFor(db: Db, facts: PolicyFacts, accountHolder: EmployeeRow, requester: EmployeeRow): EmployeeRow | null {
  const policy = tenantPolicy(db, accountHolder.tenantId);
  if (!policy) return null;
  const { type, oneTimeCents, shipsDevice } = facts;
  const category = transactionCategory(type);
  const rule = policy.rules.find(
    (candidate) =>
      (!candidate.categories || candidate.categories.includes(category)) &&
      (!candidate.transactionTypes || candidate.transactionTypes.includes(type)) &&
      (candidate.shipsDevice === undefined || candidate.shipsDevice === shipsDevice) &&
      (candidate.when === 'ALWAYS' || oneTimeCents > 0) &&
      !(candidate.unlessAccountHolderIsManager && managesAnyone(db, accountHolder)),
  );
  if (!rule) return null;
  const excluded = new Set([accountHolder.id, requester.id]);
  const seen = new Set<number>();
  let managerId = accountHolder.managerId;
  while (managerId !== null && !seen.has(managerId)) {
    seen.add(managerId);
    const manager = findEmployee(db, accountHolder.tenantId, managerId);
    if (!manager) return null;
    if (!excluded.has(manager.id)) return manager;
    managerId = manager.managerId;
  }
  return null;
}

/** Whether `person` (as signed-in user or as actor) requested the order or is its account holder. */
export const isPartyToOrder = (order: { accountHolderId: number; requestedById: number }, ...people: { id: number }[]) =>
  people.some((person) => person.id === order.accountHolderId || person.id === order.requestedById);
