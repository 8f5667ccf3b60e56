import type { Employee, EmployeeDetail, EmployeeSummary, employeesQuery } from '../../contract/index.ts';
import type { z } from 'zod';

type EmployeesQueryData = z.output<typeof employeesQuery>;
import type { EmployeeRow } from './auth-context.ts';
import type { Db } from '../storage/db.ts';
import { and, count, eq, gte, sql, type SQL } from 'drizzle-orm';
import { union } from 'drizzle-orm/sqlite-core';
import { departments, employeePrefixCounts, employees } from '../storage/schema.ts';
import { byText, direction, foldedText, inIdList, storageId } from './sql.ts';
import { foldForSearch } from '../storage/search-fold.ts';
import { employeePrefixMatch, employeePrefixRanges, employeeTextMatch, searchPattern, usesTrigrams } from '../storage/search.ts';
import { allPrepared, preparedOnce, rowWhere } from '../storage/statements.ts';

/** Last name, first name as people read them, then ID so equal names keep one order. */
export const byName = (db: Db, ascending = true) => [byText(db, employees.lastName, ascending), byText(db, employees.firstName, ascending), direction(employees.id, ascending)];

export const findEmployee = async (db: Db, tenantId: number, employeeId: number): Promise<EmployeeRow | undefined> => await rowWhere(db, employees, { id: employeeId, tenantId });

export const findEmployeeByCompanyId = async (db: Db, tenantId: number, companyEmployeeId: string): Promise<EmployeeRow | undefined> =>
  await rowWhere(db, employees, { tenantId, companyEmployeeId });

/** Employees by ID, in any tenant (the caller's IDs come from rows already scoped to one). */
export const employeesByIds = async (db: Db, ids: Iterable<number>): Promise<EmployeeRow[]> =>
  await preparedOnce(db, 'employees-by-id', () =>
    db
      .select()
      .from(employees)
      .where(inIdList(db, employees.id, sql.placeholder('ids'))),
  ).all({ ids: JSON.stringify([...new Set(ids)]) });

/**
 * Employees whose name ("first last") or e-mail contains `text`, in any case (the search fold,
 * storage/search-fold.ts); one or two characters find those whose first name, last name or e-mail
 * starts with them (storage/search.ts).
 */
export const employeeSearch = (db: Db, tenantId: number, text: string): SQL =>
  usesTrigrams(text) ? employeeTextMatch(db, employees.id, searchPattern(db, text)) : employeePrefixMatch(employees.id, tenantId, text);

/**
 * One page of the tenant's directory (GET /employees), filtered and sorted as the query says, plus
 * the number of matches across all pages. `search` finds employees whose name ("first last") or
 * e-mail contains it, in any case; one or two characters find those whose first name, last name or
 * e-mail starts with them (storage/search.ts).
 */
export async function listEmployees(db: Db, tenantId: number, query: EmployeesQueryData): Promise<{ rows: EmployeeRow[]; total: number }> {
  const e = employees;
  const filters = [
    eq(e.tenantId, tenantId),
    query.department !== undefined ? eq(e.departmentId, storageId(query.department) ?? -1) : undefined,
    query.employee !== undefined ? eq(e.id, storageId(query.employee) ?? -1) : undefined,
    query.companyEmployeeId !== undefined ? eq(e.companyEmployeeId, query.companyEmployeeId) : undefined,
    query.dateTimeUpdatedOnOrAfter !== undefined ? gte(e.updatedAt, new Date(query.dateTimeUpdatedOnOrAfter).toISOString()) : undefined,
  ];
  const byUpdated = query.sort === 'UPDATED_DATE';
  const ascending = query.sortAscending ?? !byUpdated;
  if (query.search && !usesTrigrams(query.search)) return await listByPrefix(db, tenantId, query, filters, byUpdated, ascending);
  const where = and(...filters, query.search ? employeeTextMatch(db, e.id, searchPattern(db, query.search)) : undefined);
  const order = byUpdated ? [direction(e.updatedAt, ascending), direction(e.id, ascending)] : byName(db, ascending);
  const total = !query.search && !narrowed(filters) ? await employeesWithPrefix(db, tenantId, '') : (await db.select({ n: count() }).from(e).where(where).limit(1))[0]!.n;
  const rows = await db.select().from(e).where(where).orderBy(...order).limit(query.limit).offset(query.offset);
  return { rows, total };
}

/** Whether a filter besides the tenant applies (the first of `filters` is the tenant's). */
const narrowed = (filters: (SQL | undefined)[]) => filters.slice(1).some(Boolean);

/**
 * How many of the tenant's employees have a folded last name, first name or e-mail starting with
 * `prefix`, folded (one or two characters once folded; `''` for all of them), read from the count
 * the triggers keep (schema.ts `employeePrefixCounts`).
 */
export const employeesWithPrefix = async (db: Db, tenantId: number, prefix: string): Promise<number> =>
  (await allPrepared(db, 'employee-prefix-count', (bind) =>
    db
      .select({ n: employeePrefixCounts.employees })
      .from(employeePrefixCounts)
      .where(and(eq(employeePrefixCounts.tenantId, bind('tenantId', tenantId)), eq(employeePrefixCounts.prefix, bind('prefix', foldForSearch(prefix))))),
  ))[0]?.n ?? 0;

/**
 * A search of one or two characters: the page is the union of three prefix ranges, each read in
 * the page's order, merged, so it stops after `offset + limit` rows; the total is the sum of the
 * ranges made disjoint (storage/search.ts `employeePrefixRanges`), or with no other filter the
 * count the triggers keep. Sorted by update time, each range is sorted first (no index holds that
 * order per prefix); that order is rarely asked of a search.
 */
async function listByPrefix(
  db: Db,
  tenantId: number,
  query: EmployeesQueryData,
  filters: (SQL | undefined)[],
  byUpdated: boolean,
  ascending: boolean,
): Promise<{ rows: EmployeeRow[]; total: number }> {
  const e = employees;
  const { arms, counted } = employeePrefixRanges(query.search!);
  // Each disjoint range counted on its own, through the query builder: it runs on either dialect.
  let total = 0;
  if (narrowed(filters)) for (const range of counted) total += (await db.select({ n: count() }).from(e).where(and(...filters, range)))[0]!.n;
  else total = await employeesWithPrefix(db, tenantId, query.search!);
  return { rows: await employeePrefixPage(db, filters, arms, query, byUpdated, ascending), total };
}

/**
 * One page of the employees `filters` keep whose last name, first name or e-mail starts with the
 * text of `arms` (storage/search.ts `employeePrefixRanges`): the three ranges, each read in the
 * page's order and merged, so it stops after `offset + limit` rows. Shared by the directory and the
 * act-for search (decision 18), which differ only in their filters.
 */
export async function employeePrefixPage(
  db: Db,
  filters: (SQL | undefined)[],
  arms: SQL[],
  page: { limit: number; offset: number },
  byUpdated = false,
  ascending = true,
): Promise<EmployeeRow[]> {
  const e = employees;
  // The result columns carry the directory's collation, so the merge compares as the indexes sort.
  const range = (condition: SQL) =>
    db
      .select({ id: e.id, lastName: foldedText(db, e.lastName).as('last'), firstName: foldedText(db, e.firstName).as('first'), updatedAt: e.updatedAt })
      .from(e)
      .where(and(...filters, condition));
  const keys = byUpdated ? ['updated_at', 'id'] : ['last', 'first', 'id'];
  const ids = (await union(range(arms[0]!), range(arms[1]!), range(arms[2]!))
    .orderBy(...keys.map((key) => sql.raw(`"${key}" ${ascending ? 'ASC' : 'DESC'}`)))
    .limit(page.limit)
    .offset(page.offset))
    .map((row) => row.id);
  const byId = new Map((await employeesByIds(db, ids)).map((row) => [row.id, row]));
  return ids.map((id) => byId.get(id)!);
}

export const employeeHref = (origin: string, employeeId: number) => `${origin}/mobproc/v1/employees/${employeeId}`;

export function presentEmployeeSummary(origin: string, row: Pick<EmployeeRow, 'id' | 'companyEmployeeId' | 'firstName' | 'lastName' | 'email'>): EmployeeSummary {
  return {
    id: String(row.id),
    companyEmployeeId: row.companyEmployeeId,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    _meta: { href: employeeHref(origin, row.id) },
  };
}

/** Department names by id for one tenant: a handful of rows, read once per request that needs them. */
export async function departmentNames(db: Db, tenantId: number): Promise<Map<number, string>> {
  const rows = await preparedOnce(db, 'departments', () =>
    db.select({ id: departments.id, name: departments.name }).from(departments).where(eq(departments.tenantId, sql.placeholder('tenantId'))),
  ).all({ tenantId });
  return new Map(rows.map((row) => [row.id, row.name]));
}

export function presentEmployee(origin: string, row: EmployeeRow, departments: Map<number, string>): Employee {
  const href = employeeHref(origin, row.id);
  const { _meta: _summaryLinks, ...summary } = presentEmployeeSummary(origin, row);
  return {
    ...summary,
    officePhone: row.officePhone,
    status: row.status,
    department:
      row.departmentId != null ? { id: String(row.departmentId), name: departments.get(row.departmentId) ?? '' } : null,
    updated: row.updatedAt,
    ...(row.isServiceAccount ? { serviceAccount: true as const } : {}),
    _meta: {
      href,
      hrefDevices: `${origin}/mobproc/v1/assets/devices?employee=${row.id}&limit=10&offset=0`,
      hrefServices: `${origin}/mobproc/v1/assets/services?employee=${row.id}&limit=10&offset=0`,
    },
  };
}

export async function presentEmployeeDetail(db: Db, origin: string, row: EmployeeRow, departments: Map<number, string>): Promise<EmployeeDetail> {
  const manager = row.managerId != null ? await findEmployee(db, row.tenantId, row.managerId) : undefined;
  return {
    ...presentEmployee(origin, row, departments),
    manager: manager ? presentEmployeeSummary(origin, manager) : null,
    customAttributes: row.customAttributes,
    workAddress: row.regionId != null && row.address?.length ? { regionId: String(row.regionId), address: row.address } : null,
  };
}
