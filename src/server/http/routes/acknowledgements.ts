import { acknowledgementsQuery, acknowledgementsResponse, type AcknowledgementsResponse } from '../../../contract/index.ts';
import { acknowledgementsFor } from '../../domain/carrier-requirements.ts';
import { vendorExists } from '../../domain/reference.ts';
import { storageId } from '../../domain/sql.ts';
import { ApiError, badRequest } from '../../domain/errors.ts';
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
    handler: async ({ c, query }): Promise<AcknowledgementsResponse> => {
      const { db } = c.var.deps;
      const vendorId = storageId(query.vendor);
      if (vendorId === null || !await vendorExists(db, vendorId)) {
        throw new ApiError(badRequest('INVALID_FIELD', `There is no vendor ${query.vendor}.`, 'query.vendor'));
      }
      return await acknowledgementsFor(db, c.var.auth.tenantId, vendorId, query.transactionType);
    },
  });
}
