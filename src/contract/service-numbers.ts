/**
 * Service (phone) numbers as people write and read them, as plain functions without zod: the web
 * app's first page formats numbers before any schema has loaded. assets.ts re-exports them.
 */

/**
 * What a search for a phone number means, written as people write one: `+1 206 555 0122`,
 * `(206) 555-0122`, `206.555.0122`, `+12065550122` or a part such as `555-01`. A text of digits
 * and the punctuation of numbers (spaces, `+`, brackets, dots, dashes) is its digits alone, without
 * a leading North American country code — `+1`, a `1` followed by punctuation (`1-206-…`, or `+1 206`
 * sent with a literal `+`, which a query string reads as a space), or the first of eleven digits —
 * so it finds the number however it is stored. A country code alone (`+1`) is `''`: it narrows
 * nothing, as a person typing `+1 206` has not yet said which number. Any other text is
 * undefined: searched as written.
 */
export function numberSearchDigits(text: string): string | undefined {
  const trimmed = text.trim();
  if (!/^[+\d\s().-]+$/.test(trimmed) || !/\d/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  const countryCode = /^\+1/.test(trimmed) || /^1[\s().-]/.test(trimmed) || (digits.length === 11 && digits.startsWith('1'));
  return countryCode ? digits.slice(1) : digits;
}

/**
 * A service (phone) number as people read it: `(628) 208-0004` for a North American number
 * (ten digits, or eleven starting with 1), anything else as it came.
 */
export function formatServiceNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  const ten = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return ten.length === 10 && /^[+\d\s().-]+$/.test(number.trim()) ? `(${ten.slice(0, 3)}) ${ten.slice(3, 6)}-${ten.slice(6)}` : number;
}
