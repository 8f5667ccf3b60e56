/**
 * Which country a phone number belongs to. The US and Canada share the North American numbering
 * plan (+1), so the country of a +1 number is that of its area code; libphonenumber-js keeps that
 * table (and those of other countries) up to date.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

/**
 * ISO 3166 country code (`US`, `CA`, `GB` …) of `number` as people write it (`+1 416 555 0123`,
 * `4165550123`, `07700 900123`), or undefined when it cannot be told. `homeCountry` reads a number
 * written without its country calling code.
 */
export function numberCountry(number: string, homeCountry: string | null | undefined): string | undefined {
  const parsed = parsePhoneNumberFromString(number, (homeCountry ?? 'US') as CountryCode);
  if (!parsed) return undefined;
  // A national +1 number read with a home country takes that country; its area code decides.
  if (parsed.countryCallingCode === '1') return parsePhoneNumberFromString(`+1${parsed.nationalNumber}`)?.country ?? parsed.country;
  return parsed.country;
}
