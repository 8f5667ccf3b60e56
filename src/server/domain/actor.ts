import { transactionTypes, type TransactionType } from '../../contract/index.ts';
import type { EmployeeRow } from './auth-context.ts';
import { dialectOf, type Db } from '../storage/db.ts';
import { and, count, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import { employees } from '../storage/schema.ts';
import { allPrepared } from '../storage/statements.ts';
import { byName, employeePrefixPage, employeeSearch, employeesWithPrefix } from './employees.ts';
import { employeePrefixRanges, usesTrigrams } from '../storage/search.ts';
import { inIdList, inIdListText, isTrue, sameTenant } from './sql.ts';
import { all, one } from '../storage/statements.ts';

/** True when `managerId` is above `employeeId` in the tenant's hierarchy (any number of levels). */
export async function isAbove(db: Db, tenantId: number, managerId: number, employeeId: number): Promise<boolean> {
  const row = await one<{ found: number }>(
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

export async function isDelegateOf(db: Db, tenantId: number, delegateId: number, principalId: number): Promise<boolean> {
  return (
    await one(db, 'SELECT 1 FROM delegates WHERE tenant_id = ? AND principal_id = ? AND delegate_id = ?', tenantId, principalId, delegateId) !==
    undefined
  );
}

/**
 * A service account, or a person with the service-desk role (`employee_roles`), acts for and sees
 * the whole tenant (MOBPROC §2).
 */
export async function coversWholeTenant(db: Db, person: EmployeeRow): Promise<boolean> {
  if (person.isServiceAccount) return true;
  let covers = wholeTenantOf.get(person);
  if (covers === undefined) {
    covers = await one(db, "SELECT 1 FROM employee_roles WHERE tenant_id = ? AND employee_id = ? AND role = 'SERVICE_DESK'", person.tenantId, person.id) !== undefined;
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
export async function mayActFor(db: Db, user: EmployeeRow, target: EmployeeRow): Promise<boolean> {
  if (user.tenantId !== target.tenantId) return false;
  if (user.id === target.id || await coversWholeTenant(db, user)) return true;
  return await isAbove(db, user.tenantId, user.id, target.id) || await isDelegateOf(db, user.tenantId, user.id, target.id);
}

/**
 * Everyone below `managerId` (transitively), not including them: one range of `employee_chain`,
 * the chain the triggers keep (schema.ts `employeeChain`), where walking `manager_id` level by level
 * took 9–28 ms for the 11,111 people below a manager at the large tenant (decision 16). With
 * `limit`, at most that many, so asking "more than N?" costs N rows, not the whole subtree.
 */
export async function subordinateIds(db: Db, tenantId: number, managerId: number, limit = -1): Promise<number[]> {
  return (await all<{ id: number }>(
    db,
    // The chain holds no tenant: people are below a manager of their own tenant, so the manager's
    // tenant is checked once (reading each of 11,111 employee rows for theirs doubled the cost).
    `SELECT employee_id AS id FROM employee_chain
     WHERE ancestor_id = ? AND employee_id <> ? AND (SELECT tenant_id FROM employees WHERE id = ?) = ?
     LIMIT ?`,
    managerId,
    managerId,
    managerId,
    tenantId,
    // PostgreSQL refuses a negative LIMIT; NULL there is none.
    dialectOf(db) === 'postgres' && limit < 0 ? null : limit,
  )).map((row) => row.id);
}

/** Who named `user` their delegate (act-for, §2). */
const delegatorIds = async (db: Db, user: EmployeeRow): Promise<number[]> =>
  (await all<{ principalId: number }>(db, 'SELECT principal_id AS principalId FROM delegates WHERE tenant_id = ? AND delegate_id = ?', user.tenantId, user.id)).map(
    (row) => row.principalId,
  );

/**
 * Whom someone who does not cover the whole tenant may act for: everyone below them and whoever
 * named them delegate, never themselves. With `limit`, null when more than that many are below
 * them (the caller then asks the database per candidate instead of holding every ID).
 */
async function reachableIds(db: Db, user: EmployeeRow, limit?: number): Promise<number[] | null> {
  // "More than `limit` below?" is whether the chain's range has an entry past that many: a skip
  // along its index, not the first `limit + 1` IDs read out.
  if (limit !== undefined && (await one(db, 'SELECT 1 FROM employee_chain WHERE ancestor_id = ? AND employee_id <> ? LIMIT 1 OFFSET ?', user.id, user.id, limit)) !== undefined) {
    return null;
  }
  const below = await subordinateIds(db, user.tenantId, user.id);
  const ids = new Set([...below, ...await delegatorIds(db, user)]);
  ids.delete(user.id);
  return [...ids];
}

/** Whom the user may act for (`/me`'s `actAs`), by name. */
export async function actAsList(db: Db, user: EmployeeRow): Promise<EmployeeRow[]> {
  if (await coversWholeTenant(db, user)) {
    return await allPrepared(db, 'act-as-anyone', (bind) =>
      db
        .select()
        .from(employees)
        .where(and(eq(employees.tenantId, bind('tenantId', user.tenantId)), ne(employees.id, bind('id', user.id)), eq(employees.isServiceAccount, false)))
        .orderBy(...byName(db)),
    );
  }
  const ids = (await reachableIds(db, user))!;
  if (ids.length === 0) return [];
  return await allPrepared(db, 'act-as-these', (bind) =>
    db
      .select()
      .from(employees)
      .where(and(sameTenant(employees.tenantId, bind('tenantId', user.tenantId)), inIdList(db, employees.id, bind('ids', JSON.stringify(ids)))))
      .orderBy(...byName(db)),
  );
}

/**
 * Whether `actAsList` names anyone, without reading it: for the service desk, anyone else in the
 * tenant who is not a service account; for others, a direct report (there is someone below them
 * at any depth exactly when there is one at the first) or someone who named them delegate.
 */
export async function canActForOthers(db: Db, user: EmployeeRow): Promise<boolean> {
  if (await coversWholeTenant(db, user)) {
    return await one(db, 'SELECT 1 FROM employees WHERE tenant_id = ? AND id <> ? AND is_service_account = FALSE LIMIT 1', user.tenantId, user.id) !== undefined;
  }
  return (
    await one(
      db,
      `SELECT 1 FROM employees WHERE manager_id = @userId AND +tenant_id = @tenantId AND id <> @userId
       UNION ALL SELECT 1 FROM delegates WHERE tenant_id = @tenantId AND delegate_id = @userId AND principal_id <> @userId
       LIMIT 1`,
      { userId: user.id, tenantId: user.tenantId },
    ) !== undefined
  );
}

/**
 * Above this many people below a manager, `searchActAs` no longer lists their IDs: it asks, per
 * person the search matches, whether the manager is above them (a walk up the chain, a few rows),
 * which costs what the search finds instead of what the subtree holds (the top of a 100,000-person
 * company has 99,999 below; decision 18).
 */
const LISTED_SUBTREE_LIMIT = 1000;

/** The row is below `managerId` in the hierarchy: one probe of the kept chain (schema.ts `employeeChain`). */
const chainBelow = (managerId: number): SQL =>
  sql`EXISTS (SELECT 1 FROM employee_chain c WHERE c.employee_id = ${employees.id} AND c.ancestor_id = ${managerId} AND c.employee_id <> ${managerId})`;

/**
 * One page of whom the user may act for (`GET /me/act-as`, extension act-as-search): the people
 * `actAsList` names, in its order (last name, first name, ID), narrowed by `search` exactly as
 * `GET /employees` narrows (a substring; one or two characters match the start of the first name,
 * last name or e-mail), plus how many match across all pages.
 *
 * @param query.limit page size (1–100); `query.offset` rows to skip; `query.search` optional text.
 * @param listedSubtreeLimit how many people below a manager are still listed by ID (tests lower it
 *   to exercise the per-candidate walk on the demo's small tree).
 */
export async function searchActAs(
  db: Db,
  user: EmployeeRow,
  query: { search?: string | undefined; limit: number; offset: number },
  listedSubtreeLimit = LISTED_SUBTREE_LIMIT,
): Promise<{ rows: EmployeeRow[]; total: number }> {
  const e = employees;
  const tenantId = user.tenantId;
  const matching = query.search ? employeeSearch(db, tenantId, query.search) : undefined;
  const countOf = async (where: SQL | undefined) => (await db.select({ n: count() }).from(e).where(and(where, matching)).limit(1))[0]!.n;
  const pageOf = async (where: SQL | undefined) =>
    await db.select().from(e).where(and(where, matching)).orderBy(...byName(db)).limit(query.limit).offset(query.offset);

  if (await coversWholeTenant(db, user)) {
    // Everyone in the tenant is one row the triggers keep (the directory's `''` prefix count), or
    // for a search counted from its index alone; the service accounts (their own small index, which
    // wants the literal 1) and the user are taken away after. Counting with the conditions instead
    // reads each of 100,000 rows (174 ms); counting the tenant's index, 100,000 entries (9 ms, the
    // first page 2.6× its demo p99 in the bench, decision 18).
    const others = [eq(e.tenantId, tenantId), ne(e.id, user.id), eq(e.isServiceAccount, false)];
    if (query.search && !usesTrigrams(query.search)) {
      // One or two letters: the IN (…) of `matching` is the three ranges materialized (6,349 rows at
      // 100k, in the count and again in the page, 14 ms of CPU a request in the bench). As the
      // directory does, the tenant's matches are the count the triggers keep for the prefix and the
      // page a merge of the ranges that stops after `offset + limit`; the service accounts and the
      // user, a few rows, are tested against the ranges one by one.
      const { arms } = employeePrefixRanges(query.search);
      const startsWith = async (where: SQL) => (await db.select({ n: count() }).from(e).where(and(where, or(...arms))))[0]!.n;
      const serviceAccounts = await startsWith(and(eq(e.tenantId, tenantId), isTrue(db, e.isServiceAccount))!);
      const self = user.isServiceAccount ? 0 : await startsWith(and(eq(e.id, user.id), eq(e.tenantId, tenantId))!);
      return { total: (await employeesWithPrefix(db, tenantId, query.search)) - serviceAccounts - self, rows: await employeePrefixPage(db, others, arms, query) };
    }
    const everyone = matching ? await countOf(eq(e.tenantId, tenantId)) : await employeesWithPrefix(db, tenantId, '');
    const serviceAccounts = await countOf(and(eq(e.tenantId, tenantId), isTrue(db, e.isServiceAccount)));
    const self = user.isServiceAccount ? 0 : await countOf(and(eq(e.id, user.id), eq(e.tenantId, tenantId)));
    return { total: everyone - serviceAccounts - self, rows: await pageOf(and(...others)) };
  }
  const ids = await reachableIds(db, user, listedSubtreeLimit);
  if (ids?.length === 0) return { rows: [], total: 0 };
  if (ids) {
    const listed = and(sameTenant(e.tenantId, tenantId), inIdList(db, e.id, JSON.stringify(ids)));
    return { total: await countOf(listed), rows: await pageOf(listed) };
  }
  const delegatorList = await delegatorIds(db, user);
  const delegators = JSON.stringify(delegatorList);
  const others = and(eq(e.tenantId, tenantId), ne(e.id, user.id));
  const walked = and(others, or(chainBelow(user.id), inIdList(db, e.id, delegators)));
  if (matching) return { total: await countOf(walked), rows: await pageOf(walked) };
  // Without a search: everyone below is the row the triggers keep (schema.ts `subtreePeopleCounts`,
  // which counts the user too), plus whoever named the user delegate from outside it; testing each
  // of 11,110 rows read them all (25 ms a request for the manager of the large tenant), counting the
  // chain's range 11,110 index entries (0.46 ms).
  const below = ((await one<{ people: number }>(db, 'SELECT people FROM subtree_people_counts WHERE employee_id = ?', user.id))?.people ?? 1) - 1;
  const delegatorsOutside = delegatorList.length === 0 ? 0 : await countOf(and(others, inIdList(db, e.id, delegators), sql`NOT ${chainBelow(user.id)}`));
  return { total: below + delegatorsOutside, rows: await pageOf(walked) };
}

export type TransactionTypeRestriction = { transactionType: TransactionType; reason: string };

/** Restrictions that apply to this employee, personally or through their department; one per type. */
export async function restrictionsFor(db: Db, employee: EmployeeRow): Promise<TransactionTypeRestriction[]> {
  const rows = await all<{ transactionType: string; reason: string }>(
    db,
    `SELECT transaction_type AS transactionType, reason FROM transaction_type_restrictions
     WHERE tenant_id = ? AND (employee_id = ? OR department_id = ?)
     ORDER BY employee_id IS NULL, id`,
    employee.tenantId,
    employee.id,
    // Someone without a department matches no department's row (NULL = NULL is not true).
    employee.departmentId,
  );
  const byType = new Map<TransactionType, string>();
  for (const row of rows) {
    const type = row.transactionType as TransactionType;
    if (transactionTypes.includes(type) && !byType.has(type)) byType.set(type, row.reason);
  }
  return transactionTypes.filter((type) => byType.has(type)).map((type) => ({ transactionType: type, reason: byType.get(type)! }));
}

export async function allowedTransactionTypes(db: Db, employee: EmployeeRow): Promise<TransactionType[]> {
  const restricted = new Set((await restrictionsFor(db, employee)).map((restriction) => restriction.transactionType));
  return transactionTypes.filter((type) => !restricted.has(type));
}

/**
 * What can be ordered on lines of `ownerIds` by this user, per owner: an order on a line is the
 * owner's (§2), so the owner's allowed types, for owners the user may act for (themselves
 * included), and none for anyone else. Two queries for any number of owners, so a page of lines
 * costs the same as one line.
 */
export async function orderableTypesByOwner(db: Db, user: EmployeeRow, ownerIds: number[]): Promise<Map<number, TransactionType[]>> {
  const owners = [...new Set(ownerIds)];
  const result = new Map<number, TransactionType[]>();
  if (owners.length === 0) return result;
  const tenantId = user.tenantId;
  const wholeTenant = await coversWholeTenant(db, user);
  const reachable = (await all<{ id: number }>(
    db,
    wholeTenant
      ? `SELECT id FROM employees WHERE +tenant_id = @tenantId AND ${inIdListText(db, 'id', '@owners')}`
      : // The user or anyone below them is one probe of the kept chain per owner (its own row
        // included); listing the subtree first read 11,111 people for a page of ten lines.
        `SELECT id FROM employees WHERE +tenant_id = @tenantId AND ${inIdListText(db, 'id', '@owners')}
           AND (EXISTS (SELECT 1 FROM employee_chain c WHERE c.employee_id = employees.id AND c.ancestor_id = @userId)
             OR id IN (SELECT principal_id FROM delegates WHERE tenant_id = @tenantId AND delegate_id = @userId))`,
    wholeTenant ? { tenantId, owners: JSON.stringify(owners) } : { tenantId, owners: JSON.stringify(owners), userId: user.id },
  )).map((row) => row.id);
  if (reachable.length === 0) return result;
  const restricted = new Map<number, Set<string>>(reachable.map((id) => [id, new Set()]));
  // Each person's own restrictions and their department's, each by its index (joined on either
  // column at once, the join read every restriction of the tenant for each person).
  const restrictionsOf = (column: 'employee_id' | 'department_id', of: 'id' | 'department_id') =>
    `SELECT e.id AS employeeId, r.transaction_type AS transactionType FROM employees e
     JOIN transaction_type_restrictions r ON r.tenant_id = +e.tenant_id AND r.${column} = e.${of}
     WHERE +e.tenant_id = @tenantId AND ${inIdListText(db, 'e.id', '@reachable')}`;
  for (const row of await all<{ employeeId: number; transactionType: string }>(
    db,
    `${restrictionsOf('employee_id', 'id')} UNION ALL ${restrictionsOf('department_id', 'department_id')}`,
    { tenantId, reachable: JSON.stringify(reachable) },
  )) {
    restricted.get(row.employeeId)?.add(row.transactionType);
  }
  for (const [id, types] of restricted) result.set(id, transactionTypes.filter((type) => !types.has(type)));
  return result;
}
