import { queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  acceptHistoryResponse,
  acceptOrderResponse,
  acceptShipmentsResponse,
  type AcceptOrder,
} from '../../../../contract/accept.ts';
import { finalOrderStatuses, orderStatuses, type OrderStatus } from '../../../../contract/orders.ts';
import type { ApiClient } from '../../../lib/api-client.ts';
import { orderQueryOptions } from '../../../lib/api/orders.ts';
import { LIVE_SAFETY_NET_MS } from '../../../lib/live-context.tsx';
import { queryKeys } from '../../../lib/query-keys.ts';

const FASTEST_POLL_MS = 2_000;
const SLOWEST_POLL_MS = 30_000;

/**
 * How soon to look again at an order that may still change: quickly right after it changed, then
 * more and more slowly (a fifth of the time since its last change), so an order left waiting for
 * approval for an hour costs one call every half-minute, not every two seconds.
 */
export function pollDelay(order: Pick<AcceptOrder, 'status' | 'updated' | 'dateSubmitted'> | undefined, now = Date.now()): number | false {
  if (!order || (finalOrderStatuses as readonly string[]).includes(order.status ?? '')) return false;
  // A server that names no status, or one this app does not know, is asked rarely rather than never.
  if (!order.status || !(orderStatuses as readonly string[]).includes(order.status)) return SLOWEST_POLL_MS;
  const sinceChange = now - Date.parse(order.updated ?? order.dateSubmitted ?? '');
  if (!Number.isFinite(sinceChange)) return FASTEST_POLL_MS;
  return Math.min(SLOWEST_POLL_MS, Math.max(FASTEST_POLL_MS, Math.round(sinceChange / 5)));
}

/**
 * The order; refreshes itself while it is not final, and not while the tab is in the background.
 * `live`: the server's event stream is open and refetches the order when it changes, so polling
 * is only the rare safety net.
 */
export const orderDetailQueryOptions = (client: ApiClient, orderId: string, live = false) =>
  queryOptions({
    ...orderQueryOptions(client, orderId),
    refetchInterval: (query) => {
      const delay = pollDelay(query.state.data?.order);
      return live && delay !== false ? Math.max(delay, LIVE_SAFETY_NET_MS) : delay;
    },
    refetchIntervalInBackground: false,
  });

/** `/history` and `/shipments` are asked again whenever the order's `updated` moves. */
export const orderHistoryQueryOptions = (client: ApiClient, orderId: string, updated: string) =>
  queryOptions({
    queryKey: queryKeys.orders.history(orderId, updated),
    queryFn: ({ signal }) => client.get(`/orders/${encodeURIComponent(orderId)}/history`, { schema: acceptHistoryResponse, signal }),
    select: (answer) => answer.history,
    placeholderData: (previous) => previous,
  });

export const orderShipmentsQueryOptions = (client: ApiClient, orderId: string, updated: string) =>
  queryOptions({
    queryKey: queryKeys.orders.shipments(orderId, updated),
    queryFn: ({ signal }) => client.get(`/orders/${encodeURIComponent(orderId)}/shipments`, { schema: acceptShipmentsResponse, signal }),
    select: (answer) => answer.shipments,
    placeholderData: (previous) => previous,
  });

export async function withdrawOrder(client: ApiClient, orderId: string, reason: string) {
  const trimmed = reason.trim();
  return client.post(`/orders/${encodeURIComponent(orderId)}/cancel`, { schema: acceptOrderResponse, body: trimmed ? { reason: trimmed } : {} });
}

/** After a withdrawal: the answer is the new order; lists, queues and lines (the service is free again) are stale. */
export async function afterWithdrawal(queryClient: QueryClient, orderId: string, answer: Awaited<ReturnType<typeof withdrawOrder>>) {
  queryClient.setQueryData(queryKeys.orders.detail(orderId), answer);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.orders.lists() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.assets.all() }),
  ]);
}

/** Statuses in which the account holder or requester may withdraw (MOBPROC §4.6 `/cancel`). */
export const withdrawableStatuses: readonly (OrderStatus | 'INFO_REQUESTED')[] = ['AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED'];

/** `POST /orders/{id}/info` (extension `request-info`): the requester's answer; the order goes back to the level that asked. */
export async function answerQuestion(client: ApiClient, orderId: string, answer: string) {
  return client.post(`/orders/${encodeURIComponent(orderId)}/info`, { schema: acceptOrderResponse, body: { answer: answer.trim() } });
}

/** After an answer: the order is the answer; the lists and the approver's queue changed. */
export async function afterAnswer(queryClient: QueryClient, orderId: string, answer: Awaited<ReturnType<typeof answerQuestion>>) {
  queryClient.setQueryData(queryKeys.orders.detail(orderId), answer);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.orders.detail(orderId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.orders.lists() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all() }),
  ]);
}
