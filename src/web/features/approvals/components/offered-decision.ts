import type { UseQueryResult } from '@tanstack/react-query';
import type { AcceptOrderItem as OrderItem } from '../../../../contract/accept.ts';
import { whyNoDecision } from './order-words.ts';

type People = { authenticatedUser: { id: string }; actor: { id: string } };
type Behalf = NonNullable<OrderItem['eligibleOnBehalfOf']> | null;

/**
 * Whether the order page or dialog offers Approve / Reject / Ask: `yes` (with the approver the
 * actor decides for as their delegate, if so), `no` with the sentence saying why, or `wait` while
 * the server's queue is still being asked. `eligible` is that query (the actor's queue for the
 * order's account holder), or undefined where the server has no such queue (no `approval-rules`).
 */
export function offeredDecision(
  order: OrderItem,
  people: People | undefined,
  eligible: UseQueryResult<Map<string, Behalf>> | undefined,
): { kind: 'yes'; behalf: Behalf } | { kind: 'no'; why: string } | { kind: 'wait' } {
  // A query that is not asked (no account holder to ask by, `/me` not in yet) tells nothing.
  const knows = eligible !== undefined && order.status === 'AWAITING_APPROVAL' && !(eligible.isPending && eligible.fetchStatus === 'idle');
  if (knows && eligible.isPending && !whyNoDecision(order, people, undefined)) return { kind: 'wait' };
  // A queue that could not be read says nothing either way: the server decides when asked.
  const inQueue = knows && eligible.isSuccess ? eligible.data.has(order.orderId) : undefined;
  const why = whyNoDecision(order, people, inQueue);
  if (why) return { kind: 'no', why };
  return { kind: 'yes', behalf: (knows && eligible.data?.get(order.orderId)) || order.eligibleOnBehalfOf || null };
}
