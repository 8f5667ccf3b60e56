import type Database from 'better-sqlite3';
import { asc, desc, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../storage/db.ts';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement for this SQL text, compiled once per database. The read side builds its
 * filters into a small, bounded set of SQL texts (one per combination of filters used), so every
 * request after the first reuses a compiled statement.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db.$client.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

export const all = <T>(db: Db, sql: string, ...parameters: unknown[]): T[] => statement(db, sql).all(...parameters) as T[];
export const one = <T>(db: Db, sql: string, ...parameters: unknown[]): T | undefined =>
  statement(db, sql).get(...parameters) as T | undefined;

/** IDs are strings on the wire and integers in storage; anything else names no row. */
export function storageId(value: string | undefined | null): number | null {
  if (value == null || !/^\d{1,15}$/.test(value)) return null;
  return Number(value);
}

/** Escapes `%`, `_` and `\` for a `LIKE … ESCAPE '\'` substring match. */
export const likeSubstring = (text: string) => `%${text.replace(/[\\%_]/g, (match) => `\\${match}`)}%`;

/** `expression` contains `text` as typed (case-insensitive for ASCII, as SQLite's LIKE is). */
export const containsText = (expression: SQLWrapper, text: string): SQL => sql`${expression} LIKE ${likeSubstring(text)} ESCAPE '\\'`;

/** `expression COLLATE NOCASE ASC|DESC`: text in the order people read it. */
export const byText = (expression: SQLWrapper, ascending: boolean): SQL => sql`${expression} COLLATE NOCASE ${sql.raw(ascending ? 'ASC' : 'DESC')}`;

export const direction = (expression: SQLWrapper, ascending: boolean): SQL => (ascending ? asc(expression) : desc(expression));
