/**
 * Every search folds letter case one way, ours (storage/search-fold.ts, decision 19), whatever the
 * database and whatever the search's length: the trigram path (three characters or more) and the
 * prefix path (one or two) of GET /employees and GET /me/act-as find the same people for "É" as
 * for "é", for a name typed decomposed as for one typed composed, on SQLite and on PostgreSQL (this
 * file runs in both vitest projects).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogDevicesResponse, employeesResponse, servicesResponse } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { createOrderingEmployee, type OrderingEmployee } from '../storage/seed/factories.ts';
import { scratchDatabase, startTestServer, type TestServer } from './harness.ts';
import { exec } from './rows.ts';
import { getOk } from './read-api.ts';
import { addFoldPeople, foldPeople, namesFound, nameOf, searching, type FoldPerson } from './search-fold-fixtures.ts';
import { signIn, type Session } from './session.ts';

let server: TestServer;
let peter: Session;
let sam: Session;
let added: Record<FoldPerson, OrderingEmployee>;

beforeAll(async () => {
  server = await startTestServer();
  [peter, sam] = await Promise.all([signIn(server, 'peter.edwards'), signIn(server, 'sam.rivera')]);
  added = await addFoldPeople(server);
}, 60_000);
afterAll(async () => await server?.close());

const emile = nameOf(foldPeople.emile);
const elise = nameOf(foldPeople.elise);
const jurgen = nameOf(foldPeople.jurgen);
const etienne = nameOf(foldPeople.etienne);
const chloe = 'Chloé Dubois';

/** Whom GET /employees finds for `text`, sorted (the directory's order folds ASCII only). */
const directory = async (text: string) => (await namesFound(server, peter, searching('/employees', text))).sort();

describe('a search folds letter case and accents one way on every path', () => {
  it('finds names with non-ASCII capitals in a search of three characters or more', async () => {
    expect(await directory('CHLOÉ')).toEqual([chloe]);
    expect(await directory('ÉMILE')).toEqual([emile]);
    expect(await directory('ØSTERGAARD')).toEqual([emile]);
    expect(await directory('ÇELIK')).toEqual([elise]);
    // Across the space of "first last", and a lower-case name found by its capitals.
    expect(await directory('ÉLISE ÇEL')).toEqual([elise]);
    expect(await directory('chloé')).toEqual([chloe]);
  });

  it('finds names by their first one or two non-ASCII letters, in either case', async () => {
    const accented = [elise, emile, etienne].sort();
    expect(await directory('é')).toEqual(accented);
    expect(await directory('É')).toEqual(accented);
    expect(await directory('ÉM')).toEqual([emile]);
    expect(await directory('él')).toEqual([elise]);
    expect(await directory('ø')).toEqual([emile]);
    expect(await directory('ØS')).toEqual([emile]);
    expect(await directory('Ç')).toEqual([elise]);
    expect(await directory('çe')).toEqual([elise]);
  });

  it('finds a name typed decomposed (e + combining accent) as one typed composed, and the reverse', async () => {
    // The query decomposed, the stored name composed.
    expect(await directory('E\u0301MILE')).toEqual([emile]);
    expect(await directory('e\u0301')).toEqual([elise, emile, etienne].sort());
    // The stored name decomposed, the query composed: at every length.
    expect(await directory('Étienne')).toEqual([etienne]);
    expect(await directory('LEFÈVRE')).toEqual([etienne]);
    expect(await directory('lefèv')).toEqual([etienne]);
    expect(await directory('Ét')).toEqual([etienne]);
  });

  it('folds "ß" as "ss", so "STRASSE" finds "Straße"', async () => {
    for (const text of ['STRASSE', 'strasse', 'Straße', 'STRAẞE', 'jürgen str']) expect(await directory(text), text).toEqual([jurgen]);
  });

  it('answers a one- and two-character search with the count of what it lists', async () => {
    for (const text of ['é', 'Ø', 'ÉM']) {
      const page = (await getOk(server, peter, `${searching('/employees', text)}&limit=1&offset=0`, employeesResponse)).employees;
      expect(page._meta.totalCount, text).toBe((await directory(text)).length);
    }
  });

  it('folds the act-for search (GET /me/act-as) the same way', async () => {
    const actAs = async (text: string) => (await namesFound(server, sam, searching('/me/act-as', text))).sort();
    expect(await actAs('ÉMILE')).toEqual([emile]);
    expect(await actAs('É')).toEqual([elise, emile, etienne].sort());
    expect(await actAs('øs')).toEqual([emile]);
    expect(await actAs('LEFÈVRE')).toEqual([etienne]);
  });

  it('folds catalog searches the same way: full-width letters are plain ones', async () => {
    const catalog = async (text: string) =>
      (await getOk(server, peter, `${searching('/catalog/devices', text)}&limit=100&offset=0`, catalogDevicesResponse)).devices.items.map((device) => device.id).sort();
    const pixels = await catalog('pixel');
    expect(pixels).toContain(String(demoIds.catalogDevices.pixel9Summit));
    expect(await catalog('ＰＩＸＥＬ')).toEqual(pixels);
    expect(await catalog('PIXEL')).toEqual(pixels);
  });

  it('reads full-width digits in a number search as digits', async () => {
    const number = added.emile.serviceNumbers[0];
    const digits = number.replace(/\D/g, '').slice(-7);
    const fullWidth = [...digits].map((digit) => String.fromCodePoint(0xff10 + Number(digit))).join('');
    const found = await getOk(server, sam, `${searching('/assets/services', fullWidth)}&limit=100&offset=0`, servicesResponse);
    expect(found.services.items.map((service) => service.id)).toContain(String(added.emile.serviceIds[0]));
  });
});

describe('the folded columns', () => {
  it('are required of every new employee: a writer that leaves them out is refused on either database', async () => {
    const insert = [
      `INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, status, custom_attributes, updated_at)
       VALUES (?, 'NO-FOLD', 'Ärger', 'Unfolded', 'unfolded@acme.example', 'ACTIVE', '[]', ?)`,
      demoIds.tenants.acme,
      new Date().toISOString(),
    ] as [string, ...unknown[]];
    const refused = await exec(server, insert).then(
      () => undefined,
      (error: unknown) => error,
    );
    // Drizzle wraps the driver's error; the database's own message is its cause.
    expect(String((refused as Error | undefined)?.cause)).toMatch(/first_name_folded/);
  });
});

describe('a database whose folded names the migrations wrote (ASCII only)', () => {
  it('is refolded by the server at its next start, and then finds non-ASCII names', async () => {
    const database = await scratchDatabase();
    let first: TestServer | undefined = await startTestServer({}, { databaseUrl: database.url });
    let second: TestServer | undefined;
    try {
      const desk = await signIn(first, 'sam.rivera');
      const { employeeId } = await createOrderingEmployee(first.deps.db, { now: new Date(), label: 'refold', ...foldPeople.emile });
      const pixel = String(demoIds.catalogDevices.pixel9Summit);
      const catalog = async (on: TestServer, session: Session, text: string) =>
        (await getOk(on, session, `${searching('/catalog/devices', text)}&limit=100&offset=0`, catalogDevicesResponse)).devices.items.map((device) => device.id);
      const orderer = await signIn(first, 'peter.edwards');
      expect(await namesFound(first, desk, searching('/employees', 'østergaard'))).toEqual([emile]);
      // What migration 0015 (migrations-pg 0008) leaves: SQL's lower(), which folds ASCII only.
      await exec(
        first,
        ['UPDATE employees SET first_name_folded = lower(first_name), last_name_folded = lower(last_name), email_folded = lower(email) WHERE id = ?', employeeId],
        ['UPDATE catalog_devices SET name = ?, name_folded = lower(?) WHERE id = ?', 'Ørsted Écran', 'Ørsted Écran', demoIds.catalogDevices.pixel9Summit],
        ['UPDATE search_fold SET version = 0'],
      );
      expect(await catalog(first, orderer, 'ørsted')).toEqual([]);
      expect(await namesFound(first, desk, searching('/employees', 'østergaard'))).toEqual([]);
      await first.close();
      first = undefined;
      second = await startTestServer({}, { databaseUrl: database.url });
      const again = await signIn(second, 'sam.rivera');
      for (const text of ['østergaard', 'ÉMILE ØS', 'é', 'Øs']) expect(await namesFound(second, again, searching('/employees', text)), text).toEqual([emile]);
      const ordererAgain = await signIn(second, 'peter.edwards');
      for (const text of ['ørsted', 'ØRSTED ÉC', 'écran']) expect(await catalog(second, ordererAgain, text), text).toEqual([pixel]);
    } finally {
      await first?.close();
      await second?.close();
      await database.drop();
    }
  }, 60_000);
});
