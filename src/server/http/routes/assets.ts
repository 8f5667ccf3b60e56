import type { Context } from 'hono';
import {
  deviceAssetDetailQuery,
  deviceAssetItem,
  deviceAssetsQuery,
  deviceAssetsResponse,
  moveServiceRequest,
  serviceDetail,
  servicesQuery,
  servicesResponse,
  type TransactionType,
} from '../../../contract/index.ts';
import { allowedTransactionTypes } from '../../domain/actor.ts';
import {
  DEVICE_COLUMNS,
  SERVICE_SELECT,
  devicesById,
  findVisibleDevice,
  findVisibleService,
  presentDeviceItem,
  presentService,
  presentServiceDetail,
  type AssetLookups,
  type DeviceItemOptions,
  type DeviceRow,
  type ServiceRow,
} from '../../domain/assets.ts';
import { findEmployee, findEmployeeByCompanyId } from '../../domain/employees.ts';
import { orderActionsFor, servicesWithOpenOrders } from '../../domain/order-actions.ts';
import { pageMeta } from '../../domain/pagination.ts';
import { manufacturerRows, modelRows, vendorRows } from '../../domain/reference.ts';
import { all, likeSubstring, one, statement, storageId } from '../../domain/sql.ts';
import { assetScope, scopeCondition } from '../../domain/visibility.ts';
import { writeTransaction } from '../../storage/db.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiError, badRequest, forbidden, notFound } from '../errors.ts';
import type { RouteRegistry } from '../route.ts';

const lookups = (c: Context<AppEnv>): AssetLookups => ({
  vendors: vendorRows(c.var.deps.db),
  manufacturers: manufacturerRows(c.var.deps.db),
  models: modelRows(c.var.deps.db),
});

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

function actionsFor(c: Context<AppEnv>, services: ServiceRow[]): (service: ServiceRow | undefined) => TransactionType[] {
  const { db } = c.var.deps;
  const allowed = allowedTransactionTypes(db, c.var.auth.actor);
  const open = servicesWithOpenOrders(db, c.var.auth.tenantId, services.map((service) => service.id));
  return (service) => (service ? orderActionsFor(service.status, open.has(service.id), allowed) : []);
}

function serviceDetailOf(c: Context<AppEnv>, service: ServiceRow) {
  const { db } = c.var.deps;
  const device = service.deviceAssetId != null ? devicesById(db, c.var.auth.tenantId, [service.deviceAssetId]).get(service.deviceAssetId) : undefined;
  return presentServiceDetail(db, c.var.origin, lookups(c), service, device, actionsFor(c, [service])(service));
}

export function registerAssetRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/assets/services',
    tag: 'Assets',
    summary: 'Services visible to the actor',
    description:
      "The actor's own services, those of everyone below them (a service account: the whole tenant), never more than the signed-in " +
      'user could see. Newest first unless sorted otherwise. `dateTimeUpdated`: updated on or after.',
    query: servicesQuery,
    response: servicesResponse,
    handler: ({ c, query }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
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
      const reference = lookups(c);
      const devices = devicesById(db, auth.tenantId, rows.flatMap((row) => (row.deviceAssetId != null ? [row.deviceAssetId] : [])));
      const actions = actionsFor(c, rows);
      return {
        services: {
          _meta: pageMeta(c, query.limit, query.offset, total),
          items: rows.map((row) =>
            presentService(c.var.origin, reference, row, row.deviceAssetId != null ? devices.get(row.deviceAssetId) : undefined, actions(row)),
          ),
        },
      };
    },
  });

  api.add({
    method: 'get',
    path: '/assets/services/:id',
    tag: 'Assets',
    summary: 'A service with contract dates, features and its device',
    response: serviceDetail,
    handler: ({ c, params }) => {
      const serviceId = storageId(params.id);
      const service = serviceId === null ? undefined : findVisibleService(c.var.deps.db, c.var.auth, serviceId);
      if (!service) throw notFound(`Service ${params.id}`);
      return serviceDetailOf(c, service);
    },
  });

  // The vendor's move tutorial writes the path with a singular "service"; a client following it works too.
  for (const path of ['/assets/services/:id/move', '/assets/service/:id/move']) {
    api.add({
      method: 'post',
      path,
      tag: 'Assets',
      summary: path.startsWith('/assets/service/') ? 'Alias of /assets/services/{id}/move (the path in the vendor’s move tutorial)' : 'Move a service (and its device) to another employee',
      description: 'Needs `canMoveService` of the signed-in user. Answers the updated service detail.',
      body: moveServiceRequest,
      response: serviceDetail,
      handler: ({ c, params, body }) => {
        const { db, now } = c.var.deps;
        const auth = c.var.auth;
        const serviceId = storageId(params.id);
        const service = serviceId === null ? undefined : findVisibleService(db, auth, serviceId);
        if (!service) throw notFound(`Service ${params.id}`);
        if (!auth.user.canMoveService) throw forbidden('You may not move services between employees.');
        let newOwner;
        if (body.newOwnerEmployeeId !== undefined) {
          const ownerId = storageId(body.newOwnerEmployeeId);
          newOwner = ownerId === null ? undefined : findEmployee(db, auth.tenantId, ownerId);
          if (!newOwner) throw new ApiError(badRequest('INVALID_FIELD', `There is no employee ${body.newOwnerEmployeeId}.`, 'newOwnerEmployeeId'));
        } else if (body.newOwnerCompanyEmployeeId !== undefined) {
          newOwner = findEmployeeByCompanyId(db, auth.tenantId, body.newOwnerCompanyEmployeeId);
          if (!newOwner) {
            throw new ApiError(badRequest('INVALID_FIELD', `There is no employee ${body.newOwnerCompanyEmployeeId}.`, 'newOwnerCompanyEmployeeId'));
          }
        } else {
          throw new ApiError(badRequest('MISSING_FIELD', 'Name the new owner: newOwnerEmployeeId or newOwnerCompanyEmployeeId.', 'newOwnerEmployeeId'));
        }
        if (newOwner.status !== 'ACTIVE') {
          throw new ApiError(badRequest('INVALID_FIELD', 'The new owner is not an active employee.', body.newOwnerEmployeeId !== undefined ? 'newOwnerEmployeeId' : 'newOwnerCompanyEmployeeId'));
        }
        if (service.status === 'DEACTIVATED') throw new ApiError(badRequest('INVALID_STATE', 'A deactivated service cannot be moved.'));
        const ownerId = newOwner.id;
        writeTransaction(db, () => {
          const at = now().toISOString();
          statement(db, 'UPDATE services SET employee_id = ?, updated_at = ? WHERE id = ?').run(ownerId, at, service.id);
          if (service.deviceAssetId != null) {
            statement(db, 'UPDATE device_assets SET employee_id = ?, updated_at = ? WHERE id = ?').run(ownerId, at, service.deviceAssetId);
          }
        });
        c.var.log.info({ serviceId: service.id, newOwnerId: ownerId, moveCharges: body.moveCharges }, 'service moved');
        // Read back without the visibility filter: the mover may not see the new owner's assets.
        const moved = one<ServiceRow>(db, `${SERVICE_SELECT} WHERE s.id = ?`, service.id)!;
        return serviceDetailOf(c, moved);
      },
    });
  }

  const deviceQuery = (scopeSql: string) =>
    `SELECT ${DEVICE_COLUMNS}, s.id AS serviceId, COUNT(*) OVER () AS totalCount FROM device_assets da
     LEFT JOIN services s ON s.id = (SELECT id FROM services WHERE device_asset_id = da.id
       ORDER BY status = 'DEACTIVATED', updated_at DESC LIMIT 1)
     WHERE ${scopeSql}`;

  const presentDevices = (c: Context<AppEnv>, rows: (DeviceRow & { serviceId: number | null })[], options: DeviceItemOptions) => {
    const { db } = c.var.deps;
    const serviceIds = rows.flatMap((row) => (row.serviceId != null ? [row.serviceId] : []));
    const services = new Map(
      (serviceIds.length === 0
        ? []
        : all<ServiceRow>(db, `${SERVICE_SELECT} WHERE s.id IN (SELECT value FROM json_each(?))`, JSON.stringify(serviceIds))
      ).map((row) => [row.id, row]),
    );
    const ownerIds = [...new Set(rows.flatMap((row) => (row.employeeId != null ? [row.employeeId] : [])))];
    const owners = new Map(
      (ownerIds.length === 0
        ? []
        : all<{ id: number; companyEmployeeId: string; firstName: string; lastName: string; email: string }>(
            db,
            `SELECT id, company_employee_id AS companyEmployeeId, first_name AS firstName, last_name AS lastName, email
             FROM employees WHERE id IN (SELECT value FROM json_each(?))`,
            JSON.stringify(ownerIds),
          )
      ).map((row) => [row.id, row]),
    );
    const actions = actionsFor(c, [...services.values()]);
    const reference = lookups(c);
    return rows.map((row) => {
      const service = row.serviceId != null ? services.get(row.serviceId) : undefined;
      return presentDeviceItem(
        c.var.origin,
        reference,
        row,
        service,
        row.employeeId != null ? owners.get(row.employeeId) : undefined,
        actions(service),
        options,
      );
    });
  };

  api.add({
    method: 'get',
    path: '/assets/devices',
    tag: 'Assets',
    summary: 'Device assets visible to the actor',
    description:
      'Filters as for services (status, vendor and search apply to the service the device is on; search also matches serial numbers). ' +
      '`includeServiceDetails` adds plan, vendors and dates to `service`; `includeUpgradeEligibleDate` adds `upgradeEligibleDate`.',
    query: deviceAssetsQuery,
    response: deviceAssetsResponse,
    handler: ({ c, query }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const scope = scopeCondition(assetScope(db, auth), 'da.employee_id');
      const filters = assetFilters(query, 'da');
      const where = ['da.tenant_id = ?', scope.sql, ...filters.where].join(' AND ');
      const parameters = [auth.tenantId, ...scope.parameters, ...filters.parameters];
      const direction = query.sortAscending ? 'ASC' : 'DESC';
      const rows = all<DeviceRow & { serviceId: number | null; totalCount: number }>(
        db,
        `${deviceQuery(where)} ORDER BY da.updated_at ${direction}, da.id ${direction} LIMIT ? OFFSET ?`,
        ...parameters,
        query.limit,
        query.offset,
      );
      const total =
        rows[0]?.totalCount ??
        (query.offset > 0
          ? one<{ n: number }>(db, `SELECT COUNT(*) AS n FROM (${deviceQuery(where)})`, ...parameters)!.n
          : 0);
      const options = { includeServiceDetails: query.includeServiceDetails ?? false, includeUpgradeEligibleDate: query.includeUpgradeEligibleDate ?? false };
      return { devices: { _meta: pageMeta(c, query.limit, query.offset, total), items: presentDevices(c, rows, options) } };
    },
  });

  api.add({
    method: 'get',
    path: '/assets/devices/:id',
    tag: 'Assets',
    summary: 'A device asset',
    query: deviceAssetDetailQuery,
    response: deviceAssetItem,
    handler: ({ c, params, query }) => {
      const { db } = c.var.deps;
      const deviceId = storageId(params.id);
      const device = deviceId === null ? undefined : findVisibleDevice(db, c.var.auth, deviceId);
      if (!device) throw notFound(`Device ${params.id}`);
      const row = one<DeviceRow & { serviceId: number | null }>(db, `${deviceQuery('da.id = ?')}`, device.id)!;
      const options = { includeServiceDetails: query.includeServiceDetails ?? true, includeUpgradeEligibleDate: query.includeUpgradeEligibleDate ?? true };
      return presentDevices(c, [row], options)[0]!;
    },
  });
}
