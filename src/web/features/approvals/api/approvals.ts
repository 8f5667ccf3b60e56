import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import {
  acceptApprovalResponse,
  acceptHistoryResponse,
  acceptOrdersResponse,
  acceptServicesResponse,
  type AcceptApprovalResponse,
  type AcceptHistoryEntry,
  type AcceptOrderItem as OrderItem,
} from '../../../../contract/accept.ts';
import { finalOrderStatuses } from '../../../../contract/orders.ts';
import { MobprocError, type ApiClient } from '../../../lib/api-client.ts';
import { levelWho, pendingLevelOf } from '../../../lib/approval-levels.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { APPROVALS_POLL_MS } from './approval-count.ts';
import { myDecision } from './desk.ts';

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

/** Every order waiting for this approver, read in pages of 100 (the most a page may hold); the desk filters them here. */
const DESK_PAGE_SIZE = 100;
/** Nobody decides more than this at one sitting; past it the desk says how many it left out. */
const DESK_MOST = 500;

export type DeskQueue = { items: OrderItem[]; totalCount: number; unreadable: number };

async function everyPage(client: ApiClient, query: Record<string, string | number | boolean | null | undefined>, signal: AbortSignal, most: number): Promise<DeskQueue> {
  const items: OrderItem[] = [];
  let unreadable = 0;
  let totalCount = 0;
  for (let offset = 0; offset < most; offset += DESK_PAGE_SIZE) {
    const page = await client.get('/orders', { schema: acceptOrdersResponse, signal, query: { ...query, limit: DESK_PAGE_SIZE, offset } });
    items.push(...page.orders.items);
    unreadable += page.orders.unreadable;
    totalCount = page.orders._meta.totalCount;
    if (offset + DESK_PAGE_SIZE >= totalCount) break;
  }
  return { items, totalCount, unreadable };
}

/**
 * The desk's queue (server announced `approval-rules`): every order waiting for this approver's
 * decision — their own levels, their groups' and those they decide as someone's approval
 * delegate — with lines (cost, carrier), approvers (levels) and properties (the justification).
 * Filters and sort run in the page, over this one list.
 */
export const deskQueueQueryOptions = (client: ApiClient, approverId: string) =>
  queryOptions({
    queryKey: queryKeys.approvals.desk(approverId),
    queryFn: ({ signal }) =>
      everyPage(
        client,
        {
          eligibleToApproveEmployeeId: approverId,
          status: 'AWAITING_APPROVAL',
          includeOrderSegments: true,
          includeApprovers: true,
          includeOrderProperties: true,
          sort: 'UPDATED_DATE',
          sortAscending: true,
        },
        signal,
        DESK_MOST,
      ),
    staleTime: 0,
    // No event tells a delegate's browser of a delegation made or ended: coming back to the tab asks again.
    refetchOnWindowFocus: true,
    refetchInterval: APPROVALS_POLL_MS,
    refetchIntervalInBackground: false,
  });

/**
 * Orders this person decided (`decidedByEmployeeId`, extension `approval-rules`), latest change
 * first; the latest 300 are read. Kept only where a level names them as its decider, so a server
 * that ignores the filter shows nobody else's decisions.
 */
export const decidedByMeQueryOptions = (client: ApiClient, approverId: string) =>
  queryOptions({
    queryKey: queryKeys.approvals.decided(approverId),
    queryFn: async ({ signal }) => {
      const seen = await everyPage(
        client,
        { decidedByEmployeeId: approverId, includeApprovers: true, includeOrderSegments: true, sort: 'UPDATED_DATE', sortAscending: false },
        signal,
        300,
      );
      return seen.items.filter((order) => myDecision(order, approverId));
    },
    staleTime: 10_000,
  });

/**
 * The rounds of questions and answers of an order (extension `request-info`), oldest first: each
 * history entry that asked (`INFO_REQUESTED`) and the entry after it, which answered it (the order
 * back to `AWAITING_APPROVAL`) or ended the wait otherwise (withdrawn, say). The history keeps
 * them after the level's own question is cleared by the answer.
 */
export function questionRounds(history: AcceptHistoryEntry[]): { question: AcceptHistoryEntry; answer: AcceptHistoryEntry | null }[] {
  const sorted = [...history].sort((a, b) => (a.dateTime ?? '').localeCompare(b.dateTime ?? ''));
  const rounds: { question: AcceptHistoryEntry; answer: AcceptHistoryEntry | null }[] = [];
  sorted.forEach((entry, index) => {
    if (entry.status === 'INFO_REQUESTED') rounds.push({ question: entry, answer: sorted[index + 1] ?? null });
  });
  return rounds;
}

/** An order's history, under the key the order page reads too (`updated` moves: asked again). */
export const approvalHistoryQueryOptions = (client: ApiClient, orderId: string, updated: string) =>
  queryOptions({
    queryKey: queryKeys.orders.history(orderId, updated),
    queryFn: ({ signal }) => client.get(`/orders/${encodeURIComponent(orderId)}/history`, { schema: acceptHistoryResponse, signal }),
    select: (answer) => answer.history,
  });

/** The person's lines, for the order dialog. */
export const personLinesQueryOptions = (client: ApiClient, employeeId: string) =>
  queryOptions({
    queryKey: queryKeys.assets.services({ employee: employeeId, limit: 20, offset: 0 }),
    queryFn: ({ signal }) => client.get('/assets/services', { schema: acceptServicesResponse, signal, query: { employee: employeeId, limit: 20, offset: 0 } }),
    select: (answer) => answer.services,
    staleTime: 30_000,
  });

/** The person's open orders other than `exceptOrderId`, newest first, for the order dialog. */
export const otherOpenOrdersQueryOptions = (client: ApiClient, employeeId: string, exceptOrderId: string) =>
  queryOptions({
    queryKey: queryKeys.orders.list({ employee: employeeId, open: true, includeOrderSegments: true }),
    queryFn: ({ signal }) =>
      client.get('/orders', {
        schema: acceptOrdersResponse,
        signal,
        query: { employee: employeeId, limit: 50, offset: 0, includeOrderSegments: true, sort: 'UPDATED_DATE', sortAscending: false },
      }),
    select: (answer) => answer.orders.items.filter((order) => order.orderId !== exceptOrderId && !(finalOrderStatuses as readonly string[]).includes(order.status ?? '')),
    staleTime: 10_000,
  });

export type Decision = { action: 'APPROVE' | 'REJECT' | 'REQUEST_INFO'; reason: string };

export async function decide(client: ApiClient, orderId: string, decision: Decision): Promise<AcceptApprovalResponse> {
  const reason = decision.reason.trim();
  return client.post(`/orders/${encodeURIComponent(orderId)}/approval`, {
    schema: acceptApprovalResponse,
    body: reason ? { action: decision.action, reason } : { action: decision.action },
  });
}

/** What became of one order of a bulk decision: the server's answer, or why it failed. */
export type BulkOutcome = { orderId: string; answer?: AcceptApprovalResponse['status']; error?: string; errorStatus?: number };

/**
 * The same decision on several orders, each its own request (one refused order does not stop the
 * others), four at a time; the outcomes come back in the orders' order.
 */
export async function decideEach(client: ApiClient, orderIds: string[], decision: Decision, onOutcome?: (outcome: BulkOutcome) => void): Promise<BulkOutcome[]> {
  const outcomes: BulkOutcome[] = new Array(orderIds.length);
  let next = 0;
  const worker = async () => {
    while (next < orderIds.length) {
      const index = next++;
      const orderId = orderIds[index]!;
      try {
        const answer = await decide(client, orderId, decision);
        outcomes[index] = { orderId, answer: answer.status };
      } catch (error) {
        outcomes[index] = {
          orderId,
          error: error instanceof Error ? error.message : String(error),
          ...(error instanceof MobprocError ? { errorStatus: error.status } : {}),
        };
      }
      onOutcome?.(outcomes[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, orderIds.length) }, worker));
  return outcomes;
}

/** A decision changes the queue, the badge, the order and the lists it appears in. */
export async function afterDecision(queryClient: QueryClient, orderId: string) {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.orders.detail(orderId) }),
    queryClient.invalidateQueries({ queryKey: queryKeys.orders.lists() }),
  ]);
}

const actionNoun: Record<Decision['action'], string> = { APPROVE: 'approval', REJECT: 'rejection', REQUEST_INFO: 'question' };

/**
 * After an approval of `order` (as it was when approved), where it goes: the next level that will
 * ask someone, or the carrier when none is left. Undefined when the order's levels are not known.
 */
function afterApproval(order: Pick<OrderItem, 'approvers' | 'pendingApprovalLevel'> | undefined): string | undefined {
  const open = order ? pendingLevelOf(order) : undefined;
  if (!order || !open || typeof open.level !== 'number') return undefined;
  const next = (order.approvers ?? [])
    .filter((level) => typeof level.level === 'number' && level.level > open.level! && level.decision === 'PENDING')
    .sort((a, b) => a.level! - b.level!)[0];
  return next ? `It now waits for ${levelWho(next)}.` : 'It goes on to the carrier.';
}

/**
 * The server's answer in words; `order` (as it was when decided) lets an approval say where the
 * order goes next instead of "its next approver, if it has one".
 */
export function decisionWords(
  answer: AcceptApprovalResponse['status'],
  action: Decision['action'],
  order?: Pick<OrderItem, 'approvers' | 'pendingApprovalLevel'>,
): { severity: 'success' | 'info' | 'warning'; text: string } {
  // A server that took a question answers INFO_REQUESTED; another may answer it as it answers an approval.
  if (action === 'REQUEST_INFO' && answer !== 'APPROVAL_NOT_NEEDED' && answer !== 'NOT_READY_FOR_APPROVAL') {
    return { severity: 'success', text: 'Question sent. When the requester answers, the order waits for this level’s decision again.' };
  }
  switch (answer) {
    case 'APPROVAL_QUEUED':
      return { severity: 'success', text: `Approved. ${afterApproval(order) ?? 'The order goes on to its next approver, if it has one, and then to the carrier.'}` };
    case 'REJECTION_QUEUED':
      return { severity: 'success', text: 'Rejected. The requester sees your reason on the order.' };
    case 'APPROVAL_NOT_NEEDED':
      return { severity: 'info', text: `Your ${actionNoun[action]} was not needed: the order was already decided, or it needs no approval.` };
    case 'NOT_READY_FOR_APPROVAL':
      return { severity: 'warning', text: 'The order is not waiting for approval at the moment (it may have been withdrawn), so nothing changed.' };
    default:
      // Another server may answer without a status, or with one of its own: it took the decision.
      return { severity: 'info', text: `The server took your ${actionNoun[action]}${answer ? ` (${answer})` : ''}.` };
  }
}
