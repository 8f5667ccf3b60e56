/**
 * Searches as a newcomer broke them (decision 19): each case here failed before its fix. The file
 * runs in both vitest projects, so every answer is checked on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogDevicesResponse, employeesResponse } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { createOrderingEmployee } from '../storage/seed/factories.ts';
import { scratchDatabase, startTestServer, type TestServer } from './harness.ts';
import { exec } from './rows.ts';
import { getOk } from './read-api.ts';
import { namesFound, searching } from './search-fold-fixtures.ts';
import { signIn, type Session } from './session.ts';

let server: TestServer;
let peter: Session;
let sam: Session;

/** A Turkish name: a dotted capital İ, a dotless ı, and no letter of them in the demo's names but i. */
const ismail = { firstName: 'İsmail', lastName: 'Işık' };

beforeAll(async () => {
  server = await startTestServer();
  [peter, sam] = await Promise.all([signIn(server, 'peter.edwards'), signIn(server, 'sam.rivera')]);
  await createOrderingEmployee(server.deps.db, { now: new Date(), label: 'turkish', ...ismail });
}, 60_000);
afterAll(async () => await server?.close());

describe('a short search with another filter', () => {
  it('answers a one- or two-character search of one department with its people and their count', async () => {
    const finance = `department=${demoIds.departments.finance}`;
    const inFinance = new Set(await namesFound(server, peter, `/employees?${finance}`));
    for (const text of ['r', 'RO', 'm', 'é']) {
      // What the whole directory's short search finds, narrowed to Finance by hand.
      const expected = (await namesFound(server, peter, searching('/employees', text))).filter((name) => inFinance.has(name));
      const found = await namesFound(server, peter, `${searching('/employees', text)}&${finance}`);
      expect(found, text).toEqual(expected);
      const first = (await getOk(server, peter, `${searching('/employees', text)}&${finance}&limit=1&offset=0`, employeesResponse)).employees;
      expect(first._meta.totalCount, text).toBe(expected.length);
    }
    expect(await namesFound(server, peter, `${searching('/employees', 'ro')}&${finance}`)).toEqual(['Robert Chen']);
  });

  it('answers a short search narrowed to one employee or sorted by update time', async () => {
    const robert = await namesFound(server, peter, `${searching('/employees', 'ch')}&employee=1032`);
    expect(robert).toEqual(['Robert Chen']);
    expect(await namesFound(server, peter, `${searching('/employees', 'ch')}&companyEmployeeId=E10032`)).toEqual(['Robert Chen']);
    const byUpdate = await namesFound(server, peter, `${searching('/employees', 'ch')}&sort=UPDATED_DATE&dateTimeUpdatedOnOrAfter=2000-01-01`);
    expect(byUpdate.sort()).toEqual((await namesFound(server, peter, searching('/employees', 'ch'))).sort());
  });
});

describe('the dotted and the dotless i', () => {
  // Turkish writes İ/i and I/ı; everyone else types I/i. The search is locale-free, so all four are one letter.
  it('finds "İsmail Işık" typed in any case, with or without the dots, at every length', async () => {
    for (const text of ['ismail', 'ISMAIL', 'İSMAİL', 'İsmail', 'ismail işık', 'IŞIK', 'ışık', 'İs', 'is', 'Iş', 'ış', 'İ']) {
      expect(await namesFound(server, peter, searching('/employees', text)), text).toContain('İsmail Işık');
      expect(await namesFound(server, sam, searching('/me/act-as', text)), text).toContain('İsmail Işık');
    }
    // Two letters typed are a two-letter prefix, whatever their dots: "İs" finds Isabelle as "is" does.
    expect(await namesFound(server, peter, searching('/employees', 'İs'))).toEqual(await namesFound(server, peter, searching('/employees', 'is')));
  });

  it('refolds a name stored with the earlier fold (i + U+0307 for İ) at the next start', async () => {
    const database = await scratchDatabase();
    let first: TestServer | undefined = await startTestServer({}, { databaseUrl: database.url });
    let second: TestServer | undefined;
    try {
      const { employeeId } = await createOrderingEmployee(first.deps.db, { now: new Date(), label: 'refold turkish', ...ismail });
      // What fold version 1 stored for "İsmail": a dotted i, two code points.
      await exec(first, ['UPDATE employees SET first_name_folded = ? WHERE id = ?', 'i\u0307smail', employeeId], ['UPDATE search_fold SET version = 1']);
      await first.close();
      first = undefined;
      second = await startTestServer({}, { databaseUrl: database.url });
      const desk = await signIn(second, 'sam.rivera');
      for (const text of ['ismail', 'İSMAİL', 'is']) expect(await namesFound(second, desk, searching('/employees', text)), text).toContain('İsmail Işık');
    } finally {
      await first?.close();
      await second?.close();
      await database.drop();
    }
  }, 60_000);
});

describe('a name changed in SQL without its folded form', () => {
  // No API renames anyone; an HR sync or an administrator does, with UPDATE employees SET last_name = ….
  it('is found by the new name at once when it is ASCII, and by any case of a non-ASCII one soon after', async () => {
    const person = await createOrderingEmployee(server.deps.db, { now: new Date(), label: 'renamed in sql' });
    const renamed = `Quillfeather${person.employeeId}`;
    await exec(server, ['UPDATE employees SET last_name = ? WHERE id = ?', renamed, person.employeeId]);
    expect(await namesFound(server, peter, searching('/employees', renamed.toLowerCase()))).toEqual([`Taylor ${renamed}`]);
    expect(await namesFound(server, sam, searching('/me/act-as', renamed.toUpperCase()))).toEqual([`Taylor ${renamed}`]);
    expect(await namesFound(server, peter, searching('/employees', `Fixture ${person.employeeId}`))).toEqual([]);
    // Non-ASCII: the server refolds it with the search fold shortly after, at every length.
    await exec(server, ['UPDATE employees SET first_name = ?, last_name = ? WHERE id = ?', 'Ævar', `Ødegård${person.employeeId}`, person.employeeId]);
    const name = `Ævar Ødegård${person.employeeId}`;
    await expect.poll(async () => await namesFound(server, peter, searching('/employees', `ØDEGÅRD${person.employeeId}`)), { timeout: 10_000 }).toEqual([name]);
    for (const text of ['ævar ødeg', 'Æ', 'æv', 'øD']) expect(await namesFound(server, sam, searching('/me/act-as', text)), text).toContain(name);
    const short = (await getOk(server, peter, `${searching('/employees', 'Ø')}&limit=1&offset=0`, employeesResponse)).employees;
    expect(short._meta.totalCount).toBe((await namesFound(server, peter, searching('/employees', 'ø'))).length);
    expect(await namesFound(server, peter, searching('/employees', renamed))).toEqual([]);
  }, 30_000);

  it('is found by a catalog item’s new name', async () => {
    const device = demoIds.catalogDevices.pixel9Summit;
    await exec(server, ['UPDATE catalog_devices SET name = ? WHERE id = ?', 'Zephyrphone Über', device]);
    const found = async (text: string) =>
      (await getOk(server, peter, `${searching('/catalog/devices', text)}&limit=100&offset=0`, catalogDevicesResponse)).devices.items.map((item) => item.id);
    expect(await found('zephyrphone')).toEqual([String(device)]);
    await expect.poll(async () => await found('ÜBER'), { timeout: 10_000 }).toEqual([String(device)]);
  }, 30_000);
});

describe('the length of a search', () => {
  // Counted in characters as a person sees them: sixty accented letters typed decomposed (e + ◌́)
  // were 120 code points as sent, and refused though a person typed sixty.
  const accented = (count: number) => 'e\u0301'.repeat(count);
  it('counts characters once composed, an emoji as one, and refuses the 101st with the field named', async () => {
    for (const [text, ok] of [
      [accented(60), true],
      [accented(100), true],
      ['😀'.repeat(100), true],
      // A family is one emoji of five code points (three people joined by two ZWJs).
      ['👨\u200d👩\u200d👧'.repeat(100), true],
      ['x'.repeat(100), true],
      [accented(101), false],
      ['😀'.repeat(101), false],
      ['👨\u200d👩\u200d👧'.repeat(101), false],
      ['x'.repeat(101), false],
    ] as const) {
      for (const path of ['/employees', '/me/act-as', '/assets/services', '/catalog/devices']) {
        const response = await fetch(`${server.url}/mobproc/v1${searching(path, text)}`, { headers: sam.headers() });
        const label = `${path} ${text.length} UTF-16 units`;
        if (ok) {
          expect(response.status, label).toBe(200);
        } else {
          expect(response.status, label).toBe(400);
          expect(await response.json(), label).toMatchObject({ errors: [{ field: 'query.search', message: 'Search must be 100 characters or fewer.' }] });
        }
      }
    }
  });
});
