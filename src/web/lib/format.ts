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

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A calendar date as the contract sends it (`YYYY-MM-DDT00:00:00Z`), never shifted by time zone. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
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
