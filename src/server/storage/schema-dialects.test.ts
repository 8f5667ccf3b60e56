/**
 * SQLite's schema (`schema.ts`) and PostgreSQL's (`schema.pg.ts`) describe the same database
 * (decision record 0017): the same tables, columns, nullability, defaults, keys and indexes, with
 * column types related by the mapping below, and row types the domain reads that are identical.
 * Adding a column, an index or a key to one file and not the other fails here.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { getTableName, is, SQL, type Table, type Column } from 'drizzle-orm';
import { getTableConfig as sqliteTableConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import * as sqliteSchema from './schema.ts';
import * as pgSchema from './schema.pg.ts';

/** SQLite column type → the PostgreSQL type that gives the domain the same value (schema.pg.ts says why). */
const pgTypeFor: Record<string, string> = {
  SQLiteInteger: 'PgInteger',
  SQLiteBoolean: 'PgBoolean',
  SQLiteText: 'PgText',
  SQLiteTextJson: 'PgJson',
};

/**
 * Index expressions that each dialect writes its own way, as SQLite renders them → as PostgreSQL
 * does. `COLLATE NOCASE` (ASCII case folding) is `lower(…)` on a database with the C collation; a
 * boolean flag, a 0/1 integer in SQLite, is compared with `true`.
 */
const pgExpressionFor = (sqliteExpression: string) =>
  sqliteExpression.replace(/("\w+") COLLATE NOCASE/g, 'lower($1)').replace(/("is_\w+") = 1\b/g, '$1 = true');

type AnyConfig = ReturnType<typeof sqliteTableConfig> | ReturnType<typeof pgTableConfig>;

/** One table as a plain object both dialects can be compared by; `render` writes an index expression as PostgreSQL would. */
function describeTable(config: AnyConfig, render: (sql: SQL) => string, columnType: (column: Column) => string) {
  const columnName = (column: unknown) => (is(column, SQL) ? render(column) : (column as Column).name);
  return {
    name: config.name,
    columns: config.columns
      .map((column) => {
        // SQLite numbers every integer primary key itself (it is the rowid); PostgreSQL numbers the
        // surrogate IDs, the primary keys named `id`, through an identity, and no other.
        const rowid = column.columnType === 'SQLiteInteger' && column.primary;
        const identity = (column as Column & { generatedIdentity?: { type: string } }).generatedIdentity?.type === 'byDefault';
        return {
          name: column.name,
          type: columnType(column),
          notNull: column.notNull,
          primary: column.primary,
          numbered: identity || (rowid && column.name === 'id'),
          hasDefault: column.hasDefault && !rowid && !identity,
          default: column.default,
          unique: column.isUnique ? column.uniqueName : false,
          enumValues: column.enumValues,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    primaryKeys: config.primaryKeys.map((key) => ({ name: key.getName(), columns: key.columns.map((column) => column.name) })),
    foreignKeys: config.foreignKeys
      .map((key) => {
        const reference = key.reference();
        return {
          name: key.getName(),
          columns: reference.columns.map((column) => column.name),
          foreignTable: getTableName(reference.foreignTable),
          foreignColumns: reference.foreignColumns.map((column) => column.name),
          onDelete: key.onDelete ?? 'no action',
          onUpdate: key.onUpdate ?? 'no action',
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
    uniqueConstraints: config.uniqueConstraints.map((unique) => ({ name: unique.getName(), columns: unique.columns.map((column) => column.name) })),
    checks: config.checks.map((check) => check.name),
    indexes: config.indexes
      .map(({ config: index }) => ({
        name: index.name ?? '',
        unique: index.unique,
        columns: index.columns.map(columnName),
        where: index.where ? render(index.where) : null,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

const sqliteTables = Object.entries(sqliteSchema as Record<string, unknown>).filter((entry): entry is [string, SQLiteTable] => is(entry[1], SQLiteTable));
const pgTables = Object.entries(pgSchema as Record<string, unknown>).filter((entry): entry is [string, PgTable] => is(entry[1], PgTable));

const asSqlite = (table: SQLiteTable) =>
  describeTable(
    sqliteTableConfig(table),
    (sql) => pgExpressionFor(sqliteDialect.sqlToQuery(sql, 'indexes').sql),
    (column) => pgTypeFor[column.columnType] ?? `unmapped ${column.columnType}`,
  );
const asPg = (table: PgTable) =>
  describeTable(
    pgTableConfig(table),
    (sql) => pgDialect.sqlToQuery(sql, 'indexes').sql,
    (column) => column.columnType,
  );

describe('the SQLite and PostgreSQL schemas', () => {
  it('export the same tables under the same names', () => {
    expect(sqliteTables.length).toBeGreaterThan(30);
    expect(pgTables.map(([exported, table]) => [exported, pgTableConfig(table).name])).toEqual(
      sqliteTables.map(([exported, table]) => [exported, sqliteTableConfig(table).name]),
    );
  });

  it('map every SQLite column type', () => {
    const types = new Set(sqliteTables.flatMap(([, table]) => sqliteTableConfig(table).columns.map((column) => column.columnType)));
    expect([...types].filter((type) => !(type in pgTypeFor))).toEqual([]);
  });

  it.each(sqliteTables.map(([exported]) => exported))('describe %s alike: columns, keys, foreign keys and indexes', (exported) => {
    const sqliteTable = sqliteTables.find(([name]) => name === exported)![1];
    const pgTable = pgTables.find(([name]) => name === exported)?.[1];
    expect(pgTable, `schema.pg.ts exports no ${exported}`).toBeDefined();
    expect(asPg(pgTable!)).toEqual(asSqlite(sqliteTable));
  });

  it('give the domain the same row types to read and write', () => {
    type Tables<M> = { [K in keyof M as M[K] extends Table ? K : never]: M[K] };
    type Selected<M> = { [K in keyof Tables<M>]: Tables<M>[K] extends Table ? Tables<M>[K]['$inferSelect'] : never };
    // Which members may be left out differs where SQLite would number a key (see `numbered`); the test above compares defaults.
    type Inserted<M> = { [K in keyof Tables<M>]: Tables<M>[K] extends Table ? Required<Tables<M>[K]['$inferInsert']> : never };
    expectTypeOf<Selected<typeof pgSchema>>().toEqualTypeOf<Selected<typeof sqliteSchema>>();
    expectTypeOf<Inserted<typeof pgSchema>>().toEqualTypeOf<Inserted<typeof sqliteSchema>>();
  });
});
