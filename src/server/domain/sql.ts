import { asc, desc, getTableColumns, sql, type Placeholder, type SQL, type SQLWrapper, type Table } from 'drizzle-orm';
import { dialectOf, type Db } from '../storage/db.ts';

/** The largest ID a row can have: 2^31 - 1, PostgreSQL `integer`. */
const MAX_STORAGE_ID = 2_147_483_647;

/**
 * IDs are strings on the wire and integers in storage. Only the exact string this server issued
 * names a row: `01`, `+1` or `1.0` are other strings, so they name none.
 */
export function storageId(value: string | undefined | null): number | null {
  if (value == null || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  // Every ID column is a 32-bit `integer` (PostgreSQL's, and SQLite's as the schema declares it): a
  // larger number names no row, and PostgreSQL would refuse to compare it with one (a 500).
  return id <= MAX_STORAGE_ID ? id : null;
}

/**
 * Text in the order people read it, ASCII case folded: SQLite `expression COLLATE NOCASE`,
 * PostgreSQL `lower(expression)` (the same order under the C collation, decision 17).
 */
export const foldedText = (db: Db, expression: SQLWrapper): SQL =>
  dialectOf(db) === 'postgres' ? sql`lower(${expression})` : sql`${expression} COLLATE NOCASE`;

/** {@link foldedText} ASC|DESC. */
export const byText = (db: Db, expression: SQLWrapper, ascending: boolean): SQL => sql`${foldedText(db, expression)} ${sql.raw(ascending ? 'ASC' : 'DESC')}`;

export const direction = (expression: SQLWrapper, ascending: boolean): SQL => (ascending ? asc(expression) : desc(expression));

/**
 * `column = value` for the tenant of rows already chosen by their IDs. The unary `+` keeps SQLite
 * from answering it through a tenant index: without statistics the planner takes that for a few
 * rows and walks the whole tenant (50,000 devices at the large tenant's size) instead of looking up
 * the page's IDs (decision 16; query-plans.test.ts holds every list to it).
 */
export const sameTenant = (column: SQLWrapper, value: unknown): SQL => sql`+${column} = ${value}`;

/**
 * `expression` hidden from SQLite's index choice (a unary `+`, as {@link sameTenant} explains).
 * PostgreSQL plans from statistics and has no unary `+` for text: there it is the expression.
 */
export const unindexed = (db: Db, expression: SQLWrapper): SQL => (dialectOf(db) === 'postgres' ? sql`${expression}` : sql`+${expression}`);

/**
 * `column IN` the IDs of a JSON array bound as one value: one statement serves lists of any
 * length, where `inArray` would write one placeholder per ID.
 */
export const inIdList = (db: Db, column: SQLWrapper, idsJson: Placeholder | string): SQL =>
  dialectOf(db) === 'postgres'
    ? sql`${column} IN (SELECT value::int FROM json_array_elements_text(CAST(${idsJson} AS json)))`
    : sql`${column} IN (SELECT value FROM json_each(${idsJson}))`;

/** {@link inIdList} for a hand-written statement: `column` is SQL text, the JSON array the `parameter` (`?` or `@name`). */
export const inIdListText = (db: Db, column: string, parameter = '?'): string =>
  dialectOf(db) === 'postgres'
    ? `${column} IN (SELECT value::int FROM json_array_elements_text(CAST(${parameter} AS json)))`
    : `${column} IN (SELECT value FROM json_each(${parameter}))`;

/** `column`, a JSON array of IDs, holds `id`. */
export const jsonIdListHas = (db: Db, column: SQLWrapper, id: unknown): SQL =>
  dialectOf(db) === 'postgres'
    ? sql`EXISTS (SELECT 1 FROM json_array_elements_text(${column}) AS listed(value) WHERE listed.value::int = ${id})`
    : sql`EXISTS (SELECT 1 FROM json_each(${column}) WHERE value = ${id})`;

/**
 * `column` (a boolean) is true, written as each dialect's partial indexes say it (SQLite `= 1`,
 * which its planner must see to use `employees_service_accounts`; PostgreSQL `= TRUE`).
 */
export const isTrue = (db: Db, column: SQLWrapper): SQL => (dialectOf(db) === 'postgres' ? sql`${column} = TRUE` : sql`${column} = 1`);

/** A hand-written condition: the JSON text column's `key` is `true`. */
export const jsonFlagText = (db: Db, column: string, key: string): string =>
  dialectOf(db) === 'postgres' ? `(${column}->>'${key}') = 'true'` : `json_extract(${column}, '$.${key}') = 1`;

/**
 * The value at `key` of a JSON text column, for hand-written statements: SQLite `json_extract`
 * (numbers as numbers), PostgreSQL `->>` (text). Compare it only with what both agree on.
 */
export const jsonFieldText = (db: Db, column: string, key: string): string =>
  dialectOf(db) === 'postgres' ? `(${column}->>'${key}')` : `json_extract(${column}, '$.${key}')`;

/** The named columns of a schema table, as a Drizzle select object (`db.select(columnsOf(t, [...]))`). */
export function columnsOf<T extends Table, K extends keyof T['_']['columns'] & string>(table: T, names: readonly K[]): Pick<T['_']['columns'], K> {
  const columns = getTableColumns(table);
  return Object.fromEntries(names.map((name) => [name, columns[name]])) as Pick<T['_']['columns'], K>;
}
