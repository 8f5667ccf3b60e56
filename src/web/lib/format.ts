import { numberSearchDigits } from '../../contract/service-numbers.ts';

export type MoneyLike = { amount: number; currencyCode: string };

const formatters = new Map<string, Intl.NumberFormat>();

/** Money in its own currency, in the reader's locale ("$1,049.00", "CA$85.00"); "—" when the server gave no price. */
export function formatMoney(money: MoneyLike | undefined): string {
  if (!money) return '—';
  let formatter = formatters.get(money.currencyCode);
  if (!formatter) {
    formatter = new Intl.NumberFormat(undefined, { style: 'currency', currency: money.currencyCode });
    formatters.set(money.currencyCode, formatter);
  }
  return formatter.format(money.amount);
}

export function formatMonthly(money: MoneyLike | undefined): string {
  return money ? `${formatMoney(money)}/mo` : '—';
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const momentFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const calendarFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/**
 * What a date from the server means, which decides how it is shown:
 * - `moment`: an instant (submitted, decided, changed), with its time, in the reader's time zone;
 * - `moment-day`: the day of an instant (shipped), in the reader's time zone, so a person west of
 *   UTC sees the day it happened where they are;
 * - `calendar-date`: a date as written (a preferred date, an eligibility date): its `YYYY-MM-DD`
 *   is shown as is, whatever the time part or offset says, never shifted by a time zone.
 */
export type DateKind = 'moment' | 'moment-day' | 'calendar-date';

/** An ISO 8601 date or date-time from the server, shown as `kind` says; text that is no date is shown as it came. */
export function formatWhen(iso: string, kind: DateKind): string {
  if (kind === 'calendar-date') {
    const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso.trim());
    return match ? calendarFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))) : iso;
  }
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return (kind === 'moment' ? momentFormat : dayFormat).format(date);
}

/** A service (phone) number as people read it; the contract's, which email uses too. */
export { formatServiceNumber } from '../../contract/service-numbers.ts';

/**
 * Search text for service numbers: a number written with brackets, spaces, dots, dashes or a
 * leading +1 is searched by its digits (the contract's `numberSearchDigits`, which any server may
 * be sent and ours applies too), so `(628) 208` and `628208` find the same lines; any other text
 * (a name) is only trimmed.
 */
export function serviceNumberSearch(text: string): string {
  return numberSearchDigits(text) ?? text.trim();
}

/** Sums amounts per currency in integer cents, so 0.1 + 0.2 stays 0.30. */
export function sumMoney(items: MoneyLike[]): MoneyLike[] {
  const cents = new Map<string, number>();
  for (const item of items) cents.set(item.currencyCode, (cents.get(item.currencyCode) ?? 0) + Math.round(item.amount * 100));
  return [...cents].map(([currencyCode, total]) => ({ currencyCode, amount: total / 100 }));
}

/** How a server may name a person; other servers may leave out any of it but the id. */
type PersonLike = { id?: string; firstName?: string; lastName?: string; companyEmployeeId?: string; email?: string };

/** A person's name; without one, their company employee id, e-mail or raw id (in that order). */
export function personName(person: PersonLike | null | undefined): string {
  if (!person) return '';
  const name = [person.firstName, person.lastName].filter(Boolean).join(' ');
  return name || person.companyEmployeeId || person.email || person.id || '';
}

const DAY_MS = 86_400_000;

/**
 * Whole days since an instant (`now` in ms since the epoch), never negative: how long something
 * has waited. Null when `iso` is no date.
 */
export function daysSince(iso: string | undefined, now = Date.now()): number | null {
  const then = Date.parse(iso ?? '');
  if (!Number.isFinite(then)) return null;
  return Math.max(0, Math.floor((now - then) / DAY_MS));
}

/** "waiting 3 days", "waiting 1 day", "waiting less than a day"; "" when `iso` is no date. */
export function formatWaiting(iso: string | undefined, now = Date.now()): string {
  const days = daysSince(iso, now);
  if (days === null) return '';
  if (days === 0) return 'waiting less than a day';
  return `waiting ${days} ${days === 1 ? 'day' : 'days'}`;
}
