import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acknowledgementsResponse, employeeDetail, orderPropertiesResponse, transactionTypes, vendorsResponse, type OrderPropertyField, transactionType } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { badFields, getOk } from './read-api.ts';
import { signIn, type Session } from './session.ts';

const { services, vendors, employees } = demoIds;
let server: TestServer;
let peter: Session;
let barbara: Session;
let hank: Session;
beforeAll(async () => {
  server = await startTestServer();
  [peter, barbara] = await Promise.all([signIn(server, 'peter.edwards'), signIn(server, 'barbara.andrews')]);
  hank = await signIn(server, 'hank.scorpio', { tenant: 'GLOBEX' });
});
afterAll(async () => await server.close());

async function fields(path: string, session = peter, headers: Record<string, string> = {}) {
  const { properties } = await getOk(server, session, path, orderPropertiesResponse, headers);
  expect(properties._meta.totalCount).toBe(properties.items.length);
  return new Map<string, OrderPropertyField>(properties.items.flatMap((group) => group.fields.map((field) => [field.id, field] as const)));
}

describe('GET /orders/properties', () => {
  it('groups the carrier’s fields and pre-fills the actor’s contact number', async () => {
    const { properties } = await getOk(server, peter, `/orders/properties?transactionType=SUSPEND&service=${services.peterPrimary}`, orderPropertiesResponse);
    expect(properties.items.map((group) => group.groupId)).toEqual(['ORDER_DETAILS', 'CONTACT_DETAILS']);
    expect(properties._meta.href).toBe(`${server.url}/mobproc/v1/orders/properties?transactionType=SUSPEND&service=${services.peterPrimary}`);
    const byId = new Map(properties.items.flatMap((group) => group.fields.map((field) => [field.id, field] as const)));
    const me = await getOk(server, peter, `/employees/${employees.peter}`, employeeDetail);
    expect(byId.get('CONTACT_NUMBER')).toMatchObject({ type: 'TEXT', validation: 'REQUIRED', text: me.officePhone });
    expect(byId.get('PREFERRED_SUSPENSION_DATE')).toMatchObject({ type: 'DATE', pattern: 'mm/dd/yyyy' });
    const reason = byId.get('Reason')!;
    expect(reason.choices!.filter((choice) => choice.isOther)).toHaveLength(1);
    expect(byId.get('HOLD_SERVICE')?.choice?.id).toBe('HOLD');
  });

  it('pre-fills USER with the actor’s companyEmployeeId, also when acting for them', async () => {
    const peterDetail = await getOk(server, peter, `/employees/${employees.peter}`, employeeDetail);
    const own = await fields(`/orders/properties?transactionType=UNSUSPEND&service=${services.peterSuspended}`);
    expect(own.get('USER')?.text).toBe(peterDetail.companyEmployeeId);
    const forPeter = await fields(`/orders/properties?transactionType=UNSUSPEND&service=${services.peterSuspended}`, barbara, {
      'X-TNGO-CONTEXT-EMPLOYEEID': String(employees.peter),
    });
    expect(forPeter.get('USER')?.text).toBe(peterDetail.companyEmployeeId);
  });

  it('leaves the personal number of a transfer-in blank: the server cannot know it', async () => {
    const transferIn = await fields(`/orders/properties?transactionType=XFER_SERVICE_IN&vendor=${vendors.summit}`);
    expect(transferIn.get('SERVICE_NUMBER')).toMatchObject({ validation: 'REQUIRED' });
    expect(transferIn.get('SERVICE_NUMBER')?.text).toBeUndefined();
  });

  it('orderExcludesDevice and orderExcludesPlan drop the fields that only apply with them', async () => {
    const path = `/orders/properties?transactionType=NEW_ACTIVATION&vendor=${vendors.summit}`;
    const full = await fields(path);
    expect(full.has('PREFERRED_AREA_CODE')).toBe(true);
    expect(full.has('URGENCY')).toBe(true);
    const noPlan = await fields(`${path}&orderExcludesPlan=TRUE`);
    expect(noPlan.has('PREFERRED_AREA_CODE')).toBe(false);
    expect(noPlan.has('URGENCY')).toBe(true);
    const noDevice = await fields(`${path}&orderExcludesDevice=true`);
    expect(noDevice.has('URGENCY')).toBe(false);
    expect(noDevice.has('PREFERRED_AREA_CODE')).toBe(true);
  });

  it('every carrier asks at least one REQUIRED field for every transaction type', async () => {
    const carriers = (await getOk(server, peter, '/vendors?type=CARRIER', vendorsResponse)).vendors;
    for (const carrier of carriers) {
      for (const type of transactionTypes) {
        const found = await fields(`/orders/properties?transactionType=${type}&vendor=${carrier.id}`);
        expect([...found.values()].some((field) => field.validation === 'REQUIRED'), `${type} at ${carrier.name}`).toBe(true);
      }
    }
  });

  it('400 names the missing or bad parameter', async () => {
    expect(await badFields(server, peter, `/orders/properties?vendor=${vendors.summit}`)).toEqual(['query.transactionType']);
    expect(await badFields(server, peter, '/orders/properties?transactionType=SUSPEND')).toEqual(['query.vendor']);
    expect(await badFields(server, peter, '/orders/properties?transactionType=SUSPEND&vendor=424242')).toEqual(['query.vendor']);
    expect(await badFields(server, peter, `/orders/properties?transactionType=SUSPEND&service=${services.frankPrimary}`)).toEqual(['query.service']);
    expect(await badFields(server, hank, `/orders/properties?transactionType=SUSPEND&service=${services.peterPrimary}`)).toEqual(['query.service']);
    expect(await badFields(server, peter, `/orders/properties?transactionType=SUSPEND&vendor=1&orderExcludesPlan=perhaps`)).toEqual([
      'query.orderExcludesPlan',
    ]);
  });
});

describe('GET /acknowledgements', () => {
  it('has info blocks and required BOOLEAN acknowledgements for both transfer-in types at every carrier', async () => {
    const carriers = (await getOk(server, peter, '/vendors?type=CARRIER', vendorsResponse)).vendors;
    for (const carrier of carriers) {
      for (const type of [transactionType.enum.XFER_SERVICE_IN, transactionType.enum.XFER_SERVICE_IN_AND_PORT]) {
        const body = await getOk(server, peter, `/acknowledgements?transactionType=${type}&vendor=${carrier.id}`, acknowledgementsResponse);
        expect(body.infoblocks.length, `${type} at ${carrier.name}`).toBeGreaterThan(0);
        expect(body.infoblocks[0]!.paragraphs.length).toBeGreaterThan(0);
        expect(body.acknowledgements.some((item) => item.validation === 'REQUIRED' && item.type === 'BOOLEAN')).toBe(true);
      }
    }
  });

  it('answers empty lists where the carrier asks nothing', async () => {
    const body = await getOk(server, peter, `/acknowledgements?transactionType=SUSPEND&vendor=${vendors.summit}`, acknowledgementsResponse);
    expect(body).toEqual({ infoblocks: [], acknowledgements: [] });
  });

  it('requires transactionType and vendor', async () => {
    expect(await badFields(server, peter, '/acknowledgements')).toEqual(expect.arrayContaining(['query.transactionType', 'query.vendor']));
    expect(await badFields(server, peter, '/acknowledgements?transactionType=XFER_SERVICE_IN&vendor=424242')).toEqual(['query.vendor']);
    expect(await badFields(server, peter, `/acknowledgements?transactionType=TELEPORT&vendor=${vendors.summit}`)).toEqual(['query.transactionType']);
  });
});
