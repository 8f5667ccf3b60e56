import { queryOptions } from '@tanstack/react-query';
import { acceptOrderResponse } from '../../../contract/accept.ts';
import type { ApiClient } from '../api-client.ts';
import { queryKeys } from '../query-keys.ts';

/**
 * `GET /orders/{orderId}`, selected to the order. The order page and the approvals page read the
 * same order, so both read it through here: one key, one cache entry, and a decision or a
 * withdrawal made on one page shows on the other. Callers add their own polling.
 */
export const orderQueryOptions = (client: ApiClient, orderId: string) =>
  queryOptions({
    queryKey: queryKeys.orders.detail(orderId),
    queryFn: ({ signal }) => client.get(`/orders/${encodeURIComponent(orderId)}`, { schema: acceptOrderResponse, signal }),
    select: (answer) => answer.order,
    staleTime: 0,
  });
