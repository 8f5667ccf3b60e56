/**
 * SQLite and PostgreSQL answer a search alike (decision 19): two servers, one on each, with the
 * same people, asked the same searches of every length, in capitals, lower case, composed and
 * decomposed, list the same people, and the same catalog items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessoriesResponse, catalogDevicesResponse, catalogPlansResponse } from '../../contract/index.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { getOk } from './read-api.ts';
import { postgresAvailability, startTestDatabase, type TestDatabase } from './postgres.ts';
import { addFoldPeople, namesFound, searching } from './search-fold-fixtures.ts';
import { signIn, type Session } from './session.ts';

type Side = 'sqlite' | 'postgres';

/** The first page of up to 100 of `path` for a search of `text`. */
const page = (path: string, text: string) => `${searching(path, text)}&limit=100&offset=0`;

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

/** Searches whose answers both databases must agree on: names, e-mail, one to many characters. */
const SEARCHES = [
  'CHLOÉ', 'chloé', 'CHLOE\u0301', 'ÉMILE', 'É', 'é', 'e\u0301', 'ÉM', 'Ø', 'øs', 'ØSTERGAARD', 'Ç', 'ÇELIK', 'ÉLISE ÇEL',
  'STRASSE', 'straße', 'ß', 'LEFÈVRE', 'Ét', 'an', 'A', 'ande', 'DUBOIS', 'acme.example', 'xyz-nobody',
];

describe.skipIf(!availability.available)('a search on SQLite and on PostgreSQL', () => {
  let database: TestDatabase;
  let servers: Record<Side, TestServer>;
  let sessions: Record<Side, [Session, Session]>;

  beforeAll(async () => {
    database = await startTestDatabase();
    servers = { sqlite: await startTestServer(), postgres: await startTestServer({ DATABASE_URL: database.url }) };
    for (const server of Object.values(servers)) await addFoldPeople(server);
    const sessionsOf = async (server: TestServer) => (await Promise.all([signIn(server, 'peter.edwards'), signIn(server, 'sam.rivera')])) as [Session, Session];
    sessions = { sqlite: await sessionsOf(servers.sqlite), postgres: await sessionsOf(servers.postgres) };
  }, 120_000);

  afterAll(async () => {
    await servers?.sqlite.close();
    await servers?.postgres.close();
    await database?.stop();
  }, 60_000);

  it('lists the same people for every search of the directory and of whom one may act for', async () => {
    let found = 0;
    for (const text of SEARCHES) {
      for (const [path, which] of [['/employees', 0], ['/me/act-as', 1]] as const) {
        // The lists' order is the directory's, the same on both; compared as found.
        const [onSqlite, onPostgres] = await Promise.all([
          namesFound(servers.sqlite, sessions.sqlite[which], searching(path, text)),
          namesFound(servers.postgres, sessions.postgres[which], searching(path, text)),
        ]);
        expect(onPostgres, `${path} ${text}`).toEqual(onSqlite);
        found += onSqlite.length;
      }
    }
    // Not agreement on nothing: most searches find someone.
    expect(found).toBeGreaterThan(SEARCHES.length * 2);
  }, 60_000);

  it('lists the same catalog items for every search of the catalog', async () => {
    const lists = {
      '/catalog/devices': async (on: Side, text: string) => (await getOk(servers[on], sessions[on][0], page('/catalog/devices', text), catalogDevicesResponse)).devices.items,
      '/catalog/plans': async (on: Side, text: string) => (await getOk(servers[on], sessions[on][0], page('/catalog/plans', text), catalogPlansResponse)).plans.items,
      '/catalog/accessories': async (on: Side, text: string) => (await getOk(servers[on], sessions[on][0], page('/catalog/accessories', text), accessoriesResponse)).accessories.items,
    };
    const catalog = async (on: Side, path: keyof typeof lists, text: string) => (await lists[path](on, text)).map((item) => item.name);
    let found = 0;
    for (const path of Object.keys(lists) as (keyof typeof lists)[]) {
      for (const text of ['PIXEL', 'ＰＩＸＥＬ', 'galaxy', 'Ga', 'UNLIMITED', 'case', 'É', 'ß']) {
        const onSqlite = await catalog('sqlite', path, text);
        expect(await catalog('postgres', path, text), `${path} ${text}`).toEqual(onSqlite);
        found += onSqlite.length;
      }
    }
    expect(found).toBeGreaterThan(0);
  }, 60_000);
});
