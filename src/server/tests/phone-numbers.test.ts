/**
 * Every phone number the server makes up is a valid number for its region (libphonenumber's
 * detailed metadata decides): the demo's lines and desk phones, a sample of the large tenant's,
 * the test factories', and the number a new line gets when its order completes — a newcomer found
 * `(206) 000-8107`, whose exchange cannot start with 0 in North America.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesResponse, transactionType } from '../../contract/index.ts';
import { closeDatabase, openDatabase } from '../storage/db.ts';
import { nanpNumber, NANP_NUMBERS_PER_AREA_CODE } from '../storage/phone-numbers.ts';
import { seedDemoData } from '../storage/seed/demo.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { largeIds, seedLargeTenant } from '../storage/seed/large.ts';
import { all } from '../storage/statements.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { freshOrderer, newLineRequest, propertyDefinitions, submitOk, waitForStatus, type Orderer } from './orders-fixtures.ts';
import { getOk } from './read-api.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/**
 * Why `number` is not a valid number of `country`, or null when it is. Ofcom's range for drama,
 * 07700 900000–900999, is the demo's UK mobile range (docs/demo-tenant.md: made-up numbers stay in
 * ranges kept for fiction); libphonenumber deliberately calls it invalid, so it is allowed by name.
 */
function problemOf(number: string, country: CountryCode | undefined): string | null {
  if (country === 'GB' && /^07700 ?900\d{3}$/.test(number)) return null;
  const parsed = parsePhoneNumberFromString(number, country);
  if (!parsed) return `${number}: not a phone number`;
  if (!parsed.isValid()) return `${number}: not a valid number in ${country ?? parsed.country ?? 'any country'}`;
  if (country && parsed.country !== country && !(parsed.countryCallingCode === '1' && (country === 'US' || country === 'CA'))) {
    return `${number}: a number of ${parsed.country}, not ${country}`;
  }
  return null;
}

type NumberRow = { number: string; country: CountryCode | null };

/** Every line's number with the country of its service, and every desk phone (written with its +country code). */
async function seededNumbers(db: Parameters<typeof all>[0], tenantIds: number[]): Promise<NumberRow[]> {
  const marks = tenantIds.map(() => '?').join(', ');
  return [
    ...await all<NumberRow>(db, `SELECT s.service_number AS number, r.country_code AS country FROM services s JOIN regions r ON r.id = s.region_id WHERE s.tenant_id IN (${marks})`, ...tenantIds),
    ...await all<NumberRow>(db, `SELECT office_phone AS number, NULL AS country FROM employees WHERE office_phone IS NOT NULL AND tenant_id IN (${marks})`, ...tenantIds),
  ];
}

const problemsOf = (rows: NumberRow[]) => rows.map((row) => problemOf(row.number, row.country ?? undefined)).filter((problem) => problem !== null);

describe('phone numbers the server makes up', () => {
  it('are valid for their region in the demo tenants (lines and desk phones) and for the test factories’ people', async () => {
    const orderer = await freshOrderer(server, 'numbers');
    expect(orderer.serviceNumbers.map((number) => problemOf(number, 'US')).filter(Boolean)).toEqual([]);
    const rows = await seededNumbers(server.deps.db, [demoIds.tenants.acme, demoIds.tenants.globex]);
    expect(rows.length).toBeGreaterThan(60);
    expect(new Set(rows.map((row) => row.country))).toEqual(new Set(['US', 'CA', 'GB', null]));
    expect(problemsOf(rows)).toEqual([]);
  });

  it('are valid in a sample of the large tenant, and the counter behind them stays valid to its end', async () => {
    const db = openDatabase(':memory:');
    try {
      await seedDemoData(db, new Date());
      await seedLargeTenant(db, new Date(), { employees: 400, lines: 300, catalogItems: 100, orders: 50 });
      const rows = await seededNumbers(db, [largeIds.tenant]);
      expect(rows.length).toBeGreaterThan(300);
      expect(problemsOf(rows)).toEqual([]);
    } finally {
      await closeDatabase(db);
    }
    // The 100,000-line tenant uses the first 100,000 of each area code; sample across the whole counter.
    const samples = [0, 9_999, 10_000, 99_999, 109_999, 110_000, 3_549_999, 3_550_000, NANP_NUMBERS_PER_AREA_CODE - 1];
    for (const areaCode of ['425', '646', '737', '647', '628', '206']) {
      const country = areaCode === '647' ? 'CA' : 'US';
      expect(samples.map((n) => problemOf(nanpNumber(areaCode, n), country)).filter(Boolean), areaCode).toEqual([]);
    }
    expect(new Set(samples.map((n) => nanpNumber('206', n))).size).toBe(samples.length);
  });

  it('give a completed new line a valid number, in the preferred area code when one was asked for', async () => {
    const numberOfNewLine = async (orderer: Orderer, areaCode?: string) => {
      const request = await newLineRequest(server, orderer.session, { withDevice: false });
      if (areaCode) {
        const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: String(demoIds.vendors.summit) }, { excludesDevice: true });
        const groupId = definitions.find((group) => group.fields.some((field) => field.id === 'PREFERRED_AREA_CODE'))!.groupId;
        const properties = request.orderRequest.properties ?? [];
        const group = properties.find((candidate) => candidate.groupId === groupId);
        const field = { id: 'PREFERRED_AREA_CODE', type: 'TEXT' as const, text: areaCode };
        if (group) group.fields.push(field);
        else properties.push({ groupId, fields: [field] });
        request.orderRequest.properties = properties;
      }
      const order = await submitOk(server, orderer.session, request);
      await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
      const lines = await getOk(server, orderer.session, `/assets/services?employee=${orderer.employeeId}&limit=20&offset=0`, servicesResponse);
      const added = lines.services.items.map((line) => line.serviceNumber).filter((number) => !orderer.serviceNumbers.includes(number));
      expect(added).toHaveLength(1);
      return added[0]!;
    };
    const plain = await numberOfNewLine(await freshOrderer(server, 'new-number'));
    expect(plain).toMatch(/^206/);
    expect(problemOf(plain, 'US')).toBeNull();
    const asked = await numberOfNewLine(await freshOrderer(server, 'new-number-425'), '425');
    expect(asked).toMatch(/^425/);
    expect(problemOf(asked, 'US')).toBeNull();
  });
});
