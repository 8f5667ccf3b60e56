/**
 * Care orders that name the day they take effect (a `PREFERRED_*` DATE property: the suspension,
 * reactivation or deactivation date, the day a line leaves the company) wait for that day. The
 * order is sent to the carrier at once (ORDER_SUBMITTED, still withdrawable) and its first
 * fulfilment step is due at the start of that calendar day in the tenant's time zone (§4.6).
 */
import { calendarDateIn } from '../../../contract/dynamic.ts';
import type { CheckedOrderProperties } from '../../../contract/index.ts';
import type { Db } from '../../storage/db.ts';
import { one } from '../../storage/statements.ts';
import { storedTimeZone } from '../../storage/tenant-zone.ts';
import { jsonFieldText } from '../sql.ts';

/** The calendar date (`YYYY-MM-DD`) an order's preferred-date property asks for, if it has one. */
export function effectiveDateOf(properties: CheckedOrderProperties): string | undefined {
  for (const group of properties) {
    for (const field of group.fields) {
      if (field.type === 'DATE' && field.id.startsWith('PREFERRED_') && 'date' in field && field.date) return field.date.slice(0, 10);
    }
  }
  return undefined;
}

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** How far `zone`'s wall clock is ahead of UTC at `at`, in milliseconds (negative west of Greenwich). */
function zoneOffsetMs(zone: string, at: Date): number {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    offsetFormats.set(zone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)!.value);
  const wallClockAsUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wallClockAsUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/** The moment `date` (`YYYY-MM-DD`) begins in `zone` (an IANA name such as `America/Los_Angeles`). */
export function startOfDayIn(date: string, zone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const midnightAsUtc = Date.UTC(year, month - 1, day);
  // Twice: the first guess may sit on the other side of a daylight-saving change.
  const first = midnightAsUtc - zoneOffsetMs(zone, new Date(midnightAsUtc));
  return new Date(midnightAsUtc - zoneOffsetMs(zone, new Date(first)));
}

/**
 * When an order's first fulfilment step may run: `dueAt`, or, for an order that takes effect on a
 * later day, the start of that day in its tenant's time zone. Null when it need not wait.
 */
export async function effectiveFrom(db: Db, orderId: number): Promise<Date | null> {
  const row = await one<{ effectiveDate: string | null; timeZone: string }>(
    db,
    `SELECT ${jsonFieldText(db, 'o.effects', 'effectiveDate')} AS effectiveDate, t.time_zone AS timeZone
     FROM orders o JOIN tenants t ON t.id = o.tenant_id WHERE o.id = ?`,
    orderId,
  );
  return row?.effectiveDate ? startOfDayIn(row.effectiveDate, knownZone(row.timeZone)) : null;
}

/**
 * The tenant's IANA time zone. Read on every history entry and listing, so the stored value is
 * cached, invalidated on any write to `tenants` (storage/tenant-zone.ts: no API changes it; a
 * change by hand in the database, from any process, is seen by the next call).
 */
export const tenantTimeZone = async (db: Db, tenantId: number): Promise<string> => knownZone(await storedTimeZone(db, tenantId));

/** Whether the platform knows a zone name: a fact of the running platform, so kept once checked. */
const zoneKnown = new Map<string, boolean>();

/** `zone` when the platform knows it, else UTC: a mistyped zone in a tenant row must not stop its orders. */
function knownZone(zone: string | undefined): string {
  if (!zone) return 'UTC';
  let known = zoneKnown.get(zone);
  if (known === undefined) {
    try {
      calendarDateIn(zone, new Date(0));
      known = true;
    } catch {
      known = false;
    }
    zoneKnown.set(zone, known);
  }
  return known ? zone : 'UTC';
}
