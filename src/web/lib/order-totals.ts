import type { AcceptMoney, AcceptOrderConfirmation, AcceptOrderSegment, AcceptShoppingCart } from '../../contract/accept.ts';
import { formatMoney, formatMonthly, sumMoney } from './format.ts';

export type OrderTotals = { oneTime: { amount: number; currencyCode: string }[]; monthly: { amount: number; currencyCode: string }[] };

/**
 * One-time and monthly totals of an order from its segments (one per line, so quantity is already
 * in them), the way the server prices it: removing a feature costs nothing.
 */
export function totalsFromSegments(segments: AcceptOrderSegment[]): OrderTotals {
  const oneTime: AcceptMoney[] = [];
  const monthly: AcceptMoney[] = [];
  // A price without its recurrence is read as what such an item costs: hardware once, service monthly.
  const add = (price: AcceptMoney | undefined, usually: 'ONETIME' | 'MONTHLY') => {
    if (!price) return;
    ((price.recurrence ?? usually) === 'MONTHLY' ? monthly : oneTime).push(price);
  };
  for (const segment of segments) {
    if (segment.device) {
      add(segment.device.price, 'ONETIME');
      for (const option of segment.device.deviceFeatureOptions ?? []) add(option.price, 'ONETIME');
    }
    for (const accessory of segment.accessories ?? []) add(accessory.price, 'ONETIME');
    if (segment.plan) {
      add(segment.plan.price, 'MONTHLY');
      for (const feature of segment.plan.optionalFeatures ?? []) add(feature.price, 'MONTHLY');
    }
    for (const feature of segment.features ?? []) if (feature.action === 'ADD') add(feature.price, 'MONTHLY');
  }
  return { oneTime: sumMoney(oneTime), monthly: sumMoney(monthly) };
}

/** The confirmation's cost summary (when the server sent it) in the same form. */
export function totalsFromCostSummary(costSummary: AcceptMoney[]): OrderTotals {
  return {
    oneTime: costSummary.filter((money) => money.recurrence === 'ONETIME'),
    monthly: costSummary.filter((money) => money.recurrence === 'MONTHLY'),
  };
}

/**
 * Totals computed from a confirmation's cart when the server sent no `costSummary` (the vendor
 * leaves it out for some types): the item prices, times the quantity. The screen says they are
 * computed, not the carrier's.
 */
export function totalsFromCart(cart: AcceptShoppingCart | undefined): OrderTotals {
  if (!cart) return { oneTime: [], monthly: [] };
  const quantity = cart.quantity && cart.quantity > 1 ? cart.quantity : 1;
  const one = totalsFromSegments([{ device: cart.device, plan: cart.plan, accessories: cart.accessories, features: cart.features }]);
  const times = (money: { amount: number; currencyCode: string }) => ({ ...money, amount: Math.round(money.amount * 100 * quantity) / 100 });
  return { oneTime: one.oneTime.map(times), monthly: one.monthly.map(times) };
}

/**
 * A confirmation's totals as the review shows them, and where they come from: `server` (its
 * `costSummary`), `computed` (from the cart's item prices, when the server sent no totals) or
 * `none` (no totals and no item price: there is nothing to add up, so no amount is shown).
 * `dueNow` and `monthly` are display strings; nothing due is $0.00 and no monthly charge "—",
 * as in the wizard's summary.
 */
export function confirmationTotals(confirmation: Pick<AcceptOrderConfirmation, 'costSummary' | 'shoppingCart'>): {
  source: 'server' | 'computed' | 'none';
  dueNow: string;
  monthly: string;
} {
  const fromServer = confirmation.costSummary !== undefined;
  const totals = fromServer ? totalsFromCostSummary(confirmation.costSummary ?? []) : totalsFromCart(confirmation.shoppingCart);
  if (!fromServer && totals.oneTime.length === 0 && totals.monthly.length === 0) return { source: 'none', dueNow: '—', monthly: '—' };
  const currencyCode = totals.oneTime[0]?.currencyCode ?? totals.monthly[0]?.currencyCode ?? 'USD';
  return {
    source: fromServer ? 'server' : 'computed',
    dueNow: totals.oneTime.length ? totals.oneTime.map(formatMoney).join(' + ') : formatMoney({ amount: 0, currencyCode }),
    monthly: totals.monthly.length ? totals.monthly.map(formatMonthly).join(' + ') : '—',
  };
}
