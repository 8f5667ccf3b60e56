import { queryOptions } from '@tanstack/react-query';
import { finalOrderStatuses, orderDetailResponse } from '../../../../contract/orders.ts';
import type { ApiClient } from '../../../lib/api-client.ts';

/** One order; polled while it is still moving, since fulfilment runs after the submit. */
export const orderQueryOptions = (client: ApiClient, orderId: string) =>
  queryOptions({
    queryKey: ['orders', orderId],
    queryFn: ({ signal }) => client.get(`/orders/${encodeURIComponent(orderId)}`, { schema: orderDetailResponse, signal }),
    select: (answer) => answer.order,
    refetchInterval: (query) => {
      const status = query.state.data?.order.status;
      return status && !finalOrderStatuses.includes(status) && status !== 'AWAITING_APPROVAL' ? 3_000 : false;
    },
  });
