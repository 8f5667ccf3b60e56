import type Database from 'better-sqlite3';
import { asc, desc, sql, type Placeholder, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../storage/db.ts';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement for this SQL text, compiled once per database. The read side builds its
 * filters into a small, bounded set of SQL texts (one per combination of filters used), so every
 * request after the first reuses a compiled statement.
 */
export const statement = (db: Db, text: string): Database.Statement => cached(cache, db, text, () => db.$client.prepare(text));

/** The value kept for `key` in this database's part of `store`, created on first use. */
function cached<V>(store: WeakMap<Db, Map<string, V>>, db: Db, key: string, create: () => V): V {
  let values = store.get(db);
  if (!values) {
    values = new Map();
    store.set(db, values);
  }
  let value = values.get(key);
  if (value === undefined) {
    value = create();
    values.set(key, value);
  }
  return value;
}

export const all = <T>(db: Db, sql: string, ...parameters: unknown[]): T[] => statement(db, sql).all(...parameters) as T[];
export const one = <T>(db: Db, sql: string, ...parameters: unknown[]): T | undefined =>
  statement(db, sql).get(...parameters) as T | undefined;

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

/** Puts a placeholder named `name` in a query's SQL and remembers `value` for it. */
export type Bind = (name: string, value: unknown) => Placeholder;

type Preparable<R> = { prepare: () => { all: (values?: Record<string, unknown>) => R[] } };

const preparedQueries = new WeakMap<Db, Map<string, { all: (values?: Record<string, unknown>) => unknown[] }>>();

/**
 * Runs a Drizzle query through a statement prepared once per database and shape. `build` binds
 * every value with `bind`; the SQL may depend only on `shape` and on which names are bound, so one
 * prepared statement serves every request of that shape (decision record 0008 has the numbers:
 * preparing on each call made the catalog list several times slower).
 */
export function allPrepared<R>(db: Db, shape: string, build: (bind: Bind) => Preparable<R>): R[] {
  const values: Record<string, unknown> = {};
  const query = build((name, value) => {
    values[name] = value;
    return sql.placeholder(name);
  });
  return cached(preparedQueries, db, `${shape}|${Object.keys(values).join(',')}`, () => query.prepare()).all(values) as R[];
}

export const direction = (expression: SQLWrapper, ascending: boolean): SQL => (ascending ? asc(expression) : desc(expression));
