import { and, asc, count, eq, exists, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  orderMemberRules,
  type Accessory,
  type accessoriesQuery,
  type CatalogDevice,
  type CatalogDeviceDetail,
  type catalogDevicesQuery,
  type CatalogPlan,
  type CatalogPlanDetail,
  type catalogPlansQuery,
  type DeviceFeature,
  type Feature,
  type TransactionType,
} from '../../contract/index.ts';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../storage/db.ts';
import {
  accessoryModels,
  catalogAccessories,
  catalogDevices,
  catalogPlans,
  deviceAssets,
  features,
  planFeatures,
  regions,
  serviceFeatures,
  vendors,
} from '../storage/schema.ts';
import { allowedTransactionTypes } from './actor.ts';
import { findVisibleDevice, findVisibleService } from './assets.ts';
import type { AuthContext } from './auth-context.ts';
import { ApiError, badRequest } from './errors.ts';
import { toMoney } from './money.ts';
import { absoluteUrl, presentVendor, type ManufacturerRow, type ModelRow, type VendorRow } from './reference.ts';
import { byText, columnsOf, direction, jsonIdListHas, storageId } from './sql.ts';
import { foldedContains, foldedSubstring } from '../storage/search.ts';
import { allPrepared, type Bind } from '../storage/statements.ts';

/** Whether this type's cart may hold a device, by the contract's member table (MOBPROC §4.2). */
const cartMayHoldDevice = (type: TransactionType): boolean => orderMemberRules[type].deviceId !== '-';

type Page<T> = { rows: T[]; total: number };
type CatalogSort = { sort?: 'NAME' | 'PRICE' | undefined; sortAscending?: boolean | undefined; limit: number; offset: number };

const unknownReference = (what: string, value: string, field: string) =>
  new ApiError(badRequest('INVALID_FIELD', `There is no ${what} ${value} you can see.`, `query.${field}`));

type CatalogTable = { id: AnySQLiteColumn; name: AnySQLiteColumn; priceCents: AnySQLiteColumn };

/** Name (or price, then name) order, the ID last so pages never overlap. */
function catalogOrder(db: Db, table: CatalogTable, query: CatalogSort): SQL[] {
  const ascending = query.sortAscending ?? true;
  const byName = [byText(db, table.name, ascending), direction(table.id, ascending)];
  return query.sort === 'PRICE' ? [direction(table.priceCents, ascending), ...byName] : byName;
}

/** A state or province stands for its country, where catalog items are offered. */
const inRegion = (column: AnySQLiteColumn, regionText: string, bind: Bind) => {
  const regionId = bind('region', storageId(regionText) ?? -1);
  return inArray(
    column,
    sql`(SELECT ${regions.id} FROM ${regions} WHERE ${regions.id} = ${regionId} UNION SELECT ${regions.parentId} FROM ${regions} WHERE ${regions.id} = ${regionId})`,
  );
};

/** The total across pages, read by the page's own query as a window count. */
const totalCount = sql<number>`COUNT(*) OVER ()`.as('totalCount');

/**
 * One page of a catalog table in the query's order, and the total across pages: read by the page's
 * own query as a window count, or, past the last page where no row carries it, by a count.
 */
async function catalogPage<R>(
  db: Db,
  shape: string,
  table: typeof catalogDevices | typeof catalogPlans | typeof catalogAccessories,
  columns: Record<string, AnySQLiteColumn>,
  where: (bind: Bind) => SQL | undefined,
  query: CatalogSort,
): Promise<Page<R>> {
  const rows = (await allPrepared(db, shape, (bind) =>
    db
      .select({ ...columns, totalCount })
      .from(table as typeof catalogDevices)
      .where(where(bind))
      .orderBy(...catalogOrder(db, table, query))
      .limit(bind('limit', query.limit))
      .offset(bind('offset', query.offset)),
  )) as unknown as (R & { totalCount: number })[];
  const total = rows[0]?.totalCount ?? (query.offset > 0 ? (await allPrepared(db, `${shape}:count`, (bind) => db.select({ n: count() }).from(table as typeof catalogDevices).where(where(bind))))[0]!.n : 0);
  return { rows, total };
}

/**
 * Department eligibility of catalog devices, evaluated for the actor: a device names the
 * departments that may order it, or none (everyone). A service account acting for itself sees all.
 */
function eligibleFor(db: Db, actor: AuthContext['actor'], bind: Bind): SQL | undefined {
  if (actor.isServiceAccount) return undefined;
  const ids = catalogDevices.eligibleDepartmentIds;
  return sql`(${ids} IS NULL OR ${jsonIdListHas(db, ids, bind('departmentId', actor.departmentId ?? -1))})`;
}

const deviceColumns = columnsOf(catalogDevices, ['id', 'name', 'manufacturerId', 'modelId', 'vendorId', 'regionId', 'priceCents', 'currencyCode', 'imageUrl', 'accessMethod']);
export type CatalogDeviceRow = Pick<typeof catalogDevices.$inferSelect, keyof typeof deviceColumns>;

/** A catalog device the actor may order, or undefined. */
const findOrderableDevice = async (db: Db, auth: AuthContext, deviceId: number | null) =>
  deviceId === null
    ? undefined
    : (await allPrepared(db, 'orderable-device', (bind) =>
        db
          .select()
          .from(catalogDevices)
          .where(and(eq(catalogDevices.id, bind('id', deviceId)), eq(catalogDevices.tenantId, bind('tenantId', auth.tenantId)), eligibleFor(db, auth.actor, bind))),
      ))[0];

/** GET /catalog/devices: one page of the devices the actor may order; 400 for a service or plan it cannot see. */
export async function listCatalogDevices(db: Db, auth: AuthContext, query: z.output<typeof catalogDevicesQuery>): Promise<Page<CatalogDeviceRow>> {
  const d = catalogDevices;
  const orderable =
    query.transactionType === undefined ||
    (cartMayHoldDevice(query.transactionType) && (await allowedTransactionTypes(db, auth.actor)).includes(query.transactionType));
  let service: { currentVendorId: number } | undefined;
  if (query.service !== undefined) {
    const serviceId = storageId(query.service);
    service = serviceId === null ? undefined : await findVisibleService(db, auth, serviceId);
    if (!service) throw unknownReference('service', query.service, 'service');
  }
  let plan: { vendorId: number; accessMethod: string } | undefined;
  if (query.compatibleWithPlan !== undefined) {
    const planId = storageId(query.compatibleWithPlan);
    plan =
      planId === null
        ? undefined
        : (await db
            .select({ vendorId: catalogPlans.vendorId, accessMethod: vendors.accessMethod })
            .from(catalogPlans)
            .innerJoin(vendors, eq(vendors.id, catalogPlans.vendorId))
            .where(and(eq(catalogPlans.id, planId), eq(catalogPlans.tenantId, auth.tenantId))).limit(1))[0];
    if (!plan) throw unknownReference('plan', query.compatibleWithPlan, 'compatibleWithPlan');
  }
  const where = (bind: Bind) =>
    and(
      eq(d.tenantId, bind('tenantId', auth.tenantId)),
      eligibleFor(db, auth.actor, bind),
      query.vendor !== undefined ? eq(d.vendorId, bind('vendor', storageId(query.vendor) ?? -1)) : undefined,
      query.manufacturer !== undefined ? eq(d.manufacturerId, bind('manufacturer', storageId(query.manufacturer) ?? -1)) : undefined,
      query.search ? foldedContains(d.nameFolded, bind('search', foldedSubstring(query.search))) : undefined,
      query.region !== undefined ? inRegion(d.regionId, query.region, bind) : undefined,
      orderable ? undefined : sql`0 = 1`,
      service ? ne(d.vendorId, bind('serviceVendor', service.currentVendorId)) : undefined,
      plan ? and(eq(d.vendorId, bind('planVendor', plan.vendorId)), eq(d.accessMethod, bind('planAccess', plan.accessMethod))) : undefined,
    );
  const shape = `catalog-devices:${orderable}:${query.sort}:${query.sortAscending}`;
  return await catalogPage<CatalogDeviceRow>(db, shape, d, deviceColumns, where, query);
}

/** GET /catalog/devices/{id}: the whole stored device, if the actor may order it. */
export const findCatalogDevice = findOrderableDevice;

export type Lookups = { vendors: Map<number, VendorRow>; manufacturers: Map<number, ManufacturerRow> };

const manufacturerSummary = (lookups: Lookups, manufacturerId: number) => ({
  id: String(manufacturerId),
  name: lookups.manufacturers.get(manufacturerId)?.name ?? '',
});

function vendorOf(origin: string, lookups: Lookups, vendorId: number) {
  const row = lookups.vendors.get(vendorId);
  if (!row) throw new Error(`vendor ${vendorId} is referenced but missing`);
  return presentVendor(origin, row);
}

/** What a catalog device and an accessory show alike: a one-time price, maker, carrier, image and link. */
const presentCatalogItem = (origin: string, lookups: Lookups, row: AccessoryRow, kind: 'devices' | 'accessories') => ({
  id: String(row.id),
  name: row.name,
  manufacturer: manufacturerSummary(lookups, row.manufacturerId),
  vendor: vendorOf(origin, lookups, row.vendorId),
  price: toMoney(row.priceCents, row.currencyCode, 'ONETIME'),
  imageUrl: absoluteUrl(origin, row.imageUrl),
  _meta: { href: `${origin}/mobproc/v1/catalog/${kind}/${row.id}` },
});

export function presentCatalogDevice(origin: string, lookups: Lookups, row: CatalogDeviceRow): CatalogDevice {
  const { _meta, ...item } = presentCatalogItem(origin, lookups, row, 'devices');
  return { ...item, accessMethod: row.accessMethod, _meta };
}

type StoredDeviceFeature = Omit<DeviceFeature, 'options'> & {
  options: { id: string; label: string; isDefault: boolean; priceCents: number }[];
};

export function presentCatalogDeviceDetail(
  origin: string,
  lookups: Lookups,
  row: typeof catalogDevices.$inferSelect,
  model: ModelRow | undefined,
): CatalogDeviceDetail {
  const features = row.deviceFeatures as StoredDeviceFeature[];
  return {
    ...presentCatalogDevice(origin, lookups, row),
    description: row.description,
    specifications: row.specifications,
    deviceFeatures: features.map((feature) => ({
      id: String(feature.id),
      label: feature.label,
      type: 'CHOICE',
      validation: feature.validation,
      options: feature.options.map((option) => ({
        id: String(option.id),
        label: option.label,
        isDefault: option.isDefault,
        price: toMoney(option.priceCents, row.currencyCode, 'ONETIME'),
      })),
    })),
    ...(model ? { model: { id: String(model.id), name: model.name, imageUrl: absoluteUrl(origin, model.imageUrl) } } : {}),
  };
}

const planColumns = columnsOf(catalogPlans, ['id', 'name', 'vendorId', 'regionId', 'priceCents', 'currencyCode']);
export type PlanRow = Pick<typeof catalogPlans.$inferSelect, keyof typeof planColumns>;

/** GET /catalog/plans: one page of the tenant's plans; 400 for a catalog device the actor may not order. */
export async function listPlans(db: Db, auth: AuthContext, query: z.output<typeof catalogPlansQuery>): Promise<Page<PlanRow>> {
  const p = catalogPlans;
  let device: { vendorId: number; accessMethod: string } | undefined;
  if (query.device !== undefined) {
    device = await findOrderableDevice(db, auth, storageId(query.device));
    if (!device) throw unknownReference('catalog device', query.device, 'device');
  }
  const where = (bind: Bind) =>
    and(
      eq(p.tenantId, bind('tenantId', auth.tenantId)),
      query.vendor !== undefined ? eq(p.vendorId, bind('vendor', storageId(query.vendor) ?? -1)) : undefined,
      query.region !== undefined ? inRegion(p.regionId, query.region, bind) : undefined,
      query.search ? foldedContains(p.nameFolded, bind('search', foldedSubstring(query.search))) : undefined,
      device
        ? and(
            eq(p.vendorId, bind('deviceVendor', device.vendorId)),
            exists(db.select({ one: sql`1` }).from(vendors).where(and(eq(vendors.id, p.vendorId), eq(vendors.accessMethod, bind('deviceAccess', device.accessMethod))))),
          )
        : undefined,
    );
  const shape = `catalog-plans:${query.sort}:${query.sortAscending}`;
  return await catalogPage<PlanRow>(db, shape, p, planColumns, where, query);
}

export const presentPlan = (origin: string, lookups: Lookups, row: PlanRow): CatalogPlan => ({
  id: String(row.id),
  name: row.name,
  vendor: vendorOf(origin, lookups, row.vendorId),
  price: toMoney(row.priceCents, row.currencyCode, 'MONTHLY'),
  _meta: { href: `${origin}/mobproc/v1/catalog/plans/${row.id}` },
});

/** GET /catalog/plans/{id}: the plan with its included and optional features, or undefined. */
export async function findPlanDetail(db: Db, origin: string, lookups: Lookups, tenantId: number, planId: number | null): Promise<CatalogPlanDetail | undefined> {
  const row =
    planId === null
      ? undefined
      : (await db.select().from(catalogPlans).where(and(eq(catalogPlans.id, planId), eq(catalogPlans.tenantId, tenantId))).limit(1))[0];
  if (!row) return undefined;
  return {
    ...presentPlan(origin, lookups, row),
    includedFeatures: row.includedFeatures,
    optionalFeatures: (await planOptionalFeatures(db, row.id)).map(presentFeature),
  };
}

export const featureColumns = columnsOf(features, ['id', 'description', 'priceCents', 'currencyCode']);
export type FeatureRow = Pick<typeof features.$inferSelect, keyof typeof featureColumns>;
export const byDescription = (db: Db) => [byText(db, features.description, true), asc(features.id)];

export const presentFeature = (row: FeatureRow): Feature => ({
  id: String(row.id),
  description: row.description,
  price: toMoney(row.priceCents, row.currencyCode, 'MONTHLY'),
});

/** A plan's optional features, in description order. */
const planOptionalFeatures = async (db: Db, planId: number): Promise<FeatureRow[]> =>
  await db
    .select(featureColumns)
    .from(planFeatures)
    .innerJoin(features, eq(features.id, planFeatures.featureId))
    .where(eq(planFeatures.planId, planId))
    .orderBy(...byDescription(db));

/** The features of a service's current carrier, plus those the service has from another carrier, in description order. */
export const featuresOffered = async (db: Db, tenantId: number, service: { id: number; currentVendorId: number }): Promise<FeatureRow[]> =>
  await db
    .select(featureColumns)
    .from(features)
    .where(
      and(
        eq(features.tenantId, tenantId),
        or(
          eq(features.vendorId, service.currentVendorId),
          inArray(features.id, db.select({ id: serviceFeatures.featureId }).from(serviceFeatures).where(eq(serviceFeatures.serviceId, service.id))),
        ),
      ),
    )
    .orderBy(...byDescription(db));

export const accessoryColumns = columnsOf(catalogAccessories, ['id', 'name', 'manufacturerId', 'vendorId', 'priceCents', 'currencyCode', 'imageUrl']);
export type AccessoryRow = Pick<typeof catalogAccessories.$inferSelect, keyof typeof accessoryColumns>;

/**
 * GET /catalog/accessories: one page of the tenant's accessories, kept to those that fit the model
 * of the device named by `device`, `compatibleWithDeviceAssetId` or `service` (400 for one the actor
 * cannot see), and to those sold in `region` (a country, or a state standing for its country; by default the
 * service's country when `service` is given).
 */
export async function listAccessories(db: Db, auth: AuthContext, query: z.output<typeof accessoriesQuery>): Promise<Page<AccessoryRow>> {
  const a = catalogAccessories;
  const modelIds: (number | undefined)[] = [];
  // Accessories for a service are those of its country unless the query names one.
  let region = query.region;
  if (query.device !== undefined) {
    const device = await findOrderableDevice(db, auth, storageId(query.device));
    if (!device) throw unknownReference('catalog device', query.device, 'device');
    modelIds.push(device.modelId);
  }
  if (query.compatibleWithDeviceAssetId !== undefined) {
    const assetId = storageId(query.compatibleWithDeviceAssetId);
    const asset = assetId === null ? undefined : await findVisibleDevice(db, auth, assetId);
    if (!asset) throw unknownReference('device asset', query.compatibleWithDeviceAssetId, 'compatibleWithDeviceAssetId');
    modelIds.push(asset.modelId);
  }
  if (query.service !== undefined) {
    const serviceId = storageId(query.service);
    const service = serviceId === null ? undefined : await findVisibleService(db, auth, serviceId);
    if (!service) throw unknownReference('service', query.service, 'service');
    region ??= String(service.regionId);
    // A service without a device fits no accessory.
    modelIds.push(
      service.deviceAssetId == null
        ? undefined
        : (await db.select({ modelId: deviceAssets.modelId }).from(deviceAssets).where(eq(deviceAssets.id, service.deviceAssetId)).limit(1))[0]?.modelId,
    );
  }
  const fits = (modelId: number | undefined, index: number, bind: Bind) =>
    modelId === undefined
      ? sql`0 = 1`
      : exists(
          db
            .select({ one: sql`1` })
            .from(accessoryModels)
            .where(and(eq(accessoryModels.accessoryId, a.id), eq(accessoryModels.modelId, bind(`model${index}`, modelId)))),
        );
  const where = (bind: Bind) =>
    and(
      eq(a.tenantId, bind('tenantId', auth.tenantId)),
      ...modelIds.map((modelId, index) => fits(modelId, index, bind)),
      query.search ? foldedContains(a.nameFolded, bind('search', foldedSubstring(query.search))) : undefined,
      // An accessory is sold in its carrier's country, priced in that country's currency.
      region !== undefined ? inArray(a.vendorId, db.select({ id: vendors.id }).from(vendors).where(inRegion(vendors.regionId, region, bind))) : undefined,
    );
  const shape = `catalog-accessories:${modelIds.map((modelId) => modelId === undefined).join(',')}:${query.sort}:${query.sortAscending}`;
  return await catalogPage<AccessoryRow>(db, shape, a, accessoryColumns, where, query);
}

/** GET /catalog/accessories/{id}: the tenant's accessory, or undefined. */
export const findAccessory = async (db: Db, tenantId: number, accessoryId: number | null): Promise<AccessoryRow | undefined> =>
  accessoryId === null
    ? undefined
    : (await db.select(accessoryColumns).from(catalogAccessories).where(and(eq(catalogAccessories.id, accessoryId), eq(catalogAccessories.tenantId, tenantId))).limit(1))[0];

export const presentAccessory = (origin: string, lookups: Lookups, row: AccessoryRow): Accessory => presentCatalogItem(origin, lookups, row, 'accessories');
