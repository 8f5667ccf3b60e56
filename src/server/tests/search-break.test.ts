/**
 * Searches as a newcomer broke them (decision 19): each case here failed before its fix. The file
 * runs in both vitest projects, so every answer is checked on SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employeesResponse } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { getOk } from './read-api.ts';
import { namesFound, searching } from './search-fold-fixtures.ts';
import { signIn, type Session } from './session.ts';

let server: TestServer;
let peter: Session;

beforeAll(async () => {
  server = await startTestServer();
  peter = await signIn(server, 'peter.edwards');
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
