import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { employeeDetail, employeesResponse } from '../../contract/index.ts';
import { createOrderingEmployee } from '../storage/seed/factories.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { foldForSearch } from '../storage/search-fold.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { exec } from './rows.ts';
import { badFields, checkPagination, getError, getOk } from './read-api.ts';
import { signIn, type Session } from './session.ts';

let server: TestServer;
let peter: Session;
let hank: Session;
beforeAll(async () => {
  server = await startTestServer();
  peter = await signIn(server, 'peter.edwards');
  hank = await signIn(server, 'hank.scorpio', { tenant: 'GLOBEX' });
});
afterAll(async () => await server.close());

const list = (path: string, session = peter) => getOk(server, session, path, employeesResponse).then((body) => body.employees);

describe('GET /employees', () => {
  it('is the tenant-wide directory, sorted by last name by default', async () => {
    const page = await list('/employees?limit=100&offset=0');
    expect(page._meta.totalCount).toBeGreaterThanOrEqual(45);
    expect(page.items.map((employee) => employee.id)).toContain(String(demoIds.employees.frank));
    const lastNames = page.items.map((employee) => employee.lastName.toLowerCase());
    expect(lastNames).toEqual([...lastNames].sort((a, b) => a.localeCompare(b)));
    const peterItem = page.items.find((employee) => employee.id === String(demoIds.employees.peter))!;
    expect(peterItem._meta).toEqual({
      href: `${server.url}/mobproc/v1/employees/${demoIds.employees.peter}`,
      hrefDevices: expect.stringContaining(`/assets/devices?employee=${demoIds.employees.peter}`),
      hrefServices: expect.stringContaining(`/assets/services?employee=${demoIds.employees.peter}`),
    });
  });

  it('marks the service account (extension serviceAccount), so a person picker can leave it out; people carry no mark', async () => {
    const everyone = (await list('/employees?limit=100')).items;
    expect(everyone.filter((employee) => employee.serviceAccount).map((employee) => employee.id)).toEqual([String(demoIds.employees.serviceDesk)]);
    expect(everyone.find((employee) => employee.id === String(demoIds.employees.peter))).not.toHaveProperty('serviceAccount');
  });

  it('pages with links at the first, a middle and the last page', async () => {
    await checkPagination(server, peter, '/employees', 7, (body) => employeesResponse.parse(body).employees);
  });

  it('search matches first, last or full name and e-mail, case-insensitively', async () => {
    for (const term of ['CASTLE', 'frank c', 'frank.castle@']) {
      const found = await list(`/employees?search=${encodeURIComponent(term)}`);
      expect(found.items.map((employee) => employee.id), term).toEqual([String(demoIds.employees.frank)]);
    }
    expect((await list('/employees?search=zzzz-nobody'))._meta.totalCount).toBe(0);
  });

  it('reads a search as a person means it: blanks at the ends and doubled inside, accents typed as a separate mark', async () => {
    for (const term of ['  frank castle ', 'frank   castle', ' CASTLE']) {
      const found = await list(`/employees?search=${encodeURIComponent(term)}`);
      expect(found.items.map((employee) => employee.id), JSON.stringify(term)).toEqual([String(demoIds.employees.frank)]);
    }
    const composed = await list(`/employees?search=${encodeURIComponent('Chlo\u00e9')}`);
    expect(composed._meta.totalCount).toBeGreaterThan(0);
    const decomposed = await list(`/employees?search=${encodeURIComponent('Chloe\u0301')}`);
    expect(decomposed.items.map((employee) => employee.id)).toEqual(composed.items.map((employee) => employee.id));
  });

  it('finds one or two characters as the start of a first name, last name or e-mail, in any case', async () => {
    const everyone = (await list('/employees?limit=100')).items;
    for (const term of ['c', 'Ca', 'fR']) {
      const found = await list(`/employees?search=${encodeURIComponent(term)}&limit=100`);
      const starts = (text: string) => text.toLowerCase().startsWith(term.toLowerCase());
      const expected = everyone.filter((employee) => starts(employee.firstName) || starts(employee.lastName) || starts(employee.email));
      expect(expected.length, term).toBeGreaterThan(0);
      expect(found.items.map((employee) => employee.id).sort(), term).toEqual(expected.map((employee) => employee.id).sort());
    }
  });

  it('takes search text literally: quotes, wildcards and query words match only themselves', async () => {
    for (const term of ['"frank', 'cas*', 'frank OR peter', 'a%b', 'NEAR(', '__']) {
      const found = await list(`/employees?search=${encodeURIComponent(term)}`);
      expect(found._meta.totalCount, term).toBe(0);
    }
  });

  it('finds people added or renamed after the search index was built', async () => {
    const created = await createOrderingEmployee(server.deps.db, { now: new Date(), label: 'search index' });
    const byName = await list(`/employees?search=${encodeURIComponent(`Fixture ${created.employeeId}`)}`);
    expect(byName.items.map((employee) => employee.id)).toEqual([String(created.employeeId)]);
    // A writer of a name writes its folded form beside it (storage/search-fold.ts).
    const renamed = `Renamed${created.employeeId}`;
    await exec(server, ['UPDATE employees SET last_name = ?, last_name_folded = ? WHERE id = ?', renamed, foldForSearch(renamed), created.employeeId]);
    expect((await list(`/employees?search=${encodeURIComponent(`Fixture ${created.employeeId}`)}`))._meta.totalCount).toBe(0);
    const found = await list(`/employees?search=${encodeURIComponent(`renamed${created.employeeId}`)}`);
    expect(found.items.map((employee) => employee.id)).toEqual([String(created.employeeId)]);
  });

  it('filters by department, employee, companyEmployeeId and dateTimeUpdatedOnOrAfter', async () => {
    const sales = await list(`/employees?department=${demoIds.departments.sales}&limit=100`);
    expect(sales.items.length).toBeGreaterThan(3);
    expect(sales.items.every((employee) => employee.department?.name === 'Sales')).toBe(true);
    const one = await list(`/employees?employee=${demoIds.employees.barbara}`);
    expect(one.items.map((employee) => employee.id)).toEqual([String(demoIds.employees.barbara)]);
    const byCompanyId = await list(`/employees?companyEmployeeId=${one.items[0]!.companyEmployeeId}`);
    expect(byCompanyId.items.map((employee) => employee.id)).toEqual([String(demoIds.employees.barbara)]);
    const everyone = await list('/employees?limit=100');
    const updates = everyone.items.map((employee) => employee.updated).sort();
    const cut = updates[Math.floor(updates.length / 2)]!;
    const recent = await list(`/employees?limit=100&dateTimeUpdatedOnOrAfter=${encodeURIComponent(cut)}`);
    expect(recent._meta.totalCount).toBe(updates.filter((updated) => updated >= cut).length);
    expect(recent.items.every((employee) => employee.updated >= cut)).toBe(true);
  });

  it('sorts by UPDATED_DATE, newest first unless told otherwise', async () => {
    const newest = (await list('/employees?sort=UPDATED_DATE&limit=100')).items.map((employee) => employee.updated);
    expect(newest).toEqual([...newest].sort().reverse());
    const oldest = (await list('/employees?sort=UPDATED_DATE&sortAscending=TRUE&limit=100')).items.map((employee) => employee.updated);
    expect(oldest).toEqual([...oldest].sort());
    const nameDescending = (await list('/employees?sortAscending=false&limit=100')).items.map((employee) => employee.lastName.toLowerCase());
    expect(nameDescending).toEqual([...nameDescending].sort((a, b) => b.localeCompare(a)));
  });

  it('400 names each bad query parameter, and ignores unknown ones', async () => {
    expect(await badFields(server, peter, '/employees?limit=0&offset=-1&sort=SALARY&sortAscending=maybe&dateTimeUpdatedOnOrAfter=yesterday')).toEqual(
      expect.arrayContaining(['query.limit', 'query.offset', 'query.sort', 'query.sortAscending', 'query.dateTimeUpdatedOnOrAfter']),
    );
    expect(await badFields(server, peter, '/employees?limit=101')).toEqual(['query.limit']);
    expect(await badFields(server, peter, '/employees?limit=2.5')).toEqual(['query.limit']);
    expect((await list('/employees?favouriteColour=blue&limit=1')).items).toHaveLength(1);
  });

  it('never crosses tenants', async () => {
    const globex = await list('/employees?limit=100', hank);
    expect(globex.items.map((employee) => employee.id)).toContain(String(demoIds.employees.hank));
    expect(globex.items.map((employee) => employee.id)).not.toContain(String(demoIds.employees.peter));
    expect((await list(`/employees?employee=${demoIds.employees.hank}`))._meta.totalCount).toBe(0);
  });
});

describe('GET /employees/{id}', () => {
  it('adds manager and custom attributes', async () => {
    const detail = await getOk(server, peter, `/employees/${demoIds.employees.peter}`, employeeDetail);
    expect(detail.manager).toMatchObject({ id: String(demoIds.employees.barbara), firstName: 'Barbara' });
    expect(Array.isArray(detail.customAttributes)).toBe(true);
    const ceo = await getOk(server, peter, `/employees/${demoIds.employees.ceo}`, employeeDetail);
    expect(ceo.manager).toBeNull();
  });

  it('adds the work address (extension) in the components of the person\'s country', async () => {
    const detail = await getOk(server, peter, `/employees/${demoIds.employees.peter}`, employeeDetail);
    expect(detail.workAddress?.regionId).toBe(String(demoIds.regions.unitedStates));
    const components = new Map(detail.workAddress!.address.map((line) => [line.id, line.value]));
    expect(components.get('STATE')).toMatch(/^[A-Z]{2}$/);
    expect(components.get('POSTAL_CODE')).toMatch(/^\d{5}$/);
    expect(components.get('LINE_1')).toBeTruthy();
  });

  it('404 for an unknown id and for an id of another tenant', async () => {
    await getError(server, peter, '/employees/424242', 404);
    await getError(server, peter, `/employees/${demoIds.employees.hank}`, 404);
    await getError(server, hank, `/employees/${demoIds.employees.peter}`, 404);
  });
});
