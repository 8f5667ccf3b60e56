import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employeesResponse, meResponse, pingResponse } from '../../contract/index.ts';
import { searchActAs } from '../domain/actor.ts';
import { findEmployee } from '../domain/employees.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { badFields, checkPagination, getOk } from './read-api.ts';
import { apiGet, signIn, type Session } from './session.ts';

const ids = demoIds.employees;
let server: TestServer;
let peter: Session;
let barbara: Session;
let alice: Session;
let serviceAccount: Session;
let cto: Session;
let sam: Session;
let hank: Session;
beforeAll(async () => {
  server = await startTestServer();
  [peter, barbara, alice, serviceAccount, cto, sam, hank] = await Promise.all([
    signIn(server, 'peter.edwards'),
    signIn(server, 'barbara.andrews'),
    signIn(server, 'alice.nguyen'),
    signIn(server, 'svc.servicedesk'),
    signIn(server, 'daniel.okafor'),
    signIn(server, 'sam.rivera'),
    signIn(server, 'hank.scorpio', { tenant: 'GLOBEX' }),
  ]);
});
afterAll(async () => await server.close());

const page = (session: Session, path: string, headers: Record<string, string> = {}) => getOk(server, session, path, employeesResponse, headers).then((body) => body.employees);

/** Every page of `/me/act-as` with this search, followed by `hrefNext`, as IDs in the order given. */
async function everyone(session: Session, search?: string, headers: Record<string, string> = {}): Promise<string[]> {
  const found: string[] = [];
  let path: string | undefined = `/me/act-as?limit=7&offset=0${search === undefined ? '' : `&search=${encodeURIComponent(search)}`}`;
  let total: number | undefined;
  while (path) {
    const current = await page(session, path, headers);
    total ??= current._meta.totalCount;
    expect(current._meta.totalCount).toBe(total);
    found.push(...current.items.map((item) => item.id));
    path = current._meta.hrefNext?.slice(`${server.url}/mobproc/v1`.length);
  }
  expect(found).toHaveLength(total!);
  return found;
}

/** What `/me` lists in `actAs` for a client that knows only the act-as extension. */
const fullList = async (session: Session) => (await getOk(server, session, '/me', meResponse.required({ actAs: true }))).actAs.map((item) => item.id);

/** The tenant directory's answer to a search, every match, as IDs by name. */
const directory = async (session: Session, search: string) => (await page(session, `/employees?limit=100&offset=0&search=${encodeURIComponent(search)}`)).items.map((item) => item.id);

describe('GET /me/act-as (extension act-as-search)', () => {
  it('is announced in /ping', async () => {
    const ping = pingResponse.parse(await (await fetch(`${server.url}/mobproc/v1/ping`)).json());
    expect(ping.extensions).toContain('act-as-search');
  });

  it('pages through exactly whom /me lists, in the same order, for the desk, a service account, managers, a delegate and another tenant', async () => {
    for (const session of [sam, serviceAccount, cto, barbara, alice, hank, peter]) {
      expect(await everyone(session)).toEqual(await fullList(session));
    }
  });

  it('a manager finds only the people below them at any depth, and a delegate only whoever named them', async () => {
    const ctoPeople = await everyone(cto);
    // Peter reports to Barbara, who reports to the CTO: two levels down.
    expect(ctoPeople).toEqual(expect.arrayContaining([String(ids.barbara), String(ids.peter), String(ids.kevin)]));
    for (const outsider of [ids.frank, ids.salesDirector, ids.ceo, ids.cto, ids.hank]) expect(ctoPeople).not.toContain(String(outsider));
    expect(await everyone(alice)).toEqual([String(ids.barbara)]);
    expect(await everyone(alice, 'pet')).toEqual([]);
    expect(await everyone(peter)).toEqual([]);
  });

  it('the service desk finds the whole tenant but itself and service accounts, never another tenant', async () => {
    const samPeople = await everyone(sam);
    expect(samPeople.length).toBeGreaterThanOrEqual(45);
    expect(samPeople).toEqual(expect.arrayContaining([String(ids.frank), String(ids.ceo), String(ids.peter)]));
    expect(samPeople).not.toContain(String(ids.samRivera));
    expect(samPeople).not.toContain(String(ids.serviceDesk));
    expect(samPeople).not.toContain(String(ids.hank));
    expect(samPeople).not.toContain(String(ids.globexEngineer));
    expect(await everyone(serviceAccount)).not.toContain(String(ids.serviceDesk));
    const hankPeople = await everyone(hank);
    expect(hankPeople).not.toContain(String(ids.peter));
    expect(await everyone(hank, 'Peter')).toEqual([]);
  });

  it('searches as /employees does — long and short texts, any case — within whom the user may act for', async () => {
    for (const session of [sam, cto, barbara]) {
      const allowed = new Set(await fullList(session));
      for (const search of ['an', 'a', 'AN', 'son', 'ANDR', 'edwards', 'Peter Ed', 'zzzz']) {
        const expected = (await directory(session, search)).filter((id) => allowed.has(id));
        expect(await everyone(session, search), `${search}`).toEqual(expected);
      }
    }
    // One character matches the start of a name or email, not any letter inside it.
    const byA = (await page(sam, '/me/act-as?search=a&limit=100&offset=0')).items;
    expect(byA.length).toBeGreaterThan(0);
    for (const person of byA) expect([person.firstName, person.lastName, person.email].some((text) => text.toLowerCase().startsWith('a'))).toBe(true);
  });

  it('answers with the person’s department, so two people of one name can be told apart', async () => {
    const [first] = (await page(sam, '/me/act-as?search=Peter%20Edwards&limit=10&offset=0')).items;
    expect(first).toMatchObject({ id: String(ids.peter), email: expect.stringContaining('@'), department: { name: 'Development' } });
  });

  it('lists the signed-in user’s people also while acting for someone else', async () => {
    expect(await everyone(barbara, undefined, { 'X-TNGO-CONTEXT-EMPLOYEEID': String(ids.peter) })).toEqual(await everyone(barbara));
  });

  it('links its pages as every collection does', async () => {
    await checkPagination(server, sam, '/me/act-as', 10, (body) => employeesResponse.parse(body).employees);
  });

  it('refuses bad paging and search with a 400 naming the parameter', async () => {
    expect(await badFields(server, sam, '/me/act-as?limit=0')).toEqual(['query.limit']);
    expect(await badFields(server, sam, '/me/act-as?limit=101')).toEqual(['query.limit']);
    expect(await badFields(server, sam, '/me/act-as?offset=-1')).toEqual(['query.offset']);
    expect(await badFields(server, sam, `/me/act-as?search=${'x'.repeat(101)}`)).toEqual(['query.search']);
    expect(await badFields(server, sam, '/me/act-as?search=%FF')).toEqual(['query.search']);
  });

  it('walks up from each match instead of listing the IDs below a large subtree, with the same answer', async () => {
    const { db } = server.deps;
    for (const id of [ids.cto, ids.barbara, ids.ceo]) {
      const person = (await findEmployee(db, demoIds.tenants.acme, id))!;
      for (const search of [undefined, 'a', 'an', 'son', 'Peter Ed']) {
        for (const [limit, offset] of [[100, 0], [3, 2]] as const) {
          const listed = await searchActAs(db, person, { search, limit, offset });
          const walked = await searchActAs(db, person, { search, limit, offset }, 0);
          expect(walked.total, `${id} ${search}`).toBe(listed.total);
          expect(walked.rows.map((row) => row.id)).toEqual(listed.rows.map((row) => row.id));
        }
      }
      expect((await searchActAs(db, person, { limit: 100, offset: 0 })).total).toBeGreaterThan(0);
    }
  });
});

describe('GET /me?includeActAs=false (extension act-as-search)', () => {
  it('leaves the list out, says whether there is anyone to act for, and stays small for the service desk', async () => {
    const withList = await apiGet(server, sam, '/me');
    const without = await apiGet(server, sam, '/me?includeActAs=false');
    expect(without.status).toBe(200);
    const body = meResponse.parse(without.body);
    expect(body).not.toHaveProperty('actAs');
    expect(body.canActForOthers).toBe(true);
    // The desk's own details and nothing per person: the same few kilobytes at 50 or 100,000 people.
    const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));
    expect(bytes(without.body)).toBeLessThan(3_000);
    const listed = meResponse.parse(withList.body).actAs ?? [];
    expect(listed.length).toBeGreaterThanOrEqual(45);
    expect(bytes(withList.body) - bytes(without.body)).toBeGreaterThan(150 * listed.length);
    expect((await apiGet(server, sam, '/me?includeActAs=TRUE')).body).toHaveProperty('actAs');
  });

  it('canActForOthers says whether /me/act-as lists anyone, with or without the list', async () => {
    for (const [name, session, expected] of [['sam', sam, true], ['service account', serviceAccount, true], ['cto', cto, true], ['barbara', barbara, true], ['alice', alice, true], ['peter', peter, false]] as const) {
      for (const path of ['/me', '/me?includeActAs=false']) {
        expect((await getOk(server, session, path, meResponse)).canActForOthers, `${name} ${path}`).toBe(expected);
      }
      expect((await page(session, '/me/act-as?limit=1&offset=0'))._meta.totalCount > 0).toBe(expected);
    }
  });

  it('refuses a value that is not a boolean, naming it', async () => {
    expect(await badFields(server, sam, '/me?includeActAs=no')).toEqual(['query.includeActAs']);
  });
});
