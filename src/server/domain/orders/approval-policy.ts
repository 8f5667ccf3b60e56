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

/** Whose decision the order waits for, or null when none is needed (MOBPROC §4.6). */
export function approverFor(db: Db, type: TransactionType, accountHolder: EmployeeRow, oneTimeCents: number): EmployeeRow | null {
  const policy = tenantPolicy(db, accountHolder.tenantId);
  if (!policy) return null;
  const category = transactionCategory(type);
  const rule = policy.rules.find(
    (candidate) =>
      (!candidate.categories || candidate.categories.includes(category)) &&
      (!candidate.transactionTypes || candidate.transactionTypes.includes(type)) &&
      (candidate.when === 'ALWAYS' || oneTimeCents > 0) &&
      !(candidate.unlessAccountHolderIsManager && managesAnyone(db, accountHolder)),
  );
  if (!rule || accountHolder.managerId === null) return null;
  return findEmployee(db, accountHolder.tenantId, accountHolder.managerId) ?? null;
}
