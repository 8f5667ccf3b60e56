import type {
  DeviceAsset,
  DeviceAssetItem,
  ServiceDetail,
  ServiceItem,
  ServiceStatus,
  TransactionType,
} from '../../contract/index.ts';
import type { AuthContext } from './auth-context.ts';
import type { Db } from '../storage/db.ts';
import { presentEmployeeSummary } from './employees.ts';
import { presentFeature, type FeatureRow } from './catalog.ts';
import { absoluteUrl, manufacturerReference, presentVendor, type ManufacturerRow, type ModelRow, type VendorRow } from './reference.ts';
import { all, one } from '../storage/statements.ts';
import { assetScope, scopeCondition } from './visibility.ts';

export type ServiceRow = {
  id: number;
  serviceNumber: string;
  status: ServiceStatus;
  planId: number | null;
  planName: string | null;
  billingVendorId: number;
  currentVendorId: number;
  employeeId: number | null;
  companyEmployeeId: string | null;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  employeeStatus: 'ACTIVE' | 'INACTIVE' | null;
  departmentId: number | null;
  departmentName: string | null;
  employeeUpdated: string | null;
  deviceAssetId: number | null;
  regionId: number;
  regionName: string | null;
  upgradeEligibilityDate: string | null;
  contractStart: string | null;
  contractEnd: string | null;
  activated: string | null;
  lastDeviceUpgrade: string | null;
  updatedAt: string;
};

export const SERVICE_SELECT = `SELECT s.id, s.service_number AS serviceNumber, s.status, s.plan_id AS planId, p.name AS planName,
  s.billing_vendor_id AS billingVendorId, s.current_vendor_id AS currentVendorId, s.employee_id AS employeeId,
  e.company_employee_id AS companyEmployeeId, e.first_name AS firstName, e.last_name AS lastName, e.email,
  e.status AS employeeStatus, e.department_id AS departmentId, dp.name AS departmentName, e.updated_at AS employeeUpdated,
  s.device_asset_id AS deviceAssetId, s.region_id AS regionId, rg.name AS regionName,
  s.upgrade_eligibility_date AS upgradeEligibilityDate, s.contract_start AS contractStart, s.contract_end AS contractEnd,
  s.activated, s.last_device_upgrade AS lastDeviceUpgrade, s.updated_at AS updatedAt
  FROM services s
  LEFT JOIN catalog_plans p ON p.id = s.plan_id
  LEFT JOIN employees e ON e.id = s.employee_id
  LEFT JOIN departments dp ON dp.id = e.department_id
  LEFT JOIN regions rg ON rg.id = s.region_id`;

export type DeviceRow = {
  id: number;
  employeeId: number | null;
  manufacturerId: number;
  modelId: number;
  serialType: DeviceAsset['serialNumber']['type'];
  serialValue: string;
  simId: string | null;
  accessMethod: DeviceAsset['accessMethod'];
  macAddress: string | null;
  companyAssetId: string | null;
  updatedAt: string;
};

export const DEVICE_COLUMNS = `da.id, da.employee_id AS employeeId, da.manufacturer_id AS manufacturerId, da.model_id AS modelId,
  da.serial_type AS serialType, da.serial_value AS serialValue, da.sim_id AS simId, da.access_method AS accessMethod,
  da.mac_address AS macAddress, da.company_asset_id AS companyAssetId, da.updated_at AS updatedAt`;

export type AssetLookups = {
  vendors: Map<number, VendorRow>;
  manufacturers: Map<number, ManufacturerRow>;
  models: Map<number, ModelRow>;
};

/** The service if it is in the tenant and visible to this call (MOBPROC §2), else undefined. */
export function findVisibleService(db: Db, auth: AuthContext, serviceId: number): ServiceRow | undefined {
  const scope = scopeCondition(assetScope(db, auth), 's.employee_id');
  return one<ServiceRow>(db, `${SERVICE_SELECT} WHERE s.id = ? AND s.tenant_id = ? AND ${scope.sql}`, serviceId, auth.tenantId, ...scope.parameters);
}

export function findVisibleDevice(db: Db, auth: AuthContext, deviceId: number): DeviceRow | undefined {
  const scope = scopeCondition(assetScope(db, auth), 'da.employee_id');
  return one<DeviceRow>(
    db,
    `SELECT ${DEVICE_COLUMNS} FROM device_assets da WHERE da.id = ? AND da.tenant_id = ? AND ${scope.sql}`,
    deviceId,
    auth.tenantId,
    ...scope.parameters,
  );
}

export function devicesById(db: Db, tenantId: number, ids: number[]): Map<number, DeviceRow> {
  if (ids.length === 0) return new Map();
  const rows = all<DeviceRow>(
    db,
    `SELECT ${DEVICE_COLUMNS} FROM device_assets da WHERE da.tenant_id = ? AND da.id IN (SELECT value FROM json_each(?))`,
    tenantId,
    JSON.stringify(ids),
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

export function serviceFeatures(db: Db, serviceId: number): FeatureRow[] {
  return all<FeatureRow>(
    db,
    `SELECT f.id, f.description, f.price_cents AS priceCents, f.currency_code AS currencyCode
     FROM service_features sf JOIN features f ON f.id = sf.feature_id WHERE sf.service_id = ? ORDER BY f.description COLLATE NOCASE, f.id`,
    serviceId,
  );
}

export function presentServiceDetail(
  db: Db,
  origin: string,
  lookups: AssetLookups,
  row: ServiceRow,
  device: DeviceRow | undefined,
  orderActions: TransactionType[],
): ServiceDetail {
  return {
    ...presentService(origin, lookups, row, device, orderActions),
    contractDates: contractDatesOf(row),
    features: serviceFeatures(db, row.id).map(presentFeature),
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

