import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { acceptApprovalResponse, acceptOrdersResponse, type AcceptApprovalResponse } from '../../../../contract/accept.ts';
import type { ApiClient } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { APPROVALS_POLL_MS } from './approval-count.ts';

export const QUEUE_PAGE_SIZE = 20;

const queueQuery = (approverId: string, limit: number, offset: number, bySubmitted: boolean) => ({
  eligibleToApproveEmployeeId: approverId,
  status: 'AWAITING_APPROVAL',
  limit,
  offset,
  // Oldest first: whoever has waited longest is decided first (by last change where the server
  // did not announce `submitted-date-sort`).
  sort: bySubmitted ? 'SUBMITTED_DATE' : 'UPDATED_DATE',
  sortAscending: true,
});

/** Orders waiting for this approver's decision, with items (for the cost) and approvers. */
export const approvalQueueQueryOptions = (client: ApiClient, approverId: string, offset: number, bySubmitted: boolean) =>
  queryOptions({
    queryKey: queryKeys.approvals.queue(approverId, { offset, bySubmitted }),
    queryFn: ({ signal }) =>
      client.get('/orders', {
        schema: acceptOrdersResponse,
        signal,
        query: { ...queueQuery(approverId, QUEUE_PAGE_SIZE, offset, bySubmitted), includeOrderSegments: true, includeApprovers: true },
      }),
    select: (answer) => answer.orders,
    placeholderData: keepPreviousData,
    staleTime: 0,
    refetchInterval: APPROVALS_POLL_MS,
    refetchIntervalInBackground: false,
  });

export type Decision = { action: 'APPROVE' | 'REJECT'; reason: string };

export async function decide(client: ApiClient, orderId: string, decision: Decision): Promise<AcceptApprovalResponse> {
  const reason = decision.reason.trim();
  return client.post(`/orders/${encodeURIComponent(orderId)}/approval`, {
    schema: acceptApprovalResponse,
    body: reason ? { action: decision.action, reason } : { action: decision.action },
  });
}

/** A decision changes the queue, the badge, the order and the lists it appears in. */
export async function afterDecision(queryClient: QueryClient, orderId: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.orders.detail(orderId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.orders.lists() }),
  ]);
}

/** The server's answer in words. */
export function decisionWords(answer: AcceptApprovalResponse['status'], action: Decision['action']): { severity: 'success' | 'info' | 'warning'; text: string } {
  switch (answer) {
    case 'APPROVAL_QUEUED':
      return { severity: 'success', text: 'Approved. The order goes on to the carrier.' };
    case 'REJECTION_QUEUED':
      return { severity: 'success', text: 'Rejected. The requester sees your reason on the order.' };
    case 'APPROVAL_NOT_NEEDED':
      return { severity: 'info', text: `Your ${action === 'APPROVE' ? 'approval' : 'rejection'} was not needed: the order was already decided, or it needs no approval.` };
    case 'NOT_READY_FOR_APPROVAL':
      return { severity: 'warning', text: 'The order is not waiting for approval at the moment (it may have been withdrawn), so nothing changed.' };
    default:
      // Another server may answer without a status, or with one of its own: it took the decision.
      return { severity: 'info', text: `The server took your ${action === 'APPROVE' ? 'approval' : 'rejection'}${answer ? ` (${answer})` : ''}.` };
  }
}
