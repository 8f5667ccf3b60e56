import type {
  Accessory,
  CatalogDevice,
  CatalogDeviceDetail,
  CatalogPlan,
  DeviceFeature,
  Feature,
  TransactionType,
} from '../../contract/index.ts';
import type { AuthContext } from '../http/app-env.ts';
import type { Db } from '../storage/db.ts';
import { toMoney } from './money.ts';
import { absoluteUrl, presentVendor, type ManufacturerRow, type ModelRow, type VendorRow } from './reference.ts';
import { all } from './sql.ts';

/** Transaction types whose cart may hold a device (MOBPROC §4.2's table). */
export const DEVICE_TRANSACTION_TYPES: readonly TransactionType[] = [
  'NEW_ACTIVATION',
  'UPGRADE',
  'PORT_NUMBER',
  'XFER_SERVICE_IN',
  'XFER_SERVICE_IN_AND_PORT',
];

/**
 * Department eligibility of catalog devices, evaluated for the actor: a device names the
 * departments that may order it, or none (everyone). A service account acting for itself sees all.
 */
export function deviceEligibility(auth: Pick<AuthContext, 'actor'>, alias = 'd'): { sql: string; parameters: unknown[] } {
  if (auth.actor.isServiceAccount) return { sql: '1 = 1', parameters: [] };
  return {
    sql: `(${alias}.eligible_department_ids IS NULL OR EXISTS (SELECT 1 FROM json_each(${alias}.eligible_department_ids) WHERE value = ?))`,
    parameters: [auth.actor.departmentId ?? -1],
  };
}

export type CatalogDeviceRow = {
  id: number;
  name: string;
  manufacturerId: number;
  modelId: number;
  vendorId: number;
  regionId: number;
  priceCents: number;
  currencyCode: string;
  imageUrl: string | null;
  accessMethod: CatalogDevice['accessMethod'];
};

export const CATALOG_DEVICE_COLUMNS = `d.id, d.name, d.manufacturer_id AS manufacturerId, d.model_id AS modelId, d.vendor_id AS vendorId,
  d.region_id AS regionId, d.price_cents AS priceCents, d.currency_code AS currencyCode, d.image_url AS imageUrl,
  d.access_method AS accessMethod`;

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

export function presentCatalogDevice(origin: string, lookups: Lookups, row: CatalogDeviceRow): CatalogDevice {
  return {
    id: String(row.id),
    name: row.name,
    manufacturer: manufacturerSummary(lookups, row.manufacturerId),
    vendor: vendorOf(origin, lookups, row.vendorId),
    price: toMoney(row.priceCents, row.currencyCode, 'ONETIME'),
    imageUrl: absoluteUrl(origin, row.imageUrl),
    accessMethod: row.accessMethod,
    _meta: { href: `${origin}/mobproc/v1/catalog/devices/${row.id}` },
  };
}

type StoredDeviceFeature = Omit<DeviceFeature, 'options'> & {
  options: { id: string; label: string; isDefault: boolean; priceCents: number }[];
};

export function presentCatalogDeviceDetail(
  origin: string,
  lookups: Lookups,
  row: CatalogDeviceRow & { description: string; specifications: string; deviceFeatures: string },
  model: ModelRow | undefined,
): CatalogDeviceDetail {
  const features = JSON.parse(row.deviceFeatures) as StoredDeviceFeature[];
  return {
    ...presentCatalogDevice(origin, lookups, row),
    description: row.description,
    specifications: JSON.parse(row.specifications) as CatalogDeviceDetail['specifications'],
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

export type PlanRow = { id: number; name: string; vendorId: number; regionId: number; priceCents: number; currencyCode: string };
export const PLAN_COLUMNS =
  'p.id, p.name, p.vendor_id AS vendorId, p.region_id AS regionId, p.price_cents AS priceCents, p.currency_code AS currencyCode';

export const presentPlan = (origin: string, lookups: Lookups, row: PlanRow): CatalogPlan => ({
  id: String(row.id),
  name: row.name,
  vendor: vendorOf(origin, lookups, row.vendorId),
  price: toMoney(row.priceCents, row.currencyCode, 'MONTHLY'),
  _meta: { href: `${origin}/mobproc/v1/catalog/plans/${row.id}` },
});

export type FeatureRow = { id: number; description: string; priceCents: number; currencyCode: string };

export const presentFeature = (row: FeatureRow): Feature => ({
  id: String(row.id),
  description: row.description,
  price: toMoney(row.priceCents, row.currencyCode, 'MONTHLY'),
});

export function planOptionalFeatures(db: Db, planId: number): FeatureRow[] {
  return all<FeatureRow>(
    db,
    `SELECT f.id, f.description, f.price_cents AS priceCents, f.currency_code AS currencyCode
     FROM plan_features pf JOIN features f ON f.id = pf.feature_id WHERE pf.plan_id = ? ORDER BY f.description COLLATE NOCASE, f.id`,
    planId,
  );
}

export type AccessoryRow = {
  id: number;
  name: string;
  manufacturerId: number;
  vendorId: number;
  priceCents: number;
  currencyCode: string;
  imageUrl: string | null;
};
export const ACCESSORY_COLUMNS = `a.id, a.name, a.manufacturer_id AS manufacturerId, a.vendor_id AS vendorId, a.price_cents AS priceCents,
  a.currency_code AS currencyCode, a.image_url AS imageUrl`;

export const presentAccessory = (origin: string, lookups: Lookups, row: AccessoryRow): Accessory => ({
  id: String(row.id),
  name: row.name,
  manufacturer: manufacturerSummary(lookups, row.manufacturerId),
  vendor: vendorOf(origin, lookups, row.vendorId),
  price: toMoney(row.priceCents, row.currencyCode, 'ONETIME'),
  imageUrl: absoluteUrl(origin, row.imageUrl),
  _meta: { href: `${origin}/mobproc/v1/catalog/accessories/${row.id}` },
});
