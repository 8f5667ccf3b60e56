import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { acceptOrdersResponse } from '../../../../contract/accept.ts';
import type { OrderStatus } from '../../../../contract/orders.ts';
import type { TransactionType } from '../../../../contract/reference.ts';
import type { ApiClient } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const ORDERS_PAGE_SIZE = 10;

export type OrderListFilter = {
  /**
   * The actor's orders — for them, or placed by them for someone else (how this server reads
   * `employee=`) — or, null, every order the actor may see (a manager's team too).
   */
  employeeId: string | null;
  status: OrderStatus | null;
  transactionType: TransactionType | null;
  offset: number;
  /** The server announced `submitted-date-sort`; else newest-updated first (the vendor's sort). */
  bySubmitted: boolean;
};

/** One page of orders, newest first, with segments (for totals) and approvers (to name whom an order waits for). */
export const orderListQueryOptions = (client: ApiClient, filter: OrderListFilter) =>
  queryOptions({
    queryKey: queryKeys.orders.list(filter),
    queryFn: ({ signal }) =>
      client.get('/orders', {
        schema: acceptOrdersResponse,
        signal,
        query: {
          limit: ORDERS_PAGE_SIZE,
          offset: filter.offset,
          employee: filter.employeeId,
          status: filter.status,
          transactionType: filter.transactionType,
          includeOrderSegments: true,
          includeApprovers: true,
          sort: filter.bySubmitted ? 'SUBMITTED_DATE' : 'UPDATED_DATE',
          sortAscending: false,
        },
      }),
    select: (answer) => answer.orders,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
