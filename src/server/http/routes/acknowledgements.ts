import { acknowledgementsQuery, acknowledgementsResponse, type AcknowledgementsResponse } from '../../../contract/index.ts';
import { one, storageId } from '../../domain/sql.ts';
import { ApiError, badRequest } from '../errors.ts';
import type { RouteRegistry } from '../route.ts';

export function registerAcknowledgementRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/acknowledgements',
    tag: 'Orders',
    summary: 'What a carrier asks people to read and accept for a transaction type',
    description: 'Empty lists when the carrier asks nothing for that type.',
    query: acknowledgementsQuery,
    response: acknowledgementsResponse,
    handler: ({ c, query }): AcknowledgementsResponse => {
      const { db } = c.var.deps;
      const vendorId = storageId(query.vendor);
      if (vendorId === null || !one(db, 'SELECT 1 FROM vendors WHERE id = ?', vendorId)) {
        throw new ApiError(badRequest('INVALID_FIELD', `There is no vendor ${query.vendor}.`, 'query.vendor'));
      }
      const row = one<{ infoblocks: string; acknowledgements: string }>(
        db,
        'SELECT infoblocks, acknowledgements FROM acknowledgement_sets WHERE tenant_id = ? AND vendor_id = ? AND transaction_type = ?',
        c.var.auth.tenantId,
        vendorId,
        query.transactionType,
      );
      return {
        infoblocks: row ? (JSON.parse(row.infoblocks) as AcknowledgementsResponse['infoblocks']) : [],
        acknowledgements: row ? (JSON.parse(row.acknowledgements) as AcknowledgementsResponse['acknowledgements']) : [],
      };
    },
  });
}
