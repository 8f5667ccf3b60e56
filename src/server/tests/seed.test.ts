/**
 * The demo data of docs/demo-tenant.md as a server seeds it on start, read back row by row in the
 * run's dialect (rows.ts). That the seed is deterministic is checked on SQLite in
 * seed-determinism.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySecret } from '../domain/passwords.ts';
import { verifyClientSecret } from '../domain/client-secrets.ts';
import type { Db } from '../storage/db.ts';
import { transactionTypes, transactionType } from '../../contract/index.ts';
import { approvalPolicy } from '../storage/seed/approval-policy.ts';
import { isLuhnValid } from '../../contract/serials.ts';
import { createOrderingEmployee } from '../storage/seed/factories.ts';
import { DEMO_PASSWORD, demoIds } from '../storage/seed/ids.ts';
import { scratchDatabase, startTestServer, type ScratchDatabase, type TestServer } from './harness.ts';
import { row, rows } from './rows.ts';

type Row = Record<string, unknown>;

const all = async (db: Db, text: string, ...parameters: unknown[]) => await rows<Row>(db, text, ...parameters);
const one = async (db: Db, text: string, ...parameters: unknown[]) => await row<Row>(db, text, ...parameters);
const json = <T>(value: unknown) => JSON.parse(String(value)) as T;

type Field = { id: string; type: string; validation: string; regEx?: string; choices?: { id: string; isOther: boolean }[] };
type AddressComponent = { id: string; validation: string; minLength: number; maxLength: number; regEx?: string; options?: { label: string; value: string }[] };

describe('the demo data of docs/demo-tenant.md, in a server started on a fresh database', () => {
  let database: ScratchDatabase;
  let server: TestServer;
  let db: Db;
  const { acme, globex } = demoIds.tenants;
  const e = demoIds.employees;

  beforeAll(async () => {
    // An empty database (no seeded template on PostgreSQL), so the server seeds it itself.
    database = await scratchDatabase({ seeded: false });
    server = await startTestServer({}, { databaseUrl: database.url });
    db = server.deps.db;
  });
  afterAll(async () => {
    await server.close();
    await database.drop();
  });

  it('was seeded on start', () => {
    expect(server.seeded).toBe('seeded');
  });

  it('has the two tenants, the two client applications and their secrets', async () => {
    expect(await all(db, 'SELECT id, code FROM tenants ORDER BY id')).toEqual([
      { id: acme, code: 'ACME' },
      { id: globex, code: 'GLOBEX' },
    ]);
    expect(await one(db, "SELECT secret_hash FROM clients WHERE client_id = 'mobproc-web'")).toEqual({ secret_hash: null });
    const desk = (await one(db, "SELECT secret_hash FROM clients WHERE client_id = 'servicedesk-app'"))!;
    expect(verifyClientSecret('servicedesk-secret', String(desk.secret_hash))).toBe(true);
    expect(verifyClientSecret('servicedesk-secreT', String(desk.secret_hash))).toBe(false);
    expect(verifyClientSecret('wrong', String(desk.secret_hash))).toBe(false);
  });

  it('lets every demo login sign in with the password demo, each in its own tenant', async () => {
    const logins: [string, number, number][] = [
      ['peter.edwards', acme, e.peter],
      ['barbara.andrews', acme, e.barbara],
      ['alice.nguyen', acme, e.alice],
      ['svc.servicedesk', acme, e.serviceDesk],
      ['frank.castle', acme, e.frank],
      ['sam.rivera', acme, e.samRivera],
      ['hank.scorpio', globex, e.hank],
    ];
    for (const [username, tenantId, id] of logins) {
      const row = (await one(db, 'SELECT id, tenant_id, password_hash, status FROM employees WHERE username = ?', username))!;
      expect(row).toMatchObject({ id, tenant_id: tenantId, status: 'ACTIVE' });
      expect(await verifySecret(DEMO_PASSWORD, String(row.password_hash))).toBe(true);
    }
  });

  it('gives Peter two ACTIVE services (one past upgrade eligibility), one SUSPENDED, each with a device, and a spare device', async () => {
    const peter = (await one(db, 'SELECT * FROM employees WHERE id = ?', e.peter))!;
    expect(peter).toMatchObject({ department_id: demoIds.departments.development, manager_id: e.barbara, is_approver: 0 });
    const lines = (await all(db, 'SELECT s.*, d.employee_id AS device_owner FROM services s JOIN device_assets d ON d.id = s.device_asset_id WHERE s.employee_id = ?', e.peter));
    const active = lines.filter((line) => line.status === 'ACTIVE');
    expect(active.length).toBeGreaterThanOrEqual(2);
    expect(lines.filter((line) => line.status === 'SUSPENDED')).toHaveLength(1);
    expect(lines.every((line) => line.device_owner === e.peter)).toBe(true);
    expect(active.filter((line) => Date.parse(String(line.upgrade_eligibility_date)) < Date.now()).map((line) => line.id)).toEqual([demoIds.services.peterPrimary]);
    expect(lines.map((line) => line.id).sort()).toEqual([demoIds.services.peterPrimary, demoIds.services.peterSecondary, demoIds.services.peterSuspended]);
    expect(lines.find((line) => line.id === demoIds.services.peterSuspended)!.status).toBe('SUSPENDED');
    const spare = (await one(db, 'SELECT * FROM device_assets WHERE id = ?', demoIds.devices.peterSpare))!;
    expect(spare.employee_id).toBe(e.peter);
    expect((await one(db, 'SELECT count(*) AS n FROM services WHERE device_asset_id = ?', demoIds.devices.peterSpare))!.n).toBe(0);
    const restriction = (await one(db, "SELECT reason FROM transaction_type_restrictions WHERE employee_id = ? AND transaction_type = ?", e.peter, transactionType.enum.XFER_SERVICE_OUT))!;
    expect(String(restriction.reason).length).toBeGreaterThan(20);
  });

  it('makes Barbara the approving manager of Development with one ACTIVE service, and Alice her only delegation', async () => {
    expect(await one(db, 'SELECT department_id, is_approver, can_move_service FROM employees WHERE id = ?', e.barbara)).toEqual({
      department_id: demoIds.departments.development,
      is_approver: 1,
      can_move_service: 1,
    });
    const reports = (await all(db, 'SELECT department_id FROM employees WHERE manager_id = ?', e.barbara));
    expect(reports.length).toBeGreaterThanOrEqual(5);
    expect(reports.every((report) => report.department_id === demoIds.departments.development)).toBe(true);
    expect(await all(db, "SELECT id FROM services WHERE employee_id = ? AND status = 'ACTIVE'", e.barbara)).toEqual([{ id: demoIds.services.barbara }]);
    expect(await all(db, 'SELECT principal_id FROM delegates WHERE delegate_id = ?', e.alice)).toEqual([{ principal_id: e.barbara }]);
    expect((await one(db, 'SELECT count(*) AS n FROM employees WHERE manager_id = ?', e.alice))!.n).toBe(0);
  });

  it('makes svc.servicedesk a service account that may move services', async () => {
    expect(await one(db, 'SELECT is_service_account, can_move_service FROM employees WHERE id = ?', e.serviceDesk)).toEqual({ is_service_account: 1, can_move_service: 1 });
  });

  it('makes sam.rivera a service-desk person in IT who may move services and approves nothing', async () => {
    expect(await one(db, 'SELECT username, is_service_account, can_move_service, is_approver, department_id FROM employees WHERE id = ?', e.samRivera)).toEqual({
      username: 'sam.rivera',
      is_service_account: 0,
      can_move_service: 1,
      is_approver: 0,
      department_id: demoIds.departments.it,
    });
    expect(await all(db, 'SELECT role FROM employee_roles WHERE employee_id = ?', e.samRivera)).toEqual([{ role: 'SERVICE_DESK' }]);
  });

  it('puts Frank in Sales, managing no one, with ACTIVE services on a carrier and access method Peter does not use', async () => {
    expect((await one(db, 'SELECT department_id FROM employees WHERE id = ?', e.frank))!.department_id).toBe(demoIds.departments.sales);
    expect((await one(db, 'SELECT count(*) AS n FROM employees WHERE manager_id = ?', e.frank))!.n).toBe(0);
    const carriersOf = async (employeeId: number) =>
      await all(db, "SELECT DISTINCT v.id, v.access_method FROM services s JOIN vendors v ON v.id = s.current_vendor_id WHERE s.employee_id = ? AND s.status = 'ACTIVE'", employeeId);
    const franks = await carriersOf(e.frank);
    const peters = await carriersOf(e.peter);
    expect(franks.length).toBeGreaterThan(0);
    for (const carrier of franks) {
      expect(peters.map((other) => other.id)).not.toContain(carrier.id);
      expect(peters.map((other) => other.access_method)).not.toContain(carrier.access_method);
    }
  });

  it('has 40+ more ACME employees in 5+ departments under one CEO, most of them with services', async () => {
    const people = (await all(db, 'SELECT * FROM employees WHERE tenant_id = ?', acme));
    expect(people.length).toBeGreaterThanOrEqual(45);
    const departmentsInUse = new Set(people.map((person) => person.department_id));
    expect(departmentsInUse.size).toBeGreaterThanOrEqual(5);
    const byId = new Map(people.map((person) => [person.id, person]));
    const tops = people.filter((person) => person.manager_id === null && person.is_service_account === 0);
    expect(tops).toHaveLength(1);
    for (const person of people) {
      if (person.is_service_account === 1) continue;
      let current: Row | undefined = person;
      for (let depth = 0; current && current.manager_id !== null; depth++) {
        expect(depth).toBeLessThan(10);
        current = byId.get(current.manager_id);
        expect(current).toBeDefined();
      }
      expect(current!.id).toBe(tops[0]!.id);
      expect(person.company_employee_id).toMatch(/^E\d{5}$/);
      expect(person.email).toMatch(/^[a-z]+\.[a-z]+@acme\.example$/);
      expect(person.office_phone).toMatch(/^\+\d[\d ]{9,18}$/);
      const attributes = json<{ name: string; value: string }[]>(person.custom_attributes);
      expect(attributes.map((attribute) => attribute.name)).toContain('Cost centre');
    }
    const managers = new Set(people.map((person) => person.manager_id));
    for (const person of people) expect(person.is_approver === 1).toBe(managers.has(person.id));
    const humans = people.filter((person) => person.is_service_account === 0);
    const withService = (await all(db, 'SELECT DISTINCT employee_id FROM services WHERE tenant_id = ?', acme));
    expect(withService.length / humans.length).toBeGreaterThan(0.8);
  });

  it('restricts a whole department from one transaction type, with a reason', async () => {
    const rows = (await all(db, 'SELECT * FROM transaction_type_restrictions WHERE department_id IS NOT NULL AND tenant_id = ?', acme));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(transactionTypes).toContain(row.transaction_type);
  });

  it('gives every employee a work address their home region accepts', async () => {
    const formats = new Map((await all(db, "SELECT id, address_format FROM regions WHERE type = 'COUNTRY'")).map((row) => [row.id, json<AddressComponent[]>(row.address_format)]));
    for (const person of (await all(db, 'SELECT address, region_id FROM employees'))) {
      const address = json<{ id: string; value: string }[]>(person.address);
      for (const component of formats.get(person.region_id)!) {
        const value = address.find((item) => item.id === component.id)?.value;
        if (component.validation === 'REQUIRED') expect(value, component.id).toBeTruthy();
        if (value === undefined) continue;
        expect(value.length).toBeLessThanOrEqual(component.maxLength);
        if (component.regEx) expect(value).toMatch(new RegExp(component.regEx));
        if (component.options) expect(component.options.map((option) => option.value)).toContain(value);
      }
    }
  });

  it('has the three countries with currencies, anchored postal-code rules and real address formats', async () => {
    const country = async (id: number) => (await one(db, 'SELECT * FROM regions WHERE id = ?', id))!;
    const us = await country(demoIds.regions.unitedStates);
    const ca = await country(demoIds.regions.canada);
    const uk = await country(demoIds.regions.unitedKingdom);
    expect([us.currency_code, ca.currency_code, uk.currency_code]).toEqual(['USD', 'CAD', 'GBP']);
    const matches = (region: Row, value: string) => new RegExp(String(region.postal_code_regex)).test(value);
    expect(['98101', '98101-1234'].every((zip) => matches(us, zip))).toBe(true);
    expect(['9810', 'x98101', '98101-12', '981011'].some((zip) => matches(us, zip))).toBe(false);
    expect(matches(ca, 'K1A 0B1') && matches(ca, 'M5X1A9')).toBe(true);
    expect(matches(ca, 'K1A 0B1x') || matches(ca, 'D1A 0B1')).toBe(false);
    expect(matches(uk, 'SW1A 1AA') && matches(uk, 'EC2A 1AG') && matches(uk, 'M1 1AE')).toBe(true);
    expect(matches(uk, 'SW1A 1AA!') || matches(uk, '12345')).toBe(false);

    const usFormat = json<AddressComponent[]>(us.address_format);
    expect(usFormat.map((component) => component.id)).toEqual(['LINE_1', 'LINE_2', 'CITY', 'STATE', 'POSTAL_CODE']);
    const states = usFormat.find((component) => component.id === 'STATE')!.options!;
    expect(states).toHaveLength(51);
    expect(states).toContainEqual({ label: 'California', value: 'CA' });
    expect(states).toContainEqual({ label: 'District of Columbia', value: 'DC' });
    const children = (await all(db, 'SELECT name, abbreviation FROM regions WHERE parent_id = ? ORDER BY name', demoIds.regions.unitedStates));
    expect(children.map((child) => ({ label: child.name, value: child.abbreviation }))).toEqual(states);
    expect((await one(db, 'SELECT name FROM regions WHERE id = ?', demoIds.regions.california))!.name).toBe('California');
    expect((await one(db, 'SELECT name FROM regions WHERE id = ?', demoIds.regions.washington))!.name).toBe('Washington');
    expect((await one(db, 'SELECT name FROM regions WHERE id = ?', demoIds.regions.ontario))!.name).toBe('Ontario');

    const caFormat = json<AddressComponent[]>(ca.address_format);
    expect(caFormat.find((component) => component.id === 'STATE')!.options).toHaveLength(13);
    expect(await all(db, 'SELECT id FROM regions WHERE parent_id = ?', demoIds.regions.canada)).toHaveLength(13);
    const ukFormat = json<AddressComponent[]>(uk.address_format);
    expect(ukFormat.map((component) => component.id)).not.toContain('STATE');
    expect(ukFormat.find((component) => component.id === 'POSTAL_CODE')!.validation).toBe('REQUIRED');
    for (const format of [usFormat, caFormat, ukFormat]) {
      for (const component of format) if (component.regEx) expect(component.regEx).toMatch(/^\^.*\$$/);
    }
  });

  it('has 3+ US carriers with different access methods, a Canadian and a UK carrier, with logo files', async () => {
    const carriers = (await all(db, "SELECT * FROM vendors WHERE type = 'CARRIER'"));
    const us = carriers.filter((carrier) => carrier.region_id === demoIds.regions.unitedStates);
    expect(us.length).toBeGreaterThanOrEqual(3);
    expect(new Set(us.map((carrier) => carrier.access_method)).size).toBe(us.length);
    expect(carriers.filter((carrier) => carrier.region_id === demoIds.regions.canada)).toHaveLength(1);
    expect(carriers.filter((carrier) => carrier.region_id === demoIds.regions.unitedKingdom)).toHaveLength(1);
    for (const carrier of carriers) expect(['GSM', 'CDMA', 'CDMA_PCS', 'IDEN']).toContain(carrier.access_method);
  });

  it('refers only to image files that exist under public/', async () => {
    const urls = [
      ...(await all(db, 'SELECT logo_url AS url FROM vendors')),
      ...(await all(db, 'SELECT logo_url AS url FROM manufacturers')),
      ...(await all(db, 'SELECT image_url AS url FROM models')),
      ...(await all(db, 'SELECT image_url AS url FROM catalog_devices')),
      ...(await all(db, 'SELECT image_url AS url FROM catalog_accessories')),
    ].map((row) => String(row.url));
    expect(urls.length).toBeGreaterThan(50);
    for (const url of new Set(urls)) {
      expect(url).toMatch(/^\/images\/[a-z]+\/[a-z0-9-]+\.svg$/);
      expect(fs.existsSync(path.join('public', url)), url).toBe(true);
    }
  });

  it('has 4+ manufacturers with models, and Other with model Other', async () => {
    const withModels = (await all(db, "SELECT m.name, count(*) AS n FROM manufacturers m JOIN models d ON d.manufacturer_id = m.id WHERE m.name <> 'Other' GROUP BY m.id"));
    expect(withModels.length).toBeGreaterThanOrEqual(4);
    expect(await one(db, "SELECT d.name FROM models d JOIN manufacturers m ON m.id = d.manufacturer_id WHERE m.name = 'Other'")).toEqual({ name: 'Other' });
  });

  it('has 20+ ACME catalog devices from 4+ manufacturers that match their carriers, one for Sales only', async () => {
    const devices = (await all(db, 'SELECT c.*, v.access_method AS carrier_method, v.region_id AS carrier_region FROM catalog_devices c JOIN vendors v ON v.id = c.vendor_id WHERE c.tenant_id = ?', acme));
    expect(devices.length).toBeGreaterThanOrEqual(20);
    expect(new Set(devices.map((device) => device.manufacturer_id)).size).toBeGreaterThanOrEqual(4);
    const pairs = new Set(devices.map((device) => `${device.model_id}/${device.vendor_id}`));
    expect(pairs.size).toBe(devices.length);
    for (const device of devices) {
      expect(device.access_method).toBe(device.carrier_method);
      expect(device.region_id).toBe(device.carrier_region);
      expect(Number.isInteger(device.price_cents) && Number(device.price_cents) > 0).toBe(true);
      expect(json<unknown[]>(device.specifications).length).toBeGreaterThanOrEqual(3);
      for (const feature of json<{ type: string; options: { isDefault: boolean; priceCents: number }[] }[]>(device.device_features)) {
        expect(feature.type).toBe('CHOICE');
        expect(feature.options.filter((option) => option.isDefault)).toHaveLength(1);
        expect(feature.options.every((option) => Number.isInteger(option.priceCents) && option.priceCents >= 0)).toBe(true);
      }
    }
    const restricted = devices.filter((device) => device.eligible_department_ids !== null);
    expect(restricted.map((device) => device.id)).toEqual([demoIds.catalogDevices.galaxyZFoldSalesSummit]);
    expect(json<number[]>(restricted[0]!.eligible_department_ids)).toEqual([demoIds.departments.sales]);
    const named: [number, string, number][] = [
      [demoIds.catalogDevices.iphone16ProSummit, 'iPhone 16 Pro', demoIds.vendors.summit],
      [demoIds.catalogDevices.pixel9Summit, 'Pixel 9', demoIds.vendors.summit],
      [demoIds.catalogDevices.galaxyS25Meridian, 'Galaxy S25', demoIds.vendors.meridian],
      [demoIds.catalogDevices.iphone16Maple, 'iPhone 16', demoIds.vendors.maple],
      [demoIds.catalogDevices.pixel9Albion, 'Pixel 9', demoIds.vendors.albion],
    ];
    for (const [id, name, vendor] of named) expect((await one(db, 'SELECT name, vendor_id, tenant_id FROM catalog_devices WHERE id = ?', id))).toEqual({ name, vendor_id: vendor, tenant_id: acme });
    expect(await one(db, 'SELECT tenant_id FROM catalog_devices WHERE id = ?', demoIds.catalogDevices.globexPixel9Summit)).toEqual({ tenant_id: globex });
  });

  it('has 10+ plans with included and priced optional features of the same carrier', async () => {
    const plans = (await all(db, 'SELECT * FROM catalog_plans WHERE tenant_id = ?', acme));
    expect(plans.length).toBeGreaterThanOrEqual(10);
    for (const plan of plans) {
      expect(json<{ description: string }[]>(plan.included_features).length).toBeGreaterThan(0);
      const optional = (await all(db, 'SELECT f.* FROM plan_features pf JOIN features f ON f.id = pf.feature_id WHERE pf.plan_id = ?', plan.id));
      expect(optional.length).toBeGreaterThan(0);
      for (const feature of optional) expect(feature).toMatchObject({ vendor_id: plan.vendor_id, tenant_id: acme, currency_code: plan.currency_code });
    }
    expect((await one(db, 'SELECT name FROM catalog_plans WHERE id = ?', demoIds.plans.summitBusinessUnlimited))!.name).toBe('Summit Business Unlimited');
    expect((await one(db, 'SELECT vendor_id FROM features WHERE id = ?', demoIds.features.summitHotspot))!.vendor_id).toBe(demoIds.vendors.summit);
  });

  it('has 15+ accessories, each fitting at least one model', async () => {
    const accessories = (await all(db, 'SELECT a.id, count(m.model_id) AS models FROM catalog_accessories a LEFT JOIN accessory_models m ON m.accessory_id = a.id WHERE a.tenant_id = ? GROUP BY a.id', acme));
    expect(accessories.length).toBeGreaterThanOrEqual(15);
    for (const accessory of accessories) expect(Number(accessory.models)).toBeGreaterThan(0);
    const fitsPeter = (await all(db, 'SELECT 1 FROM accessory_models am JOIN device_assets d ON d.model_id = am.model_id WHERE d.id = ?', demoIds.devices.peterPrimary));
    expect(fitsPeter.length).toBeGreaterThan(0);
  });

  it('has order properties for every transaction type and carrier in both tenants, with a REQUIRED field each', async () => {
    const carriers = (await all(db, "SELECT id FROM vendors WHERE type = 'CARRIER'")).map((row) => Number(row.id));
    const seenTypes = new Set<string>();
    let otherChoices = 0;
    for (const tenantId of [acme, globex]) {
      for (const vendorId of carriers) {
        for (const type of transactionTypes) {
          const fields = (await all(db, 'SELECT definition, group_id FROM order_property_definitions WHERE tenant_id = ? AND vendor_id = ? AND transaction_type = ? ORDER BY position', tenantId, vendorId, type)).map(
            (row) => json<Field>(row.definition),
          );
          expect(fields.length, `${type} × ${vendorId}`).toBeGreaterThanOrEqual(3);
          expect(fields.length).toBeLessThanOrEqual(7);
          expect(fields.some((field) => field.validation === 'REQUIRED'), `${type} × ${vendorId}`).toBe(true);
          expect(new Set(fields.map((field) => field.id)).size).toBe(fields.length);
          for (const field of fields) {
            seenTypes.add(field.type);
            if (field.regEx) {
              expect(field.regEx).toMatch(/^\^.*\$$/);
              expect(() => new RegExp(field.regEx!)).not.toThrow();
            }
            if (field.type === 'CHOICE') {
              const others = field.choices!.filter((choice) => choice.isOther).length;
              expect(others).toBeLessThanOrEqual(1);
              otherChoices += others;
            }
          }
        }
      }
    }
    expect([...seenTypes].sort()).toEqual(['CHOICE', 'DATE', 'TEXT']);
    expect(otherChoices).toBeGreaterThan(0);
    const contact = json<Field>((await all(db, 'SELECT definition FROM order_property_definitions WHERE transaction_type = ?', transactionType.enum.SUSPEND)).find((row) => json<Field>(row.definition).id === 'CONTACT_NUMBER')!.definition);
    const contactRegEx = new RegExp(contact.regEx!);
    expect(['+1 206 555 0142', '2065550142', '+442079460123'].every((value) => contactRegEx.test(value))).toBe(true);
    expect(['555-0142', '12345', '+1 206 555 0142 ext 9'].some((value) => contactRegEx.test(value))).toBe(false);
    const conditional = (await all(db, "SELECT DISTINCT applies_when FROM order_property_definitions WHERE applies_when <> 'ALWAYS' ORDER BY 1"));
    expect(conditional.map((row) => row.applies_when)).toEqual(['WITH_DEVICE', 'WITH_PLAN']);
  });

  it('has acknowledgements and info blocks for both XFER_SERVICE_IN types for every carrier', async () => {
    const carriers = (await all(db, "SELECT id FROM vendors WHERE type = 'CARRIER'"));
    for (const tenantId of [acme, globex]) {
      for (const { id } of carriers) {
        for (const type of [transactionType.enum.XFER_SERVICE_IN, transactionType.enum.XFER_SERVICE_IN_AND_PORT]) {
          const set = (await one(db, 'SELECT * FROM acknowledgement_sets WHERE tenant_id = ? AND vendor_id = ? AND transaction_type = ?', tenantId, id, type))!;
          const infoblocks = json<{ header: string; paragraphs: { text: string }[] }[]>(set.infoblocks);
          expect(infoblocks.length).toBeGreaterThan(0);
          expect(infoblocks.every((block) => block.header && block.paragraphs.length > 0)).toBe(true);
          const acknowledgements = json<{ type: string; validation: string }[]>(set.acknowledgements);
          expect(acknowledgements.length).toBeGreaterThan(0);
          expect(acknowledgements.every((item) => item.type === 'BOOLEAN' && item.validation === 'REQUIRED')).toBe(true);
        }
      }
    }
  });

  it('stores approval policies that parse and say what docs/demo-tenant.md says for ACME', async () => {
    const policies = new Map((await all(db, 'SELECT id, approval_policy FROM tenants')).map((row) => [row.id, approvalPolicy.parse(json(row.approval_policy))]));
    const acmePolicy = policies.get(acme)!;
    const manager = { type: 'ACCOUNT_HOLDER_MANAGER' };
    const itMobility = { type: 'APPROVER_GROUP', group: 'IT_MOBILITY' };
    expect(acmePolicy.rules).toContainEqual(expect.objectContaining({ categories: ['PROCUREMENT'], minOneTimeCents: 1, unlessAccountHolderIsManager: true, levels: [manager] }));
    expect(acmePolicy.rules).toContainEqual(expect.objectContaining({ shipsDevice: true, minOneTimeCents: 1, unlessAccountHolderIsManager: true, levels: [manager] }));
    expect(acmePolicy.rules).toContainEqual(expect.objectContaining({ transactionTypes: [transactionType.enum.DEACTIVATE, transactionType.enum.XFER_SERVICE_OUT], levels: [manager] }));
    expect(acmePolicy.rules).toContainEqual(expect.objectContaining({ transactionTypes: [transactionType.enum.UPGRADE], earlyUpgrade: true, levels: [{ type: 'MANAGERS_MANAGER' }] }));
    expect(acmePolicy.rules).toContainEqual(expect.objectContaining({ categories: ['PROCUREMENT'], minOneTimeCents: 100_000, levels: [manager, itMobility] }));
    expect(policies.get(globex)!.rules.length).toBeGreaterThan(0);
    expect(approvalPolicy.safeParse({ rules: [{ approver: 'SOMEONE_ELSE' }] }).success).toBe(false);
    expect(approvalPolicy.safeParse({ rules: [{ levels: [] }] }).success).toBe(false);
    // The one-level form seeded before levels existed still reads as what it meant.
    expect(approvalPolicy.parse({ rules: [{ categories: ['PROCUREMENT'], when: 'ONETIME_TOTAL_ABOVE_ZERO', approver: 'ACCOUNT_HOLDER_MANAGER' }] }).rules[0]).toMatchObject({
      categories: ['PROCUREMENT'],
      minOneTimeCents: 1,
      levels: [manager],
    });
    // IT Mobility: Nina Patel and Luis Ortega.
    const members = (await all(db, "SELECT e.username FROM approver_group_members m JOIN approver_groups g ON g.id = m.group_id JOIN employees e ON e.id = m.employee_id WHERE g.code = 'IT_MOBILITY' AND g.tenant_id = ? ORDER BY e.username", acme));
    expect(members.map((row) => row.username)).toEqual(['luis.ortega', 'nina.patel']);
    expect((await one(db, 'SELECT manager_id AS m FROM employees WHERE username = ?', 'barbara.andrews'))!.m).toBe((await one(db, 'SELECT id FROM employees WHERE username = ?', 'daniel.okafor'))!.id);
  });

  it('gives every device a valid, unique serial number and SIM id that fits its carrier', async () => {
    const devices = (await all(db, 'SELECT d.*, v.access_method AS carrier_method FROM device_assets d LEFT JOIN services s ON s.device_asset_id = d.id LEFT JOIN vendors v ON v.id = s.current_vendor_id'));
    expect(devices.length).toBeGreaterThan(50);
    let imeis = 0;
    for (const device of devices) {
      const value = String(device.serial_value);
      switch (device.serial_type) {
        case 'IMEI':
          imeis++;
          expect(value).toMatch(/^\d{15}$/);
          expect(isLuhnValid(value), value).toBe(true);
          break;
        case 'MEID':
          expect(value).toMatch(/^[0-9A-F]{14}$/);
          break;
        case 'ESN':
          expect(value).toMatch(/^([0-9A-F]{8}|\d{11})$/);
          break;
        default:
          throw new Error(`unexpected serial type ${String(device.serial_type)}`);
      }
      if (device.sim_id !== null) {
        expect(String(device.sim_id)).toMatch(/^89\d{17,18}$/);
        expect(isLuhnValid(String(device.sim_id))).toBe(true);
      }
      if (device.carrier_method) expect(device.access_method).toBe(device.carrier_method);
    }
    expect(imeis).toBeGreaterThan(20);
    expect(isLuhnValid('490154203237518')).toBe(true);
    expect(isLuhnValid('490154203237517')).toBe(false);
    expect((await one(db, 'SELECT count(*) AS n FROM (SELECT serial_value FROM device_assets GROUP BY serial_value HAVING count(*) > 1) AS repeated'))!.n).toBe(0);
    expect((await one(db, 'SELECT count(*) AS n FROM (SELECT sim_id FROM device_assets WHERE sim_id IS NOT NULL GROUP BY sim_id HAVING count(*) > 1) AS repeated'))!.n).toBe(0);
  });

  it('gives services consistent numbers, carriers, plans, dates and features', async () => {
    const lines = (await all(db, 'SELECT s.*, v.region_id AS carrier_region, p.vendor_id AS plan_vendor, p.tenant_id AS plan_tenant, d.employee_id AS device_owner FROM services s JOIN vendors v ON v.id = s.current_vendor_id JOIN catalog_plans p ON p.id = s.plan_id JOIN device_assets d ON d.id = s.device_asset_id'));
    expect((await one(db, 'SELECT count(*) AS n FROM services'))!.n).toBe(lines.length);
    for (const line of lines) {
      expect(String(line.service_number)).toMatch(line.carrier_region === demoIds.regions.unitedKingdom ? /^07\d{9}$/ : /^[2-9]\d{2}[2-9]\d{6}$/);
      expect(line.region_id).toBe(line.carrier_region);
      expect(line.plan_vendor).toBe(line.current_vendor_id);
      expect(line.plan_tenant).toBe(line.tenant_id);
      expect(line.device_owner).toBe(line.employee_id);
      expect(Date.parse(String(line.contract_start))).toBeLessThan(Date.parse(String(line.contract_end)));
    }
    expect(new Set(lines.map((line) => line.service_number)).size).toBe(lines.length);
    const now = Date.now();
    const eligibility = lines.filter((line) => line.status === 'ACTIVE').map((line) => Date.parse(String(line.upgrade_eligibility_date)));
    expect(eligibility.filter((time) => time < now).length).toBeGreaterThan(3);
    expect(eligibility.filter((time) => time > now).length).toBeGreaterThan(3);
    expect(lines.filter((line) => line.status === 'DEACTIVATED').length).toBeGreaterThanOrEqual(3);
    const misplaced = (await all(db, 'SELECT sf.* FROM service_features sf JOIN services s ON s.id = sf.service_id LEFT JOIN plan_features pf ON pf.plan_id = s.plan_id AND pf.feature_id = sf.feature_id WHERE pf.plan_id IS NULL'));
    expect(misplaced).toEqual([]);
    expect((await all(db, 'SELECT feature_id FROM service_features WHERE service_id = ? ORDER BY 1', demoIds.services.peterPrimary)).map((row) => row.feature_id)).toContain(demoIds.features.summitInternationalPass);
    expect((await all(db, 'SELECT feature_id FROM service_features WHERE service_id = ?', demoIds.services.peterPrimary)).map((row) => row.feature_id)).not.toContain(demoIds.features.summitHotspot);
  });

  it('keeps every tenant-owned row pointing inside its own tenant, and GLOBEX has its own data', async () => {
    const crossings = [
      'SELECT s.id FROM services s JOIN employees e ON e.id = s.employee_id WHERE e.tenant_id <> s.tenant_id',
      'SELECT s.id FROM services s JOIN device_assets d ON d.id = s.device_asset_id WHERE d.tenant_id <> s.tenant_id',
      'SELECT d.id FROM device_assets d JOIN employees e ON e.id = d.employee_id WHERE e.tenant_id <> d.tenant_id',
      'SELECT e.id FROM employees e JOIN employees m ON m.id = e.manager_id WHERE m.tenant_id <> e.tenant_id',
      'SELECT e.id FROM employees e JOIN departments d ON d.id = e.department_id WHERE d.tenant_id <> e.tenant_id',
      'SELECT pf.plan_id FROM plan_features pf JOIN catalog_plans p ON p.id = pf.plan_id JOIN features f ON f.id = pf.feature_id WHERE p.tenant_id <> f.tenant_id',
      'SELECT sf.service_id FROM service_features sf JOIN services s ON s.id = sf.service_id JOIN features f ON f.id = sf.feature_id WHERE s.tenant_id <> f.tenant_id',
      'SELECT d.principal_id FROM delegates d JOIN employees p ON p.id = d.principal_id JOIN employees a ON a.id = d.delegate_id WHERE p.tenant_id <> d.tenant_id OR a.tenant_id <> d.tenant_id',
    ];
    for (const query of crossings) expect((await all(db, query)), query).toEqual([]);
    for (const table of ['employees', 'departments', 'services', 'device_assets', 'catalog_devices', 'catalog_plans', 'catalog_accessories', 'features']) {
      expect(Number((await one(db, `SELECT count(*) AS n FROM ${table} WHERE tenant_id = ?`, globex))!.n), table).toBeGreaterThan(2);
    }
    expect(await one(db, 'SELECT tenant_id, employee_id FROM services WHERE id = ?', demoIds.services.hank)).toEqual({ tenant_id: globex, employee_id: e.hank });
  });
});

describe('createOrderingEmployee', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => await server.close());

  it('creates a fresh Development employee under Barbara with two ACTIVE lines, a SUSPENDED one and a spare device, distinct on every call', async () => {
    const db = server.deps.db;
    const now = new Date();
    const first = await createOrderingEmployee(db, { now, label: 'upgrade spec' });
    const second = await createOrderingEmployee(db, { now });
    expect(second.employeeId).not.toBe(first.employeeId);
    expect(second.username).not.toBe(first.username);
    expect(first.username).toMatch(/^upgrade-spec\.\d+$/);

    const seen = { numbers: new Set<string>(), serials: new Set<string>(), sims: new Set<string>() };
    for (const created of [first, second]) {
      const person = (await one(db, 'SELECT * FROM employees WHERE id = ?', created.employeeId))!;
      expect(person).toMatchObject({ tenant_id: demoIds.tenants.acme, department_id: demoIds.departments.development, manager_id: demoIds.employees.barbara, username: created.username, company_employee_id: created.companyEmployeeId });
      expect(await verifySecret(created.password, String(person.password_hash))).toBe(true);
      const lines = await Promise.all(
        created.serviceIds.map(async (id) => (await one(db, 'SELECT s.*, d.serial_value, d.sim_id, d.employee_id AS owner FROM services s JOIN device_assets d ON d.id = s.device_asset_id WHERE s.id = ?', id))!),
      );
      expect(lines.map((line) => line.status)).toEqual(['ACTIVE', 'ACTIVE', 'SUSPENDED']);
      expect(Date.parse(String(lines[0]!.upgrade_eligibility_date))).toBeLessThan(now.getTime());
      expect(lines.map((line) => line.service_number)).toEqual(created.serviceNumbers);
      const spare = (await one(db, 'SELECT * FROM device_assets WHERE id = ?', created.spareDeviceId))!;
      expect(spare.employee_id).toBe(created.employeeId);
      expect((await one(db, 'SELECT count(*) AS n FROM services WHERE device_asset_id = ?', created.spareDeviceId))!.n).toBe(0);
      for (const device of [...lines, spare]) {
        expect(isLuhnValid(String(device.serial_value))).toBe(true);
        expect(isLuhnValid(String(device.sim_id))).toBe(true);
        seen.serials.add(String(device.serial_value));
        seen.sims.add(String(device.sim_id));
      }
      for (const line of lines) {
        expect(line.owner).toBe(created.employeeId);
        seen.numbers.add(String(line.service_number));
      }
    }
    expect(seen.numbers.size).toBe(6);
    expect(seen.serials.size).toBe(8);
    expect(seen.sims.size).toBe(8);
    // Nothing the factory made collides with the demo data either.
    expect((await one(db, 'SELECT count(*) AS n FROM (SELECT service_number FROM services GROUP BY service_number HAVING count(*) > 1) AS repeated'))!.n).toBe(0);
    expect((await one(db, 'SELECT count(*) AS n FROM (SELECT serial_value FROM device_assets GROUP BY serial_value HAVING count(*) > 1) AS repeated'))!.n).toBe(0);
  });
});
