import { queryOptions } from '@tanstack/react-query';
import { acceptOrderResponse, acceptOrdersResponse } from '../../../contract/accept.ts';
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

/**
 * The orders of one account holder that wait for a level `approverId` may decide now (their own,
 * their group's, or one they decide today as someone's approval delegate), keyed by order id with
 * the server's `eligibleOnBehalfOf`. The server's queue is the one place that knows group
 * membership and delegate windows, so the order page and the approvals pages ask it rather than
 * guess from the levels.
 */
export const eligibleOrdersQueryOptions = (client: ApiClient, approverId: string, accountHolderId: string) =>
  queryOptions({
    queryKey: queryKeys.approvals.eligible(approverId, accountHolderId),
    queryFn: async ({ signal }) => {
      const answer = await client.get('/orders', {
        schema: acceptOrdersResponse,
        signal,
        query: { eligibleToApproveEmployeeId: approverId, employee: accountHolderId, status: 'AWAITING_APPROVAL', limit: 100, offset: 0 },
      });
      return new Map(answer.orders.items.map((order) => [order.orderId, order.eligibleOnBehalfOf ?? null]));
    },
    staleTime: 0,
  });
