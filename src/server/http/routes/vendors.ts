import { vendorDetail, vendorsQuery, vendorsResponse } from '../../../contract/index.ts';
import { countryOfRegion, presentVendor, presentVendorDetail, vendorRows } from '../../domain/reference.ts';
import { storageId } from '../../domain/sql.ts';
import { notFound } from '../../domain/errors.ts';
import type { RouteRegistry } from '../route.ts';

export function registerVendorRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/vendors',
    tag: 'Reference data',
    summary: 'Vendors; `type=CARRIER` for carriers only, `region` for those of one country',
    query: vendorsQuery,
    response: vendorsResponse,
    handler: async ({ c, query }) => {
      const { db } = c.var.deps;
      const type = query.type?.toUpperCase();
      // An unknown region has no vendors, rather than all of them.
      const country = query.region === undefined ? undefined : (await countryOfRegion(db, storageId(query.region)) ?? -1);
      const rows = [...(await vendorRows(db)).values()].filter(
        (row) => (type === undefined || row.type.toUpperCase() === type) && (country === undefined || row.regionId === country),
      );
      return { vendors: rows.map((row) => presentVendor(c.var.origin, row)) };
    },
  });

  api.add({
    method: 'get',
    path: '/vendors/:id',
    tag: 'Reference data',
    summary: 'A vendor with its access method',
    response: vendorDetail,
    handler: async ({ c, params }) => {
      const vendorId = storageId(params.id);
      const row = vendorId === null ? undefined : (await vendorRows(c.var.deps.db)).get(vendorId);
      if (!row) throw notFound(`Vendor ${params.id}`);
      return presentVendorDetail(c.var.origin, row);
    },
  });
}
