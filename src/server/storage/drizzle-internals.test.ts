/**
 * statements.ts reads Drizzle 0.45's prepared queries from inside (better-sqlite3's `stmt`,
 * `query` and `fields`; postgres-js's `queryString`, `params`, `fields` and `client`) to build flat
 * rows with a mapper compiled once and to run a PostgreSQL shape on the call's connection. Nothing
 * public gives either. These tests make a Drizzle upgrade that moves those fields fail here, loudly,
 * instead of quietly falling back to Drizzle's slower mapping or running a transaction's query on
 * the pool: flat selects must not reach Drizzle's own row mapping, the rows must equal what
 * Drizzle's builders answer, and a shape Drizzle maps must run on the connection it is called on.
 */
import { eq, sql } from 'drizzle-orm';
import { PreparedQuery } from 'drizzle-orm/better-sqlite3';
import { PostgresJsPreparedQuery } from 'drizzle-orm/postgres-js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresAvailability, startTestDatabase, type TestDatabase } from '../tests/postgres.ts';
import { closeDatabase, openDatabase, openPostgres, transaction, type Db } from './db.ts';
import { clients, regions } from './schema.ts';
import { allPrepared, one, preparedOnce, rowWhere } from './statements.ts';

const flatFields = { id: regions.id, name: regions.name, addressFormat: regions.addressFormat, hasParent: sql<boolean>`${regions.parentId} IS NOT NULL`.mapWith(Boolean) };

/** Two regions, one inside the other, with a JSON column: written through `transaction()` on either dialect. */
async function addRegions(db: Db): Promise<void> {
  await transaction(db, async (tx) => {
    const parent = await one<{ id: number }>(tx, `INSERT INTO regions (name, type, abbreviation) VALUES ('Internal Land', 'COUNTRY', 'IL') RETURNING id`);
    await tx.insert(regions).values({ type: 'STATE_PROVINCE', name: 'Internal Province', parentId: parent!.id, addressFormat: [{ key: 'city', label: 'City' }] as never });
  });
}

/** The three helpers on flat selects (one of them outer-joined), and one select whose rows Drizzle nests (a left join). */
const helpers = {
  joinedFlat: async (db: Db) =>
    await allPrepared(db, 'internals:joined-flat', (bind) =>
      db.select({ name: regions.name, client: clients.name }).from(regions).leftJoin(clients, eq(clients.clientId, regions.abbreviation)).where(eq(regions.name, bind('name', 'Internal Land'))),
    ),
  flat: async (db: Db) => await allPrepared(db, 'internals:flat', (bind) => db.select(flatFields).from(regions).where(eq(regions.name, bind('name', 'Internal Province')))),
  once: async (db: Db) => await preparedOnce(db, 'internals:once', () => db.select(flatFields).from(regions).where(eq(regions.name, sql.placeholder('name')))).get({ name: 'Internal Province' }),
  row: async (db: Db) => await rowWhere(db, regions, { name: 'Internal Province' }),
  nested: async (db: Db, name = 'Internal Land') =>
    await preparedOnce(db, 'internals:nested', () =>
      db.select({ region: regions, client: clients }).from(regions).leftJoin(clients, eq(clients.clientId, regions.abbreviation)).where(eq(regions.name, sql.placeholder('name'))),
    ).all({ name }),
};

/** What Drizzle's own builders answer for the same four reads. */
/** What our helpers answer for the flat selects, which must not go through Drizzle's mapping. */
const flatAnswers = async (db: Db) => ({ joinedFlat: await helpers.joinedFlat(db), flat: await helpers.flat(db), once: await helpers.once(db), row: await helpers.row(db) });
const flatOnly = ({ joinedFlat, flat, once, row }: Awaited<ReturnType<typeof drizzleAnswers>>) => ({ joinedFlat, flat, once, row });

async function drizzleAnswers(db: Db) {
  return {
    joinedFlat: await db.select({ name: regions.name, client: clients.name }).from(regions).leftJoin(clients, eq(clients.clientId, regions.abbreviation)).where(eq(regions.name, 'Internal Land')),
    flat: await db.select(flatFields).from(regions).where(eq(regions.name, 'Internal Province')),
    once: (await db.select(flatFields).from(regions).where(eq(regions.name, 'Internal Province')))[0],
    row: (await db.select().from(regions).where(eq(regions.name, 'Internal Province')))[0],
    nested: await db.select({ region: regions, client: clients }).from(regions).leftJoin(clients, eq(clients.clientId, regions.abbreviation)).where(eq(regions.name, 'Internal Land')),
  };
}

describe('Drizzle 0.45 internals on SQLite', () => {
  let db: Db;
  beforeAll(async () => {
    db = openDatabase(':memory:');
    await addRegions(db);
  });
  afterAll(async () => await closeDatabase(db));

  it('flat selects bypass Drizzle’s row mapping and answer its rows; a nested one goes through it', async () => {
    const expected = await drizzleAnswers(db);
    expect(expected.once).toMatchObject({ addressFormat: [{ key: 'city', label: 'City' }], hasParent: true });
    expect(expected.joinedFlat).toEqual([{ name: 'Internal Land', client: null }]);
    const mapped = [vi.spyOn(PreparedQuery.prototype, 'all'), vi.spyOn(PreparedQuery.prototype, 'get'), vi.spyOn(PreparedQuery.prototype, 'values')];
    try {
      expect(await flatAnswers(db)).toEqual(flatOnly(expected));
      expect(mapped.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 0]);
      expect(await helpers.nested(db)).toEqual(expected.nested);
      expect(mapped[0]!).toHaveBeenCalled();
    } finally {
      for (const spy of mapped) spy.mockRestore();
    }
  });
});

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

describe.skipIf(!availability.available)('Drizzle 0.45 internals on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await startTestDatabase();
    db = await openPostgres(database.url);
    await addRegions(db);
  }, 120_000);
  afterAll(async () => {
    if (db) await closeDatabase(db);
    await database?.stop();
  }, 60_000);

  it('flat selects bypass Drizzle’s row mapping and answer its rows; a nested one goes through it', async () => {
    const expected = await drizzleAnswers(db);
    const mapped = vi.spyOn(PostgresJsPreparedQuery.prototype, 'execute');
    try {
      expect(await flatAnswers(db)).toEqual(flatOnly(expected));
      expect(mapped).not.toHaveBeenCalled();
      expect(await helpers.nested(db)).toEqual(expected.nested);
      expect(mapped).toHaveBeenCalled();
    } finally {
      mapped.mockRestore();
    }
  });

  it('a shape Drizzle maps, built on the pool, runs on the connection of the transaction it is called in', async () => {
    expect(await helpers.nested(db, 'Uncommitted Land')).toEqual([]);
    await transaction(db, async (tx) => {
      await one(tx, `INSERT INTO regions (name, type, abbreviation) VALUES ('Uncommitted Land', 'COUNTRY', 'UL') RETURNING id`);
      // Only the transaction's own connection sees its row before the commit.
      expect(await helpers.nested(tx, 'Uncommitted Land')).toMatchObject([{ region: { name: 'Uncommitted Land' }, client: null }]);
      expect(await helpers.nested(db, 'Uncommitted Land')).toEqual([]);
    });
  });
});
