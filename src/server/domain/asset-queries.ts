/**
 * The asset lists and the move, in SQL written by hand: the services page is the heaviest read the
 * bench measures, and these statements are prepared once and reused (decision record 0008).
 */
import type { z } from 'zod';
import type { deviceAssetsQuery, servicesQuery } from '../../contract/index.ts';
import { writeTransaction, type Db } from '../storage/db.ts';
import { DEVICE_COLUMNS, SERVICE_SELECT, type DeviceRow, type ServiceRow } from './assets.ts';
import type { AuthContext } from './auth-context.ts';
import { ApiError, badRequest } from './errors.ts';
import { hasOpenOrder } from './orders/context.ts';
import { all, likeSubstring, one, statement, storageId } from './sql.ts';
import { assetScope, scopeCondition } from './visibility.ts';

// The digits of a service number, so `2065550142` finds `(206) 555-0142`.
const DIGITS_OF_NUMBER =
  "replace(replace(replace(replace(replace(replace(s.service_number, ' ', ''), '-', ''), '(', ''), ')', ''), '+', ''), '.', '')";

type AssetFilters = {
  employee?: string;
  companyEmployeeId?: string;
  status?: string;
  vendor?: string;
  search?: string;
  dateTimeUpdated?: string;
};

/** The filters services (`s`) and device assets (`da`, joined to their service `s`) share. */
function assetFilters(query: AssetFilters, alias: 's' | 'da') {
  const ownerColumn = `${alias}.employee_id`;
  const where: string[] = [];
  const parameters: unknown[] = [];
  if (query.employee !== undefined) {
    where.push(`${ownerColumn} = ?`);
    parameters.push(storageId(query.employee) ?? -1);
  }
  if (query.companyEmployeeId !== undefined) {
    where.push(`${ownerColumn} IN (SELECT id FROM employees WHERE company_employee_id = ? AND tenant_id = ${alias}.tenant_id)`);
    parameters.push(query.companyEmployeeId);
  }
  if (query.status !== undefined) {
    where.push('s.status = ?');
    parameters.push(query.status);
  }
  if (query.vendor !== undefined) {
    where.push('s.current_vendor_id = ?');
    parameters.push(storageId(query.vendor) ?? -1);
  }
  if (query.search) {
    const digits = query.search.replace(/\D/g, '');
    const clauses = [`s.service_number LIKE ? ESCAPE '\\'`];
    parameters.push(likeSubstring(query.search));
    if (digits) {
      clauses.push(`${DIGITS_OF_NUMBER} LIKE ?`);
      parameters.push(`%${digits}%`);
    }
    if (alias === 'da') {
      clauses.push(`da.serial_value LIKE ? ESCAPE '\\'`);
      parameters.push(likeSubstring(query.search));
    }
    where.push(`(${clauses.join(' OR ')})`);
  }
  if (query.dateTimeUpdated !== undefined) {
    where.push(`${alias}.updated_at >= ?`);
    parameters.push(new Date(query.dateTimeUpdated).toISOString());
  }
  return { where, parameters };
}

/** GET /assets/services: one page of the services the actor may see, newest first unless sorted otherwise. */
export function listServices(db: Db, auth: AuthContext, query: z.output<typeof servicesQuery>): { rows: ServiceRow[]; total: number } {
  const scope = scopeCondition(assetScope(db, auth), 's.employee_id');
  const filters = assetFilters(query, 's');
  const where = ['s.tenant_id = ?', scope.sql, ...filters.where].join(' AND ');
  const parameters = [auth.tenantId, ...scope.parameters, ...filters.parameters];
  const direction = query.sortAscending ? 'ASC' : 'DESC';
  // Count and page separately: the page then walks the (tenant, updated) index and stops early.
  const total = one<{ n: number }>(db, `SELECT COUNT(*) AS n FROM services s WHERE ${where}`, ...parameters)!.n;
  const rows = all<ServiceRow>(
    db,
    `${SERVICE_SELECT} WHERE ${where} ORDER BY s.updated_at ${direction}, s.id ${direction} LIMIT ? OFFSET ?`,
    ...parameters,
    query.limit,
    query.offset,
  );
  return { rows, total };
}

/** Services by ID, whoever may see them. */
export function servicesByIds(db: Db, ids: number[]): Map<number, ServiceRow> {
  if (ids.length === 0) return new Map();
  const rows = all<ServiceRow>(db, `${SERVICE_SELECT} WHERE s.id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids));
  return new Map(rows.map((row) => [row.id, row]));
}

type EmployeeSummaryRow = { id: number; companyEmployeeId: string; firstName: string; lastName: string; email: string };

export function employeeSummariesByIds(db: Db, ids: number[]): Map<number, EmployeeSummaryRow> {
  if (ids.length === 0) return new Map();
  const rows = all<EmployeeSummaryRow>(
    db,
    `SELECT id, company_employee_id AS companyEmployeeId, first_name AS firstName, last_name AS lastName, email
     FROM employees WHERE id IN (SELECT value FROM json_each(?))`,
    JSON.stringify(ids),
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Gives a service, and the device on it, to another employee. Throws a 400 (`400-INVALID_STATE`)
 * while the service has an open order: that order was approved for the current owner, and would
 * otherwise complete on the new owner's line without their manager being asked (§2).
 */
export function moveService(db: Db, service: Pick<ServiceRow, 'id' | 'deviceAssetId' | 'serviceNumber'>, ownerId: number, now: Date): void {
  writeTransaction(db, () => {
    // Checked inside the write transaction, so an order submitted a moment earlier is seen.
    if (hasOpenOrder(db, service.id)) {
      throw new ApiError(badRequest('INVALID_STATE', `Service ${service.serviceNumber} has an open order; move it once that order is complete, rejected or cancelled.`));
    }
    const at = now.toISOString();
    statement(db, 'UPDATE services SET employee_id = ?, updated_at = ? WHERE id = ?').run(ownerId, at, service.id);
    if (service.deviceAssetId != null) {
      statement(db, 'UPDATE device_assets SET employee_id = ?, updated_at = ? WHERE id = ?').run(ownerId, at, service.deviceAssetId);
    }
  });
}

export type DeviceWithService = DeviceRow & { serviceId: number | null };

// A device's service: the live one, else the one it left last.
const deviceQuery = (scopeSql: string) =>
  `SELECT ${DEVICE_COLUMNS}, s.id AS serviceId, COUNT(*) OVER () AS totalCount FROM device_assets da
   LEFT JOIN services s ON s.id = (SELECT id FROM services WHERE device_asset_id = da.id
     ORDER BY status = 'DEACTIVATED', updated_at DESC LIMIT 1)
   WHERE ${scopeSql}`;

/** GET /assets/devices: one page of the device assets the actor may see, each with its service's ID. */
export function listDevices(db: Db, auth: AuthContext, query: z.output<typeof deviceAssetsQuery>): { rows: DeviceWithService[]; total: number } {
  const scope = scopeCondition(assetScope(db, auth), 'da.employee_id');
  const filters = assetFilters(query, 'da');
  const where = ['da.tenant_id = ?', scope.sql, ...filters.where].join(' AND ');
  const parameters = [auth.tenantId, ...scope.parameters, ...filters.parameters];
  const direction = query.sortAscending ? 'ASC' : 'DESC';
  const rows = all<DeviceWithService & { totalCount: number }>(
    db,
    `${deviceQuery(where)} ORDER BY da.updated_at ${direction}, da.id ${direction} LIMIT ? OFFSET ?`,
    ...parameters,
    query.limit,
    query.offset,
  );
  const total =
    rows[0]?.totalCount ?? (query.offset > 0 ? one<{ n: number }>(db, `SELECT COUNT(*) AS n FROM (${deviceQuery(where)})`, ...parameters)!.n : 0);
  return { rows, total };
}

export const deviceWithServiceId = (db: Db, deviceId: number): DeviceWithService => one<DeviceWithService>(db, deviceQuery('da.id = ?'), deviceId)!;
