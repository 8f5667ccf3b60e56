import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessoriesResponse,
  accessoryDetail,
  catalogDeviceDetail,
  catalogDevicesResponse,
  catalogPlanDetail,
  catalogPlansResponse,
  featuresResponse,
} from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { apiPath, badFields, checkPagination, getError, getOk } from './read-api.ts';
import { signIn, type Session } from './session.ts';

const { catalogDevices, plans, vendors, regions, services, devices, accessories, features } = demoIds;
let server: TestServer;
let peter: Session;
let frank: Session;
let hank: Session;
beforeAll(async () => {
  server = await startTestServer();
  [peter, frank, hank] = await Promise.all([
    signIn(server, 'peter.edwards'),
    signIn(server, 'frank.castle'),
    signIn(server, 'hank.scorpio', { tenant: 'GLOBEX' }),
  ]);
});
afterAll(async () => await server.close());

const deviceList = (path: string, session = peter) => getOk(server, session, path, catalogDevicesResponse).then((body) => body.devices);
const planList = (path: string, session = peter) => getOk(server, session, path, catalogPlansResponse).then((body) => body.plans);
const accessoryList = (path: string, session = peter) => getOk(server, session, path, accessoriesResponse).then((body) => body.accessories);
const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

describe('GET /catalog/devices', () => {
  it('lists what the actor may order, by name, with money, absolute images and links', async () => {
    const page = await deviceList('/catalog/devices?limit=100&offset=0');
    expect(page._meta.totalCount).toBeGreaterThanOrEqual(20);
    const names = page.items.map((device) => device.name.toLowerCase());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
    const iphone = page.items.find((device) => device.id === String(catalogDevices.iphone16ProSummit))!;
    expect(iphone).toMatchObject({ price: { amount: 999, currencyCode: 'USD', recurrence: 'ONETIME' }, vendor: { id: String(vendors.summit) } });
    expect(iphone.imageUrl).toMatch(new RegExp(`^${server.url}/images/devices/.+\\.svg$`));
    expect(iphone._meta?.href).toBe(`${server.url}/mobproc/v1/catalog/devices/${catalogDevices.iphone16ProSummit}`);
  });

  it('hides the Sales-only device from Peter (Development) but shows it to Frank (Sales) and to actors in Sales', async () => {
    const salesOnly = String(catalogDevices.galaxyZFoldSalesSummit);
    expect(ids(await deviceList('/catalog/devices?limit=100'))).not.toContain(salesOnly);
    await getError(server, peter, `/catalog/devices/${salesOnly}`, 404);
    expect(ids(await deviceList('/catalog/devices?limit=100', frank))).toContain(salesOnly);
    expect((await getOk(server, frank, `/catalog/devices/${salesOnly}`, catalogDeviceDetail)).id).toBe(salesOnly);
    const serviceDesk = await signIn(server, 'svc.servicedesk');
    const forPeter = await getOk(server, serviceDesk, '/catalog/devices?limit=100', catalogDevicesResponse, {
      'X-TNGO-CONTEXT-EMPLOYEEID': String(demoIds.employees.peter),
    });
    expect(ids(forPeter.devices)).not.toContain(salesOnly);
  });

  it('pages with links at the first, a middle and the last page', async () => {
    await checkPagination(server, peter, '/catalog/devices', 10, (body) => catalogDevicesResponse.parse(body).devices);
  });

  it('filters by vendor, manufacturer, search and region (a state stands for its country)', async () => {
    const summit = await deviceList(`/catalog/devices?limit=100&vendor=${vendors.summit}`);
    expect(summit.items.length).toBeGreaterThan(3);
    expect(summit.items.every((device) => device.vendor.id === String(vendors.summit))).toBe(true);
    const apple = await deviceList(`/catalog/devices?limit=100&manufacturer=${demoIds.manufacturers.apple}`);
    expect(apple.items.every((device) => device.manufacturer.name === 'Apple')).toBe(true);
    expect(apple.items.length).toBeGreaterThan(2);
    const pixels = await deviceList('/catalog/devices?limit=100&search=PIXEL%209');
    expect(pixels.items.length).toBeGreaterThan(0);
    expect(pixels.items.every((device) => device.name.toLowerCase().includes('pixel 9'))).toBe(true);
    const canada = await deviceList(`/catalog/devices?limit=100&region=${regions.canada}`);
    expect(canada.items.every((device) => device.vendor.id === String(vendors.maple))).toBe(true);
    expect(ids(await deviceList(`/catalog/devices?limit=100&region=${regions.ontario}`))).toEqual(ids(canada));
    expect(ids(canada)).toContain(String(catalogDevices.iphone16Maple));
  });

  it('transactionType keeps devices only for types that order one, and only if the actor may order that type', async () => {
    expect((await deviceList('/catalog/devices?transactionType=UPGRADE'))._meta.totalCount).toBeGreaterThan(10);
    expect((await deviceList('/catalog/devices?transactionType=SUSPEND'))._meta.totalCount).toBe(0);
    expect(await badFields(server, peter, '/catalog/devices?transactionType=BUY_EVERYTHING')).toEqual(['query.transactionType']);
  });

  it("service drops the current carrier's devices (ports); compatibleWithPlan keeps the plan's carrier and access method", async () => {
    const port = await deviceList(`/catalog/devices?limit=100&service=${services.peterPrimary}`);
    expect(port.items.length).toBeGreaterThan(0);
    expect(port.items.some((device) => device.vendor.id === String(vendors.summit))).toBe(false);
    const forPlan = await deviceList(`/catalog/devices?limit=100&compatibleWithPlan=${plans.meridianBusinessPro}`);
    expect(forPlan.items.length).toBeGreaterThan(0);
    expect(forPlan.items.every((device) => device.vendor.id === String(vendors.meridian) && device.accessMethod === 'CDMA')).toBe(true);
    expect(await badFields(server, peter, `/catalog/devices?service=${services.frankPrimary}`)).toEqual(['query.service']);
    expect(await badFields(server, peter, '/catalog/devices?compatibleWithPlan=424242')).toEqual(['query.compatibleWithPlan']);
  });

  it('sorts by PRICE either way', async () => {
    const up = (await deviceList('/catalog/devices?limit=100&sort=PRICE')).items.map((device) => device.price.amount);
    const upUsd = up.slice();
    expect(upUsd).toEqual([...upUsd].sort((a, b) => a - b));
    const down = (await deviceList('/catalog/devices?limit=100&sort=PRICE&sortAscending=false')).items.map((device) => device.price.amount);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(await badFields(server, peter, '/catalog/devices?sort=COLOUR')).toEqual(['query.sort']);
  });

  it('the detail adds description, specifications and priced colour/storage choices', async () => {
    const detail = await getOk(server, peter, `/catalog/devices/${catalogDevices.iphone16ProSummit}`, catalogDeviceDetail);
    expect(detail.description.length).toBeGreaterThan(10);
    expect(detail.specifications.length).toBeGreaterThan(2);
    const storage = detail.deviceFeatures.find((feature) => feature.id === 'STORAGE')!;
    expect(storage.options.filter((option) => option.isDefault)).toHaveLength(1);
    expect(storage.options.some((option) => option.price.amount > 0)).toBe(true);
    expect(storage.options.every((option) => option.price.currencyCode === 'USD' && option.price.recurrence === 'ONETIME')).toBe(true);
  });

  it('keeps tenants apart: GLOBEX has its own catalog, and an ACME id is a 404 there', async () => {
    const globex = await deviceList('/catalog/devices?limit=100', hank);
    expect(ids(globex)).toContain(String(catalogDevices.globexPixel9Summit));
    expect(ids(globex)).not.toContain(String(catalogDevices.iphone16ProSummit));
    await getError(server, hank, `/catalog/devices/${catalogDevices.iphone16ProSummit}`, 404);
    await getError(server, peter, `/catalog/devices/${catalogDevices.globexPixel9Summit}`, 404);
    await getError(server, peter, '/catalog/devices/424242', 404);
  });
});

describe('GET /catalog/plans', () => {
  it('lists plans with monthly prices and pages through them', async () => {
    const page = await planList('/catalog/plans?limit=100');
    expect(page._meta.totalCount).toBeGreaterThanOrEqual(10);
    expect(page.items.every((plan) => plan.price.recurrence === 'MONTHLY')).toBe(true);
    await checkPagination(server, peter, '/catalog/plans', 4, (body) => catalogPlansResponse.parse(body).plans);
  });

  it('filters by vendor, region, search and device', async () => {
    const meridian = await planList(`/catalog/plans?limit=100&vendor=${vendors.meridian}`);
    expect(meridian.items.length).toBeGreaterThan(1);
    expect(meridian.items.every((plan) => plan.vendor.id === String(vendors.meridian))).toBe(true);
    const uk = await planList(`/catalog/plans?limit=100&region=${regions.unitedKingdom}`);
    expect(uk.items.every((plan) => plan.vendor.id === String(vendors.albion))).toBe(true);
    expect(uk.items.length).toBeGreaterThan(0);
    const unlimited = await planList('/catalog/plans?limit=100&search=unlimited');
    expect(unlimited.items.every((plan) => /unlimited/i.test(plan.name))).toBe(true);
    expect(unlimited.items.length).toBeGreaterThan(2);
    const forDevice = await planList(`/catalog/plans?limit=100&device=${catalogDevices.galaxyS25Meridian}`);
    expect(forDevice.items.length).toBeGreaterThan(0);
    expect(forDevice.items.every((plan) => plan.vendor.id === String(vendors.meridian))).toBe(true);
    expect(await badFields(server, peter, `/catalog/plans?device=${catalogDevices.galaxyZFoldSalesSummit}`)).toEqual(['query.device']);
  });

  it('the detail has included and priced optional features', async () => {
    const detail = await getOk(server, peter, `/catalog/plans/${plans.summitBusinessUnlimited}`, catalogPlanDetail);
    expect(detail.includedFeatures.length).toBeGreaterThan(1);
    expect(detail.optionalFeatures.map((feature) => feature.id)).toContain(String(features.summitInternationalPass));
    expect(detail.optionalFeatures.every((feature) => feature.price.recurrence === 'MONTHLY')).toBe(true);
    await getError(server, peter, `/catalog/plans/${plans.globexSummitUnlimited}`, 404);
    await getError(server, hank, `/catalog/plans/${plans.summitBusinessUnlimited}`, 404);
  });
});

describe('GET /catalog/accessories', () => {
  it('lists accessories and pages through them', async () => {
    const page = await accessoryList('/catalog/accessories?limit=100');
    expect(page._meta.totalCount).toBeGreaterThanOrEqual(15);
    await checkPagination(server, peter, '/catalog/accessories', 6, (body) => accessoriesResponse.parse(body).accessories);
  });

  it('device, compatibleWithDeviceAssetId and service keep what fits that model', async () => {
    const forIphone16 = await accessoryList(`/catalog/accessories?limit=100&device=${catalogDevices.iphone16Maple}`);
    expect(ids(forIphone16)).toContain(String(accessories.iphone16SiliconeCase));
    expect(ids(forIphone16)).not.toContain('2006');
    const forAsset = await accessoryList(`/catalog/accessories?limit=100&compatibleWithDeviceAssetId=${devices.peterPrimary}`);
    const forService = await accessoryList(`/catalog/accessories?limit=100&service=${services.peterPrimary}`);
    // A service's accessories are those of its country (Peter's line is in the US).
    const forAssetInUs = await accessoryList(`/catalog/accessories?limit=100&compatibleWithDeviceAssetId=${devices.peterPrimary}&region=1`);
    expect(ids(forService)).toEqual(ids(forAssetInUs));
    expect(forAssetInUs.items.length).toBeLessThan(forAsset.items.length);
    expect(forAsset.items.length).toBeGreaterThan(0);
    const all = await accessoryList('/catalog/accessories?limit=100');
    expect(forAsset.items.length).toBeLessThan(all.items.length);
    expect(await badFields(server, peter, `/catalog/accessories?compatibleWithDeviceAssetId=${devices.frankPrimary}`)).toEqual([
      'query.compatibleWithDeviceAssetId',
    ]);
  });

  it('search matches names, case-insensitively, and sorts by price', async () => {
    const cases = await accessoryList('/catalog/accessories?limit=100&search=CASE&sort=PRICE');
    expect(cases.items.length).toBeGreaterThan(3);
    expect(cases.items.every((item) => /case/i.test(item.name))).toBe(true);
    const prices = cases.items.map((item) => item.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('the detail lists the models it fits; foreign and unknown ids are 404', async () => {
    const detail = await getOk(server, peter, `/catalog/accessories/${accessories.iphone16SiliconeCase}`, accessoryDetail);
    expect(detail.compatibleModels.map((model) => model.id)).toEqual([String(demoIds.models.iphone16)]);
    expect(detail.imageUrl).toMatch(/^http/);
    await getError(server, peter, '/catalog/accessories/2501', 404);
    await getError(server, peter, '/catalog/accessories/424242', 404);
  });
});

describe('GET /catalog/features', () => {
  it("lists the service carrier's features and says which are active", async () => {
    const { features: list } = await getOk(server, peter, `/catalog/features?service=${services.peterPrimary}`, featuresResponse);
    const byId = new Map(list.map((feature) => [feature.id, feature]));
    expect(byId.get(String(features.summitInternationalPass))?.isActiveOnService).toBe(true);
    expect(byId.get(String(features.summitHotspot))?.isActiveOnService).toBe(false);
    expect(list.every((feature) => feature.price.recurrence === 'MONTHLY')).toBe(true);
  });

  it('requires a service the caller can see', async () => {
    expect(await badFields(server, peter, '/catalog/features')).toEqual(['query.service']);
    expect(await badFields(server, peter, `/catalog/features?service=${services.frankPrimary}`)).toEqual(['query.service']);
    expect(await badFields(server, hank, `/catalog/features?service=${services.peterPrimary}`)).toEqual(['query.service']);
  });

  it('follows the catalog links from a device to plans that fit it', async () => {
    const device = await getOk(server, peter, `/catalog/devices/${catalogDevices.pixel9Summit}`, catalogDeviceDetail);
    const fitting = await planList(`/catalog/plans?limit=100&device=${device.id}`);
    expect(fitting.items.every((plan) => plan.vendor.id === device.vendor.id)).toBe(true);
    expect((await getOk(server, peter, apiPath(server, device._meta!.href), catalogDeviceDetail)).id).toBe(device.id);
  });
});
