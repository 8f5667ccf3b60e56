import type { Context } from 'hono';
import {
  accessoriesQuery,
  accessoriesResponse,
  accessoryDetail,
  catalogDeviceDetail,
  catalogDevicesQuery,
  catalogDevicesResponse,
  catalogPlanDetail,
  catalogPlansQuery,
  catalogPlansResponse,
  featuresQuery,
  featuresResponse,
} from '../../../contract/index.ts';
import { findVisibleService, serviceFeatures } from '../../domain/assets.ts';
import {
  featuresOffered,
  findAccessory,
  findCatalogDevice,
  findPlanDetail,
  listAccessories,
  listCatalogDevices,
  listPlans,
  presentAccessory,
  presentCatalogDevice,
  presentCatalogDeviceDetail,
  presentFeature,
  presentPlan,
  type Lookups,
} from '../../domain/catalog.ts';
import { pageMeta } from '../../domain/pagination.ts';
import { findModel, manufacturerRows, modelsFitting, presentModel, vendorRows } from '../../domain/reference.ts';
import { storageId } from '../../domain/sql.ts';
import { pageRequest, type AppEnv } from '../app-env.ts';
import { ApiError, badRequest, notFound } from '../../domain/errors.ts';
import type { RouteRegistry } from '../route.ts';

const lookups = async (c: Context<AppEnv>): Promise<Lookups> => ({
  vendors: await vendorRows(c.var.deps.db),
  manufacturers: await manufacturerRows(c.var.deps.db),
});

export function registerCatalogRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/catalog/devices',
    tag: 'Catalog',
    summary: 'Devices the actor may order',
    description:
      "Department eligibility is the actor's. `service` drops the devices only that service's current carrier offers (ports); " +
      '`compatibleWithPlan` keeps devices of the plan\'s carrier and access method.',
    query: catalogDevicesQuery,
    response: catalogDevicesResponse,
    handler: async ({ c, query }) => {
      const { rows, total } = await listCatalogDevices(c.var.deps.db, c.var.auth, query);
      const reference = await lookups(c);
      return {
        devices: {
          _meta: pageMeta(pageRequest(c), query.limit, query.offset, total),
          items: rows.map((row) => presentCatalogDevice(c.var.origin, reference, row)),
        },
      };
    },
  });

  api.add({
    method: 'get',
    path: '/catalog/devices/:id',
    tag: 'Catalog',
    summary: 'A catalog device with description, specifications and colour/storage choices',
    response: catalogDeviceDetail,
    handler: async ({ c, params }) => {
      const { db } = c.var.deps;
      const row = await findCatalogDevice(db, c.var.auth, storageId(params.id));
      if (!row) throw notFound(`Catalog device ${params.id}`);
      return presentCatalogDeviceDetail(c.var.origin, await lookups(c), row, await findModel(db, row.modelId));
    },
  });

  api.add({
    method: 'get',
    path: '/catalog/plans',
    tag: 'Catalog',
    summary: 'Service plans',
    description: '`device` keeps the plans of that catalog device\'s carrier whose access method the device has.',
    query: catalogPlansQuery,
    response: catalogPlansResponse,
    handler: async ({ c, query }) => {
      const { rows, total } = await listPlans(c.var.deps.db, c.var.auth, query);
      const reference = await lookups(c);
      return {
        plans: { _meta: pageMeta(pageRequest(c), query.limit, query.offset, total), items: rows.map((row) => presentPlan(c.var.origin, reference, row)) },
      };
    },
  });

  api.add({
    method: 'get',
    path: '/catalog/plans/:id',
    tag: 'Catalog',
    summary: 'A plan with included and optional features',
    response: catalogPlanDetail,
    handler: async ({ c, params }) => {
      const plan = await findPlanDetail(c.var.deps.db, c.var.origin, await lookups(c), c.var.auth.tenantId, storageId(params.id));
      if (!plan) throw notFound(`Plan ${params.id}`);
      return plan;
    },
  });

  api.add({
    method: 'get',
    path: '/catalog/accessories',
    tag: 'Catalog',
    summary: 'Accessories',
    description:
      '`device` (a catalog device), `compatibleWithDeviceAssetId` (a device asset) and `service` (the device on a service) keep ' +
      'the accessories that fit that device model.',
    query: accessoriesQuery,
    response: accessoriesResponse,
    handler: async ({ c, query }) => {
      const { rows, total } = await listAccessories(c.var.deps.db, c.var.auth, query);
      const reference = await lookups(c);
      return {
        accessories: {
          _meta: pageMeta(pageRequest(c), query.limit, query.offset, total),
          items: rows.map((row) => presentAccessory(c.var.origin, reference, row)),
        },
      };
    },
  });

  api.add({
    method: 'get',
    path: '/catalog/accessories/:id',
    tag: 'Catalog',
    summary: 'An accessory with the models it fits',
    response: accessoryDetail,
    handler: async ({ c, params }) => {
      const { db } = c.var.deps;
      const row = await findAccessory(db, c.var.auth.tenantId, storageId(params.id));
      if (!row) throw notFound(`Accessory ${params.id}`);
      return { ...presentAccessory(c.var.origin, await lookups(c), row), compatibleModels: (await modelsFitting(db, row.id)).map((model) => presentModel(c.var.origin, model)) };
    },
  });

  api.add({
    method: 'get',
    path: '/catalog/features',
    tag: 'Catalog',
    summary: 'Features that can be added to or removed from a service',
    description: "The service's current carrier's features; `isActiveOnService` (extension) says which it has now.",
    query: featuresQuery,
    response: featuresResponse,
    handler: async ({ c, query }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const serviceId = storageId(query.service);
      const service = serviceId === null ? undefined : await findVisibleService(db, auth, serviceId);
      if (!service) throw new ApiError(badRequest('INVALID_FIELD', `There is no service ${query.service} you can see.`, 'query.service'));
      const active = new Set((await serviceFeatures(db, service.id)).map((feature) => feature.id));
      return { features: (await featuresOffered(db, auth.tenantId, service)).map((row) => ({ ...presentFeature(row), isActiveOnService: active.has(row.id) })) };
    },
  });
}
