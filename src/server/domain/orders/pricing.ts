import type { Money } from '../../../contract/index.ts';
import { toMoney } from '../money.ts';
import type { Draft } from './common.ts';

type Line = { cents: number; currencyCode: string; recurrence: Money['recurrence'] };

/** Every charge of the order, quantity applied; integer cents throughout. */
export function chargeLines(draft: Draft): Line[] {
  const lines = Math.max(draft.quantity, 1);
  const charges: Line[] = [];
  if (draft.device) {
    const options = draft.deviceOptions.reduce((sum, option) => sum + option.priceCents, 0);
    charges.push({ cents: (draft.device.priceCents + options) * lines, currencyCode: draft.device.currencyCode, recurrence: 'ONETIME' });
  }
  for (const accessory of draft.accessories) {
    charges.push({ cents: accessory.priceCents * lines, currencyCode: accessory.currencyCode, recurrence: 'ONETIME' });
  }
  if (draft.plan) charges.push({ cents: draft.plan.priceCents * lines, currencyCode: draft.plan.currencyCode, recurrence: 'MONTHLY' });
  for (const feature of draft.optionalFeatures) {
    charges.push({ cents: feature.priceCents * lines, currencyCode: feature.currencyCode, recurrence: 'MONTHLY' });
  }
  // Removing a feature ends its charge; only additions cost anything.
  for (const change of draft.featureChanges) {
    if (change.action === 'ADD') charges.push({ cents: change.feature.priceCents, currencyCode: change.feature.currencyCode, recurrence: 'MONTHLY' });
  }
  return charges;
}

/** One ONETIME and one MONTHLY total per currency; zeros in `fallbackCurrency` when nothing is charged. */
export function costSummary(draft: Draft, fallbackCurrency: string): Money[] {
  const totals = new Map<string, { ONETIME: number; MONTHLY: number }>();
  for (const line of chargeLines(draft)) {
    const total = totals.get(line.currencyCode) ?? { ONETIME: 0, MONTHLY: 0 };
    total[line.recurrence] += line.cents;
    totals.set(line.currencyCode, total);
  }
  if (totals.size === 0) totals.set(fallbackCurrency, { ONETIME: 0, MONTHLY: 0 });
  return [...totals].flatMap(([currency, total]) => [toMoney(total.ONETIME, currency, 'ONETIME'), toMoney(total.MONTHLY, currency, 'MONTHLY')]);
}

export const oneTimeCents = (draft: Draft) =>
  chargeLines(draft).reduce((sum, line) => sum + (line.recurrence === 'ONETIME' ? line.cents : 0), 0);
