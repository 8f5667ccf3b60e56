import { asc, eq, isNotNull } from 'drizzle-orm';
import type { AddressComponent, Region, RegionDetail } from '../../contract/index.ts';
import type { Db } from '../storage/db.ts';
import { regions } from '../storage/schema.ts';
import { foldedText } from './sql.ts';

type StoredRegion = typeof regions.$inferSelect;

const byName = (db: Db) => [foldedText(db, regions.name), asc(regions.id)];

/** Countries, or the states/provinces of `parentId`, in name order. */
export const listRegions = async (db: Db, parentId?: number): Promise<StoredRegion[]> =>
  await db
    .select()
    .from(regions)
    .where(parentId === undefined ? eq(regions.type, 'COUNTRY') : eq(regions.parentId, parentId))
    .orderBy(...byName(db));

export const findRegion = async (db: Db, id: number): Promise<StoredRegion | undefined> => (await db.select().from(regions).where(eq(regions.id, id)).limit(1))[0];

/** The IDs of regions that have states or provinces below them. */
export const regionsWithChildren = async (db: Db): Promise<Set<number>> =>
  new Set(
    (await db
      .selectDistinct({ parentId: regions.parentId })
      .from(regions)
      .where(isNotNull(regions.parentId)))
      .map((row) => row.parentId!),
  );

export function presentRegion(origin: string, row: StoredRegion, hasChildren: boolean): Region {
  return {
    id: String(row.id),
    name: row.name,
    type: row.type,
    abbreviation: row.abbreviation,
    parentId: row.parentId != null ? String(row.parentId) : null,
    _meta: {
      href: `${origin}/mobproc/v1/regions/${row.id}`,
      ...(hasChildren ? { hrefChildren: `${origin}/mobproc/v1/regions?parentRegion=${row.id}` } : {}),
      ...(row.parentId != null ? { hrefParent: `${origin}/mobproc/v1/regions/${row.parentId}` } : {}),
    },
  };
}

export const presentRegionDetail = (origin: string, row: StoredRegion, hasChildren: boolean): RegionDetail => ({
  ...presentRegion(origin, row, hasChildren),
  countryCode: row.countryCode,
  currency: row.currencyCode != null ? { code: row.currencyCode, name: row.currencyName ?? row.currencyCode, symbol: row.currencySymbol ?? '' } : null,
  postalCodePattern: row.postalCodePattern,
  postalCodeRegEx: row.postalCodeRegEx,
  addressFormat: (row.addressFormat ?? []) as AddressComponent[],
});
