/**
 * The storage layer on PostgreSQL (decision record 0017): how a SQLite statement text is numbered
 * for PostgreSQL, and `transaction()`, `afterCommit` and the raw statements on a real PostgreSQL
 * database — commit and rollback, a savepoint that fails alone, work queued for after the commit
 * that never runs for a rollback, and rows read with SQLite's shapes through the SQLite schema.
 */
import { eq, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresAvailability, startTestDatabase, type TestDatabase } from '../tests/postgres.ts';
import { afterCommit, closeDatabase, dialectOf, openPostgres, rootOf, transaction, type Db } from './db.ts';
import { clients, regions } from './schema.ts';
import { all, allPrepared, numberParameters, one, preparedOnce, rowWhere, statement } from './statements.ts';

describe('numberParameters', () => {
  it('numbers ? in order and @name by name, leaving quoted text, quoted names and comments alone', () => {
    expect(numberParameters(`SELECT '?', "a?b" FROM t WHERE x = ? AND y = ? -- not ?\nAND z = 'it''s ?'`)).toEqual({
      text: `SELECT '?', "a?b" FROM t WHERE x = $1 AND y = $2 -- not ?\nAND z = 'it''s ?'`,
      names: undefined,
      writes: false,
    });
    expect(numberParameters('SELECT 1 WHERE a = @userId AND b = @tenantId AND c <> @userId')).toEqual({
      text: 'SELECT 1 WHERE a = $1 AND b = $2 AND c <> $1',
      names: ['userId', 'tenantId'],
      writes: false,
    });
  });

  it('copies block comments as they are, an apostrophe or a ? in them included', () => {
    expect(numberParameters(`SELECT /* the holder's ? */ id FROM t WHERE x = ? AND y = 'a'`).text).toBe(`SELECT /* the holder's ? */ id FROM t WHERE x = $1 AND y = 'a'`);
  });

  it('tells whether a text writes, also after a WITH, and not for a name that merely contains the word', () => {
    expect(numberParameters('SELECT updated_at, deleted FROM t').writes).toBe(false);
    expect(numberParameters('  update t SET a = ?').writes).toBe(true);
    expect(numberParameters('WITH gone AS (SELECT id FROM t) DELETE FROM u WHERE id IN (SELECT id FROM gone)').writes).toBe(true);
    expect(numberParameters("SELECT 'INSERT' AS word").writes).toBe(false);
  });

  it('refuses the parameters it cannot number as SQLite would, instead of binding them wrongly', () => {
    // SQLite binds `?` and `@name` in one text by position; numbered apart, both would be $1.
    expect(() => numberParameters('SELECT ? AS x, @name AS y')).toThrow(/both \? and @name/);
    expect(() => numberParameters('SELECT ?2, ?1')).toThrow(/\?NNN/);
    expect(() => numberParameters('SELECT :name')).toThrow(/:name/);
    expect(() => numberParameters('SELECT $name')).toThrow(/\$/);
    // A cast is not a parameter.
    expect(numberParameters('SELECT CAST(? AS int)::text').text).toBe('SELECT CAST($1 AS int)::text');
  });

  it('quotes mixed-case aliases, which PostgreSQL would fold to lower case, and nothing else', () => {
    expect(numberParameters('SELECT client_id AS clientId, COUNT(*) AS n FROM auth_tokens ORDER BY clientId').text).toBe(
      'SELECT client_id AS "clientId", COUNT(*) AS n FROM auth_tokens ORDER BY "clientId"',
    );
  });
});

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

describe.skipIf(!availability.available)('transaction() and statements on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await startTestDatabase();
    db = await openPostgres(database.url);
  }, 120_000);

  afterAll(async () => {
    if (db) await closeDatabase(db);
    await database?.stop();
  }, 60_000);

  const regionNamed = async (name: string) => (await db.select().from(regions).where(eq(regions.name, name)))[0];
  const addRegion = async (handle: Db, name: string) =>
    (await one<{ id: number }>(handle, `INSERT INTO regions (name, type, abbreviation) VALUES (?, 'COUNTRY', ?) RETURNING id`, name, name.slice(0, 2)))!.id;

  it('speaks PostgreSQL, also on a transaction’s handle, whose root is the database', async () => {
    expect(dialectOf(db)).toBe('postgres');
    await transaction(db, async (tx) => {
      expect(tx).not.toBe(db);
      expect(dialectOf(tx)).toBe('postgres');
      expect(rootOf(tx)).toBe(db);
    });
  });

  it('commits, then runs what was queued for after the commit', async () => {
    const ran: string[] = [];
    await transaction(db, async (tx) => {
      await addRegion(tx, 'Committed Land');
      afterCommit(tx, () => ran.push('after'));
      // Not yet: neither the callback nor, for another connection, the row.
      expect(ran).toEqual([]);
      expect(await regionNamed('Committed Land')).toBeUndefined();
    });
    expect(ran).toEqual(['after']);
    expect(await regionNamed('Committed Land')).toMatchObject({ type: 'COUNTRY', abbreviation: 'Co' });
  });

  it('rolls back on a throw, rethrows, and never runs what was queued', async () => {
    const ran: string[] = [];
    await expect(
      transaction(db, async (tx) => {
        await addRegion(tx, 'Rolled Back Land');
        afterCommit(tx, () => ran.push('after'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual([]);
    expect(await regionNamed('Rolled Back Land')).toBeUndefined();
  });

  it('a nested transaction is a savepoint: its failure undoes only itself and drops what it queued', async () => {
    const ran: string[] = [];
    await transaction(db, async (tx) => {
      await addRegion(tx, 'Outer Land');
      afterCommit(tx, () => ran.push('outer'));
      await expect(
        transaction(tx, async (inner) => {
          await addRegion(inner, 'Inner Land');
          afterCommit(inner, () => ran.push('inner'));
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
      await transaction(tx, async (inner) => {
        afterCommit(inner, () => ran.push('second inner'));
      });
    });
    expect(ran).toEqual(['outer', 'second inner']);
    expect(await regionNamed('Outer Land')).toBeDefined();
    expect(await regionNamed('Inner Land')).toBeUndefined();
  });

  it('refuses, instead of committing apart or waiting for ever, a write through the database inside its transaction', async () => {
    await transaction(db, async (tx) => {
      await addRegion(tx, 'Locked Land');
      await expect(statement(db, 'UPDATE regions SET abbreviation = ? WHERE name = ?').run('XX', 'Locked Land')).rejects.toThrow(/transaction’s handle/);
      await expect(transaction(db, async () => {})).rejects.toThrow(/transaction’s handle/);
      // A write behind a WITH is a write too: it would wait for ever on the row the transaction holds.
      const withUpdate = 'WITH target AS (SELECT id FROM regions WHERE name = ?) UPDATE regions SET abbreviation = ? WHERE id IN (SELECT id FROM target)';
      await expect(statement(db, withUpdate).run('Locked Land', 'XX')).rejects.toThrow(/transaction’s handle/);
      // Reading through the database is fine: it sees what is committed.
      expect(await all(db, 'SELECT id FROM regions WHERE name = ?', 'Locked Land')).toEqual([]);
    });
    expect(await regionNamed('Locked Land')).toMatchObject({ abbreviation: 'Lo' });
  });

  it('reads rows in SQLite’s shapes: booleans as 1/0 in raw reads and as booleans through the schema, JSON parsed, counts as numbers', async () => {
    const raw = await one<{ yes: unknown; no: unknown; n: unknown; payload: unknown }>(db, `SELECT true AS yes, false AS no, count(*) AS n, CAST(? AS json) AS payload FROM regions`, '{"b":1,"a":2}');
    expect(raw).toEqual({ yes: 1, no: 0, n: expect.any(Number), payload: '{"b":1,"a":2}' });
    const changed = await statement(db, 'UPDATE regions SET abbreviation = ? WHERE name = ?').run('OL', 'Outer Land');
    expect(changed).toEqual({ changes: 1 });
    expect(await all(db, 'SELECT abbreviation FROM regions WHERE name = @name', { name: 'Outer Land' })).toEqual([{ abbreviation: 'OL' }]);
  });

  it('refuses a named parameter left out, as better-sqlite3 does, instead of binding NULL', async () => {
    await expect(all(db, 'SELECT abbreviation FROM regions WHERE name = @name OR abbreviation = @abbreviation', { name: 'Outer Land' })).rejects.toThrow(
      'Missing named parameter "abbreviation"',
    );
    // Given but undefined is NULL on both.
    expect(await all(db, 'SELECT abbreviation FROM regions WHERE name = @name OR abbreviation = @abbreviation', { name: 'Outer Land', abbreviation: undefined })).toEqual([
      { abbreviation: 'OL' },
    ]);
  });

  it('builds each query shape’s SQL once, across calls, transactions and connections, with the rows Drizzle itself maps', async () => {
    const parentId = await addRegion(db, 'Shape Land');
    await db.insert(regions).values({ type: 'STATE_PROVINCE', name: 'Shape Province', parentId, addressFormat: [{ key: 'city', label: 'City' }] as never });
    const flatFields = { id: regions.id, name: regions.name, addressFormat: regions.addressFormat, hasParent: sql<boolean>`${regions.parentId} IS NOT NULL`.mapWith(Boolean) };
    const flat = (handle: Db, name: string) =>
      allPrepared(handle, 'test:flat', (bind) => handle.select(flatFields).from(regions).where(eq(regions.name, bind('name', name))));
    const joined = (handle: Db) =>
      preparedOnce(handle, 'test:joined', () =>
        handle.select({ region: regions, client: clients }).from(regions).leftJoin(clients, eq(clients.clientId, regions.abbreviation)).where(eq(regions.name, sql.placeholder('name'))),
      );
    // What Drizzle's own builders answer, built and mapped by Drizzle.
    const expected = {
      province: await db.select(flatFields).from(regions).where(eq(regions.name, 'Shape Province')),
      land: await db.select(flatFields).from(regions).where(eq(regions.name, 'Shape Land')),
      row: (await db.select().from(regions).where(eq(regions.name, 'Shape Province')))[0],
      joined: await db.select({ region: regions, client: clients }).from(regions).leftJoin(clients, eq(clients.clientId, regions.abbreviation)).where(eq(regions.name, 'Shape Land')),
    };
    expect(expected.province[0]).toMatchObject({ addressFormat: [{ key: 'city', label: 'City' }], hasParent: true });
    expect(expected.joined[0]).toMatchObject({ region: { name: 'Shape Land' }, client: null });

    const built = vi.spyOn(PgDialect.prototype, 'sqlToQuery');
    try {
      const answers = async (handle: Db) => ({
        province: await flat(handle, 'Shape Province'),
        land: await flat(handle, 'Shape Land'),
        row: await rowWhere(handle, regions, { name: 'Shape Province' }),
        joined: await joined(handle).all({ name: 'Shape Land' }),
      });
      expect(await answers(db)).toEqual(expected);
      await transaction(db, async (tx) => expect(await answers(tx)).toEqual(expected));
      // Ten at once take several pooled connections; each still finds the shapes built.
      for (const answer of await Promise.all(Array.from({ length: 10 }, async () => await answers(db)))) expect(answer).toEqual(expected);
      // One build per shape: the flat select, the row lookup and the joined select.
      expect(built).toHaveBeenCalledTimes(3);
    } finally {
      built.mockRestore();
    }
  });
});
