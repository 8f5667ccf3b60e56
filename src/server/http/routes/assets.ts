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
import { allowedTransactionTypes, orderableTypesByOwner } from '../../domain/actor.ts';
import { deviceWithServiceId, employeeSummariesByIds, listDevices, listServices, moveService, servicesByIds, type DeviceWithService } from '../../domain/asset-queries.ts';
import {
  devicesById,
  findVisibleDevice,
  findVisibleService,
  presentDeviceItem,
  presentService,
  presentServiceDetail,
  type AssetLookups,
  type DeviceItemOptions,
  type ServiceRow,
} from '../../domain/assets.ts';
import { findEmployee, findEmployeeByCompanyId } from '../../domain/employees.ts';
import { orderActionsFor, servicesWithOpenOrders } from '../../domain/order-actions.ts';
import { pageMeta } from '../../domain/pagination.ts';
import { manufacturerRows, modelRows, vendorRows } from '../../domain/reference.ts';
import { storageId } from '../../domain/sql.ts';
import { pageRequest, type AppEnv } from '../app-env.ts';
import { ApiError, badRequest, forbidden, notFound } from '../../domain/errors.ts';
import type { RouteRegistry } from '../route.ts';

const lookups = async (c: Context<AppEnv>): Promise<AssetLookups> => ({
  vendors: await vendorRows(c.var.deps.db),
  manufacturers: await manufacturerRows(c.var.deps.db),
  models: await modelRows(c.var.deps.db),
});

/**
 * A line's `orderActions` are what its owner may order on it (an order on a line is for its owner,
 * §2), offered only to the owner and to whoever may act for them; nobody else can order there.
 */
async function actionsFor(c: Context<AppEnv>, services: ServiceRow[]): Promise<(service: ServiceRow | undefined) => TransactionType[]> {
  const { db } = c.var.deps;
  const { auth } = c.var;
  const owners = services.flatMap((service) => (service.employeeId === null ? [] : [service.employeeId]));
  const allowedByOwner = await orderableTypesByOwner(db, auth.user, owners);
  // The actor's own lines: what the actor may order (the user acts for them already).
  allowedByOwner.set(auth.actor.id, await allowedTransactionTypes(db, auth.actor));
  const open = await servicesWithOpenOrders(db, auth.tenantId, services.map((service) => service.id));
  return (service) =>
    service ? orderActionsFor(service.status, open.has(service.id), (service.employeeId !== null && allowedByOwner.get(service.employeeId)) || []) : [];
}

async function serviceDetailOf(c: Context<AppEnv>, service: ServiceRow) {
  const { db } = c.var.deps;
  const device = service.deviceAssetId != null ? (await devicesById(db, c.var.auth.tenantId, [service.deviceAssetId])).get(service.deviceAssetId) : undefined;
  return await presentServiceDetail(db, c.var.origin, await lookups(c), service, device, (await actionsFor(c, [service]))(service));
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
    handler: async ({ c, query }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const { rows, total } = await listServices(db, auth, query);
      const reference = await lookups(c);
      const devices = await devicesById(db, auth.tenantId, rows.flatMap((row) => (row.deviceAssetId != null ? [row.deviceAssetId] : [])));
      const actions = await actionsFor(c, rows);
      return {
        services: {
          _meta: pageMeta(pageRequest(c), query.limit, query.offset, total),
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
    handler: async ({ c, params }) => {
      const serviceId = storageId(params.id);
      const service = serviceId === null ? undefined : await findVisibleService(c.var.deps.db, c.var.auth, serviceId);
      if (!service) throw notFound(`Service ${params.id}`);
      return await serviceDetailOf(c, service);
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
      handler: async ({ c, params, body }) => {
        const { db, now } = c.var.deps;
        const auth = c.var.auth;
        const serviceId = storageId(params.id);
        const service = serviceId === null ? undefined : await findVisibleService(db, auth, serviceId);
        if (!service) throw notFound(`Service ${params.id}`);
        if (!auth.user.canMoveService) throw forbidden('You may not move services between employees.');
        let newOwner;
        if (body.newOwnerEmployeeId !== undefined && body.newOwnerCompanyEmployeeId !== undefined) {
          throw new ApiError(badRequest('INVALID_FIELD', 'Name the new owner once: newOwnerEmployeeId or newOwnerCompanyEmployeeId, not both.', 'newOwnerCompanyEmployeeId'));
        }
        if (body.newOwnerEmployeeId !== undefined) {
          const ownerId = storageId(body.newOwnerEmployeeId);
          newOwner = ownerId === null ? undefined : await findEmployee(db, auth.tenantId, ownerId);
          if (!newOwner) throw new ApiError(badRequest('INVALID_FIELD', `There is no employee ${body.newOwnerEmployeeId}.`, 'newOwnerEmployeeId'));
        } else if (body.newOwnerCompanyEmployeeId !== undefined) {
          newOwner = await findEmployeeByCompanyId(db, auth.tenantId, body.newOwnerCompanyEmployeeId);
          if (!newOwner) {
            throw new ApiError(badRequest('INVALID_FIELD', `There is no employee ${body.newOwnerCompanyEmployeeId}.`, 'newOwnerCompanyEmployeeId'));
          }
        } else {
          throw new ApiError(badRequest('MISSING_FIELD', 'Name the new owner: newOwnerEmployeeId or newOwnerCompanyEmployeeId.', 'newOwnerEmployeeId'));
        }
        const ownerField = body.newOwnerEmployeeId !== undefined ? 'newOwnerEmployeeId' : 'newOwnerCompanyEmployeeId';
        if (newOwner.status !== 'ACTIVE') throw new ApiError(badRequest('INVALID_FIELD', 'The new owner is not an active employee.', ownerField));
        // A service account orders for people and holds no lines of its own (§2).
        if (newOwner.isServiceAccount) throw new ApiError(badRequest('INVALID_FIELD', 'A service account cannot own a line; name a person.', ownerField));
        if (service.status === 'DEACTIVATED') throw new ApiError(badRequest('INVALID_STATE', 'A deactivated service cannot be moved.'));
        const ownerId = newOwner.id;
        await moveService(db, service, ownerId, now());
        c.var.log.info({ serviceId: service.id, newOwnerId: ownerId, moveCharges: body.moveCharges }, 'service moved');
        // Read back without the visibility filter: the mover may not see the new owner's assets.
        const moved = (await servicesByIds(db, [service.id])).get(service.id)!;
        return await serviceDetailOf(c, moved);
      },
    });
  }

  const presentDevices = async (c: Context<AppEnv>, rows: DeviceWithService[], options: DeviceItemOptions) => {
    const { db } = c.var.deps;
    const serviceIds = rows.flatMap((row) => (row.serviceId != null ? [row.serviceId] : []));
    const services = await servicesByIds(db, serviceIds);
    const owners = await employeeSummariesByIds(db, [...new Set(rows.flatMap((row) => (row.employeeId != null ? [row.employeeId] : [])))]);
    const actions = await actionsFor(c, [...services.values()]);
    const reference = await lookups(c);
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
    handler: async ({ c, query }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const { rows, total } = await listDevices(db, auth, query);
      const options = { includeServiceDetails: query.includeServiceDetails ?? false, includeUpgradeEligibleDate: query.includeUpgradeEligibleDate ?? false };
      return { devices: { _meta: pageMeta(pageRequest(c), query.limit, query.offset, total), items: await presentDevices(c, rows, options) } };
    },
  });

  api.add({
    method: 'get',
    path: '/assets/devices/:id',
    tag: 'Assets',
    summary: 'A device asset',
    query: deviceAssetDetailQuery,
    response: deviceAssetItem,
    handler: async ({ c, params, query }) => {
      const { db } = c.var.deps;
      const deviceId = storageId(params.id);
      const device = deviceId === null ? undefined : await findVisibleDevice(db, c.var.auth, deviceId);
      if (!device) throw notFound(`Device ${params.id}`);
      const row = await deviceWithServiceId(db, device.id);
      const options = { includeServiceDetails: query.includeServiceDetails ?? true, includeUpgradeEligibleDate: query.includeUpgradeEligibleDate ?? true };
      return (await presentDevices(c, [row], options))[0]!;
    },
  });
}
