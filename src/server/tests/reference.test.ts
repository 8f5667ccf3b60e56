import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manufacturerDetail, manufacturersResponse, modelDetail, regionDetail, regionsResponse, vendorDetail, vendorsResponse } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { apiPath, badFields, getError, getOk } from './read-api.ts';
import { signIn, type Session } from './session.ts';

let server: TestServer;
let peter: Session;
beforeAll(async () => {
  server = await startTestServer();
  peter = await signIn(server, 'peter.edwards');
});
afterAll(async () => await server.close());

describe('/regions', () => {
  it('lists the countries, each linking to its own detail', async () => {
    const { regions } = await getOk(server, peter, '/regions', regionsResponse);
    expect(regions.map((region) => region.name)).toEqual(['Canada', 'United Kingdom', 'United States']);
    expect(regions.every((region) => region.type === 'COUNTRY')).toBe(true);
    const us = regions.find((region) => region.id === String(demoIds.regions.unitedStates))!;
    expect(us._meta.href).toBe(`${server.url}/mobproc/v1/regions/${demoIds.regions.unitedStates}`);
    expect(us._meta.hrefChildren).toBe(`${server.url}/mobproc/v1/regions?parentRegion=${demoIds.regions.unitedStates}`);
  });

  it('parentRegion lists the 50 states and DC, or the provinces, with abbreviations and parent', async () => {
    const states = (await getOk(server, peter, `/regions?parentRegion=${demoIds.regions.unitedStates}`, regionsResponse)).regions;
    expect(states).toHaveLength(51);
    expect(states.every((state) => state.type === 'STATE_PROVINCE' && state.parentId === String(demoIds.regions.unitedStates))).toBe(true);
    expect(states.find((state) => state.id === String(demoIds.regions.california))?.abbreviation).toBe('CA');
    const provinces = (await getOk(server, peter, `/regions?parentRegion=${demoIds.regions.canada}`, regionsResponse)).regions;
    expect(provinces.map((province) => province.abbreviation)).toContain('ON');
    expect((await getOk(server, peter, `/regions?parentRegion=${demoIds.regions.unitedKingdom}`, regionsResponse)).regions).toEqual([]);
  });

  it('an unknown parentRegion is a 400 naming it', async () => {
    expect(await badFields(server, peter, '/regions?parentRegion=424242')).toEqual(['query.parentRegion']);
  });

  it('the detail carries currency, postal code rules and the address format in display order', async () => {
    const us = await getOk(server, peter, `/regions/${demoIds.regions.unitedStates}`, regionDetail);
    expect(us).toMatchObject({ countryCode: 'US', currency: { code: 'USD', symbol: '$' } });
    expect(new RegExp(us.postalCodeRegEx!).test('98101')).toBe(true);
    expect(us.addressFormat[0]!.id).toBe('LINE_1');
    const state = us.addressFormat.find((component) => component.id === 'STATE')!;
    expect(state.options).toHaveLength(51);
    const uk = await getOk(server, peter, `/regions/${demoIds.regions.unitedKingdom}`, regionDetail);
    expect(uk.currency?.code).toBe('GBP');
    expect(uk.addressFormat.map((component) => component.id)).not.toContain('STATE');
    const ontario = await getOk(server, peter, `/regions/${demoIds.regions.ontario}`, regionDetail);
    expect(ontario).toMatchObject({ type: 'STATE_PROVINCE', parentId: String(demoIds.regions.canada) });
    expect(ontario._meta.hrefParent).toBe(`${server.url}/mobproc/v1/regions/${demoIds.regions.canada}`);
  });

  it('404 for an unknown region', async () => {
    await getError(server, peter, '/regions/999999', 404);
    await getError(server, peter, '/regions/not-an-id', 404);
  });

  it('400 naming the path parameter for an ID longer than the contract allows', async () => {
    expect(await badFields(server, peter, `/regions/${'9'.repeat(65)}`)).toEqual(['path.id']);
    expect(await badFields(server, peter, `/manufacturers/${demoIds.manufacturers.apple}/models/${'9'.repeat(65)}`)).toEqual(['path.modelId']);
  });
});

describe('/vendors', () => {
  it('lists vendors; type=CARRIER (any case) keeps carriers only', async () => {
    const all = (await getOk(server, peter, '/vendors', vendorsResponse)).vendors;
    const carriers = (await getOk(server, peter, '/vendors?type=carrier', vendorsResponse)).vendors;
    expect(carriers.length).toBeGreaterThanOrEqual(5);
    expect(carriers.every((vendor) => vendor.type === 'CARRIER')).toBe(true);
    expect(all.length).toBeGreaterThanOrEqual(carriers.length);
    expect((await getOk(server, peter, '/vendors?type=NOTHING_LIKE_THIS', vendorsResponse)).vendors).toEqual([]);
    const summit = carriers.find((vendor) => vendor.id === String(demoIds.vendors.summit))!;
    expect(summit.region?.id).toBe(String(demoIds.regions.unitedStates));
    expect(summit.logoUrl?.startsWith(server.url) || summit.logoUrl === null).toBe(true);
  });

  it('the detail adds the access method; carriers differ in it', async () => {
    const methods = new Set<string>();
    for (const vendorId of [demoIds.vendors.summit, demoIds.vendors.meridian, demoIds.vendors.beacon]) {
      const vendor = await getOk(server, peter, `/vendors/${vendorId}`, vendorDetail);
      methods.add(vendor.accessMethod);
    }
    expect(methods.size).toBe(3);
    await getError(server, peter, '/vendors/424242', 404);
  });
});

describe('/manufacturers', () => {
  it('lists manufacturers including Other, whose detail has the model Other', async () => {
    const { manufacturers } = await getOk(server, peter, '/manufacturers', manufacturersResponse);
    expect(manufacturers.length).toBeGreaterThanOrEqual(5);
    const other = manufacturers.find((manufacturer) => manufacturer.name === 'Other')!;
    const detail = await getOk(server, peter, apiPath(server, other._meta!.href), manufacturerDetail);
    expect(detail.models.map((model) => model.name)).toContain('Other');
  });

  it('the detail lists models with absolute image URLs, and each model has its own resource', async () => {
    const apple = await getOk(server, peter, `/manufacturers/${demoIds.manufacturers.apple}`, manufacturerDetail);
    const model = apple.models.find((candidate) => candidate.id === String(demoIds.models.iphone16Pro))!;
    expect(model.imageUrl).toMatch(new RegExp(`^${server.url}/images/`));
    const image = await fetch(model.imageUrl!);
    expect(image.status).toBe(200);
    const single = await getOk(server, peter, `/manufacturers/${demoIds.manufacturers.apple}/models/${demoIds.models.iphone16Pro}`, modelDetail);
    expect(single).toMatchObject({ id: model.id, name: model.name, manufacturer: { id: String(demoIds.manufacturers.apple) } });
  });

  it('404 for an unknown manufacturer, an unknown model, or a model of another manufacturer', async () => {
    await getError(server, peter, '/manufacturers/424242', 404);
    await getError(server, peter, `/manufacturers/${demoIds.manufacturers.apple}/models/424242`, 404);
    await getError(server, peter, `/manufacturers/${demoIds.manufacturers.samsung}/models/${demoIds.models.iphone16Pro}`, 404);
  });
});
