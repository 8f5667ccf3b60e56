import { asc, desc, getTableColumns, sql, type Placeholder, type SQL, type SQLWrapper, type Table } from 'drizzle-orm';

/**
 * IDs are strings on the wire and integers in storage. Only the exact string this server issued
 * names a row: `01`, `+1` or `1.0` are other strings, so they name none.
 */
export function storageId(value: string | undefined | null): number | null {
  if (value == null || !/^[1-9]\d{0,14}$/.test(value)) return null;
  return Number(value);
}

/** Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` substring match. */
export const likeSubstring = (text: string) => `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;

/** `expression` contains `text` as typed (case-insensitive for ASCII, as SQLite's LIKE is). */
export const containsText = (expression: SQLWrapper, pattern: string | Placeholder): SQL =>
  sql`${expression} LIKE ${typeof pattern === 'string' ? likeSubstring(pattern) : pattern} ESCAPE '\\'`;

/** `expression COLLATE NOCASE ASC|DESC`: text in the order people read it. */
export const byText = (expression: SQLWrapper, ascending: boolean): SQL => sql`${expression} COLLATE NOCASE ${sql.raw(ascending ? 'ASC' : 'DESC')}`;

export const direction = (expression: SQLWrapper, ascending: boolean): SQL => (ascending ? asc(expression) : desc(expression));

/**
 * `column = value` for the tenant of rows already chosen by their IDs. The unary `+` keeps SQLite
 * from answering it through a tenant index: without statistics the planner takes that for a few
 * rows and walks the whole tenant (50,000 devices at the large tenant's size) instead of looking up
 * the page's IDs (decision 16; query-plans.test.ts holds every list to it).
 */
export const sameTenant = (column: SQLWrapper, value: unknown): SQL => sql`+${column} = ${value}`;

/**
 * `column IN` the IDs of a JSON array bound as one value: one statement serves lists of any
 * length, where `inArray` would write one placeholder per ID.
 */
export const inIdList = (column: SQLWrapper, idsJson: Placeholder | string): SQL => sql`${column} IN (SELECT value FROM json_each(${idsJson}))`;

/** The named columns of a schema table, as a Drizzle select object (`db.select(columnsOf(t, [...]))`). */
export function columnsOf<T extends Table, K extends keyof T['_']['columns'] & string>(table: T, names: readonly K[]): Pick<T['_']['columns'], K> {
  const columns = getTableColumns(table);
  return Object.fromEntries(names.map((name) => [name, columns[name]])) as Pick<T['_']['columns'], K>;
}
