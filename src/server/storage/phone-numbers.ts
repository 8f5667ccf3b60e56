/**
 * Ten-digit North American (NANP) numbers made from a counter, for the seeds and for the lines that
 * orders create: area code, an exchange that can be assigned — first digit 2–9, not an N11 service
 * code (211 … 911), not 555 (its 01xx block is kept for fiction, the demo's own lines) — and four
 * digits, so each is a valid number for its area code (libphonenumber agrees), never `(206) 000-8107`.
 */
const EXCHANGES: readonly number[] = Array.from({ length: 800 }, (_, index) => 200 + index).filter((exchange) => exchange % 100 !== 11 && exchange !== 555);

/** How many distinct numbers `nanpNumber` makes per area code before it starts over. */
export const NANP_NUMBERS_PER_AREA_CODE = EXCHANGES.length * 10_000;

/**
 * The `n`th number (0-based; n ≥ 0) in `areaCode` (three digits, `[2-9]\d\d`), digits only
 * (`4252000005`). Distinct for n below `NANP_NUMBERS_PER_AREA_CODE` (7,910,000).
 */
export function nanpNumber(areaCode: string, n: number): string {
  const k = n % NANP_NUMBERS_PER_AREA_CODE;
  return `${areaCode}${EXCHANGES[Math.floor(k / 10_000)]}${String(k % 10_000).padStart(4, '0')}`;
}
