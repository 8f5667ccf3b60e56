import { vendorDetail, vendorsQuery, vendorsResponse } from '../../../contract/index.ts';
import { presentVendor, presentVendorDetail, vendorRows } from '../../domain/reference.ts';
import { storageId } from '../../domain/sql.ts';
import { notFound } from '../../domain/errors.ts';
import type { RouteRegistry } from '../route.ts';

export function registerVendorRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/vendors',
    tag: 'Reference data',
    summary: 'Vendors; `type=CARRIER` for carriers only',
    query: vendorsQuery,
    response: vendorsResponse,
    handler: ({ c, query }) => {
      const type = query.type?.toUpperCase();
      const rows = [...vendorRows(c.var.deps.db).values()].filter((row) => type === undefined || row.type.toUpperCase() === type);
      return { vendors: rows.map((row) => presentVendor(c.var.origin, row)) };
    },
  });

  api.add({
    method: 'get',
    path: '/vendors/:id',
    tag: 'Reference data',
    summary: 'A vendor with its access method',
    response: vendorDetail,
    handler: ({ c, params }) => {
      const vendorId = storageId(params.id);
      const row = vendorId === null ? undefined : vendorRows(c.var.deps.db).get(vendorId);
      if (!row) throw notFound(`Vendor ${params.id}`);
      return presentVendorDetail(c.var.origin, row);
    },
  });
}
