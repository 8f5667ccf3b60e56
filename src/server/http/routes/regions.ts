import { regionDetail, regionsQuery, regionsResponse, type RegionDetail } from '../../../contract/index.ts';
import { findRegion, listRegions, presentRegion, presentRegionDetail, regionsWithChildren } from '../../domain/regions.ts';
import { storageId } from '../../domain/sql.ts';
import { ApiError, badRequest, notFound } from '../../domain/errors.ts';
import type { RouteRegistry } from '../route.ts';

export function registerRegionRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/regions',
    tag: 'Reference data',
    summary: 'Countries, or the states/provinces of one',
    query: regionsQuery,
    response: regionsResponse,
    handler: async ({ c, query }) => {
      const { db } = c.var.deps;
      const withChildren = await regionsWithChildren(db);
      let parentId: number | undefined;
      if (query.parentRegion !== undefined) {
        const id = storageId(query.parentRegion);
        if (id === null || !await findRegion(db, id)) {
          throw new ApiError(badRequest('INVALID_FIELD', `There is no region ${query.parentRegion}.`, 'query.parentRegion'));
        }
        parentId = id;
      }
      const rows = await listRegions(db, parentId);
      return { regions: rows.map((row) => presentRegion(c.var.origin, row, withChildren.has(row.id))) };
    },
  });

  api.add({
    method: 'get',
    path: '/regions/:id',
    tag: 'Reference data',
    summary: 'A region with its currency, postal code rules and address format',
    response: regionDetail,
    handler: async ({ c, params }): Promise<RegionDetail> => {
      const { db } = c.var.deps;
      const regionId = storageId(params.id);
      const row = regionId === null ? undefined : await findRegion(db, regionId);
      if (!row) throw notFound(`Region ${params.id}`);
      return presentRegionDetail(c.var.origin, row, (await regionsWithChildren(db)).has(row.id));
    },
  });
}
