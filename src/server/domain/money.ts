import type { Money } from '../../contract/index.ts';

/** Storage keeps integer cents; the wire carries a decimal `amount`. Convert only at the edge. */
export const toMoney = (cents: number, currencyCode: string, recurrence: Money['recurrence']): Money => ({
  amount: cents / 100,
  currencyCode,
  recurrence,
});
