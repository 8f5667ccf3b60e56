import type { Employee, EmployeeDetail, EmployeeSummary } from '../../contract/index.ts';
import type { EmployeeRow } from '../http/app-env.ts';
import type { Db } from '../storage/db.ts';
import { all, one } from './sql.ts';

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
