import type { AcceptOrderItem as OrderItem } from '../../../../contract/accept.ts';
import { formatMoney, formatMonthly, formatServiceNumber, personName } from '../../../lib/format.ts';
import { totalsFromSegments } from '../../../lib/order-totals.ts';
import { typeWords } from '../../../lib/transaction-type-words.ts';

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
  const service = order.serviceNumber ? ` for line ${formatServiceNumber(order.serviceNumber)}` : '';
  return `${order.transactionType ? typeWords(order.transactionType) : 'Order'}${service}${parts.length ? `: ${lines}${parts.join(' · ')}` : ''}`;
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
