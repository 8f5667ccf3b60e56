import { and, eq, getTableColumns, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type {
  DeviceAsset,
  DeviceAssetItem,
  ServiceDetail,
  ServiceItem,
  TransactionType,
} from '../../contract/index.ts';
import type { AuthContext } from './auth-context.ts';
import type { Db } from '../storage/db.ts';
import { catalogPlans, departments, deviceAssets, employees, features, regions, serviceFeatures as serviceFeatureLinks, services } from '../storage/schema.ts';
import { allPrepared, rowWhere, type Bind } from '../storage/statements.ts';
import { presentEmployeeSummary } from './employees.ts';
import { byDescription, featureColumns, presentFeature, type FeatureRow } from './catalog.ts';
import { absoluteUrl, manufacturerReference, presentVendor, type ManufacturerRow, type ModelRow, type VendorRow } from './reference.ts';
import { inIdList, sameTenant } from './sql.ts';
import { assetScope, type Scope } from './visibility.ts';

/** A service with the names its wire shape shows: plan, owner (and department) and region. */
const serviceColumns = {
  id: services.id,
  serviceNumber: services.serviceNumber,
  status: services.status,
  planId: services.planId,
  planName: catalogPlans.name,
  billingVendorId: services.billingVendorId,
  currentVendorId: services.currentVendorId,
  employeeId: services.employeeId,
  companyEmployeeId: employees.companyEmployeeId,
  firstName: employees.firstName,
  lastName: employees.lastName,
  email: employees.email,
  employeeStatus: employees.status,
  departmentId: employees.departmentId,
  departmentName: departments.name,
  employeeUpdated: employees.updatedAt,
  deviceAssetId: services.deviceAssetId,
  regionId: services.regionId,
  regionName: regions.name,
  upgradeEligibilityDate: services.upgradeEligibilityDate,
  contractStart: services.contractStart,
  contractEnd: services.contractEnd,
  activated: services.activated,
  lastDeviceUpgrade: services.lastDeviceUpgrade,
  updatedAt: services.updatedAt,
};

/** `SELECT` of services with their plan, owner, owner's department and region; callers add the filter. */
export const selectServices = (db: Db) =>
  db
    .select(serviceColumns)
    .from(services)
    .leftJoin(catalogPlans, eq(catalogPlans.id, services.planId))
    .leftJoin(employees, eq(employees.id, services.employeeId))
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .leftJoin(regions, eq(regions.id, services.regionId));

/** A service as the asset screens and order checks read it; the joined names are null when absent. */
export type ServiceRow = ReturnType<ReturnType<typeof selectServices>['all']>[number];

/** Every column of a device asset but its tenant. */
const { tenantId: _tenantId, ...deviceColumns } = getTableColumns(deviceAssets);
export { deviceColumns };
export type DeviceRow = Omit<typeof deviceAssets.$inferSelect, 'tenantId'>;

export type AssetLookups = {
  vendors: Map<number, VendorRow>;
  manufacturers: Map<number, ManufacturerRow>;
  models: Map<number, ModelRow>;
};

/** `column` limited to the scope's employees, or nothing when the scope is the whole tenant. */
export const inScope = (db: Db, scope: Scope, column: SQLiteColumn, bind: Bind): SQL | undefined =>
  scope.employeeIds === null ? undefined : inIdList(db, column, bind('scope', JSON.stringify(scope.employeeIds)));

/** The service if it is in the tenant and visible to this call (MOBPROC §2), else undefined. */
export async function findVisibleService(db: Db, auth: AuthContext, serviceId: number): Promise<ServiceRow | undefined> {
  const scope = await assetScope(db, auth);
  return (await allPrepared(db, 'visible-service', (bind) =>
    selectServices(db).where(
      and(eq(services.id, bind('id', serviceId)), eq(services.tenantId, bind('tenantId', auth.tenantId)), inScope(db, scope, services.employeeId, bind)),
    ),
  ))[0];
}

export async function findVisibleDevice(db: Db, auth: AuthContext, deviceId: number): Promise<DeviceRow | undefined> {
  const scope = await assetScope(db, auth);
  return (await allPrepared(db, 'visible-device', (bind) =>
    db
      .select(deviceColumns)
      .from(deviceAssets)
      .where(
        and(eq(deviceAssets.id, bind('id', deviceId)), eq(deviceAssets.tenantId, bind('tenantId', auth.tenantId)), inScope(db, scope, deviceAssets.employeeId, bind)),
      ),
  ))[0];
}

/** A device asset of the tenant, whoever may see it. */
export const findDevice = async (db: Db, tenantId: number, deviceId: number): Promise<DeviceRow | undefined> => await rowWhere(db, deviceAssets, { id: deviceId, tenantId });

export async function devicesById(db: Db, tenantId: number, ids: number[]): Promise<Map<number, DeviceRow>> {
  if (ids.length === 0) return new Map();
  const rows = await allPrepared(db, 'devices-by-id', (bind) =>
    db
      .select(deviceColumns)
      .from(deviceAssets)
      .where(and(sameTenant(deviceAssets.tenantId, bind('tenantId', tenantId)), inIdList(db, deviceAssets.id, bind('ids', JSON.stringify(ids))))),
  );
  return new Map(rows.map((row) => [row.id, row]));
}

function vendorOf(origin: string, lookups: AssetLookups, vendorId: number) {
  const row = lookups.vendors.get(vendorId);
  if (!row) throw new Error(`vendor ${vendorId} is referenced but missing`);
  return presentVendor(origin, row);
}

export function presentDeviceAsset(origin: string, lookups: AssetLookups, row: DeviceRow): DeviceAsset {
  const model = lookups.models.get(row.modelId);
  return {
    id: String(row.id),
    manufacturer: manufacturerReference(origin, lookups.manufacturers.get(row.manufacturerId), row.manufacturerId),
    model: { id: String(row.modelId), name: model?.name ?? '', imageUrl: absoluteUrl(origin, model?.imageUrl) },
    serialNumber: { type: row.serialType, value: row.serialValue },
    simId: row.simId,
    accessMethod: row.accessMethod,
    macAddress: row.macAddress,
    companyAssetId: row.companyAssetId,
    _meta: { href: `${origin}/mobproc/v1/assets/devices/${row.id}` },
  };
}

const deviceSummary = (origin: string, lookups: AssetLookups, row: DeviceRow) => {
  const { id, manufacturer, model, serialNumber, _meta } = presentDeviceAsset(origin, lookups, row);
  return { id, manufacturer, model, serialNumber, _meta };
};

const employeeOf = (origin: string, row: ServiceRow) =>
  row.employeeId != null
    ? {
        ...presentEmployeeSummary(origin, {
          id: row.employeeId,
          companyEmployeeId: row.companyEmployeeId ?? '',
          firstName: row.firstName ?? '',
          lastName: row.lastName ?? '',
          email: row.email ?? '',
        }),
        ...(row.employeeStatus ? { status: row.employeeStatus } : {}),
        ...(row.departmentId != null ? { department: { id: String(row.departmentId), name: row.departmentName ?? '' } } : {}),
        ...(row.employeeUpdated ? { updated: row.employeeUpdated } : {}),
      }
    : null;

export const serviceHref = (origin: string, serviceId: number) => `${origin}/mobproc/v1/assets/services/${serviceId}`;

export const contractDatesOf = (row: ServiceRow) => ({
  start: row.contractStart,
  end: row.contractEnd,
  activated: row.activated,
  lastDeviceUpgrade: row.lastDeviceUpgrade,
});

export function presentService(
  origin: string,
  lookups: AssetLookups,
  row: ServiceRow,
  device: DeviceRow | undefined,
  orderActions: TransactionType[],
): ServiceItem {
  return {
    id: String(row.id),
    serviceNumber: row.serviceNumber,
    status: row.status,
    plan: row.planId != null ? { id: String(row.planId), name: row.planName ?? '' } : null,
    vendor: { billing: vendorOf(origin, lookups, row.billingVendorId), current: vendorOf(origin, lookups, row.currentVendorId) },
    employee: employeeOf(origin, row),
    device: device ? deviceSummary(origin, lookups, device) : null,
    region: { id: String(row.regionId), name: row.regionName ?? '' },
    upgradeEligibilityDate: row.upgradeEligibilityDate,
    updated: row.updatedAt,
    orderActions,
    _meta: {
      href: serviceHref(origin, row.id),
      ...(device ? { hrefDevices: `${origin}/mobproc/v1/assets/devices/${device.id}` } : {}),
    },
  };
}

export async function serviceFeatures(db: Db, serviceId: number): Promise<FeatureRow[]> {
  return await allPrepared(db, 'service-features', (bind) =>
    db
      .select(featureColumns)
      .from(serviceFeatureLinks)
      .innerJoin(features, eq(features.id, serviceFeatureLinks.featureId))
      .where(eq(serviceFeatureLinks.serviceId, bind('serviceId', serviceId)))
      .orderBy(...byDescription(db)),
  );
}

export async function presentServiceDetail(
  db: Db,
  origin: string,
  lookups: AssetLookups,
  row: ServiceRow,
  device: DeviceRow | undefined,
  orderActions: TransactionType[],
): Promise<ServiceDetail> {
  return {
    ...presentService(origin, lookups, row, device, orderActions),
    contractDates: contractDatesOf(row),
    features: (await serviceFeatures(db, row.id)).map(presentFeature),
    // A device on a service offers what its service offers.
    device: device ? { ...presentDeviceAsset(origin, lookups, device), orderActions } : null,
  };
}

export type DeviceItemOptions = { includeServiceDetails: boolean; includeUpgradeEligibleDate: boolean };

export function presentDeviceItem(
  origin: string,
  lookups: AssetLookups,
  row: DeviceRow,
  service: ServiceRow | undefined,
  owner: { id: number; companyEmployeeId: string; firstName: string; lastName: string; email: string } | undefined,
  orderActions: TransactionType[],
  options: DeviceItemOptions,
): DeviceAssetItem {
  return {
    ...presentDeviceAsset(origin, lookups, row),
    service: service
      ? {
          id: String(service.id),
          serviceNumber: service.serviceNumber,
          status: service.status,
          plan: service.planId != null ? { id: String(service.planId), name: service.planName ?? '' } : null,
          ...(options.includeServiceDetails
            ? {
                vendor: {
                  billing: vendorOf(origin, lookups, service.billingVendorId),
                  current: vendorOf(origin, lookups, service.currentVendorId),
                },
                upgradeEligibilityDate: service.upgradeEligibilityDate,
                contractDates: contractDatesOf(service),
                ...(options.includeUpgradeEligibleDate ? { upgradeEligibleDate: service.upgradeEligibilityDate } : {}),
              }
            : {}),
          _meta: { href: serviceHref(origin, service.id) },
        }
      : null,
    employee: owner ? presentEmployeeSummary(origin, owner) : null,
    ...(options.includeUpgradeEligibleDate ? { upgradeEligibleDate: service?.upgradeEligibilityDate ?? null } : {}),
    updated: row.updatedAt,
    orderActions,
    _meta: {
      href: `${origin}/mobproc/v1/assets/devices/${row.id}`,
      ...(service ? { hrefServices: serviceHref(origin, service.id) } : {}),
    },
  };
}

