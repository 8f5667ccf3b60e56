/**
 * What every order check shares: the caller, the problem list, cached reference data and the
 * row loaders (prepared statements, one query per kind of thing, never one per item).
 */
import { and, eq, exists, sql } from 'drizzle-orm';
import type { TransactionType } from '../../../contract/index.ts';
import type { AuthContext, EmployeeRow } from '../auth-context.ts';
import { badRequest, type Problem } from '../errors.ts';
import type { Db } from '../../storage/db.ts';
import type { DeviceRow, ServiceRow } from '../assets.ts';
import { accessoryColumns, type AccessoryRow, type CatalogDeviceRow, type FeatureRow, type PlanRow } from '../catalog.ts';
import { accessoryModels, catalogAccessories, catalogDevices, catalogPlans, regions as regionTable } from '../../storage/schema.ts';
import { manufacturerRows, modelRows, vendorRows, type ManufacturerRow, type ModelRow, type VendorRow } from '../reference.ts';
import { all, one, preparedOnce } from '../../storage/statements.ts';
import { columnsOf, inIdList, inIdListText, sameTenant } from '../sql.ts';
import type { AddressComponentDefinition } from '../../../contract/index.ts';

/** Every problem found in one request; reported together (MOBPROC §1). */
export class Problems {
  readonly list: Problem[] = [];

  add(errorCode: string, message: string, field?: string): void {
    this.list.push(badRequest(errorCode, message, field));
  }
  missing(field: string, message: string): void {
    this.add('MISSING_FIELD', message, field);
  }
  invalid(field: string, message: string): void {
    this.add('INVALID_FIELD', message, field);
  }
  /** A referenced ID that does not exist or is not visible to the actor. */
  unknown(field: string, message: string): void {
    this.add('UNKNOWN_ID', message, field);
  }
  rule(field: string, message: string): void {
    this.add('BUSINESS_RULE', message, field);
  }
  get count(): number {
    return this.list.length;
  }
}

const regionColumns = columnsOf(regionTable, ['id', 'type', 'name', 'countryCode', 'currencyCode', 'postalCodePattern', 'postalCodeRegEx', 'addressFormat']);

/** A country as the order checks read it; a country stored without an address format has none. */
export type RegionRow = Pick<typeof regionTable.$inferSelect, keyof typeof regionColumns> & { addressFormat: AddressComponentDefinition[] };

/** Global reference data (regions, vendors, manufacturers, models): a few hundred rows that only the seed writes. */
export type Reference = {
  regions: Map<number, RegionRow>;
  vendors: Map<number, VendorRow>;
  manufacturers: Map<number, ManufacturerRow>;
  models: Map<number, ModelRow>;
};

const referenceCache = new WeakMap<Db, Reference & { loadedAt: number }>();
/** At most one reload per this many ms, so IDs that never exist cannot make every request reload. */
const RELOAD_AFTER_MS = 5000;

async function loadReference(db: Db): Promise<Reference> {
  const regions = new Map(
    (await db
      .select(regionColumns)
      .from(regionTable)
      .where(eq(regionTable.type, 'COUNTRY')))
      .map((row): [number, RegionRow] => [row.id, { ...row, addressFormat: row.addressFormat ?? [] }]),
  );
  return { regions, vendors: await vendorRows(db), manufacturers: await manufacturerRows(db), models: await modelRows(db) };
}

/**
 * Reference data, read once per database. A lookup that misses reloads it (at most every few
 * seconds), so rows added after start-up (a deployment seeded by hand) are still found.
 */
export async function reference(db: Db): Promise<Reference> {
  let cached = referenceCache.get(db);
  if (!cached) {
    cached = { ...await loadReference(db), loadedAt: Date.now() };
    referenceCache.set(db, cached);
  }
  return cached;
}

export async function lookupReference<K extends keyof Reference>(db: Db, kind: K, id: number): Promise<ReturnType<Reference[K]['get']> | undefined> {
  const cached = (await reference(db)) as Reference & { loadedAt: number };
  const found = cached[kind].get(id);
  if (found || Date.now() - cached.loadedAt < RELOAD_AFTER_MS) return found as ReturnType<Reference[K]['get']> | undefined;
  const reloaded = { ...await loadReference(db), loadedAt: Date.now() };
  referenceCache.set(db, reloaded);
  return reloaded[kind].get(id) as ReturnType<Reference[K]['get']> | undefined;
}

export type OrderContext = {
  db: Db;
  auth: AuthContext;
  tenantId: number;
  actor: EmployeeRow;
  user: EmployeeRow;
  origin: string;
  now: Date;
  type: TransactionType;
  problems: Problems;
};

// ---------------------------------------------------------------------------------------------
// Row loaders

export type StoredDeviceFeature = {
  id: string;
  label: string;
  validation: 'REQUIRED' | 'OPTIONAL';
  options: { id: string; label: string; isDefault: boolean; priceCents: number }[];
};
export type CatalogDeviceFull = CatalogDeviceRow & { tenantId: number; deviceFeatures: StoredDeviceFeature[]; eligibleDepartmentIds: number[] | null };

// The loaders below run on every confirm and submit: built and prepared once (preparedOnce), as
// building even a prepared Drizzle query per call showed in the confirm's profile (decision 16).

export async function loadCatalogDevice(db: Db, tenantId: number, deviceId: number): Promise<CatalogDeviceFull | undefined> {
  const row = await preparedOnce(db, 'order-catalog-device', () =>
    db
      .select()
      .from(catalogDevices)
      .where(and(eq(catalogDevices.id, sql.placeholder('id')), eq(catalogDevices.tenantId, sql.placeholder('tenantId')))),
  ).get({ id: deviceId, tenantId });
  return row && { ...row, deviceFeatures: row.deviceFeatures as StoredDeviceFeature[] };
}

export type PlanFull = PlanRow & { includedFeatures: { description: string }[] };

export const loadPlan = async (db: Db, tenantId: number, planId: number): Promise<PlanFull | undefined> =>
  await preparedOnce(db, 'order-plan', () =>
    db
      .select()
      .from(catalogPlans)
      .where(and(eq(catalogPlans.id, sql.placeholder('id')), eq(catalogPlans.tenantId, sql.placeholder('tenantId')))),
  ).get({ id: planId, tenantId });

export type FeatureFull = FeatureRow & { vendorId: number };

/** Features by id in the tenant, with whether each is an optional feature of `planId`. */
export async function loadFeatures(db: Db, tenantId: number, ids: number[], planId: number | null): Promise<Map<number, FeatureFull & { onPlan: boolean }>> {
  if (ids.length === 0) return new Map();
  const rows = await all<FeatureFull & { onPlan: number }>(
    db,
    `SELECT f.id, f.description, f.price_cents AS priceCents, f.currency_code AS currencyCode, f.vendor_id AS vendorId,
      EXISTS (SELECT 1 FROM plan_features pf WHERE pf.plan_id = ? AND pf.feature_id = f.id) AS onPlan
     FROM features f WHERE +f.tenant_id = ? AND ${inIdListText(db, 'f.id')}`,
    planId ?? -1,
    tenantId,
    JSON.stringify(ids),
  );
  return new Map(rows.map((row) => [row.id, { ...row, onPlan: row.onPlan === 1 }]));
}

/** Accessories by id in the tenant, with whether each fits `modelId`. */
export async function loadAccessories(db: Db, tenantId: number, ids: number[], modelId: number | null): Promise<Map<number, AccessoryRow & { fits: boolean }>> {
  if (ids.length === 0) return new Map();
  const a = catalogAccessories;
  const rows = await preparedOnce(db, 'order-accessories', () => {
    const fits = exists(
      db
        .select({ one: sql`1` })
        .from(accessoryModels)
        .where(and(eq(accessoryModels.accessoryId, a.id), eq(accessoryModels.modelId, sql.placeholder('modelId')))),
    );
    return db
      .select({ ...accessoryColumns, fits: sql<number>`${fits}` })
      .from(a)
      .where(and(sameTenant(a.tenantId, sql.placeholder('tenantId')), inIdList(db, a.id, sql.placeholder('ids'))));
  }).all({ modelId: modelId ?? -1, tenantId, ids: JSON.stringify(ids) });
  return new Map(rows.map((row) => [row.id, { ...row, fits: row.fits === 1 }]));
}

export async function activeServiceFeatureIds(db: Db, serviceId: number): Promise<Set<number>> {
  return new Set((await all<{ featureId: number }>(db, 'SELECT feature_id AS featureId FROM service_features WHERE service_id = ?', serviceId)).map((row) => row.featureId));
}

/** Whether the service has an order in any status that is not final (§4.6), so a new status is open by default. */
export async function hasOpenOrder(db: Db, serviceId: number): Promise<boolean> {
  return (
    await one(
      db,
      `SELECT 1 FROM orders WHERE service_id = ? AND status NOT IN ('COMPLETE', 'REJECTED', 'CANCELLED') LIMIT 1`,
      serviceId,
    ) !== undefined
  );
}

export type { ServiceRow, DeviceRow, AccessoryRow, PlanRow, VendorRow, ModelRow, ManufacturerRow };
