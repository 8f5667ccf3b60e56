/**
 * Schemas built at run time from data the server publishes: order property definitions
 * (`/orders/properties`) and a region's `addressFormat` (`/regions/{id}`). The server validates
 * orders with these very functions and the web app validates its forms with them, so both give
 * the same verdict. Pure functions of their input; no I/O.
 */
import { z } from 'zod';
import { withArticle } from './common.ts';

// ---------------------------------------------------------------------------------------------
// Shared helpers

const wholeValueCache = new Map<string, RegExp | null>();

/**
 * A definition's `regEx` must match the whole value. Compiled once per distinct source; a source
 * that is not a valid expression constrains nothing rather than failing every order.
 */
export function wholeValueRegExp(source: string): RegExp | null {
  let compiled = wholeValueCache.get(source);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(`^(?:${source})$`, 'u');
    } catch {
      try {
        compiled = new RegExp(`^(?:${source})$`);
      } catch {
        compiled = null;
      }
    }
    wholeValueCache.set(source, compiled);
  }
  return compiled;
}

const lengthProblem = (label: string, value: string, minLength?: number | null, maxLength?: number | null) => {
  if (minLength != null && value.length < minLength) return `${label} needs at least ${minLength} characters.`;
  if (maxLength != null && value.length > maxLength) return `${label} may have at most ${maxLength} characters.`;
  return null;
};

const patternHint = (pattern?: string | null) => (pattern ? ` (expected: ${pattern})` : '');

// ---------------------------------------------------------------------------------------------
// Order properties (MOBPROC §4.3)

export const propertyFieldTypes = ['TEXT', 'DATE', 'CHOICE'] as const;
export type PropertyFieldType = (typeof propertyFieldTypes)[number];

/** The parts of a `/orders/properties` field definition that validation needs. */
export type PropertyFieldDefinition = {
  id: string;
  label: string;
  type: PropertyFieldType;
  validation: 'REQUIRED' | 'OPTIONAL';
  minLength?: number | null;
  maxLength?: number | null;
  pattern?: string | null;
  regEx?: string | null;
  choices?: { id: string; label: string; isOther?: boolean | null }[] | null;
  /** Extension sensitive-properties: masked while typed, never stored by a client, never answered again. */
  sensitive?: boolean | null;
};
export type PropertyGroupDefinition = { groupId: string; fields: PropertyFieldDefinition[] };

/** One property value as an order carries it. */
export const orderPropertyValue = z
  .object({
    id: z.string().min(1).max(100),
    type: z.enum(propertyFieldTypes).optional(),
    text: z.string().max(4000).optional(),
    date: z.string().max(40).optional(),
    choice: z.object({ id: z.string().max(100), otherText: z.string().max(1000).optional() }).optional(),
  })
  .meta({ id: 'OrderPropertyValue' });
export type OrderPropertyValue = z.infer<typeof orderPropertyValue>;

export const orderPropertyGroup = z
  .object({ groupId: z.string().max(100), fields: z.array(orderPropertyValue).max(200) })
  .meta({ id: 'OrderPropertyGroup' });
export type OrderPropertyGroup = z.infer<typeof orderPropertyGroup>;

/** The shape of `orderRequest.properties`, before it is checked against any definitions. */
export const orderProperties = z.array(orderPropertyGroup).max(50);

const calendarDate = /^(\d{4})-(\d{2})-(\d{2})(?:T00:00:00(?:\.0+)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d))?$/;

/**
 * A DATE property is a calendar date: `YYYY-MM-DD`, `YYYY-MM-DDT00:00:00Z`, or a midnight with any
 * offset (`2026-12-22T00:00:00+00:00`, `…-05:00`, as the vendor's samples write it), which means the
 * calendar date written. Returns the wire form (`YYYY-MM-DDT00:00:00Z`) or null when the text is
 * not a real date or not a midnight. No time-zone maths.
 */
export function normalizeCalendarDate(value: string): string | null {
  const match = calendarDate.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return `${match[1]}-${match[2]}-${match[3]}T00:00:00Z`;
}

/**
 * The time zones that reach furthest west in each country (§4.4): "today" for a preferred date is
 * the earliest calendar date among them, so nobody in the country is refused their own today.
 * Hawaii and the Aleutians share the US's latest date depending on daylight saving time. A
 * country not listed (or not known) takes UTC−12, the last place on earth where a date is still today.
 */
const westernmostZones: Record<string, string[]> = {
  US: ['Pacific/Honolulu', 'America/Adak'],
  CA: ['America/Vancouver'],
  GB: ['Europe/London'],
};
const FALLBACK_ZONE = 'Etc/GMT+12';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** The calendar date (`YYYY-MM-DD`) in IANA `zone` at `now`; one formatter per zone. Throws RangeError for an unknown zone. */
export const calendarDateIn = (zone: string, now: Date) => {
  let format = dateFormats.get(zone);
  if (!format) {
    // en-CA writes dates as YYYY-MM-DD, so dates compare as text.
    format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(zone, format);
  }
  return format.format(now);
};

/** Today (`YYYY-MM-DD`) as §4.4 defines it for preferred dates in a country (ISO 3166-1 alpha-2). */
export function earliestTodayIn(countryCode: string | null | undefined, now: Date): string {
  const zones = (countryCode && westernmostZones[countryCode.toUpperCase()]) || [FALLBACK_ZONE];
  return zones.map((zone) => calendarDateIn(zone, now)).sort()[0]!;
}

/** A preferred date (a `PREFERRED_*` DATE property) may not lie before today (§4.4). */
export const isPreferredDate = (field: Pick<PropertyFieldDefinition, 'id' | 'type'>) => field.type === 'DATE' && field.id.startsWith('PREFERRED_');

/** Why a preferred date (any form `normalizeCalendarDate` reads) is refused on `today` (`YYYY-MM-DD`), or null. */
export function preferredDateProblem(date: string, today: string): string | null {
  return date.slice(0, 10) < today ? `A preferred date cannot be before today (${today}).` : null;
}

export type FieldProblem = { path: (string | number)[]; message: string };

/** Separators people write inside numbers: spaces, dashes (any), dots, slashes and brackets. */
const numberSeparators = /[\s\u2010-\u2015\u2212./()-]/g;

/**
 * A TEXT property's value as a person wrote it, brought to the form its `regEx` accepts (§4.3):
 * trimmed always; then, only when the trimmed text does not match, the first of these that does:
 * the text without separators (`(206) 555-0142` → `2065550142`), and that without a North American
 * `+1` / `1` in front (`+1-206-555-0142` → `2065550142`). A value no candidate fits is answered
 * trimmed, so its error names what was typed.
 */
export function normalizePropertyText(definition: Pick<PropertyFieldDefinition, 'regEx'>, text: string): string {
  const trimmed = text.trim();
  const pattern = definition.regEx ? wholeValueRegExp(definition.regEx) : null;
  if (!pattern || pattern.test(trimmed)) return trimmed;
  const compact = trimmed.replace(numberSeparators, '');
  const candidates = [compact];
  const northAmerican = /^\+?1(\d{10})$/.exec(compact);
  if (northAmerican) candidates.push(northAmerican[1]!);
  return candidates.find((candidate) => pattern.test(candidate)) ?? trimmed;
}

/** What a field expects, for a message: its pattern hint, else its lengths. */
function expectedForm(definition: Pick<PropertyFieldDefinition, 'pattern' | 'minLength' | 'maxLength'>): string {
  if (definition.pattern) return ` (for example ${definition.pattern})`;
  const { minLength, maxLength } = definition;
  if (minLength != null && maxLength != null) return minLength === maxLength ? ` (${minLength} characters)` : ` (${minLength} to ${maxLength} characters)`;
  return '';
}

/**
 * Checks one property value against its definition. Paths are relative to the value object
 * (`['text']`, `['choice', 'otherText']`). An empty value counts as absent.
 */
export function propertyValueProblems(definition: PropertyFieldDefinition, value: OrderPropertyValue): FieldProblem[] {
  const { label } = definition;
  const required = definition.validation === 'REQUIRED';
  if (value.type !== undefined && value.type !== definition.type) {
    return [{ path: ['type'], message: `${label} is ${withArticle(definition.type)} field, not ${value.type}.` }];
  }
  if (definition.type === 'TEXT') {
    const text = normalizePropertyText(definition, value.text ?? '');
    if (text === '') return required ? [{ path: ['text'], message: `${label} is required.` }] : [];
    const tooLong = lengthProblem(label, text, definition.minLength, definition.maxLength);
    if (tooLong) return [{ path: ['text'], message: tooLong }];
    const pattern = definition.regEx ? wholeValueRegExp(definition.regEx) : null;
    if (pattern && !pattern.test(text)) {
      return [{ path: ['text'], message: `${label} is not in the expected form${expectedForm(definition)}.` }];
    }
    return [];
  }
  if (definition.type === 'DATE') {
    const date = value.date ?? '';
    if (date.trim() === '') return required ? [{ path: ['date'], message: `${label} is required.` }] : [];
    return normalizeCalendarDate(date)
      ? []
      : [{ path: ['date'], message: `${label} must be a calendar date such as 2026-12-22.` }];
  }
  const choice = value.choice;
  if (!choice || choice.id === '') return required ? [{ path: ['choice', 'id'], message: `${label} is required.` }] : [];
  const option = definition.choices?.find((candidate) => candidate.id === choice.id);
  if (!option) return [{ path: ['choice', 'id'], message: `${label}: choose one of the listed options.` }];
  if (option.isOther && (choice.otherText ?? '').trim() === '') {
    return [{ path: ['choice', 'otherText'], message: `${label}: describe "${option.label}".` }];
  }
  return [];
}

/**
 * The schema of `orderRequest.properties` for one set of definitions: every REQUIRED field
 * present and valid, each value checked against its definition, unknown groups and field ids
 * refused. Dates come out in the wire form; an `isOther` choice keeps its `otherText`, any other
 * choice drops it. With `options.today` (`YYYY-MM-DD`, see `earliestTodayIn`), a preferred date
 * before it is refused at its field as well.
 */
export function propertiesSchema(definitions: PropertyGroupDefinition[], options: { today?: string } = {}) {
  const groups = new Map(definitions.map((group) => [group.groupId, new Map(group.fields.map((field) => [field.id, field]))]));
  return orderProperties
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      const groupIndex = new Map<string, number>();
      values.forEach((group, gi) => {
        const fields = groups.get(group.groupId);
        if (!fields) {
          ctx.addIssue({ code: 'custom', path: [gi, 'groupId'], message: `There is no property group ${group.groupId} for this order.` });
          return;
        }
        if (!groupIndex.has(group.groupId)) groupIndex.set(group.groupId, gi);
        group.fields.forEach((value, fi) => {
          const definition = fields.get(value.id);
          if (!definition) {
            ctx.addIssue({ code: 'custom', path: [gi, 'fields', fi, 'id'], message: `${value.id} is not a property of this order.` });
            return;
          }
          const key = `${group.groupId}\u0000${value.id}`;
          if (seen.has(key)) {
            ctx.addIssue({ code: 'custom', path: [gi, 'fields', fi, 'id'], message: `${definition.label} is given twice.` });
            return;
          }
          seen.add(key);
          const problems = propertyValueProblems(definition, value);
          for (const problem of problems) {
            ctx.addIssue({ code: 'custom', path: [gi, 'fields', fi, ...problem.path], message: problem.message });
          }
          const past = options.today && problems.length === 0 && isPreferredDate(definition) && value.date ? preferredDateProblem(value.date.trim(), options.today) : null;
          if (past) ctx.addIssue({ code: 'custom', path: [gi, 'fields', fi, 'date'], message: past });
        });
      });
      for (const group of definitions) {
        for (const field of group.fields) {
          if (field.validation !== 'REQUIRED' || seen.has(`${group.groupId}\u0000${field.id}`)) continue;
          const gi = groupIndex.get(group.groupId);
          ctx.addIssue({
            code: 'custom',
            path: gi === undefined ? [] : [gi, 'fields'],
            message: `${field.label} (${field.id}) is required.`,
          });
        }
      }
    })
    .transform((values) =>
      values.map((group) => ({
        groupId: group.groupId,
        fields: group.fields.map((value) => {
          const definition = groups.get(group.groupId)!.get(value.id)!;
          if (definition.type === 'DATE') {
            return { id: value.id, type: 'DATE' as const, ...(value.date ? { date: normalizeCalendarDate(value.date)! } : {}) };
          }
          if (definition.type === 'CHOICE') {
            if (!value.choice?.id) return { id: value.id, type: 'CHOICE' as const };
            const isOther = definition.choices?.find((option) => option.id === value.choice!.id)?.isOther === true;
            return {
              id: value.id,
              type: 'CHOICE' as const,
              choice: isOther ? { id: value.choice.id, otherText: value.choice.otherText!.trim() } : { id: value.choice.id },
            };
          }
          return { id: value.id, type: 'TEXT' as const, ...(value.text !== undefined ? { text: normalizePropertyText(definition, value.text) } : {}) };
        }),
      })),
    );
}
export type CheckedOrderProperties = z.output<ReturnType<typeof propertiesSchema>>;

// ---------------------------------------------------------------------------------------------
// Addresses (a region's addressFormat) and postal codes

/** The parts of a region's address component that validation needs. */
export type AddressComponentDefinition = {
  id: string;
  label: string;
  validation: 'REQUIRED' | 'OPTIONAL';
  minLength?: number | null;
  maxLength?: number | null;
  pattern?: string | null;
  regEx?: string | null;
  options?: { label: string; value: string }[] | null;
};

export const addressLine = z
  .object({ id: z.string().min(1).max(40), value: z.string().max(500), label: z.string().max(200).optional() })
  .meta({ id: 'AddressLine' });
export type AddressLine = z.infer<typeof addressLine>;
export const addressLines = z.array(addressLine).max(30);

/** STATE (or any component with options) may be given as an option's value or its label. */
export function matchAddressOption(component: AddressComponentDefinition, value: string) {
  const wanted = value.trim().toLowerCase();
  return component.options?.find(
    (option) => option.value.toLowerCase() === wanted || option.label.toLowerCase() === wanted,
  );
}

/**
 * A postal code in its country's written form (§4.4): trimmed, upper case, and for the United
 * States `12345-6789` (from `123456789` or `12345 6789`), for Canada `A1A 1A1` (one space after the
 * third character), for the United Kingdom one space before the last three characters. Other
 * countries, and values that do not have the country's shape, are only trimmed and upper-cased.
 * `countryCode` is ISO 3166-1 alpha-2.
 */
export function normalizePostalCode(countryCode: string | null | undefined, value: string): string {
  const upper = value.trim().toUpperCase().replace(/\s+/g, ' ');
  const compact = upper.replace(/[\s\u2010-\u2015-]/g, '');
  switch (countryCode?.toUpperCase()) {
    case 'US':
      if (/^\d{9}$/.test(compact)) return `${compact.slice(0, 5)}-${compact.slice(5)}`;
      return /^\d{5}$/.test(compact) ? compact : upper;
    case 'CA':
      return /^[A-Z]\d[A-Z]\d[A-Z]\d$/.test(compact) ? `${compact.slice(0, 3)} ${compact.slice(3)}` : upper;
    case 'GB':
    case 'UK':
      return /^[A-Z0-9]{5,7}$/.test(compact) ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : upper;
    default:
      return upper;
  }
}

/** Why a value does not satisfy its address component, or null. An empty value counts as absent. */
export function addressComponentProblem(component: AddressComponentDefinition, value: string, countryCode?: string | null): string | null {
  const trimmed = component.id === 'POSTAL_CODE' && value.trim() !== '' ? normalizePostalCode(countryCode, value) : value.trim();
  if (trimmed === '') return component.validation === 'REQUIRED' ? `${component.label} is required.` : null;
  if (component.options && component.options.length > 0) {
    return matchAddressOption(component, trimmed) ? null : `${component.label}: choose one of the listed options.`;
  }
  const tooLong = lengthProblem(component.label, trimmed, component.minLength, component.maxLength);
  if (tooLong) return tooLong;
  const pattern = component.regEx ? wholeValueRegExp(component.regEx) : null;
  if (pattern && !pattern.test(trimmed) && !pattern.test(trimmed.toUpperCase())) {
    return `${component.label} is not in the expected form${expectedForm(component)}.`;
  }
  return null;
}

function normalizeAddressValue(component: AddressComponentDefinition, value: string, countryCode?: string | null): string {
  if (component.id === 'POSTAL_CODE') return normalizePostalCode(countryCode, value);
  const trimmed = value.trim();
  const option = matchAddressOption(component, trimmed);
  if (option) return option.value;
  const pattern = component.regEx ? wholeValueRegExp(component.regEx) : null;
  // Postcodes typed in lower case are stored the way the region writes them.
  if (pattern && !pattern.test(trimmed) && pattern.test(trimmed.toUpperCase())) return trimmed.toUpperCase();
  return trimmed;
}

/**
 * The schema of `shipTo.address` for a region's `addressFormat`: required components present,
 * lengths, whole-value regEx, options by value or label (stored as the value); unknown component
 * ids refused. Output lines are `{id, value}` in the region's display order.
 */
export function addressSchema(addressFormat: AddressComponentDefinition[], countryCode?: string | null) {
  const components = new Map(addressFormat.map((component) => [component.id, component]));
  return addressLines
    .superRefine((lines, ctx) => {
      const seen = new Set<string>();
      lines.forEach((line, index) => {
        const component = components.get(line.id);
        if (!component) {
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `${line.id} is not part of an address in this region.` });
          return;
        }
        if (seen.has(line.id)) {
          ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `${component.label} is given twice.` });
          return;
        }
        seen.add(line.id);
        const problem = addressComponentProblem(component, line.value, countryCode);
        if (problem) ctx.addIssue({ code: 'custom', path: [index, 'value'], message: problem });
      });
      for (const component of addressFormat) {
        if (component.validation === 'REQUIRED' && !seen.has(component.id)) {
          ctx.addIssue({ code: 'custom', path: [], message: `${component.label} (${component.id}) is required.` });
        }
      }
    })
    .transform((lines) => {
      const byId = new Map(lines.map((line) => [line.id, line.value]));
      return addressFormat.flatMap((component) => {
        const value = byId.get(component.id);
        if (value === undefined || value.trim() === '') return [];
        return [{ id: component.id, value: normalizeAddressValue(component, value, countryCode) }];
      });
    });
}

/** What postal-code validation needs of a region (`/regions/{id}`). */
export type PostalCodeRules = {
  /** ISO 3166-1 alpha-2; decides the written form (see `normalizePostalCode`). */
  countryCode?: string | null;
  postalCodeRegEx?: string | null;
  postalCodePattern?: string | null;
  addressFormat?: AddressComponentDefinition[] | null;
};

/** The region asks for postal codes when its address format has a REQUIRED POSTAL_CODE component. */
export const regionRequiresPostalCode = (region: PostalCodeRules) =>
  (region.addressFormat ?? []).some((component) => component.id === 'POSTAL_CODE' && component.validation === 'REQUIRED');

/** Why a postal code does not fit the region, or null; `undefined`/empty means "not given". */
export function postalCodeProblem(region: PostalCodeRules, value: string | undefined): string | null {
  if ((value ?? '').trim() === '') return regionRequiresPostalCode(region) ? 'A postal code is required in this region.' : null;
  const normalized = normalizePostalCode(region.countryCode, value!);
  const pattern = region.postalCodeRegEx ? wholeValueRegExp(region.postalCodeRegEx) : null;
  if (pattern && !pattern.test(normalized)) {
    return `This is not a valid postal code for the region${patternHint(region.postalCodePattern)}.`;
  }
  return null;
}

/** The postal-code rule of §4.4 as a schema; the output is the normalised form (`normalizePostalCode`). */
export function postalCodeSchema(region: PostalCodeRules) {
  return z
    .string()
    .max(20)
    .optional()
    .superRefine((value, ctx) => {
      const problem = postalCodeProblem(region, value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((value) => ((value ?? '').trim() === '' ? undefined : normalizePostalCode(region.countryCode, value!)));
}
