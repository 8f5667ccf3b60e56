import { queryOptions } from '@tanstack/react-query';
import { acceptOrderConfirmationResponse, acceptOrderResponse, acceptOrdersResponse } from '../../../../contract/accept.ts';
import { headerNames } from '../../../../contract/common.ts';
import type { ApiClient } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import type { Extensions } from '../../../lib/extensions.ts';
import { personName } from '../../../lib/format.ts';
import type { OrderRequestBody } from '../../../../contract/orders.ts';
import { findByReference, outcomeOfFailure, type FoundOrder, type SubmitOutcome } from '../model/submit-outcome.ts';

/** `POST /orders?confirm=true` stores nothing, so it is a query: same body, same answer. */
export const confirmOrderQueryOptions = (client: ApiClient, body: OrderRequestBody) =>
  queryOptions({
    queryKey: queryKeys.orders.confirmation(body),
    queryFn: ({ signal }) => client.post('/orders', { schema: acceptOrderConfirmationResponse, query: { confirm: true }, body, signal }),
    staleTime: 0,
    gcTime: 60_000,
    retry: false,
  });

/**
 * `POST /orders` and what became of it (see `SubmitOutcome`); never throws. The
 * `Idempotency-Key` header goes only to a server that announced `idempotency-key`: another
 * server's CORS may refuse an unknown header, which would fail every submit.
 */
export async function submitOrder(client: ApiClient, body: OrderRequestBody, idempotencyKey: string, extensions: Extensions): Promise<SubmitOutcome> {
  const headers = extensions.has('idempotency-key') ? { [headerNames.idempotencyKey]: idempotencyKey } : undefined;
  try {
    const { order } = await client.post('/orders', { schema: acceptOrderResponse, body, headers });
    const approver = order.approvers?.find((entry) => entry.decision === 'PENDING')?.employee;
    return {
      kind: 'placed',
      orderId: order.orderId,
      status: order.status,
      dateSubmitted: order.dateSubmitted,
      approverName: approver ? personName(approver) : undefined,
    };
  } catch (error) {
    return outcomeOfFailure(error);
  }
}

/**
 * Looks for the order a draft placed among the account holder's recent orders, newest first, by
 * the draft's own reference. Null when it is not there; throws (a `MobprocError`) when the
 * server could not be asked — then nobody can tell yet.
 */
export async function findPlacedOrder(
  client: ApiClient,
  { employeeId, reference, extensions }: { employeeId: string; reference: string; extensions: Extensions },
): Promise<FoundOrder | null> {
  const answer = await client.get('/orders', {
    schema: acceptOrdersResponse,
    query: {
      employee: employeeId,
      limit: 20,
      offset: 0,
      sort: extensions.has('submitted-date-sort') ? 'SUBMITTED_DATE' : 'UPDATED_DATE',
      sortAscending: false,
    },
  });
  return findByReference(answer.orders.items, reference);
}
