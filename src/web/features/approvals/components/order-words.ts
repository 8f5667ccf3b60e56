import type { AcceptOrderItem as OrderItem } from '../../../../contract/accept.ts';
import { formatMoney, formatMonthly, formatServiceNumber, personName } from '../../../lib/format.ts';
import { totalsFromSegments } from '../../../lib/order-totals.ts';
import { typeWords } from '../../../lib/transaction-type-words.ts';
import { levelWho, levelWords, pendingLevelOf } from '../../../lib/approval-levels.ts';
import { myDecision } from '../api/desk.ts';

/** What the order buys, in one line: "Pixel 9 · Business Unlimited" or the service it changes. */
export function orderWhat(order: OrderItem): string {
  const segments = order.orderSegments?.items ?? [];
  const first = segments[0];
  const parts = first
    ? [
        first.device?.name,
        first.plan?.name,
        ...(first.accessories ?? []).map((accessory) => accessory.name),
        ...(first.features ?? []).map((feature) => `${feature.action === 'ADD' ? 'add' : feature.action === 'REMOVE' ? 'remove' : 'change'} ${feature.description ?? feature.id ?? ''}`),
      ].filter(Boolean)
    : [];
  const lines = segments.length > 1 ? `${segments.length} × ` : '';
  const words = order.transactionType ? typeWords(order.transactionType) : 'Order';
  // "Cancel line" already says it is about a line: "Cancel line (206) 555-0122", not "Cancel line for line …".
  const service = order.serviceNumber ? `${/\bline$/i.test(words) ? '' : ' for line'} ${formatServiceNumber(order.serviceNumber)}` : '';
  return `${words}${service}${parts.length ? `: ${lines}${parts.join(' · ')}` : ''}`;
}

export function orderCost(order: OrderItem): string {
  const totals = totalsFromSegments(order.orderSegments?.items ?? []);
  const costs = [...totals.oneTime.filter((money) => money.amount !== 0).map(formatMoney), ...totals.monthly.filter((money) => money.amount !== 0).map(formatMonthly)];
  return costs.length ? costs.join(' + ') : 'No charge';
}

export function orderWho(order: OrderItem): string {
  return !order.requestedBy || order.requestedBy.id === order.accountHolder?.id
    ? personName(order.accountHolder)
    : `${personName(order.accountHolder)} (requested by ${personName(order.requestedBy)})`;
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** How long the order has waited: "5 minutes ago", "yesterday". */
export function orderAge(iso: string | undefined, now = Date.now()): string {
  const seconds = (Date.parse(iso ?? '') - now) / 1000;
  if (!Number.isFinite(seconds)) return '';
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['second', 60],
    ['minute', 60],
    ['hour', 24],
    ['day', 7],
    ['week', 4.35],
    ['month', 12],
    ['year', Infinity],
  ];
  let value = seconds;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) return relative.format(Math.round(value), unit);
    value /= size;
  }
  return '';
}

/**
 * Why the signed-in person (or whom they act for) may not decide this order, or null when they may:
 * nobody decides an order they placed or that is for them (MOBPROC §4.6). A server that follows the
 * rule routes such orders past them; this covers acting for the approver of an order one placed.
 */
export function ownOrderReason(
  order: Pick<OrderItem, 'accountHolder' | 'requestedBy'>,
  people: { authenticatedUser: { id: string }; actor: { id: string } } | undefined,
): string | null {
  if (!people) return null;
  const ids = new Set([people.authenticatedUser.id, people.actor.id]);
  if (order.requestedBy && ids.has(order.requestedBy.id)) return 'You placed this order, so someone else decides it.';
  if (order.accountHolder && ids.has(order.accountHolder.id)) return 'This order is for you, so someone else decides it.';
  return null;
}

type People = { authenticatedUser: { id: string }; actor: { id: string } };

/**
 * Why no decision is offered on this order, or null when it is. `eligible` is the server's word
 * (the order is in the actor's queue: a level they, their group, or the approver they are
 * delegate for today decides now); undefined where the server cannot say (no `approval-rules`),
 * where a waiting order is offered as before and the server has the last word. Otherwise the
 * sentence says who decided what, or what the order waits for.
 */
export function whyNoDecision(order: OrderItem, people: People | undefined, eligible: boolean | undefined): string | null {
  const own = ownOrderReason(order, people);
  if (own) return own;
  const levels = order.approvers ?? [];
  const pending = pendingLevelOf(order);
  if (order.status === 'INFO_REQUESTED') {
    const asking = levels.find((level) => level.decision === 'INFO_REQUESTED');
    const asker = asking ? (asking.decidedBy ? personName(asking.decidedBy) : levelWho(asking)) : 'the approver';
    return `It waits for the requester to answer ${asker}’s question; then it waits for that level’s decision again.`;
  }
  if (order.status === 'AWAITING_APPROVAL') {
    if (eligible !== false) return null;
    const mine = people ? (myDecision(order, people.authenticatedUser.id) ?? myDecision(order, people.actor.id)) : undefined;
    const waits = pending ? `It now waits for ${levelWho(pending)}.` : 'It waits for another approver.';
    if (mine) return `${levelWords(mine, order.status, false)}: that level is decided. ${waits}`;
    return pending ? `It waits for ${levelWho(pending)}, not for you: you do not decide that level now.` : 'It is not waiting for your decision.';
  }
  const decided = levels.filter((level) => level.decision === 'APPROVED' || level.decision === 'REJECTED').at(-1);
  return `This order is not waiting for approval any more${decided ? `: ${levelWords(decided, order.status, false).replace(/^./, (first) => first.toLowerCase())}` : ''}.`;
}
