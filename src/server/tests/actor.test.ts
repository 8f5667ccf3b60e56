import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { meResponse, transactionTypes, transactionType } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { getError, getOk } from './read-api.ts';
import { signIn, type Session } from './session.ts';

const ids = demoIds.employees;
let server: TestServer;
let peter: Session;
let barbara: Session;
let alice: Session;
let serviceDesk: Session;
let cto: Session;
beforeAll(async () => {
  server = await startTestServer();
  [peter, barbara, alice, serviceDesk, cto] = await Promise.all(
    [signIn(server, 'peter.edwards'), signIn(server, 'barbara.andrews'), signIn(server, 'alice.nguyen'), signIn(server, 'svc.servicedesk'), signIn(server, 'daniel.okafor')],
  );
});
afterAll(async () => await server.close());

const asEmployee = (employeeId: number) => ({ 'X-TNGO-CONTEXT-EMPLOYEEID': String(employeeId) });
// A client that does not ask otherwise (one that knows only `act-as`) always gets the whole list.
const meWithList = meResponse.required({ actAs: true });
const me = async (session: Session, headers: Record<string, string> = {}) => await getOk(server, session, '/me', meWithList, headers);

describe('GET /me', () => {
  it("tells Peter who he is, what he may order, and why XFER_SERVICE_OUT is not among it", async () => {
    const body = await me(peter);
    expect(body.authenticatedUser).toMatchObject({ id: String(ids.peter), firstName: 'Peter', department: { name: 'Development' } });
    expect(body.authenticatedUser.manager?.id).toBe(String(ids.barbara));
    expect(body.actor.id).toBe(String(ids.peter));
    expect(body.transactionTypes).not.toContain(transactionType.enum.XFER_SERVICE_OUT);
    expect(body.transactionTypes).toContain(transactionType.enum.NEW_ACTIVATION);
    expect(body.transactionTypeRestrictions).toEqual([{ transactionType: transactionType.enum.XFER_SERVICE_OUT, reason: expect.stringMatching(/\w{10,}/) }]);
    expect(body.transactionTypes.length + body.transactionTypeRestrictions.length).toBe(transactionTypes.length);
    expect(body).toMatchObject({ isApprover: false, canMoveService: false, actAs: [] });
    expect(body.authenticatedUser._meta.href).toBe(`${server.url}/mobproc/v1/employees/${ids.peter}`);
  });

  it('lists the people a manager may act for, transitively, and no one else', async () => {
    const barbaraMe = await me(barbara);
    expect(barbaraMe).toMatchObject({ isApprover: true, canMoveService: true });
    const reports = barbaraMe.actAs.map((employee) => employee.id);
    expect(reports).toContain(String(ids.peter));
    expect(reports).not.toContain(String(ids.frank));
    expect(reports).not.toContain(String(ids.barbara));
    const ctoReports = (await me(cto)).actAs.map((employee) => employee.id);
    expect(ctoReports).toEqual(expect.arrayContaining([String(ids.barbara), String(ids.peter)]));
    expect(ctoReports).not.toContain(String(ids.frank));
  });

  it('lists the principal for a delegate, and the whole tenant for the service account', async () => {
    expect((await me(alice)).actAs.map((employee) => employee.id)).toEqual([String(ids.barbara)]);
    const everyone = (await me(serviceDesk)).actAs;
    expect(everyone.length).toBeGreaterThanOrEqual(45);
    expect(everyone.map((employee) => employee.id)).toContain(String(ids.frank));
    expect(everyone.map((employee) => employee.id)).not.toContain(String(ids.hank));
  });
});

describe('acting for someone else', () => {
  it('sam.rivera, a service-desk person signed in through the web client, acts for anyone in ACME and sees every line', async () => {
    const sam = await signIn(server, 'sam.rivera');
    expect(sam.clientId).toBe('mobproc-web');
    const own = await me(sam);
    expect(own).toMatchObject({ isApprover: false, canMoveService: true });
    const everyone = own.actAs.map((employee) => employee.id);
    expect(everyone.length).toBeGreaterThanOrEqual(45);
    expect(everyone).toEqual(expect.arrayContaining([String(ids.frank), String(ids.peter), String(ids.ceo)]));
    expect(everyone).not.toContain(String(ids.hank));
    expect((await me(sam, asEmployee(ids.frank))).actor.id).toBe(String(ids.frank));
    const lines = (await getOk(server, sam, '/assets/services?limit=1&offset=0', z.object({ services: z.object({ _meta: z.object({ totalCount: z.number() }) }) }))).services._meta.totalCount;
    const deskLines = (await getOk(server, serviceDesk, '/assets/services?limit=1&offset=0', z.object({ services: z.object({ _meta: z.object({ totalCount: z.number() }) }) }))).services._meta.totalCount;
    expect(lines).toBe(deskLines);
    // On someone else's line, sam is offered what its owner may order (he orders acting for them).
    const services = z.object({ services: z.object({ items: z.array(z.object({ status: z.string(), orderActions: z.array(z.string()).optional() })) }) });
    const franksLines = (await getOk(server, sam, `/assets/services?employee=${ids.frank}&limit=10&offset=0`, services)).services.items;
    const active = franksLines.filter((line) => line.status === 'ACTIVE');
    expect(active.length).toBeGreaterThan(0);
    for (const line of active) expect(line.orderActions).toContain(transactionType.enum.SUSPEND);
  });

  it('the service account may act for anyone in its tenant, by id or by companyEmployeeId', async () => {
    const asFrank = await me(serviceDesk, asEmployee(ids.frank));
    expect(asFrank.actor.id).toBe(String(ids.frank));
    expect(asFrank.authenticatedUser.id).toBe(String(ids.serviceDesk));
    const byCompanyId = await me(serviceDesk, { 'X-TNGO-CONTEXT-COMPANYEMPLOYEEID': asFrank.actor.companyEmployeeId });
    expect(byCompanyId.actor.id).toBe(String(ids.frank));
  });

  it('a manager may act for a direct and an indirect report; the actor’s permissions apply', async () => {
    const direct = await me(barbara, asEmployee(ids.peter));
    expect(direct.actor.id).toBe(String(ids.peter));
    expect(direct.transactionTypes).not.toContain(transactionType.enum.XFER_SERVICE_OUT);
    expect(direct.isApprover).toBe(false);
    // canMoveService stays the signed-in user's.
    expect(direct.canMoveService).toBe(true);
    expect((await me(cto, asEmployee(ids.peter))).actor.id).toBe(String(ids.peter));
  });

  it('a delegate may act for whoever named them, and then decides as them', async () => {
    const asBarbara = await me(alice, asEmployee(ids.barbara));
    expect(asBarbara.actor.id).toBe(String(ids.barbara));
    expect(asBarbara.isApprover).toBe(true);
    expect(asBarbara.canMoveService).toBe(false);
  });

  it.each([
    ['a delegate for the principal’s reports', () => alice, ids.peter],
    ['a delegate for a stranger', () => alice, ids.frank],
    ['an employee for their manager', () => peter, ids.barbara],
    ['an employee for a colleague', () => peter, ids.frank],
    ['a manager for someone outside their team', () => barbara, ids.frank],
    ['anyone for an employee of another tenant', () => serviceDesk, ids.hank],
    ['anyone for an unknown id', () => serviceDesk, 999999],
  ])('is refused with 403 for %s', async (_label, session, target) => {
    const body = await getError(server, session(), '/me', 403, asEmployee(target));
    expect(body.errors[0]!.field).toBe('header.X-TNGO-CONTEXT-EMPLOYEEID');
  });

  it('refuses an unknown companyEmployeeId and lets the employee-id header win over it', async () => {
    const body = await getError(server, barbara, '/me', 403, { 'X-TNGO-CONTEXT-COMPANYEMPLOYEEID': 'NO-SUCH-PERSON' });
    expect(body.errors[0]!.field).toBe('header.X-TNGO-CONTEXT-COMPANYEMPLOYEEID');
    const both = await me(barbara, { ...asEmployee(ids.peter), 'X-TNGO-CONTEXT-COMPANYEMPLOYEEID': 'NO-SUCH-PERSON' });
    expect(both.actor.id).toBe(String(ids.peter));
  });

  it('GLOBEX’s user lives in GLOBEX only: no ACME actor, no ACME people in actAs', async () => {
    const hank = await signIn(server, 'hank.scorpio', { tenant: 'GLOBEX' });
    const hankMe = await me(hank);
    expect(hankMe.authenticatedUser.id).toBe(String(ids.hank));
    expect(hankMe.actAs.map((employee) => employee.id)).not.toContain(String(ids.peter));
    await getError(server, hank, '/me', 403, asEmployee(ids.peter));
    await getError(server, hank, '/me', 403, { 'X-TNGO-CONTEXT-COMPANYEMPLOYEEID': (await me(peter)).authenticatedUser.companyEmployeeId });
  });

  it('acting for oneself is always allowed', async () => {
    expect((await me(peter, asEmployee(ids.peter))).actor.id).toBe(String(ids.peter));
  });
});
