import {
  regionDetail,
  regionsQuery,
  regionsResponse,
  type AddressComponent,
  type Region,
  type RegionDetail,
} from '../../../contract/index.ts';
import { all, one, storageId } from '../../domain/sql.ts';
import { ApiError, badRequest, notFound } from '../errors.ts';
import type { RouteRegistry } from '../route.ts';

type RegionRow = {
  id: number;
  type: Region['type'];
  name: string;
  abbreviation: string | null;
  parentId: number | null;
  countryCode: string | null;
  currencyCode: string | null;
  currencyName: string | null;
  currencySymbol: string | null;
  postalCodePattern: string | null;
  postalCodeRegEx: string | null;
  addressFormat: string | null;
};

const REGION_COLUMNS = `id, type, name, abbreviation, parent_id AS parentId, country_code AS countryCode,
  currency_code AS currencyCode, currency_name AS currencyName, currency_symbol AS currencySymbol,
  postal_code_pattern AS postalCodePattern, postal_code_regex AS postalCodeRegEx, address_format AS addressFormat`;

function presentRegion(origin: string, row: RegionRow, hasChildren: boolean): Region {
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

export function registerRegionRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/regions',
    tag: 'Reference data',
    summary: 'Countries, or the states/provinces of one',
    query: regionsQuery,
    response: regionsResponse,
    handler: ({ c, query }) => {
      const { db } = c.var.deps;
      const parentsWithChildren = new Set(
        all<{ parentId: number }>(db, 'SELECT DISTINCT parent_id AS parentId FROM regions WHERE parent_id IS NOT NULL').map((row) => row.parentId),
      );
      let rows: RegionRow[];
      if (query.parentRegion !== undefined) {
        const parentId = storageId(query.parentRegion);
        if (parentId === null || !one(db, 'SELECT 1 FROM regions WHERE id = ?', parentId)) {
          throw new ApiError(badRequest('INVALID_FIELD', `There is no region ${query.parentRegion}.`, 'query.parentRegion'));
        }
        rows = all<RegionRow>(db, `SELECT ${REGION_COLUMNS} FROM regions WHERE parent_id = ? ORDER BY name COLLATE NOCASE, id`, parentId);
      } else {
        rows = all<RegionRow>(db, `SELECT ${REGION_COLUMNS} FROM regions WHERE type = 'COUNTRY' ORDER BY name COLLATE NOCASE, id`);
      }
      return { regions: rows.map((row) => presentRegion(c.var.origin, row, parentsWithChildren.has(row.id))) };
    },
  });

  api.add({
    method: 'get',
    path: '/regions/:id',
    tag: 'Reference data',
    summary: 'A region with its currency, postal code rules and address format',
    response: regionDetail,
    handler: ({ c, params }): RegionDetail => {
      const { db } = c.var.deps;
      const regionId = storageId(params.id);
      const row = regionId === null ? undefined : one<RegionRow>(db, `SELECT ${REGION_COLUMNS} FROM regions WHERE id = ?`, regionId);
      if (!row) throw notFound(`Region ${params.id}`);
      const hasChildren = one(db, 'SELECT 1 FROM regions WHERE parent_id = ? LIMIT 1', row.id) !== undefined;
      return {
        ...presentRegion(c.var.origin, row, hasChildren),
        countryCode: row.countryCode,
        currency:
          row.currencyCode != null
            ? { code: row.currencyCode, name: row.currencyName ?? row.currencyCode, symbol: row.currencySymbol ?? '' }
            : null,
        postalCodePattern: row.postalCodePattern,
        postalCodeRegEx: row.postalCodeRegEx,
        addressFormat: row.addressFormat ? (JSON.parse(row.addressFormat) as AddressComponent[]) : [],
      };
    },
  });
}
