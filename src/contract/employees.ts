import { z } from 'zod';
import { id, isoDateTime, objectMeta, page, paginationQuery, queryBoolean } from './common.ts';
import { transactionType } from './reference.ts';

const queryMoment = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?)?$/;

/** True for a date (and time) that exists on the calendar: no February 30, no 24:00 or 12:60. */
function isRealMoment(value: string): boolean {
  const match = queryMoment.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return false;
  const [hours, minutes, seconds] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  // The domain turns the value into a Date; a form the engine cannot read must not get that far.
  return hours <= 23 && minutes <= 59 && seconds <= 59 && !Number.isNaN(Date.parse(value));
}

/** An ISO 8601 date-time (or plain date) in a query string; impossible calendar dates are refused. */
export const queryDateTime = z
  .string()
  .max(40)
  .refine(isRealMoment, { message: 'Use a real ISO 8601 date-time such as 2026-01-31T00:00:00Z.' });

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });
/** How many characters a person sees in `text`: its grapheme clusters. */
const characterCount = (text: string) => {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
};

/** The most characters a search may have, counted as a person sees them (see {@link querySearch}). */
export const SEARCH_MAX_CHARACTERS = 100;

/**
 * A free-text search term (a case-insensitive substring), read the way a person means it: accents
 * composed (NFC, so an "e" plus a combining accent finds "é"), blanks at the ends dropped and runs
 * of blanks inside read as one. At most {@link SEARCH_MAX_CHARACTERS} characters once so read,
 * counted as a person sees them (grapheme clusters: an emoji, a flag or a letter with its accents
 * is one): as sent, sixty accented letters typed decomposed were 120 and refused. Text of more
 * than ten times that many UTF-16 units is refused before it is read.
 */
export const querySearch = z
  .string()
  .max(SEARCH_MAX_CHARACTERS * 10, { message: `Search must be ${SEARCH_MAX_CHARACTERS} characters or fewer.` })
  .transform((text) => text.normalize('NFC').trim().replace(/\s+/gu, ' '))
  .refine((text) => characterCount(text) <= SEARCH_MAX_CHARACTERS, { message: `Search must be ${SEARCH_MAX_CHARACTERS} characters or fewer.` });

export const employeeStatus = z.enum(['ACTIVE', 'INACTIVE']);
export const department = z.object({ id, name: z.string() }).meta({ id: 'Department' });
export const customAttribute = z.object({ name: z.string(), value: z.string() }).meta({ id: 'CustomAttribute' });

/** How other objects (services, orders, `actAs`) name a person. */
export const employeeSummary = z
  .object({
    id,
    companyEmployeeId: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    officePhone: z.string().nullish().describe('Sent where the vendor sends it: account holder and requester of orders.'),
    status: employeeStatus.optional(),
    department: department.nullish(),
    updated: isoDateTime.optional(),
    _meta: objectMeta.optional(),
  })
  .meta({ id: 'EmployeeSummary' });
export type EmployeeSummary = z.infer<typeof employeeSummary>;

export const employee = z
  .object({
    id,
    companyEmployeeId: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    officePhone: z.string().nullish(),
    status: employeeStatus,
    department: department.nullish(),
    updated: isoDateTime,
    serviceAccount: z
      .literal(true)
      .optional()
      .describe('Extension: present (true) only for a service account, which signs in server to server, never to the web app; it holds no lines and decides no approvals, so a person picker leaves it out.'),
    _meta: objectMeta,
  })
  .meta({ id: 'Employee' });
export type Employee = z.infer<typeof employee>;

/** Extension: the person's work address, in the components of their country's `addressFormat`. */
export const workAddress = z
  .object({ regionId: id, address: z.array(z.object({ id: z.string(), value: z.string() })) })
  .meta({ id: 'WorkAddress' });

export const employeeDetail = employee
  .extend({
    manager: employeeSummary.nullish(),
    customAttributes: z.array(customAttribute),
    workAddress: workAddress.nullish().describe('Extension: where to ship to by default.'),
  })
  .meta({ id: 'EmployeeDetail' });
export type EmployeeDetail = z.infer<typeof employeeDetail>;

export const employeeSort = z.enum(['NAME', 'UPDATED_DATE']);

export const employeesQuery = z.object({
  ...paginationQuery,
  search: querySearch.optional().describe('Case-insensitive substring of first name, last name, full name or email.'),
  department: id.optional(),
  employee: id.optional(),
  companyEmployeeId: z.string().max(64).optional(),
  dateTimeUpdatedOnOrAfter: queryDateTime.optional(),
  sort: employeeSort.optional().describe('Default NAME.'),
  sortAscending: queryBoolean.optional().describe('Default true for NAME, false (newest first) for UPDATED_DATE.'),
});
export type EmployeesQuery = z.input<typeof employeesQuery>;

export const employeesResponse = z.object({ employees: page(employee) }).meta({ id: 'EmployeePage' });

export const transactionTypeRestriction = z
  .object({ transactionType, reason: z.string() })
  .meta({ id: 'TransactionTypeRestriction' });

/** `GET /me`'s query. */
export const meQuery = z.object({
  includeActAs: queryBoolean
    .optional()
    .describe(
      'Extension act-as-search: `false` leaves `actAs` out of the answer (a whole-tenant service desk may act for 100,000 people); search them with `GET /me/act-as` instead. Default true.',
    ),
});

/** `GET /me/act-as` (extension act-as-search): whom the authenticated user may act for, a page at a time. */
export const actAsQuery = z.object({
  ...paginationQuery,
  search: querySearch
    .optional()
    .describe('Case-insensitive substring of first name, last name, full name or email; one or two characters match the start of the first name, last name or email.'),
});

export const meResponse = z
  .object({
    authenticatedUser: employeeDetail,
    actor: employeeDetail,
    transactionTypes: z.array(transactionType).describe('Allowed for the actor.'),
    isApprover: z.boolean().describe('Whether the actor approves orders.'),
    canMoveService: z.boolean().describe('Whether the authenticated user may move services between owners.'),
    customAttributes: z.array(customAttribute),
    actAs: z
      .array(employeeSummary)
      .optional()
      .describe(
        'Extension act-as: everyone the authenticated user may act for, by name. Left out only when the request said `includeActAs=false` (extension act-as-search); a client that never sends that always gets the whole list.',
      ),
    canActForOthers: z
      .boolean()
      .describe('Extension act-as-search: whether the authenticated user may act for anyone besides themselves (whether `GET /me/act-as` lists anyone).'),
    transactionTypeRestrictions: z
      .array(transactionTypeRestriction)
      .describe('Extension: why each type missing from transactionTypes is not allowed.'),
  })
  .meta({ id: 'Me' });
export type MeResponse = z.infer<typeof meResponse>;
