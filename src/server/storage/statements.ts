/**
 * Compiled statements. On SQLite they are cached per connection (a database has a reader and a
 * writer, decision 17); on PostgreSQL a statement's text, parameters and row builder are kept once
 * per shape for every connection, and postgres.js prepares each distinct text once per connection.
 * The domain reaches the database only through these helpers, in terms of plain values and the
 * `Statement` shape below, so no driver type leaves storage/ (decision record 0008). Every helper
 * answers with a promise, which rejects with the driver's error when the database refuses the SQL.
 */
import { and, Column, eq, fillPlaceholders, getTableName, is, noopDecoder, SQL, sql, Subquery, type Placeholder } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type Database from 'better-sqlite3';
import type postgres from 'postgres';
import { clientOf, dialectOf, postgresClientOf, refuseRootWriteInTransaction, rootOf, transaction, type Db } from './db.ts';

/** What running a write tells: how many rows it changed. A new row's ID is read with `RETURNING`. */
export type RunResult = { changes: number };

/**
 * A statement compiled once; parameters are positional (`?`) values, or one object for `@name`
 * parameters (a name missing from it is refused; `undefined` binds NULL). `run` answers how many
 * rows changed, `all` every row, `get` the first or undefined.
 */
export type Statement = {
  run: (...parameters: unknown[]) => Promise<RunResult>;
  all: (...parameters: unknown[]) => Promise<unknown[]>;
  get: (...parameters: unknown[]) => Promise<unknown>;
};

type Connection = Database.Database;

/**
 * The value kept for `key` in the part of `store` of the connection `db` runs on, created on first
 * use. A statement belongs to the connection that prepared it: the reader's and the writer's are
 * kept apart.
 */
function cached<V>(store: WeakMap<Connection, Map<string, V>>, db: Db, key: string, create: () => V): V {
  const connection = clientOf(db);
  let values = store.get(connection);
  if (!values) {
    values = new Map();
    store.set(connection, values);
  }
  let value = values.get(key);
  if (value === undefined) {
    value = create();
    values.set(key, value);
  }
  return value;
}

const compiled = new WeakMap<Connection, Map<string, Statement>>();

function asyncStatement(prepared: Database.Statement<unknown[]>): Statement {
  return {
    run: async (...parameters) => ({ changes: prepared.run(...parameters).changes }),
    all: async (...parameters) => prepared.all(...parameters),
    get: async (...parameters) => prepared.get(...parameters),
  };
}

/**
 * A write given outside a transaction (a token issued, a failed sign-in counted) commits on its
 * own, as it did on one connection: it runs as a transaction of one statement on the writer, in
 * its turn. The read-only connection never runs it.
 */
function writeOnItsOwn(db: Db, text: string): Statement {
  const inTransaction = async <T>(run: (prepared: Statement) => Promise<T>) => await transaction(db, async (tx) => await run(statement(tx, text)));
  return {
    run: async (...parameters) => await inTransaction(async (prepared) => await prepared.run(...parameters)),
    all: async (...parameters) => await inTransaction(async (prepared) => await prepared.all(...parameters)),
    get: async (...parameters) => await inTransaction(async (prepared) => await prepared.get(...parameters)),
  };
}

/**
 * A prepared statement for this SQL text, compiled once per database. The read side builds its
 * filters into a small, bounded set of SQL texts (one per combination of filters used), so every
 * request after the first reuses a compiled statement.
 */
export const statement = (db: Db, text: string): Statement =>
  dialectOf(db) === 'postgres'
    ? postgresStatement(db, text)
    : cached(compiled, db, text, () => {
        const client = clientOf(db);
        const prepared = client.prepare<unknown[]>(text);
        return client.readonly && !prepared.readonly ? writeOnItsOwn(rootOf(db), text) : asyncStatement(prepared);
      });

/**
 * A statement's text for PostgreSQL: its `?` or `@name` parameters numbered `$1…`, the names in
 * the order of their numbers (undefined for `?`), and whether it writes or locks rows.
 */
type PostgresText = { text: string; names: string[] | undefined; writes: boolean };
/** Translated texts by SQLite text: the same on every connection. */
const postgresTexts = new Map<string, PostgresText>();

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
/** The words that make a statement change rows, wherever they stand (after a `WITH`, in `FOR UPDATE`). */
const WRITING_WORDS = new Set(['INSERT', 'UPDATE', 'DELETE']);

/** Where a quoted text or a comment that starts at `index` ends (the index past it), or -1 if none starts there. */
function skipQuotedOrComment(text: string, index: number): number {
  const char = text[index];
  const next = text[index + 1];
  const closing = char === "'" || char === '"' ? char : char === '-' && next === '-' ? '\n' : char === '/' && next === '*' ? '*/' : undefined;
  if (closing === undefined) return -1;
  const close = text.indexOf(closing, index + (closing === '*/' ? 2 : 1));
  if (close === -1) return text.length;
  // A line comment ends before its newline; a quote or a block comment after its closing mark.
  return closing === '\n' ? close : close + closing.length;
}

/**
 * A SQLite statement text as PostgreSQL reads it the same way: each `?` becomes the next `$n`;
 * each `@name` becomes the `$n` of that name (the same name, the same number); a mixed-case name
 * (an alias such as `clientId`) is quoted. Quoted strings, quoted names and comments (`--`, `/* *\/`)
 * are copied as they are. Throws for what SQLite binds but this cannot number the same way: `?`
 * and `@name` in one text, `?NNN`, `:name` and `$name` (`::` casts are not parameters).
 */
export function numberParameters(text: string): PostgresText {
  let out = '';
  let count = 0;
  const names: string[] = [];
  let writes = false;
  const refuse = (what: string) => new Error(`${what} cannot be numbered for PostgreSQL: ${text}`);
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    const next = text[index + 1] ?? '';
    const skipped = skipQuotedOrComment(text, index);
    if (skipped !== -1) {
      out += text.slice(index, skipped);
      index = skipped;
    } else if (char === '?') {
      if (/[0-9]/.test(next)) throw refuse('A numbered parameter (?NNN)');
      out += `$${(count += 1)}`;
      index += 1;
    } else if (char === '@' && /[A-Za-z_]/.test(next)) {
      WORD.lastIndex = index + 1;
      const name = WORD.exec(text)![0];
      let position = names.indexOf(name);
      if (position === -1) position = names.push(name) - 1;
      out += `$${position + 1}`;
      index += 1 + name.length;
    } else if ((char === ':' && text[index - 1] !== ':' && /[A-Za-z_]/.test(next)) || char === '$') {
      throw refuse(`A parameter written ${char}name`);
    } else if (/[A-Za-z_]/.test(char)) {
      WORD.lastIndex = index;
      const word = WORD.exec(text)![0];
      if (WRITING_WORDS.has(word.toUpperCase())) writes = true;
      // SQLite matches names in any case; PostgreSQL folds unquoted ones to lower case. Our tables
      // and columns are lower case, so a word in mixed case is an alias the domain reads by name.
      out += /[a-z]/.test(word) && /[A-Z]/.test(word) ? `"${word}"` : word;
      index += word.length;
    } else {
      out += char;
      index += 1;
    }
  }
  if (count > 0 && names.length > 0) throw refuse('A text with both ? and @name parameters');
  return { text: out, names: names.length > 0 ? names : undefined, writes };
}

/**
 * The values of `names` in `given`, in order. Throws as better-sqlite3 does for a name missing
 * from it (a value given as `undefined` is NULL on both), rather than binding NULL for a typo.
 */
function namedValues(names: readonly string[], given: unknown): unknown[] {
  const values = (typeof given === 'object' && given !== null ? given : {}) as Record<string, unknown>;
  return names.map((name) => {
    if (!(name in values)) throw new RangeError(`Missing named parameter "${name}"`);
    return values[name];
  });
}

/** A statement on PostgreSQL, run on the handle's client: the pool (autocommit) or its transaction's connection. */
function postgresStatement(db: Db, sqliteText: string): Statement {
  let translated = postgresTexts.get(sqliteText);
  if (!translated) {
    translated = numberParameters(sqliteText);
    postgresTexts.set(sqliteText, translated);
  }
  const { text, names, writes } = translated;
  const client = postgresClientOf(db);
  const execute = async (parameters: unknown[]) => {
    if (writes) refuseRootWriteInTransaction(db);
    const values = names ? namedValues(names, parameters[0]) : parameters;
    return await client.unsafe(text, values as never[], { prepare: true });
  };
  return {
    run: async (...parameters) => ({ changes: (await execute(parameters)).count }),
    all: async (...parameters) => [...(await execute(parameters))],
    get: async (...parameters) => (await execute(parameters))[0],
  };
}

/** Every row `text` answers, as objects keyed by the selected names; `parameters` as for {@link Statement}. */
export const all = async <T>(db: Db, text: string, ...parameters: unknown[]): Promise<T[]> => (await statement(db, text).all(...parameters)) as T[];
/** The first row `text` answers, or undefined when there is none. */
export const one = async <T>(db: Db, text: string, ...parameters: unknown[]): Promise<T | undefined> =>
  (await statement(db, text).get(...parameters)) as T | undefined;

/** Puts a placeholder named `name` in a query's SQL and remembers `value` for it. */
export type Bind = (name: string, value: unknown) => Placeholder;

type Preparable<R> = { prepare: () => { all: (values?: Record<string, unknown>) => R[] } };

type Decode = ((value: unknown) => unknown) | null;

/** A selected field of a Drizzle prepared query: where its value goes in the row, and what it is (a column, an expression). */
type SelectedField = { path: string[]; field: unknown };

/** What a Drizzle (0.45) better-sqlite3 prepared select holds; read once to run it without Drizzle's per-row mapping (`drizzle-internals.test.ts` pins it). */
type DrizzlePrepared = {
  stmt?: { raw: (toggle?: boolean) => { all: (...values: unknown[]) => unknown[][]; get: (...values: unknown[]) => unknown[] | undefined } };
  fields?: SelectedField[];
  query?: { params: unknown[] };
  customResultMapper?: unknown;
};

/**
 * How a selected field's stored value becomes the row's value, chosen as Drizzle's `mapResultRow`
 * chooses it; null where it is the value itself.
 */
function decoderOf(field: unknown): Decode {
  type Decoder = { mapFromDriverValue: (value: unknown) => unknown };
  const sqlDecoder = (expression: unknown) => (expression as { decoder: Decoder }).decoder;
  const decoder: Decoder = is(field, Column)
    ? field
    : is(field, SQL)
      ? sqlDecoder(field)
      : is(field, Subquery)
        ? sqlDecoder((field as unknown as { _: { sql: SQL } })._.sql)
        : sqlDecoder((field as { sql: SQL }).sql);
  // A plain text or integer column (and an expression without `mapWith`) returns what the driver read.
  if (decoder.mapFromDriverValue === Column.prototype.mapFromDriverValue || decoder === noopDecoder) return null;
  return (value) => decoder.mapFromDriverValue(value);
}

/**
 * The fields of a prepared query if its rows are flat (one path step per field, no mapper of
 * Drizzle's own), so {@link rowMapper} builds them as Drizzle would; else undefined. An outer
 * join does not matter here: Drizzle nulls out only a joined table's nested object.
 */
function flatFields(fields: SelectedField[] | undefined, customResultMapper: unknown): SelectedField[] | undefined {
  return fields && !customResultMapper && fields.every((entry) => entry.path.length === 1) ? fields : undefined;
}

/** A row builder for flat selected fields (one path step each): each value decoded as its field says. */
function rowMapper(fields: SelectedField[]): (values: unknown[]) => Record<string, unknown> {
  const keys = fields.map((entry) => entry.path[0]!);
  const decoders = fields.map((entry) => decoderOf(entry.field));
  return (values) => {
    const row: Record<string, unknown> = {};
    for (let index = 0; index < keys.length; index += 1) {
      const value = values[index];
      const decode = decoders[index];
      row[keys[index]!] = value === null || !decode ? value : decode(value);
    }
    return row;
  };
}

/**
 * The same reads as a Drizzle prepared select, with rows built by a mapper compiled once for its
 * columns. Drizzle maps each row generically (a type check per field and row, path walks); on the
 * employee row of every authenticated request that cost 5–6 times the SQLite read itself
 * (decision 16). Selects whose rows Drizzle nests or maps itself keep Drizzle's mapping; so does anything not shaped as expected (another Drizzle version, which
 * `drizzle-internals.test.ts` then fails on: the fallback is correct but slower).
 */
function withCompiledRows<Q extends { all: (values?: Record<string, unknown>) => unknown[] }>(prepared: Q): Q {
  const { stmt, fields, query, customResultMapper } = prepared as unknown as DrizzlePrepared;
  const flat = flatFields(fields, customResultMapper);
  if (!stmt || !query || !flat) return prepared;
  const toRow = rowMapper(flat);
  const arrays = stmt.raw(true);
  const parameters = (values?: Record<string, unknown>) => fillPlaceholders(query.params, values ?? {});
  return {
    ...prepared,
    all: (values?: Record<string, unknown>) => arrays.all(...parameters(values)).map(toRow),
    get: (values?: Record<string, unknown>) => {
      const found = arrays.get(...parameters(values));
      return found === undefined ? undefined : toRow(found);
    },
  };
}

const preparedQueries = new WeakMap<Connection, Map<string, { all: (values?: Record<string, unknown>) => unknown[] }>>();

/**
 * Runs a Drizzle query through a statement prepared once per database and shape. `build` binds
 * every value with `bind`; the SQL may depend only on `shape` and on which names are bound, so one
 * prepared statement serves every request of that shape (decision record 0008 has the numbers:
 * preparing on each call made the catalog list several times slower).
 */
export async function allPrepared<R>(db: Db, shape: string, build: (bind: Bind) => Preparable<R>): Promise<R[]> {
  const values: Record<string, unknown> = {};
  const query = build((name, value) => {
    values[name] = value;
    return sql.placeholder(name);
  });
  const key = `all:${shape}|${Object.keys(values).join(',')}`;
  if (dialectOf(db) === 'postgres') return (await executePostgres(db, key, () => query, values)) as R[];
  return cached(preparedQueries, db, key, () => withCompiledRows(query.prepare())).all(values) as R[];
}

type PreparedRow = { get: (values?: Record<string, unknown>) => unknown };
const rowQueries = new WeakMap<Connection, Map<string, PreparedRow>>();

/**
 * The row of `table` whose columns equal `equals` (by the schema's property names), or undefined;
 * the first one if several match. The statement is built and prepared once per table and set of
 * columns; later calls only bind values (building a Drizzle query per call measured several times
 * slower than the lookup itself, decision record 0009).
 */
export async function rowWhere<T extends SQLiteTable>(db: Db, table: T, equals: Partial<T['$inferSelect']>): Promise<T['$inferSelect'] | undefined> {
  const names = Object.keys(equals);
  const key = `${getTableName(table)}:${names.join(',')}`;
  const build = () => {
    const columns = table as unknown as Record<string, SQLiteColumn>;
    return db
      .select()
      .from(table as SQLiteTable)
      .where(and(...names.map((name) => eq(columns[name]!, sql.placeholder(name)))));
  };
  if (dialectOf(db) === 'postgres') return (await executePostgres(db, `row:${key}`, () => build().limit(1), equals))[0] as T['$inferSelect'] | undefined;
  // No LIMIT on SQLite: `get` steps to the first row only, and Drizzle binds a limit as a parameter,
  // which made SQLite re-plan the statement on every run (5–10 times the lookup, decision 16).
  return cached(rowQueries, db, key, () => withCompiledRows(build().prepare())).get(equals) as T['$inferSelect'] | undefined;
}

type SyncPreparedQuery<R> = { all: (values?: Record<string, unknown>) => R[]; get: (values?: Record<string, unknown>) => R | undefined };
/** A query prepared once; `all` and `get` bind `values` by name and answer with a promise. */
export type PreparedQuery<R> = { all: (values?: Record<string, unknown>) => Promise<R[]>; get: (values?: Record<string, unknown>) => Promise<R | undefined> };
const onceQueries = new WeakMap<Connection, Map<string, PreparedQuery<unknown>>>();

/**
 * A Drizzle query built and prepared once per database under `key`; its values are bound by
 * name at each call (`sql.placeholder(name)` in the query, `{ name: value }` to `all`/`get`). For
 * the lookups every request makes (token, employee): even building the query object per call, as
 * {@link allPrepared} does, showed in the profile of `/me` (decision 16). `get` answers the first
 * row; on PostgreSQL it reads them all, so use it for lookups of one row.
 */
export function preparedOnce<R>(db: Db, key: string, build: () => { prepare: () => SyncPreparedQuery<R> }): PreparedQuery<R> {
  if (dialectOf(db) === 'postgres') {
    const all = async (values?: Record<string, unknown>) => (await executePostgres(db, `once:${key}`, build, values ?? {})) as R[];
    return { all, get: async (values) => (await all(values))[0] };
  }
  return cached(onceQueries, db, key, () => {
    const prepared = withCompiledRows(build().prepare());
    return { all: async (values) => prepared.all(values), get: async (values) => prepared.get(values) };
  }) as PreparedQuery<R>;
}

/** What a Drizzle (0.45) postgres-js prepared query holds; read once per shape (`drizzle-internals.test.ts` pins it). */
type DrizzlePostgresPrepared = {
  queryString?: string;
  params?: unknown[];
  fields?: SelectedField[];
  customResultMapper?: unknown;
  execute: (values: Record<string, unknown>) => Promise<unknown>;
};

/**
 * A query shape on PostgreSQL, built once: its SQL text and parameter list (placeholders filled per
 * call), run on whichever client the call's handle has — the pool or a transaction's connection.
 */
type PostgresShape = (client: postgres.Sql | postgres.TransactionSql, values: Record<string, unknown>) => Promise<unknown>;

/**
 * Shapes by key, for every PostgreSQL handle: a shape's text depends only on the dialect and the
 * (shared) SQLite tables, not on the connection or the transaction it runs in.
 */
const postgresShapes = new Map<string, PostgresShape>();

/**
 * The shape of a Drizzle query built on a PostgreSQL handle. Selects with flat rows run in array
 * mode through the row mapper the SQLite path compiles; the rest (nested rows, relational queries,
 * writes without `RETURNING`) run through Drizzle's own prepared query with the
 * call's client in place of the one it was built on, so Drizzle maps their rows as it would.
 */
function postgresShape(query: unknown, name: string): PostgresShape {
  const prepared = (query as { prepare: (name: string) => DrizzlePostgresPrepared }).prepare(name);
  const { queryString: text, params, fields, customResultMapper } = prepared;
  const flat = flatFields(fields, customResultMapper);
  if (text === undefined || params === undefined || !flat) {
    // Run on another client than the one it holds, a query without that field would run on the
    // first call's client: outside the caller's transaction, or on one that has ended.
    if (!('client' in prepared)) throw new Error('Drizzle’s postgres-js prepared query has no `client` field any more (statements.ts reads Drizzle 0.45’s)');
    return async (client, values) => await (Object.create(prepared, { client: { value: client } }) as DrizzlePostgresPrepared).execute(values);
  }
  const toRow = rowMapper(flat);
  return async (client, values) => {
    const rows = await client.unsafe(text, fillPlaceholders(params, values) as never[], { prepare: true }).values();
    return rows.map(toRow);
  };
}

/**
 * Runs a Drizzle query on a PostgreSQL handle with its placeholders filled from `values`. `build`
 * is called only the first time a `key` is seen; later calls reuse the shape's text and mapper.
 */
async function executePostgres(db: Db, key: string, build: () => unknown, values: Record<string, unknown>): Promise<unknown[]> {
  let shape = postgresShapes.get(key);
  if (!shape) {
    shape = postgresShape(build(), key);
    postgresShapes.set(key, shape);
  }
  return (await shape(postgresClientOf(db), values)) as unknown[];
}
