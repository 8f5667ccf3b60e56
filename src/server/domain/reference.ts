import { and, asc, eq, getTableColumns, inArray } from 'drizzle-orm';
import type { Manufacturer, Model, Vendor, VendorDetail } from '../../contract/index.ts';
import type { Db } from '../storage/db.ts';
import { accessoryModels, manufacturers, models, regions, vendors } from '../storage/schema.ts';
import { byText, foldedText } from './sql.ts';

/** Stored image paths are site-relative (`/images/devices/x.svg`); the wire carries absolute URLs. */
export const absoluteUrl = (origin: string, stored: string | null | undefined): string | null => {
  if (!stored) return null;
  return stored.startsWith('/') ? `${origin}${stored}` : stored;
};

/** Vendors with their region's name, in name order. */
const selectVendors = (db: Db) =>
  db
    .select({ ...getTableColumns(vendors), regionName: regions.name })
    .from(vendors)
    .leftJoin(regions, eq(regions.id, vendors.regionId))
    .orderBy(byText(db, vendors.name, true), asc(vendors.id));

export type VendorRow = ReturnType<ReturnType<typeof selectVendors>['all']>[number];

type ReferenceMaps = { vendors: Map<number, VendorRow>; manufacturers: Map<number, ManufacturerRow>; models: Map<number, ModelRow> };

// Vendors, manufacturers and models are global reference data that no request changes; nearly every
// read needs them, so they are read once per short interval instead of once per request.
const REFERENCE_TTL_MS = 30_000;
const referenceCache = new WeakMap<Db, { loadedAt: number; maps: ReferenceMaps }>();

async function referenceMaps(db: Db): Promise<ReferenceMaps> {
  const cached = referenceCache.get(db);
  if (cached && Date.now() - cached.loadedAt < REFERENCE_TTL_MS) return cached.maps;
  const maps = { vendors: await loadVendors(db), manufacturers: await loadManufacturers(db), models: await loadModels(db) };
  referenceCache.set(db, { loadedAt: Date.now(), maps });
  return maps;
}

/** Every vendor (global reference data, a handful of rows) keyed by id, in name order. */
export const vendorRows = async (db: Db): Promise<Map<number, VendorRow>> => (await referenceMaps(db)).vendors;
export const manufacturerRows = async (db: Db): Promise<Map<number, ManufacturerRow>> => (await referenceMaps(db)).manufacturers;
export const modelRows = async (db: Db): Promise<Map<number, ModelRow>> => (await referenceMaps(db)).models;

const loadVendors = async (db: Db): Promise<Map<number, VendorRow>> => new Map((await selectVendors(db)).map((row) => [row.id, row]));

export function presentVendor(origin: string, row: VendorRow): Vendor {
  return {
    id: String(row.id),
    name: row.name,
    logoUrl: absoluteUrl(origin, row.logoUrl),
    type: row.type,
    region: row.regionId != null ? regionReference(origin, row.regionId, row.regionName ?? '') : null,
    _meta: { href: `${origin}/mobproc/v1/vendors/${row.id}` },
  };
}

export const presentVendorDetail = (origin: string, row: VendorRow): VendorDetail => ({
  ...presentVendor(origin, row),
  accessMethod: row.accessMethod,
});

export type ManufacturerRow = typeof manufacturers.$inferSelect;

async function loadManufacturers(db: Db): Promise<Map<number, ManufacturerRow>> {
  const rows = await db.select().from(manufacturers).orderBy(byText(db, manufacturers.name, true), asc(manufacturers.id));
  return new Map(rows.map((row) => [row.id, row]));
}

export const presentManufacturer = (origin: string, row: ManufacturerRow): Manufacturer => ({
  id: String(row.id),
  name: row.name,
  logoUrl: absoluteUrl(origin, row.logoUrl),
  _meta: { href: `${origin}/mobproc/v1/manufacturers/${row.id}` },
});

export type ModelRow = typeof models.$inferSelect;

const modelsByName = (db: Db) => [foldedText(db, models.name), asc(models.id)];

/** A manufacturer's models in name order. */
export const modelsOf = async (db: Db, manufacturerId: number): Promise<ModelRow[]> =>
  await db.select().from(models).where(eq(models.manufacturerId, manufacturerId)).orderBy(...modelsByName(db));

/** The models an accessory fits, in name order. */
export const modelsFitting = async (db: Db, accessoryId: number): Promise<ModelRow[]> =>
  await db
    .select()
    .from(models)
    .where(inArray(models.id, db.select({ id: accessoryModels.modelId }).from(accessoryModels).where(eq(accessoryModels.accessoryId, accessoryId))))
    .orderBy(...modelsByName(db));

export const findModel = async (db: Db, id: number, manufacturerId?: number): Promise<ModelRow | undefined> =>
  (await db
    .select()
    .from(models)
    .where(and(eq(models.id, id), manufacturerId === undefined ? undefined : eq(models.manufacturerId, manufacturerId))).limit(1))[0];

export const vendorExists = async (db: Db, id: number): Promise<boolean> =>
  (await db.select({ id: vendors.id }).from(vendors).where(eq(vendors.id, id)).limit(1))[0] !== undefined;

export const presentModel = (origin: string, row: ModelRow): Model => ({
  id: String(row.id),
  name: row.name,
  imageUrl: absoluteUrl(origin, row.imageUrl),
});

async function loadModels(db: Db): Promise<Map<number, ModelRow>> {
  return new Map((await db.select().from(models)).map((row) => [row.id, row]));
}

/** A carrier as orders name it: id, name, logo and link (the vendor's reference form). */
export const vendorReference = (origin: string, row: Pick<VendorRow, 'id' | 'name' | 'logoUrl'> | undefined, fallbackId: number) => ({
  id: String(row?.id ?? fallbackId),
  name: row?.name ?? '',
  logoUrl: absoluteUrl(origin, row?.logoUrl),
  _meta: { href: `${origin}/mobproc/v1/vendors/${row?.id ?? fallbackId}` },
});

/** A manufacturer as orders and assets name it: id, name, logo and link. */
export const manufacturerReference = (origin: string, row: ManufacturerRow | undefined, fallbackId: number) => ({
  id: String(row?.id ?? fallbackId),
  name: row?.name ?? '',
  logoUrl: absoluteUrl(origin, row?.logoUrl),
  _meta: { href: `${origin}/mobproc/v1/manufacturers/${row?.id ?? fallbackId}` },
});

/** A model as a described device names it, with the link to `/manufacturers/{id}/models/{modelId}`. */
export const modelReference = (origin: string, row: Pick<ModelRow, 'id' | 'name' | 'manufacturerId'>) => ({
  id: String(row.id),
  name: row.name,
  _meta: { href: `${origin}/mobproc/v1/manufacturers/${row.manufacturerId}/models/${row.id}` },
});

/** A country or state as other objects name it. */
export const regionReference = (origin: string, regionId: number, name: string) => ({
  id: String(regionId),
  name,
  _meta: { href: `${origin}/mobproc/v1/regions/${regionId}` },
});

/** The country a region stands for: itself for a country, its parent for a state; undefined when unknown. */
export async function countryOfRegion(db: Db, regionId: number | null): Promise<number | undefined> {
  if (regionId === null) return undefined;
  const row = (await db.select({ type: regions.type, parentId: regions.parentId }).from(regions).where(eq(regions.id, regionId)).limit(1))[0];
  if (!row) return undefined;
  return row.type === 'COUNTRY' ? regionId : (row.parentId ?? undefined);
}
