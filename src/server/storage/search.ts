/**
 * Case-insensitive substring search. Every function here takes the person's text as typed and
 * folds it with {@link foldForSearch} (decision 19). Names and e-mails are matched in their folded
 * columns (`employees.*_folded`, and catalog items' `name_folded`), compared exactly: on SQLite
 * through a case-sensitive FTS5 trigram index over them (kept in step by triggers), on PostgreSQL
 * by `LIKE '%…%'` on the very expressions its pg_trgm GIN indexes hold. Numbers and serials are ASCII (the server writes them), on which
 * the engines' own ASCII folding (FTS5's trigram tokenizer, `ILIKE`, `lower()`) is the same fold.
 * For texts shorter than a trigram, both use a prefix range on an indexed folded column. The domain
 * asks for "rows whose X contains this text" through these functions only (decisions 16, 17, 19).
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { dialectOf, type Db } from './db.ts';
import { deviceAssets, employees, services } from './schema.ts';
import { digitsOf } from './digits.ts';
import { foldForSearch } from './search-fold.ts';

/** Texts shorter than this many characters cannot be found by a trigram index. */
export const TRIGRAM_LENGTH = 3;

/** How many characters (code points, not UTF-16 units) `text` has once folded: what picks the index. */
const foldedLength = (text: string) => [...foldForSearch(text)].length;

/** Whether a search text is long enough for the trigram index (counted once folded). */
export const usesTrigrams = (text: string) => foldedLength(text) >= TRIGRAM_LENGTH;

/** An FTS5 query matching `text` as one phrase, i.e. as a substring under the trigram tokenizer. */
export const ftsPhrase = (text: string, column?: string) => `${column ? `${column} : ` : ''}"${text.replace(/"/g, '""')}"`;

/** `%text%` for `LIKE`/`ILIKE … ESCAPE '\'`: the person's `%`, `_` and `\` are characters, not wildcards. */
const likeSubstring = (text: string) => `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;

/** The `query` of {@link foldedContains} for a search of `text`. */
export const foldedSubstring = (text: string): string => likeSubstring(foldForSearch(text));

/**
 * The value to bind as the `query` of the `…TextMatch` functions below for a search of `text`
 * (folded here): SQLite an FTS5 phrase (on `column` of the FTS table alone, when given),
 * PostgreSQL a `LIKE`/`ILIKE` pattern.
 */
export const searchPattern = (db: Db, text: string, column?: string): string => {
  const folded = foldForSearch(text);
  return dialectOf(db) === 'postgres' ? likeSubstring(folded) : ftsPhrase(folded, column);
};

/** `expression ILIKE query ESCAPE '\'` (PostgreSQL). */
const ilike = (expression: SQLWrapper, query: unknown): SQL => sql`${expression} ILIKE ${query} ESCAPE '\\'`;

/**
 * A folded column (or expression of folded columns) contains the folded text: `expression LIKE query
 * ESCAPE '\'` with {@link foldedSubstring} of the text as `query`. Byte for byte on PostgreSQL
 * under the C collation; SQLite's LIKE also ignores ASCII case, which folded texts no longer have.
 * The employees' search on PostgreSQL (on its pg_trgm indexes), and catalog names on both databases
 * (no index: a search reads the tenant's catalog, a few thousand rows at most, decision 16).
 */
export const foldedContains = (expression: SQLWrapper, query: unknown): SQL => sql`${expression} LIKE ${query} ESCAPE '\\'`;

/** `id` is an employee whose folded "first last" name or e-mail contains the folded text (three characters or more). */
export const employeeTextMatch = (db: Db, id: SQLWrapper, query: unknown): SQL =>
  dialectOf(db) === 'postgres'
    ? sql`${id} IN (SELECT ${employees.id} FROM ${employees} WHERE ${foldedContains(sql`(${employees.firstNameFolded} || ' ' || ${employees.lastNameFolded})`, query)} OR ${foldedContains(employees.emailFolded, query)})`
    : sql`${id} IN (SELECT rowid FROM employees_search WHERE employees_search MATCH ${query})`;

/** The upper end of a prefix range: every text that starts with `text` sorts below it. */
const prefixEnd = (db: Db, text: unknown) => (dialectOf(db) === 'postgres' ? sql`${text} || chr(1114111)` : sql`${text} || char(1114111)`);

/** The first `length` characters of a folded column. */
const foldedPrefix = (column: SQLWrapper, length: 1 | 2): SQL => sql`substr(${column}, 1, ${sql.raw(String(length))})`;

/**
 * How a search of one or two characters (once folded) finds employees: those whose folded last
 * name, first name or e-mail starts with the folded `text`. Each is an index range already in the
 * directory's order (last name, first name, ID; schema.ts
 * `employees_{last_name,first_name,email}_prefix{1,2}`), so a page is a merge of three sorted
 * ranges that stops after `offset + limit` rows instead of sorting thousands of matches (decision 16).
 *
 * `arms` are the three ranges to unite for a page. `counted` are the same three made disjoint —
 * the last name's, then the first name's where the last name does not match, then the e-mail's
 * where neither name does — so the total is their sum, each counted from its own range without
 * de-duplicating (they are used with other filters, which read the rows anyway; without them the
 * kept `employee_prefix_counts` answer).
 */
export function employeePrefixRanges(text: string): { arms: SQL[]; counted: SQL[] } {
  const folded = foldForSearch(text);
  const length = [...folded].length === 1 ? 1 : 2;
  const last = sql`${foldedPrefix(employees.lastNameFolded, length)} = ${folded}`;
  const first = sql`${foldedPrefix(employees.firstNameFolded, length)} = ${folded}`;
  const email = sql`${foldedPrefix(employees.emailFolded, length)} = ${folded}`;
  return {
    arms: [last, first, email],
    counted: [last, sql`${first} AND NOT ${last}`, sql`${email} AND NOT ${last} AND NOT ${first}`],
  };
}

/**
 * `id` is an employee of the tenant whose folded last name, first name or e-mail starts with the
 * folded `text` (one or two characters), as a condition for queries that page in their own order
 * (the act-for search): the three ranges of `employeePrefixRanges`, united.
 */
export function employeePrefixMatch(id: SQLWrapper, tenantId: unknown, text: string): SQL {
  const within = (arm: SQL) => sql`SELECT ${employees.id} FROM ${employees} WHERE ${employees.tenantId} = ${tenantId} AND ${arm}`;
  const [last, first, email] = employeePrefixRanges(text).arms as [SQL, SQL, SQL];
  return sql`${id} IN (${within(last)} UNION ALL ${within(first)} UNION ALL ${within(email)})`;
}

/**
 * `id` is a service whose number matches the query: as written or as its digits alone (`on:
 * 'any'`), or its digits alone (`on: 'digits'`; on SQLite the query says so itself, see
 * {@link searchPattern}'s `column`).
 */
export const serviceTextMatch = (db: Db, id: SQLWrapper, query: unknown, on: 'any' | 'digits' = 'any'): SQL => {
  if (dialectOf(db) !== 'postgres') return sql`${id} IN (SELECT rowid FROM services_search WHERE services_search MATCH ${query})`;
  const digits = ilike(digitsOf(services.serviceNumber), query);
  return sql`${id} IN (SELECT ${services.id} FROM ${services} WHERE ${on === 'digits' ? digits : sql`${ilike(services.serviceNumber, query)} OR ${digits}`})`;
};

/** `id` is a device asset whose serial number matches the query. */
export const deviceSerialMatch = (db: Db, id: SQLWrapper, query: unknown): SQL =>
  dialectOf(db) === 'postgres'
    ? sql`${id} IN (SELECT ${deviceAssets.id} FROM ${deviceAssets} WHERE ${ilike(deviceAssets.serialValue, query)})`
    : sql`${id} IN (SELECT rowid FROM device_assets_search WHERE device_assets_search MATCH ${query})`;

/** Characters a number is written with besides its digits (`digitsOf` drops exactly these). */
const NUMBER_PUNCTUATION = /^[\d ()+.-]*$/;

/**
 * How a search of one or two characters finds services: the number as written starts with
 * `text`, or its digits alone start with `digits` (the text's digits, when it has any). Each is an
 * index range in the list's order (update time, then ID; schema.ts `services_{number,digits}_prefix{1,2}`),
 * so a page is read from one range, or a merge of two, and stops after `offset + limit` rows.
 * A text of digits and punctuation alone needs only the digits' range: a number written starting
 * with it has digits starting with its digits. `counted` are the ranges made disjoint, summed for
 * the total. `text` and `digits` are bound values; their lengths pick the index.
 */
export function servicePrefixRanges(
  text: { value: string; bound: unknown },
  digits: { value: string; bound: unknown } | undefined,
): { arms: SQL[]; counted: SQL[] } {
  const digitsArm = digits && sql`${prefixOf(digitsOf(services.serviceNumber), digits.value)} = ${digits.bound}`;
  if (digitsArm && NUMBER_PUNCTUATION.test(text.value)) return { arms: [digitsArm], counted: [digitsArm] };
  const written = sql`${prefixOf(services.serviceNumber, text.value)} = ${text.bound}`;
  if (!digitsArm) return { arms: [written], counted: [written] };
  return { arms: [digitsArm, written], counted: [digitsArm, sql`${written} AND NOT ${digitsArm}`] };
}

/** The first characters of `expression`, as many as `text` has: one or two, as the prefix indexes hold. */
const prefixOf = (expression: SQLWrapper, text: string): SQL => sql`substr(${expression}, 1, ${sql.raw(String([...text].length === 1 ? 1 : 2))})`;

/**
 * For the device list: `id` is a service of the tenant whose number, as written or as digits alone, starts with `text`
 * (one or two characters), or with `digits` when given. Ranges on `(tenant_id, service_number)`
 * and `(tenant_id, digits of service_number)`, united.
 */
export function servicePrefixMatch(db: Db, id: SQLWrapper, tenantId: unknown, text: unknown, digits: unknown | undefined): SQL {
  const asWritten = sql`SELECT ${services.id} FROM ${services} WHERE ${services.tenantId} = ${tenantId} AND ${services.serviceNumber} >= ${text} AND ${services.serviceNumber} < ${prefixEnd(db, text)}`;
  if (digits === undefined) return sql`${id} IN (${asWritten})`;
  const number = digitsOf(services.serviceNumber);
  return sql`${id} IN (${asWritten} UNION SELECT ${services.id} FROM ${services} WHERE ${services.tenantId} = ${tenantId} AND ${number} >= ${digits} AND ${number} < ${prefixEnd(db, digits)})`;
}

/** `id` is a device asset of the tenant whose serial number starts with `text`, in any case. */
export const serialPrefixMatch = (db: Db, id: SQLWrapper, tenantId: unknown, text: unknown): SQL =>
  sql`${id} IN (SELECT ${deviceAssets.id} FROM ${deviceAssets} WHERE ${deviceAssets.tenantId} = ${tenantId} AND lower(${deviceAssets.serialValue}) >= lower(${text}) AND lower(${deviceAssets.serialValue}) < ${prefixEnd(db, sql`lower(${text})`)})`;
