import type { Money } from '../../contract/common.ts';
import type { OrderSegment } from '../../contract/orders.ts';
import { sumMoney } from './format.ts';

export type OrderTotals = { oneTime: { amount: number; currencyCode: string }[]; monthly: { amount: number; currencyCode: string }[] };

/**
 * One-time and monthly totals of an order from its segments (one per line, so quantity is already
 * in them), the way the server prices it: removing a feature costs nothing.
 */
export function totalsFromSegments(segments: OrderSegment[]): OrderTotals {
  const charges: Money[] = [];
  for (const segment of segments) {
    if (segment.device) charges.push(segment.device.price, ...segment.device.deviceFeatureOptions.map((option) => option.price));
    charges.push(...segment.accessories.map((accessory) => accessory.price));
    if (segment.plan) charges.push(segment.plan.price, ...segment.plan.optionalFeatures.map((feature) => feature.price));
    charges.push(...segment.features.filter((feature) => feature.action === 'ADD').map((feature) => feature.price));
  }
  return {
    oneTime: sumMoney(charges.filter((charge) => charge.recurrence === 'ONETIME')),
    monthly: sumMoney(charges.filter((charge) => charge.recurrence === 'MONTHLY')),
  };
}

/** The confirmation's cost summary (when the server sent it) in the same form. */
export function totalsFromCostSummary(costSummary: Money[]): OrderTotals {
  return {
    oneTime: costSummary.filter((money) => money.recurrence === 'ONETIME'),
    monthly: costSummary.filter((money) => money.recurrence === 'MONTHLY'),
  };
}
