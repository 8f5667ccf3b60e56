import type { Employee, EmployeeDetail, EmployeeSummary, employeesQuery } from '../../contract/index.ts';
import type { z } from 'zod';

type EmployeesQueryData = z.output<typeof employeesQuery>;
import type { EmployeeRow } from './auth-context.ts';
import type { Db } from '../storage/db.ts';
import { and, count, eq, gte, or, sql } from 'drizzle-orm';
import { employees } from '../storage/schema.ts';
import { byText, containsText, direction, storageId } from './sql.ts';
import { all, one } from '../storage/statements.ts';

/** The employees columns under the names Drizzle's row type uses. */
export const EMPLOYEE_COLUMNS = `e.id, e.tenant_id AS tenantId, e.company_employee_id AS companyEmployeeId,
  e.first_name AS firstName, e.last_name AS lastName, e.email, e.office_phone AS officePhone, e.status,
  e.department_id AS departmentId, e.manager_id AS managerId, e.is_approver AS isApprover,
  e.can_move_service AS canMoveService, e.is_service_account AS isServiceAccount, e.region_id AS regionId,
  e.address, e.custom_attributes AS customAttributes, e.username, e.password_hash AS passwordHash,
  e.updated_at AS updatedAt`;

type RawEmployee = Omit<EmployeeRow, 'isApprover' | 'canMoveService' | 'isServiceAccount' | 'address' | 'customAttributes'> & {
  isApprover: number;
  canMoveService: number;
  isServiceAccount: number;
  address: string | null;
  customAttributes: string;
};

export function toEmployeeRow(raw: RawEmployee): EmployeeRow {
  return {
    ...raw,
    isApprover: raw.isApprover === 1,
    canMoveService: raw.canMoveService === 1,
    isServiceAccount: raw.isServiceAccount === 1,
    address: raw.address ? (JSON.parse(raw.address) as EmployeeRow['address']) : null,
    customAttributes: JSON.parse(raw.customAttributes || '[]') as EmployeeRow['customAttributes'],
  };
}

export function findEmployee(db: Db, tenantId: number, employeeId: number): EmployeeRow | undefined {
  const raw = one<RawEmployee>(db, `SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE e.id = ? AND e.tenant_id = ?`, employeeId, tenantId);
  return raw && toEmployeeRow(raw);
}

export function findEmployeeByCompanyId(db: Db, tenantId: number, companyEmployeeId: string): EmployeeRow | undefined {
  const raw = one<RawEmployee>(
    db,
    `SELECT ${EMPLOYEE_COLUMNS} FROM employees e WHERE e.tenant_id = ? AND e.company_employee_id = ?`,
    tenantId,
    companyEmployeeId,
  );
  return raw && toEmployeeRow(raw);
}

export function queryEmployees(db: Db, sql: string, ...parameters: unknown[]): EmployeeRow[] {
  return all<RawEmployee>(db, sql, ...parameters).map(toEmployeeRow);
}

/**
 * One page of the tenant's directory (GET /employees), filtered and sorted as the query says, plus
 * the number of matches across all pages.
 */
export function listEmployees(db: Db, tenantId: number, query: EmployeesQueryData): { rows: EmployeeRow[]; total: number } {
  const e = employees;
  const where = and(
    eq(e.tenantId, tenantId),
    query.search
      ? or(
          containsText(e.firstName, query.search),
          containsText(e.lastName, query.search),
          containsText(sql`(${e.firstName} || ' ' || ${e.lastName})`, query.search),
          containsText(e.email, query.search),
        )
      : undefined,
    query.department !== undefined ? eq(e.departmentId, storageId(query.department) ?? -1) : undefined,
    query.employee !== undefined ? eq(e.id, storageId(query.employee) ?? -1) : undefined,
    query.companyEmployeeId !== undefined ? eq(e.companyEmployeeId, query.companyEmployeeId) : undefined,
    query.dateTimeUpdatedOnOrAfter !== undefined ? gte(e.updatedAt, new Date(query.dateTimeUpdatedOnOrAfter).toISOString()) : undefined,
  );
  const byUpdated = query.sort === 'UPDATED_DATE';
  const ascending = query.sortAscending ?? !byUpdated;
  const order = byUpdated
    ? [direction(e.updatedAt, ascending), direction(e.id, ascending)]
    : [byText(e.lastName, ascending), byText(e.firstName, ascending), direction(e.id, ascending)];
  const total = db.select({ n: count() }).from(e).where(where).get()!.n;
  const rows = db.select().from(e).where(where).orderBy(...order).limit(query.limit).offset(query.offset).all();
  return { rows, total };
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
export function departmentNames(db: Db, tenantId: number): Map<number, string> {
  return new Map(
    all<{ id: number; name: string }>(db, 'SELECT id, name FROM departments WHERE tenant_id = ?', tenantId).map((row) => [row.id, row.name]),
  );
}

export function presentEmployee(origin: string, row: EmployeeRow, departments: Map<number, string>): Employee {
  const href = employeeHref(origin, row.id);
  return {
    id: String(row.id),
    companyEmployeeId: row.companyEmployeeId,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    officePhone: row.officePhone,
    status: row.status,
    department:
      row.departmentId != null ? { id: String(row.departmentId), name: departments.get(row.departmentId) ?? '' } : null,
    updated: row.updatedAt,
    _meta: {
      href,
      hrefDevices: `${origin}/mobproc/v1/assets/devices?employee=${row.id}&limit=10&offset=0`,
      hrefServices: `${origin}/mobproc/v1/assets/services?employee=${row.id}&limit=10&offset=0`,
    },
  };
}

export function presentEmployeeDetail(db: Db, origin: string, row: EmployeeRow, departments: Map<number, string>): EmployeeDetail {
  const manager = row.managerId != null ? findEmployee(db, row.tenantId, row.managerId) : undefined;
  return {
    ...presentEmployee(origin, row, departments),
    manager: manager ? presentEmployeeSummary(origin, manager) : null,
    customAttributes: row.customAttributes,
    workAddress: row.regionId != null && row.address?.length ? { regionId: String(row.regionId), address: row.address } : null,
  };
}
