/**
 * Rows of a test server's database, read and written by API tests through the server's own handle,
 * in either dialect (decision 17). A query is a Drizzle `sql` template, or SQL text with `?` for
 * each parameter; each dialect binds its own placeholders. The SQL itself must be valid on both:
 * `= TRUE`/`= FALSE` for boolean columns, quoted camel-case aliases (`AS "tenantId"`: PostgreSQL
 * folds unquoted names to lower case), no `rowid`, `json_each`, `typeof`, `PRAGMA` or other
 * SQLite-only syntax. Rows read on PostgreSQL have SQLite's values (booleans as 1/0, int8 such as
 * `count(*)` as numbers, JSON as text): the server's own driver types give them (`openPostgres`),
 * so one expectation holds on both.
 */
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { databasePathFromUrl } from '../config.ts';
import { closeDatabase, dialectOf, openDatabase, rootOf, transaction, type Db } from '../storage/db.ts';

export { sql };

/** A Drizzle `sql` template, or SQL text whose `?`s are bound, in order, to the parameters. */
type Query = SQL | string;

const toSql = (query: Query, parameters: unknown[]): SQL => {
  if (typeof query !== 'string') {
    if (parameters.length > 0) throw new Error('parameters go inside a sql`` template');
    return query;
  }
  const pieces = query.split('?');
  if (pieces.length - 1 !== parameters.length) throw new Error(`${pieces.length - 1} placeholders, ${parameters.length} parameters: ${query}`);
  return sql.join(pieces.flatMap((piece, index) => (index === 0 ? [sql.raw(piece)] : [sql.param(parameters[index - 1]), sql.raw(piece)])));
};

/** A running test server, or a database handle. */
type Target = { deps: { db: Db } } | Db;

const dbOf = (target: Target): Db => ('deps' in target ? target.deps.db : target);

type Runner = { all: (query: SQL) => Promise<unknown[]>; run: (query: SQL) => Promise<unknown> };

/** How `db` runs a raw query: better-sqlite3's Drizzle handle has `all`/`run`, postgres-js's has `execute`. */
function runnerOf(db: Db): Runner {
  if (dialectOf(db) === 'postgres') {
    const { execute } = db as unknown as { execute: (query: SQL) => Promise<Record<string, unknown>[]> };
    const run = async (query: SQL) => [...(await execute.call(db, query))];
    return { all: run, run };
  }
  const sqlite = db as unknown as { all: (query: SQL) => Promise<unknown[]>; run: (query: SQL) => Promise<unknown> };
  return { all: async (query) => await sqlite.all.call(db, query), run: async (query) => await sqlite.run.call(db, query) };
}

/** The rows a read returns, as objects keyed by the selected columns' names, read from the last commit. */
export async function rows<T = Record<string, unknown>>(target: Target, query: Query, ...parameters: unknown[]): Promise<T[]> {
  return (await runnerOf(rootOf(dbOf(target))).all(toSql(query, parameters))) as T[];
}

/** The first row a read returns, or undefined. */
export async function row<T = Record<string, unknown>>(target: Target, query: Query, ...parameters: unknown[]): Promise<T | undefined> {
  return (await rows<T>(target, query, ...parameters))[0];
}

/** The column `n` of the first row (a `count(*) AS n`). Throws when there is no row. */
export async function count(target: Target, query: Query, ...parameters: unknown[]): Promise<number> {
  const found = await row<{ n: number }>(target, query, ...parameters);
  if (!found) throw new Error('count: the query returned no row');
  return Number(found.n);
}

/**
 * Runs writes in one transaction of their own, in turn with the server's (safe while it serves);
 * the server's readers see them once this resolves. Each write is a `sql` template or `[text, ...parameters]`.
 */
export async function exec(target: Target, ...writes: (SQL | [string, ...unknown[]])[]): Promise<void> {
  await transaction(dbOf(target), async (tx) => {
    const runner = runnerOf(tx);
    for (const write of writes) await runner.run(Array.isArray(write) ? toSql(write[0], write.slice(1)) : write);
  });
}

/** Runs one write that ends in `RETURNING …` in a transaction of its own, and answers the rows it returned. */
export async function returning<T = Record<string, unknown>>(target: Target, query: Query, ...parameters: unknown[]): Promise<T[]> {
  return (await transaction(dbOf(target), async (tx) => await runnerOf(tx).all(toSql(query, parameters)))) as T[];
}

/** A connection of its own to a database, as another process (a shell, a second server) would hold one. */
export type OtherConnection = { exec: (text: string, ...parameters: unknown[]) => Promise<void>; close: () => Promise<void> };

/** Opens an {@link OtherConnection} to the database at `databaseUrl` (`file:…` or `postgres://…`). */
export function otherConnection(databaseUrl: string): OtherConnection {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    const client = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const db = drizzlePostgres(client);
    return {
      exec: async (text, ...parameters) => {
        await db.execute(toSql(text, parameters));
      },
      close: async () => await client.end(),
    };
  }
  const db = openDatabase(databasePathFromUrl(databaseUrl));
  return { exec: async (text, ...parameters) => await exec(db, [text, ...parameters]), close: async () => await closeDatabase(db) };
}
