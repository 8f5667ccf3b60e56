import { queryOptions } from '@tanstack/react-query';
import { orderConfirmationResponse, orderSubmitResponse } from '../../../../contract/orders.ts';
import { headerNames } from '../../../../contract/common.ts';
import type { ApiClient } from '../../../lib/api-client.ts';
import type { OrderRequestBody } from '../model/request.ts';

/** `POST /orders?confirm=true` stores nothing, so it is a query: same body, same answer. */
export const confirmOrderQueryOptions = (client: ApiClient, body: OrderRequestBody) =>
  queryOptions({
    queryKey: ['orders', 'confirm', body],
    queryFn: ({ signal }) => client.post('/orders', { schema: orderConfirmationResponse, query: { confirm: true }, body, signal }),
    staleTime: 0,
    gcTime: 60_000,
    retry: false,
  });

export function submitOrder(client: ApiClient, body: OrderRequestBody, idempotencyKey: string) {
  return client.post('/orders', { schema: orderSubmitResponse, body, headers: { [headerNames.idempotencyKey]: idempotencyKey } });
}
