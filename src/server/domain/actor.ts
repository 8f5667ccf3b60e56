import { transactionTypes, type TransactionType } from '../../contract/index.ts';
import type { EmployeeRow } from './auth-context.ts';
import type { Db } from '../storage/db.ts';
import { and, eq, ne } from 'drizzle-orm';
import { employees } from '../storage/schema.ts';
import { allPrepared } from '../storage/statements.ts';
import { byName } from './employees.ts';
import { inIdList, sameTenant } from './sql.ts';
import { all, one } from '../storage/statements.ts';

/** True when `managerId` is above `employeeId` in the tenant's hierarchy (any number of levels). */
export function isAbove(db: Db, tenantId: number, managerId: number, employeeId: number): boolean {
  const row = one<{ found: number }>(
    db,
    `WITH RECURSIVE chain(id, depth) AS (
       SELECT manager_id, 1 FROM employees WHERE id = ? AND tenant_id = ?
       UNION ALL
       SELECT e.manager_id, chain.depth + 1 FROM employees e JOIN chain ON e.id = chain.id
       WHERE +e.tenant_id = ? AND chain.depth < 64
     )
     SELECT 1 AS found FROM chain WHERE id = ? LIMIT 1`,
    employeeId,
    tenantId,
    tenantId,
    managerId,
  );
  return row !== undefined;
}

export function isDelegateOf(db: Db, tenantId: number, delegateId: number, principalId: number): boolean {
  return (
    one(db, 'SELECT 1 FROM delegates WHERE tenant_id = ? AND principal_id = ? AND delegate_id = ?', tenantId, principalId, delegateId) !==
    undefined
  );
}

/**
 * A service account, or a person with the service-desk role (`employee_roles`), acts for and sees
 * the whole tenant (MOBPROC §2).
 */
export function coversWholeTenant(db: Db, person: EmployeeRow): boolean {
  if (person.isServiceAccount) return true;
  let covers = wholeTenantOf.get(person);
  if (covers === undefined) {
    covers = one(db, "SELECT 1 FROM employee_roles WHERE tenant_id = ? AND employee_id = ? AND role = 'SERVICE_DESK'", person.tenantId, person.id) !== undefined;
    wholeTenantOf.set(person, covers);
  }
  return covers;
}

/**
 * The answer per employee row. A row is read afresh for each request (the auth context's user and
 * actor), so this remembers it for one request: the several checks of a list or an order ask once
 * instead of once each (decision 16), and a role granted or taken shows on the next request.
 */
const wholeTenantOf = new WeakMap<EmployeeRow, boolean>();

/**
 * MOBPROC §2: a service account or service-desk person may act for anyone in its tenant, a manager
 * for anyone below them, a delegate for whoever named them. Everyone may act for themselves.
 */
export function mayActFor(db: Db, user: EmployeeRow, target: EmployeeRow): boolean {
  if (user.tenantId !== target.tenantId) return false;
  if (user.id === target.id || coversWholeTenant(db, user)) return true;
  return isAbove(db, user.tenantId, user.id, target.id) || isDelegateOf(db, user.tenantId, user.id, target.id);
}

/** Everyone below `managerId` (transitively), not including them. */
export function subordinateIds(db: Db, tenantId: number, managerId: number): number[] {
  return all<{ id: number }>(
    db,
    `WITH RECURSIVE below(id, depth) AS (
       SELECT id, 1 FROM employees WHERE manager_id = ? AND +tenant_id = ?
       UNION
       SELECT e.id, below.depth + 1 FROM employees e JOIN below ON e.manager_id = below.id
       WHERE +e.tenant_id = ? AND below.depth < 64
     )
     SELECT DISTINCT id FROM below`,
    managerId,
    tenantId,
    tenantId,
  ).map((row) => row.id);
}

/** Whom the user may act for (`/me`'s `actAs`), by name. */
export function actAsList(db: Db, user: EmployeeRow): EmployeeRow[] {
  if (coversWholeTenant(db, user)) {
    return allPrepared(db, 'act-as-anyone', (bind) =>
      db
        .select()
        .from(employees)
        .where(and(eq(employees.tenantId, bind('tenantId', user.tenantId)), ne(employees.id, bind('id', user.id)), eq(employees.isServiceAccount, false)))
        .orderBy(...byName()),
    );
  }
  const ids = new Set(subordinateIds(db, user.tenantId, user.id));
  for (const row of all<{ principalId: number }>(
    db,
    'SELECT principal_id AS principalId FROM delegates WHERE tenant_id = ? AND delegate_id = ?',
    user.tenantId,
    user.id,
  )) {
    ids.add(row.principalId);
  }
  ids.delete(user.id);
  if (ids.size === 0) return [];
  return allPrepared(db, 'act-as-these', (bind) =>
    db
      .select()
      .from(employees)
      .where(and(sameTenant(employees.tenantId, bind('tenantId', user.tenantId)), inIdList(employees.id, bind('ids', JSON.stringify([...ids])))))
      .orderBy(...byName()),
  );
}

export type TransactionTypeRestriction = { transactionType: TransactionType; reason: string };

/** Restrictions that apply to this employee, personally or through their department; one per type. */
export function restrictionsFor(db: Db, employee: EmployeeRow): TransactionTypeRestriction[] {
  const rows = all<{ transactionType: string; reason: string }>(
    db,
    `SELECT transaction_type AS transactionType, reason FROM transaction_type_restrictions
     WHERE tenant_id = ? AND (employee_id = ? OR (department_id IS NOT NULL AND department_id = ?))
     ORDER BY employee_id IS NULL, id`,
    employee.tenantId,
    employee.id,
    employee.departmentId ?? -1,
  );
  const byType = new Map<TransactionType, string>();
  for (const row of rows) {
    const type = row.transactionType as TransactionType;
    if (transactionTypes.includes(type) && !byType.has(type)) byType.set(type, row.reason);
  }
  return transactionTypes.filter((type) => byType.has(type)).map((type) => ({ transactionType: type, reason: byType.get(type)! }));
}

export function allowedTransactionTypes(db: Db, employee: EmployeeRow): TransactionType[] {
  const restricted = new Set(restrictionsFor(db, employee).map((restriction) => restriction.transactionType));
  return transactionTypes.filter((type) => !restricted.has(type));
}

/**
 * What can be ordered on lines of `ownerIds` by this user, per owner: an order on a line is the
 * owner's (§2), so the owner's allowed types, for owners the user may act for (themselves
 * included), and none for anyone else. Two queries for any number of owners, so a page of lines
 * costs the same as one line.
 */
export function orderableTypesByOwner(db: Db, user: EmployeeRow, ownerIds: number[]): Map<number, TransactionType[]> {
  const owners = [...new Set(ownerIds)];
  const result = new Map<number, TransactionType[]>();
  if (owners.length === 0) return result;
  const tenantId = user.tenantId;
  const wholeTenant = coversWholeTenant(db, user);
  const reachable = all<{ id: number }>(
    db,
    wholeTenant
      ? `SELECT id FROM employees WHERE +tenant_id = @tenantId AND id IN (SELECT value FROM json_each(@owners))`
      : `WITH RECURSIVE below(id, depth) AS (
           SELECT id, 1 FROM employees WHERE manager_id = @userId AND +tenant_id = @tenantId
           UNION
           SELECT e.id, below.depth + 1 FROM employees e JOIN below ON e.manager_id = below.id WHERE +e.tenant_id = @tenantId AND below.depth < 64
         )
         SELECT id FROM employees WHERE +tenant_id = @tenantId AND id IN (SELECT value FROM json_each(@owners))
           AND (id = @userId OR id IN (SELECT id FROM below)
             OR id IN (SELECT principal_id FROM delegates WHERE tenant_id = @tenantId AND delegate_id = @userId))`,
    wholeTenant ? { tenantId, owners: JSON.stringify(owners) } : { tenantId, owners: JSON.stringify(owners), userId: user.id },
  ).map((row) => row.id);
  if (reachable.length === 0) return result;
  const restricted = new Map<number, Set<string>>(reachable.map((id) => [id, new Set()]));
  for (const row of all<{ employeeId: number; transactionType: string }>(
    db,
    `SELECT e.id AS employeeId, r.transaction_type AS transactionType FROM employees e
     JOIN transaction_type_restrictions r ON r.tenant_id = +e.tenant_id
       AND (r.employee_id = e.id OR (r.department_id IS NOT NULL AND r.department_id = e.department_id))
     WHERE +e.tenant_id = ? AND e.id IN (SELECT value FROM json_each(?))`,
    tenantId,
    JSON.stringify(reachable),
  )) {
    restricted.get(row.employeeId)?.add(row.transactionType);
  }
  for (const [id, types] of restricted) result.set(id, transactionTypes.filter((type) => !types.has(type)));
  return result;
}
