/**
 * Properties, addresses (US, Canada, UK), postal codes, serial numbers and SIM ids: every case runs
 * through the API and through the contract's dynamic schemas directly — built from the very
 * definitions the server publishes — and both must give the same verdict on the same field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessoriesResponse,
  acknowledgementsResponse,
  addressSchema,
  errorEnvelope,
  postalCodeProblem,
  propertiesSchema,
  regionDetail,
  serialNumber,
  simId,
  type DeviceDescription,
  type OrderRequestInput,
  type RegionDetail,
  transactionType,
} from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { CA_ADDRESS, confirmOk, fillRequired, freshOrderer, orderRequestFor, propertyDefinitions, serviceOf, UK_ADDRESS, US_ADDRESS, type Orderer } from './orders-fixtures.ts';
import { getOk } from './read-api.ts';
import { apiPost } from './session.ts';

let server: TestServer;
let orderer: Orderer;
const regions: Record<'US' | 'CA' | 'UK', RegionDetail> = {} as Record<'US' | 'CA' | 'UK', RegionDetail>;
beforeAll(async () => {
  server = await startTestServer();
  orderer = await freshOrderer(server, 'validation');
  regions.US = await getOk(server, orderer.session, `/regions/${demoIds.regions.unitedStates}`, regionDetail);
  regions.CA = await getOk(server, orderer.session, `/regions/${demoIds.regions.canada}`, regionDetail);
  regions.UK = await getOk(server, orderer.session, `/regions/${demoIds.regions.unitedKingdom}`, regionDetail);
});
afterAll(async () => {
  await server.close();
});

/** The API's verdict: 200, or the fields (under `prefix`) of a 400. */
async function apiVerdict(body: unknown, prefix: string): Promise<{ ok: boolean; fields: string[]; messages: string[] }> {
  const response = await apiPost(server, orderer.session, '/orders?confirm=true', body);
  if (response.status === 200) return { ok: true, fields: [], messages: [] };
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  const errors = errorEnvelope.parse(response.body).errors.filter((error) => (error.field ?? '').startsWith(prefix));
  return { ok: false, fields: errors.map((error) => error.field!), messages: errors.map((error) => error.message) };
}

/** The direct verdict of a schema: ok, or the dotted fields of its issues under `prefix`. */
function directVerdict(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }, prefix: string) {
  if (result.success) return { ok: true, fields: [], messages: [] };
  const issues = result.error!.issues;
  return {
    ok: false,
    fields: issues.map((issue) => [prefix, ...issue.path.map(String)].join('.')),
    messages: issues.map((issue) => issue.message),
  };
}

describe('shipping addresses against each region’s addressFormat', () => {
  const replace = (address: { id: string; value: string }[], id: string, value: string) =>
    address.map((line) => (line.id === id ? { ...line, value } : line));
  const cases: [region: 'US' | 'CA' | 'UK', name: string, address: { id: string; value: string; label?: string }[], valid: boolean][] = [
    ['US', 'a complete address', US_ADDRESS, true],
    ['US', 'the state by its name', replace(US_ADDRESS, 'STATE', 'Washington'), true],
    ['US', 'labels are ignored', US_ADDRESS.map((line) => ({ ...line, label: 'whatever' })), true],
    ['US', 'a state that does not exist', replace(US_ADDRESS, 'STATE', 'Atlantis'), false],
    ['US', 'a ZIP code with letters', replace(US_ADDRESS, 'POSTAL_CODE', '9810A'), false],
    ['US', 'no city', US_ADDRESS.filter((line) => line.id !== 'CITY'), false],
    ['US', 'a component of no US address', [...US_ADDRESS, { id: 'COUNTY', value: 'King' }], false],
    ['US', 'a street line over 100 characters', replace(US_ADDRESS, 'LINE_1', 'x'.repeat(101)), false],
    ['CA', 'a complete address', CA_ADDRESS, true],
    ['CA', 'the province by its code', replace(CA_ADDRESS, 'STATE', 'ON'), true],
    ['CA', 'a postal code in lower case without a space', replace(CA_ADDRESS, 'POSTAL_CODE', 'k1a0a9'), true],
    ['CA', 'a US state as province', replace(CA_ADDRESS, 'STATE', 'WA'), false],
    ['CA', 'a postal code with a letter Canada Post never uses', replace(CA_ADDRESS, 'POSTAL_CODE', 'D1A 0A9'), false],
    ['UK', 'a complete address', UK_ADDRESS, true],
    ['UK', 'with the optional county', [...UK_ADDRESS, { id: 'COUNTY', value: 'Greater London' }], true],
    ['UK', 'a STATE, which UK addresses do not have', [...UK_ADDRESS, { id: 'STATE', value: 'WA' }], false],
    ['UK', 'a US ZIP code as postcode', replace(UK_ADDRESS, 'POSTAL_CODE', '98101'), false],
    ['UK', 'no postcode', UK_ADDRESS.filter((line) => line.id !== 'POSTAL_CODE'), false],
  ];

  it.each(cases)('%s: %s', async (regionKey, _name, address, valid) => {
    const region = regions[regionKey];
    const fitting = await getOk(server, orderer.session, `/catalog/accessories?service=${orderer.serviceIds[0]}&limit=1&offset=0`, accessoriesResponse);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.ORDER_ACCESSORIES, { service: String(orderer.serviceIds[0]) });
    const body = orderRequestFor(transactionType.enum.ORDER_ACCESSORIES, {
      serviceId: String(orderer.serviceIds[0]),
      shoppingCart: { accessoryIds: [fitting.accessories.items[0]!.id] },
      properties: fillRequired(definitions),
      shipTo: { name: 'Taylor Fixture', region: { id: region.id }, address },
    });
    const prefix = 'orderRequest.shipTo.address';
    const direct = directVerdict(addressSchema(region.addressFormat, region.countryCode).safeParse(address), prefix);
    const api = await apiVerdict(body, prefix);
    expect(direct.ok).toBe(valid);
    expect(api).toEqual(direct);
  });
});

describe('postal codes against the region’s postalCodeRegEx', () => {
  const plans = { US: demoIds.plans.summitBusinessUnlimited, CA: demoIds.plans.mapleBusiness, UK: demoIds.plans.albionBusiness };
  const vendors = { US: demoIds.vendors.summit, CA: demoIds.vendors.maple, UK: demoIds.vendors.albion };
  const cases: [region: 'US' | 'CA' | 'UK', postalCode: string | undefined, valid: boolean][] = [
    ['US', '98101', true],
    ['US', '98101-1234', true],
    ['US', '9810', false],
    ['US', undefined, false],
    ['CA', 'K1A 0B1', true],
    ['CA', 'K1A0B1', true],
    ['CA', 'W1A 0B1', false],
    ['UK', 'SW1A 1AA', true],
    ['UK', 'sw1a 1aa', true],
    ['UK', '12345', false],
  ];
  it.each(cases)('%s %s', async (regionKey, postalCode, valid) => {
    const region = regions[regionKey];
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: String(vendors[regionKey]) }, { excludesDevice: true });
    const body = orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      regionId: region.id,
      ...(postalCode !== undefined ? { postalCode } : {}),
      shoppingCart: { planId: String(plans[regionKey]) },
      properties: fillRequired(definitions),
    });
    const problem = postalCodeProblem(region, postalCode);
    const api = await apiVerdict(body, 'orderRequest.postalCode');
    expect(problem === null).toBe(valid);
    expect(api).toEqual(problem === null ? { ok: true, fields: [], messages: [] } : { ok: false, fields: ['orderRequest.postalCode'], messages: [problem] });
  });
});

describe('order properties against /orders/properties', () => {
  type Field = { id: string; type?: string; text?: string; date?: string; choice?: { id: string; otherText?: string } };
  const change = (groups: { groupId: string; fields: Field[] }[], id: string, value: Partial<Field> | null) =>
    groups.map((group) => ({
      ...group,
      fields: group.fields.flatMap((field) => (field.id !== id ? [field] : value === null ? [] : [{ ...field, ...value }])),
    }));
  const cases: [name: string, edit: (groups: { groupId: string; fields: Field[] }[]) => unknown, valid: boolean][] = [
    ['every required field valid', (groups) => groups, true],
    ['a date as YYYY-MM-DDT00:00:00Z', (groups) => change(groups, 'PREFERRED_SUSPENSION_DATE', { date: '2027-01-31T00:00:00Z' }), true],
    ['a date in the pattern shown to people', (groups) => change(groups, 'PREFERRED_SUSPENSION_DATE', { date: '12/22/2026' }), false],
    ['a date that does not exist', (groups) => change(groups, 'PREFERRED_SUSPENSION_DATE', { date: '2026-02-29' }), false],
    ['Other with a description', (groups) => change(groups, 'Reason', { choice: { id: 'OTHER', otherText: 'Sabbatical' } }), true],
    ['Other without a description', (groups) => change(groups, 'Reason', { choice: { id: 'OTHER' } }), false],
    ['a choice that is not offered', (groups) => change(groups, 'Reason', { choice: { id: 'BORED' } }), false],
    ['a contact number with letters', (groups) => change(groups, 'CONTACT_NUMBER', { text: '+1 206 CALL NOW' }), false],
    ['a contact number too short', (groups) => change(groups, 'CONTACT_NUMBER', { text: '12345' }), false],
    ['a required field left out', (groups) => change(groups, 'HOLD_SERVICE', null), false],
    ['a field of the wrong type', (groups) => change(groups, 'Reason', { type: 'TEXT', text: 'x' }), false],
    ['an unknown field id', (groups) => groups.map((group, index) => (index === 0 ? { ...group, fields: [...group.fields, { id: 'SHOE_SIZE', text: '44' }] } : group)), false],
    ['an unknown group', (groups) => [...groups, { groupId: 'EXTRA', fields: [] }], false],
  ];
  it.each(cases)('%s', async (_name, edit, valid) => {
    const serviceId = String(orderer.serviceIds[0]);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.SUSPEND, { service: serviceId });
    const properties = edit(fillRequired(definitions) as { groupId: string; fields: Field[] }[]);
    const prefix = 'orderRequest.properties';
    const direct = directVerdict(propertiesSchema(definitions).safeParse(properties), prefix);
    // Some cases are outside the contract's types on purpose: the server must refuse them.
    const api = await apiVerdict(orderRequestFor(transactionType.enum.SUSPEND, { serviceId, properties: properties as OrderRequestInput['properties'] }), prefix);
    expect(direct.ok).toBe(valid);
    expect(api).toEqual(direct);
  });
});

describe('values as people write them are trimmed, normalised, accepted and stored in one form (§4.3, §4.4)', () => {
  const SUMMIT = String(demoIds.vendors.summit);
  const textOf = (confirmation: { properties: { fields: { id: string; text?: string }[] }[] }, id: string) =>
    confirmation.properties.flatMap((group) => group.fields).find((field) => field.id === id)?.text;

  it.each([
    ['(206) 555-0142', '2065550142', 'ACCT 1234 5678', 'ACCT12345678', '(206) 555-0199', '2065550199'],
    ['206-555-0142', '2065550142', ' 1234-5678 ', '1234-5678', '206-555-0199', '2065550199'],
    ['206.555.0142', '2065550142', '1234.5678.90', '1234567890', '206.555.0199', '2065550199'],
    ['+1-206-555-0142', '+12065550142', 'AB-77', 'AB-77', '+1 (206) 555-0199', '2065550199'],
    [' 2065550142 ', '2065550142', '1234', '1234', ' 2065550199 ', '2065550199'],
  ])('contact %j is stored as %j, account %j as %j, personal number %j as %j', async (contact, storedContact, account, storedAccount, personal, storedPersonal) => {
    const type = transactionType.enum.XFER_SERVICE_IN;
    const acknowledgements = await getOk(server, orderer.session, `/acknowledgements?transactionType=${type}&vendor=${SUMMIT}`, acknowledgementsResponse);
    const definitions = await propertyDefinitions(server, orderer.session, type, { vendor: SUMMIT }, { excludesDevice: true });
    const body = orderRequestFor(type, {
      regionId: '1',
      postalCode: '981011234',
      currentVendorId: SUMMIT,
      shoppingCart: { planId: String(demoIds.plans.summitBusinessUnlimited) },
      properties: fillRequired(definitions, { CONTACT_NUMBER: contact, CARRIER_ACCT_NUMBER: account, SERVICE_NUMBER: personal }),
      acknowledgements: acknowledgements.acknowledgements.map((item) => ({ id: item.id, boolean: true, type: 'BOOLEAN' as const })),
    });
    const confirmation = await confirmOk(server, orderer.session, body);
    expect(textOf(confirmation, 'CONTACT_NUMBER')).toBe(storedContact);
    expect(textOf(confirmation, 'CARRIER_ACCT_NUMBER')).toBe(storedAccount);
    expect(textOf(confirmation, 'SERVICE_NUMBER')).toBe(storedPersonal);
    expect(confirmation.postalCode).toBe('98101-1234');
  });

  it('a value still too long after normalising is refused at its field, never cut', async () => {
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.XFER_SERVICE_IN, { vendor: SUMMIT }, { excludesDevice: true });
    const properties = fillRequired(definitions, { CARRIER_ACCT_NUMBER: 'A'.repeat(22), NAME_ON_INVOICE: 'N'.repeat(83) });
    const verdict = directVerdict(propertiesSchema(definitions).safeParse(properties), 'orderRequest.properties');
    expect(verdict.messages).toEqual(expect.arrayContaining([expect.stringMatching(/at most 20 characters/), expect.stringMatching(/at most 80 characters/)]));
  });

  it.each([
    ['US', '98101 1234', '98101-1234'],
    ['US', ' 981011234 ', '98101-1234'],
    ['CA', 'k1a0b1', 'K1A 0B1'],
    ['CA', 'K1A-0B1', 'K1A 0B1'],
    ['UK', 'sw1a1aa', 'SW1A 1AA'],
    ['UK', ' SW1A1AA ', 'SW1A 1AA'],
  ] as const)('%s postal code %j is stored as %j, on the order and in a shipping address', async (regionKey, typed, stored) => {
    const plans = { US: demoIds.plans.summitBusinessUnlimited, CA: demoIds.plans.mapleBusiness, UK: demoIds.plans.albionBusiness };
    const vendors = { US: demoIds.vendors.summit, CA: demoIds.vendors.maple, UK: demoIds.vendors.albion };
    const region = regions[regionKey];
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: String(vendors[regionKey]) }, { excludesDevice: true });
    const confirmation = await confirmOk(server, orderer.session, orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      regionId: region.id,
      postalCode: typed,
      shoppingCart: { planId: String(plans[regionKey]) },
      properties: fillRequired(definitions),
    }));
    expect(confirmation.postalCode).toBe(stored);
    const address = { US: US_ADDRESS, CA: CA_ADDRESS, UK: UK_ADDRESS }[regionKey].map((line) => (line.id === 'POSTAL_CODE' ? { ...line, value: typed } : line));
    const checked = addressSchema(region.addressFormat, region.countryCode).parse(address);
    expect(checked.find((line) => line.id === 'POSTAL_CODE')?.value).toBe(stored);
  });
});

describe('serial numbers and SIM ids of an existing device', () => {
  async function upgradeWith(serial: { type: string; value: string }, sim?: string) {
    const service = await serviceOf(server, orderer.session, orderer.serviceIds[0]);
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.UPGRADE, { service: service.id }, { excludesDevice: true });
    return orderRequestFor(transactionType.enum.UPGRADE, {
      serviceId: service.id,
      existingDevice: { manufacturerId: service.device!.manufacturer.id, modelId: service.device!.model.id, serialNumber: serial as DeviceDescription['serialNumber'], ...(sim !== undefined ? { simId: sim } : {}) },
      shoppingCart: { planId: String(demoIds.plans.summitEssentials) },
      properties: fillRequired(definitions),
    });
  }

  it('the real IMEI passes, also written with spaces and dashes; broken ones fail the same way directly and through the API', async () => {
    const real = (await serviceOf(server, orderer.session, orderer.serviceIds[0])).device!.serialNumber;
    expect(real.type).toBe('IMEI');
    const spaced = `${real.value.slice(0, 2)} ${real.value.slice(2, 8)}-${real.value.slice(8)}`;
    const lastDigit = Number(real.value.at(-1));
    const wrongCheckDigit = `${real.value.slice(0, -1)}${(lastDigit + 1) % 10}`;
    const cases: [{ type: string; value: string }, boolean][] = [
      [real, true],
      [{ type: 'IMEI', value: spaced }, true],
      [{ type: 'IMEI', value: wrongCheckDigit }, false],
      [{ type: 'IMEI', value: real.value.slice(0, 14) }, false],
      [{ type: 'IMEI', value: `${real.value.slice(0, 14)}X` }, false],
      [{ type: 'MEID', value: 'A10000009296F' }, false],
      [{ type: 'ESN', value: '9F00000G' }, false],
      [{ type: 'PIN', value: '' }, false],
      [{ type: 'SERIAL', value: '1' }, false],
    ];
    for (const [serial, valid] of cases) {
      const prefix = 'orderRequest.existingDevice.serialNumber';
      const direct = directVerdict(serialNumber.safeParse(serial), prefix);
      const api = await apiVerdict(await upgradeWith(serial), prefix);
      expect(direct.ok, JSON.stringify(serial)).toBe(valid);
      expect(api, JSON.stringify(serial)).toEqual(direct);
    }
  });

  it('MEID, ESN and free-text serials are checked by format (a well-formed one fails only for not being the device on the service)', async () => {
    const cases: [{ type: string; value: string }, boolean][] = [
      [{ type: 'MEID', value: 'A1000009296F3E' }, true],
      [{ type: 'MEID', value: 'a1000009296f3e' }, true],
      [{ type: 'ESN', value: '9F2A11C0' }, true],
      [{ type: 'ESN', value: '80312345678' }, true],
      [{ type: 'CAP_CODE', value: 'CAP-11' }, true],
      [{ type: 'UNKNOWN', value: 'whatever it says' }, true],
    ];
    for (const [serial, valid] of cases) {
      const prefix = 'orderRequest.existingDevice.serialNumber';
      const direct = directVerdict(serialNumber.safeParse(serial), prefix);
      expect(direct.ok, JSON.stringify(serial)).toBe(valid);
      const api = await apiVerdict(await upgradeWith(serial), prefix);
      expect(api.fields).toEqual(['orderRequest.existingDevice.serialNumber.value']);
      expect(api.messages[0]).toMatch(/does not match the device on service/);
    }
  });

  it('SIM ids: 19 or 20 digits, spaces dropped', async () => {
    const real = (await serviceOf(server, orderer.session, orderer.serviceIds[0])).device!.serialNumber;
    const cases: [string, boolean][] = [
      ['8901260012345678901', true],
      ['89 0126 0012 3456 7890 1', true],
      ['89012600123456789012', true],
      ['890126001234567890', false],
      ['890126001234567890123', false],
      ['8901260012345678A01', false],
    ];
    for (const [value, valid] of cases) {
      const prefix = 'orderRequest.existingDevice.simId';
      const direct = directVerdict(simId.safeParse(value), prefix);
      const api = await apiVerdict(await upgradeWith(real, value), prefix);
      expect(direct.ok, value).toBe(valid);
      expect(api, value).toEqual(direct);
    }
  });
});
