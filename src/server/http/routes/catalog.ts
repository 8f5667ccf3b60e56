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
import { allowedTransactionTypes } from '../../domain/actor.ts';
import { findVisibleDevice, findVisibleService, serviceFeatures } from '../../domain/assets.ts';
import {
  ACCESSORY_COLUMNS,
  CATALOG_DEVICE_COLUMNS,
  DEVICE_TRANSACTION_TYPES,
  PLAN_COLUMNS,
  deviceEligibility,
  planOptionalFeatures,
  presentAccessory,
  presentCatalogDevice,
  presentCatalogDeviceDetail,
  presentFeature,
  presentPlan,
  type AccessoryRow,
  type CatalogDeviceRow,
  type FeatureRow,
  type Lookups,
  type PlanRow,
} from '../../domain/catalog.ts';
import { pageMeta } from '../../domain/pagination.ts';
import { MODEL_COLUMNS, manufacturerRows, presentModel, vendorRows, type ModelRow } from '../../domain/reference.ts';
import { all, likeSubstring, one, storageId } from '../../domain/sql.ts';
import type { AppEnv } from '../app-env.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import type { RouteRegistry } from '../route.ts';

const lookups = (c: Context<AppEnv>): Lookups => ({
  vendors: vendorRows(c.var.deps.db),
  manufacturers: manufacturerRows(c.var.deps.db),
});

const unknownReference = (what: string, value: string, field: string) =>
  new ApiError(badRequest('INVALID_FIELD', `There is no ${what} ${value} you can see.`, `query.${field}`));

/** Builds `WHERE` and `ORDER BY` and reads one page plus the total. */
function readPage<T>(
  c: Context<AppEnv>,
  from: string,
  columns: string,
  where: string[],
  parameters: unknown[],
  order: string,
  limit: number,
  offset: number,
): { rows: T[]; total: number } {
  const { db } = c.var.deps;
  const condition = where.join(' AND ');
  const rows = all<T & { totalCount: number }>(
    db,
    `SELECT ${columns}, COUNT(*) OVER () AS totalCount FROM ${from} WHERE ${condition} ORDER BY ${order} LIMIT ? OFFSET ?`,
    ...parameters,
    limit,
    offset,
  );
  const total = rows[0]?.totalCount ?? (offset > 0 ? one<{ n: number }>(db, `SELECT COUNT(*) AS n FROM ${from} WHERE ${condition}`, ...parameters)!.n : 0);
  return { rows, total };
}

const catalogOrder = (alias: string, sort: 'NAME' | 'PRICE' | undefined, ascending: boolean | undefined) => {
  const direction = (ascending ?? true) ? 'ASC' : 'DESC';
  return sort === 'PRICE'
    ? `${alias}.price_cents ${direction}, ${alias}.name COLLATE NOCASE ${direction}, ${alias}.id ${direction}`
    : `${alias}.name COLLATE NOCASE ${direction}, ${alias}.id ${direction}`;
};

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
    handler: ({ c, query }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const eligibility = deviceEligibility(auth);
      const where = ['d.tenant_id = ?', eligibility.sql];
      const parameters: unknown[] = [auth.tenantId, ...eligibility.parameters];
      if (query.vendor !== undefined) {
        where.push('d.vendor_id = ?');
        parameters.push(storageId(query.vendor) ?? -1);
      }
      if (query.manufacturer !== undefined) {
        where.push('d.manufacturer_id = ?');
        parameters.push(storageId(query.manufacturer) ?? -1);
      }
      if (query.search) {
        where.push("d.name LIKE ? ESCAPE '\\'");
        parameters.push(likeSubstring(query.search));
      }
      if (query.region !== undefined) {
        // A state or province stands for its country, where catalog items are offered.
        where.push('d.region_id IN (SELECT id FROM regions WHERE id = ? UNION SELECT parent_id FROM regions WHERE id = ?)');
        const regionId = storageId(query.region) ?? -1;
        parameters.push(regionId, regionId);
      }
      if (query.transactionType !== undefined) {
        const orderable =
          DEVICE_TRANSACTION_TYPES.includes(query.transactionType) &&
          allowedTransactionTypes(db, auth.actor).includes(query.transactionType);
        if (!orderable) where.push('0 = 1');
      }
      if (query.service !== undefined) {
        const serviceId = storageId(query.service);
        const service = serviceId === null ? undefined : findVisibleService(db, auth, serviceId);
        if (!service) throw unknownReference('service', query.service, 'service');
        where.push('d.vendor_id <> ?');
        parameters.push(service.currentVendorId);
      }
      if (query.compatibleWithPlan !== undefined) {
        const planId = storageId(query.compatibleWithPlan);
        const plan =
          planId === null
            ? undefined
            : one<{ vendorId: number; accessMethod: string }>(
                db,
                `SELECT p.vendor_id AS vendorId, v.access_method AS accessMethod FROM catalog_plans p JOIN vendors v ON v.id = p.vendor_id
                 WHERE p.id = ? AND p.tenant_id = ?`,
                planId,
                auth.tenantId,
              );
        if (!plan) throw unknownReference('plan', query.compatibleWithPlan, 'compatibleWithPlan');
        where.push('d.vendor_id = ? AND d.access_method = ?');
        parameters.push(plan.vendorId, plan.accessMethod);
      }
      const { rows, total } = readPage<CatalogDeviceRow>(
        c,
        'catalog_devices d',
        CATALOG_DEVICE_COLUMNS,
        where,
        parameters,
        catalogOrder('d', query.sort, query.sortAscending),
        query.limit,
        query.offset,
      );
      const reference = lookups(c);
      return {
        devices: {
          _meta: pageMeta(c, query.limit, query.offset, total),
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
    handler: ({ c, params }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const deviceId = storageId(params.id);
      const eligibility = deviceEligibility(auth);
      const row =
        deviceId === null
          ? undefined
          : one<CatalogDeviceRow & { description: string; specifications: string; deviceFeatures: string }>(
              db,
              `SELECT ${CATALOG_DEVICE_COLUMNS}, d.description, d.specifications, d.device_features AS deviceFeatures
               FROM catalog_devices d WHERE d.id = ? AND d.tenant_id = ? AND ${eligibility.sql}`,
              deviceId,
              auth.tenantId,
              ...eligibility.parameters,
            );
      if (!row) throw notFound(`Catalog device ${params.id}`);
      const model = one<ModelRow>(db, `SELECT ${MODEL_COLUMNS} FROM models WHERE id = ?`, row.modelId);
      return presentCatalogDeviceDetail(c.var.origin, lookups(c), row, model);
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
    handler: ({ c, query }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const where = ['p.tenant_id = ?'];
      const parameters: unknown[] = [auth.tenantId];
      if (query.vendor !== undefined) {
        where.push('p.vendor_id = ?');
        parameters.push(storageId(query.vendor) ?? -1);
      }
      if (query.region !== undefined) {
        where.push('p.region_id IN (SELECT id FROM regions WHERE id = ? UNION SELECT parent_id FROM regions WHERE id = ?)');
        const regionId = storageId(query.region) ?? -1;
        parameters.push(regionId, regionId);
      }
      if (query.search) {
        where.push("p.name LIKE ? ESCAPE '\\'");
        parameters.push(likeSubstring(query.search));
      }
      if (query.device !== undefined) {
        const deviceId = storageId(query.device);
        const eligibility = deviceEligibility(auth);
        const device =
          deviceId === null
            ? undefined
            : one<{ vendorId: number; accessMethod: string }>(
                db,
                `SELECT d.vendor_id AS vendorId, d.access_method AS accessMethod FROM catalog_devices d
                 WHERE d.id = ? AND d.tenant_id = ? AND ${eligibility.sql}`,
                deviceId,
                auth.tenantId,
                ...eligibility.parameters,
              );
        if (!device) throw unknownReference('catalog device', query.device, 'device');
        where.push('p.vendor_id = ? AND EXISTS (SELECT 1 FROM vendors v WHERE v.id = p.vendor_id AND v.access_method = ?)');
        parameters.push(device.vendorId, device.accessMethod);
      }
      const { rows, total } = readPage<PlanRow>(
        c,
        'catalog_plans p',
        PLAN_COLUMNS,
        where,
        parameters,
        catalogOrder('p', query.sort, query.sortAscending),
        query.limit,
        query.offset,
      );
      const reference = lookups(c);
      return {
        plans: { _meta: pageMeta(c, query.limit, query.offset, total), items: rows.map((row) => presentPlan(c.var.origin, reference, row)) },
      };
    },
  });

  api.add({
    method: 'get',
    path: '/catalog/plans/:id',
    tag: 'Catalog',
    summary: 'A plan with included and optional features',
    response: catalogPlanDetail,
    handler: ({ c, params }) => {
      const { db } = c.var.deps;
      const planId = storageId(params.id);
      const row =
        planId === null
          ? undefined
          : one<PlanRow & { includedFeatures: string }>(
              db,
              `SELECT ${PLAN_COLUMNS}, p.included_features AS includedFeatures FROM catalog_plans p WHERE p.id = ? AND p.tenant_id = ?`,
              planId,
              c.var.auth.tenantId,
            );
      if (!row) throw notFound(`Plan ${params.id}`);
      return {
        ...presentPlan(c.var.origin, lookups(c), row),
        includedFeatures: JSON.parse(row.includedFeatures) as { description: string }[],
        optionalFeatures: planOptionalFeatures(db, row.id).map(presentFeature),
      };
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
    handler: ({ c, query }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const where = ['a.tenant_id = ?'];
      const parameters: unknown[] = [auth.tenantId];
      const fitsModel = (modelId: number) => {
        where.push('EXISTS (SELECT 1 FROM accessory_models am WHERE am.accessory_id = a.id AND am.model_id = ?)');
        parameters.push(modelId);
      };
      if (query.device !== undefined) {
        const deviceId = storageId(query.device);
        const eligibility = deviceEligibility(auth);
        const device =
          deviceId === null
            ? undefined
            : one<{ modelId: number }>(
                db,
                `SELECT d.model_id AS modelId FROM catalog_devices d WHERE d.id = ? AND d.tenant_id = ? AND ${eligibility.sql}`,
                deviceId,
                auth.tenantId,
                ...eligibility.parameters,
              );
        if (!device) throw unknownReference('catalog device', query.device, 'device');
        fitsModel(device.modelId);
      }
      if (query.compatibleWithDeviceAssetId !== undefined) {
        const assetId = storageId(query.compatibleWithDeviceAssetId);
        const asset = assetId === null ? undefined : findVisibleDevice(db, auth, assetId);
        if (!asset) throw unknownReference('device asset', query.compatibleWithDeviceAssetId, 'compatibleWithDeviceAssetId');
        fitsModel(asset.modelId);
      }
      if (query.service !== undefined) {
        const serviceId = storageId(query.service);
        const service = serviceId === null ? undefined : findVisibleService(db, auth, serviceId);
        if (!service) throw unknownReference('service', query.service, 'service');
        const modelId =
          service.deviceAssetId == null
            ? undefined
            : one<{ modelId: number }>(db, 'SELECT model_id AS modelId FROM device_assets WHERE id = ?', service.deviceAssetId)?.modelId;
        if (modelId === undefined) where.push('0 = 1');
        else fitsModel(modelId);
      }
      if (query.search) {
        where.push("a.name LIKE ? ESCAPE '\\'");
        parameters.push(likeSubstring(query.search));
      }
      const { rows, total } = readPage<AccessoryRow>(
        c,
        'catalog_accessories a',
        ACCESSORY_COLUMNS,
        where,
        parameters,
        catalogOrder('a', query.sort, query.sortAscending),
        query.limit,
        query.offset,
      );
      const reference = lookups(c);
      return {
        accessories: {
          _meta: pageMeta(c, query.limit, query.offset, total),
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
    handler: ({ c, params }) => {
      const { db } = c.var.deps;
      const accessoryId = storageId(params.id);
      const row =
        accessoryId === null
          ? undefined
          : one<AccessoryRow>(db, `SELECT ${ACCESSORY_COLUMNS} FROM catalog_accessories a WHERE a.id = ? AND a.tenant_id = ?`, accessoryId, c.var.auth.tenantId);
      if (!row) throw notFound(`Accessory ${params.id}`);
      const models = all<ModelRow>(
        db,
        `SELECT ${MODEL_COLUMNS} FROM models WHERE id IN (SELECT model_id FROM accessory_models WHERE accessory_id = ?) ORDER BY name COLLATE NOCASE, id`,
        row.id,
      );
      return { ...presentAccessory(c.var.origin, lookups(c), row), compatibleModels: models.map((model) => presentModel(c.var.origin, model)) };
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
    handler: ({ c, query }) => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      const serviceId = storageId(query.service);
      const service = serviceId === null ? undefined : findVisibleService(db, auth, serviceId);
      if (!service) throw unknownReference('service', query.service, 'service');
      const active = new Set(serviceFeatures(db, service.id).map((feature) => feature.id));
      const offered = all<FeatureRow>(
        db,
        `SELECT f.id, f.description, f.price_cents AS priceCents, f.currency_code AS currencyCode FROM features f
         WHERE f.tenant_id = ? AND (f.vendor_id = ? OR f.id IN (SELECT feature_id FROM service_features WHERE service_id = ?))
         ORDER BY f.description COLLATE NOCASE, f.id`,
        auth.tenantId,
        service.currentVendorId,
        service.id,
      );
      return { features: offered.map((row) => ({ ...presentFeature(row), isActiveOnService: active.has(row.id) })) };
    },
  });
}
