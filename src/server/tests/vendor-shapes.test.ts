/**
 * Our answers hold the vendor's shapes: every member the vendor's public documentation shows for
 * an answer (described in vendor/shapes.ts) is in ours, with the same JSON type, over real HTTP
 * against the real server. A client written from the vendor's documentation therefore reads ours.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionTypes, transactionType } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { freshOrderer } from './orders-fixtures.ts';
import { exec, row, rows } from './rows.ts';
import { apiGet, apiPost, signIn } from './session.ts';
import { vendorRequest } from './vendor/requests.ts';
import { shapeProblems } from './vendor/shape-check.ts';
import * as vendor from './vendor/shapes.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function token(form: Record<string, string>) {
  const response = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

describe('order answers of every transaction type', () => {
  it.each(transactionTypes)('%s: the confirmation and the submit answer have the vendor’s members', async (type) => {
    const { orderer, body } = await vendorRequest(server, type);
    const confirmation = await apiPost(server, orderer.session, '/orders?confirm=true', body);
    expect(confirmation.status, JSON.stringify(confirmation.body)).toBe(200);
    expect(shapeProblems(confirmation.body, vendor.orderAnswers[type]!.confirmation)).toEqual([]);
    const submitted = await apiPost(server, orderer.session, '/orders', body);
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(shapeProblems(submitted.body, vendor.orderAnswers[type]!.order)).toEqual([]);
    // Read back, the stored order is the same object.
    const orderId = (submitted.body as { order: { orderId: string } }).order.orderId;
    const read = await apiGet(server, orderer.session, `/orders/${orderId}`);
    expect(read.status).toBe(200);
    expect(shapeProblems(read.body, vendor.orderAnswers[type]!.order)).toEqual([]);
  });
});

describe('orders stored before the vendor’s members were added', () => {
  it('are read back with links, logos, the ship-to region id and an empty plan object', async () => {
    const { orderer, body } = await vendorRequest(server, transactionType.enum.ORDER_ACCESSORIES);
    const submitted = await apiPost(server, orderer.session, '/orders', body);
    const orderId = (submitted.body as { order: { orderId: string } }).order.orderId;
    // Rewrite the stored rows the way the previous version wrote them: names without links or logos, a null plan.
    const strip = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(strip)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).filter(([key]) => key !== '_meta' && key !== 'logoUrl' && key !== 'regionId').map(([key, child]) => [key, strip(child)]))
          : value;
    const segments = await rows<{ id: number; body: string }>(server, 'SELECT id, body FROM order_segments WHERE order_id = ?', Number(orderId));
    const { shipTo } = (await row<{ shipTo: string }>(server, 'SELECT ship_to AS "shipTo" FROM orders WHERE id = ?', Number(orderId)))!;
    await exec(
      server,
      ...segments.map(({ id, body }): [string, ...unknown[]] => ['UPDATE order_segments SET body = ? WHERE id = ?', JSON.stringify({ ...(strip(JSON.parse(body)) as object), plan: null }), id]),
      ['UPDATE orders SET ship_to = ? WHERE id = ?', JSON.stringify(strip(JSON.parse(shipTo))), Number(orderId)],
    );
    const read = await apiGet(server, orderer.session, `/orders/${orderId}`);
    expect(read.status).toBe(200);
    expect(shapeProblems(read.body, vendor.orderAnswers.ORDER_ACCESSORIES!.order)).toEqual([]);
    expect((read.body as { order: { shipTo: { regionId?: string } } }).order.shipTo.regionId).toBe('1');
  });
});

describe('the other documented answers', () => {
  it('token endpoint: the password grant and the refresh grant', async () => {
    const first = await token({ grant_type: 'password', client_id: 'mobproc-web', scope: 'MOBPROC', username: 'peter.edwards', password: 'demo', tenant: 'ACME' });
    expect(shapeProblems(first, vendor.tokenAnswer)).toEqual([]);
    const refreshed = await token({ grant_type: 'refresh_token', client_id: 'mobproc-web', scope: 'MOBPROC', refresh_token: String(first.refresh_token) });
    expect(shapeProblems(refreshed, vendor.tokenAnswer)).toEqual([]);
  });

  it('token validation', async () => {
    const session = await signIn(server, 'peter.edwards');
    const response = await fetch(`${server.url}/oauth/validate?access_token=${encodeURIComponent(session.accessToken)}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { access_token: { multitenant: unknown } };
    expect(shapeProblems(body, vendor.validateAnswer)).toEqual([]);
    expect(body.access_token.multitenant).toBe('false');
  });

  it('moving a service, at the path the vendor’s move tutorial writes', async () => {
    const orderer = await freshOrderer(server, 'vendor-move');
    const serviceDesk = await signIn(server, 'svc.servicedesk');
    const barbara = (await apiGet(server, serviceDesk, `/employees/${demoIds.employees.barbara}`)).body as { companyEmployeeId: string };
    const response = await apiPost(server, serviceDesk, `/assets/service/${orderer.serviceIds[1]}/move`, {
      newOwnerCompanyEmployeeId: barbara.companyEmployeeId,
      moveCharges: 'MOVE_NO_CHARGES',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(shapeProblems(response.body, vendor.moveAnswer)).toEqual([]);
  });

  it('states of a country, and a country with its address format', async () => {
    const session = await signIn(server, 'peter.edwards');
    const states = await apiGet(server, session, `/regions?parentRegion=${demoIds.regions.unitedStates}`);
    expect(states.status).toBe(200);
    expect(shapeProblems(states.body, vendor.statesAnswer)).toEqual([]);
    const country = await apiGet(server, session, `/regions/${demoIds.regions.unitedStates}`);
    expect(country.status).toBe(200);
    expect(shapeProblems(country.body, vendor.countryAnswer)).toEqual([]);
  });

  it('order properties and acknowledgements', async () => {
    const session = await signIn(server, 'peter.edwards');
    const properties = await apiGet(server, session, `/orders/properties?transactionType=NEW_ACTIVATION&vendor=${demoIds.vendors.summit}`);
    expect(properties.status).toBe(200);
    expect(shapeProblems(properties.body, vendor.propertiesAnswer)).toEqual([]);
    const acknowledgements = await apiGet(server, session, `/acknowledgements?transactionType=XFER_SERVICE_IN&vendor=${demoIds.vendors.summit}`);
    expect(acknowledgements.status).toBe(200);
    expect(shapeProblems(acknowledgements.body, vendor.acknowledgementsAnswer)).toEqual([]);
  });

  it('a page in the middle of a collection, and its items', async () => {
    const session = await signIn(server, 'peter.edwards');
    const page = await apiGet(server, session, '/employees?limit=5&offset=10');
    expect(page.status).toBe(200);
    const members = { ...vendor.at('employees._meta', vendor.pageMetaAnswer), ...vendor.at('employees.items[]', vendor.employeeItemAnswer) };
    expect(shapeProblems(page.body, members)).toEqual([]);
  });

  it('members the release notes add: vendors, /me, assets and orders', async () => {
    const { orderer, body } = await vendorRequest(server, transactionType.enum.NEW_ACTIVATION);
    const { session } = orderer;
    expect((await apiPost(server, session, '/orders', body)).status).toBe(200);
    const answers: [string, vendor.Members][] = [
      ['/vendors', vendor.vendorsAnswer],
      [`/vendors/${demoIds.vendors.summit}`, vendor.vendorDetailAnswer],
      ['/me', vendor.meAnswer],
      [`/assets/services?employee=${orderer.employeeId}&limit=10&offset=0`, vendor.servicesPageAnswer],
      [`/assets/devices?employee=${orderer.employeeId}&includeServiceDetails=true&includeUpgradeEligibleDate=true&limit=10&offset=0`, vendor.devicesWithServiceDetailsAnswer],
      ['/orders?limit=10&offset=0', vendor.ordersPageAnswer],
    ];
    for (const [path, members] of answers) {
      const response = await apiGet(server, session, path);
      expect(response.status, path).toBe(200);
      expect(shapeProblems(response.body, members), path).toEqual([]);
    }
  });

  it('an approval decision', async () => {
    const { orderer, body } = await vendorRequest(server, transactionType.enum.NEW_ACTIVATION);
    const submitted = await apiPost(server, orderer.session, '/orders', body);
    const orderId = (submitted.body as { order: { orderId: string } }).order.orderId;
    const barbara = await signIn(server, 'barbara.andrews');
    const response = await apiPost(server, barbara, `/orders/${orderId}/approval`, { action: 'APPROVE', reason: 'Within budget.' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(shapeProblems(response.body, vendor.approvalAnswer)).toEqual([]);
  });
});
