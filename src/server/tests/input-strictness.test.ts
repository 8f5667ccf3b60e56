/**
 * Input is read as strictly as the contract writes it (MOBPROC §1): text without control
 * characters or lone surrogates, plain decimal numbers, real calendar dates, IDs in the exact form
 * issued, bounded nesting, consistent duplicate forms; and idempotency keys scoped and compared as
 * §4.5 says.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, orderSubmitResponse, transactionType } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { fillRequired, freshOrderer, orderRequestFor, propertyDefinitions, shipToUS, type Orderer } from './orders-fixtures.ts';
import { badFields } from './read-api.ts';
import { apiGet, apiPost, signIn, type Session } from './session.ts';

let server: TestServer;
let peter: Session;
let barbara: Session;
let orderer: Orderer;
let newLineProperties: ReturnType<typeof fillRequired>;
beforeAll(async () => {
  server = await startTestServer();
  [peter, barbara] = await Promise.all([signIn(server, 'peter.edwards'), signIn(server, 'barbara.andrews')]);
  orderer = await freshOrderer(server, 'strict input');
  newLineProperties = fillRequired(await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: String(demoIds.vendors.summit) }));
});
afterAll(async () => await server?.close());

const newLine = (overrides: Record<string, unknown> = {}) =>
  orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
    regionId: '1',
    postalCode: '98101',
    shoppingCart: { deviceId: String(demoIds.catalogDevices.pixel9Summit), planId: String(demoIds.plans.summitBusinessUnlimited) },
    properties: newLineProperties,
    shipTo: shipToUS(),
    ...overrides,
  });

async function fieldsOf(response: { status: number; body: unknown }) {
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  return errorEnvelope.parse(response.body).errors.map((error) => error.field);
}

describe('control characters and lone surrogates in text', () => {
  it('are refused in every single-line member, each named, in one answer', async () => {
    const body = newLine({
      externalOrderNumber: 'PO\u0000123',
      shipTo: { ...shipToUS('Taylor\u001bFixture'), address: [{ id: 'LINE_1', value: '1 Main St\u0007' }, { id: 'CITY', value: 'Seattle\ud800' }, { id: 'STATE', value: 'WA' }, { id: 'POSTAL_CODE', value: '98101' }] },
    });
    const fields = await fieldsOf(await apiPost(server, orderer.session, '/orders?confirm=true', body));
    expect(fields).toEqual(
      expect.arrayContaining(['orderRequest.externalOrderNumber', 'orderRequest.shipTo.name', 'orderRequest.shipTo.address.0.value', 'orderRequest.shipTo.address.1.value']),
    );
  });

  it('a line feed or tab is refused in a name but allowed in a reason; a NUL is refused in a reason too', async () => {
    expect(await fieldsOf(await apiPost(server, orderer.session, '/orders?confirm=true', newLine({ shipTo: shipToUS('Taylor\nFixture') })))).toContain(
      'orderRequest.shipTo.name',
    );
    const submitted = await apiPost(server, orderer.session, '/orders', newLine());
    const orderId = orderSubmitResponse.parse(submitted.body).order.orderId;
    expect(await fieldsOf(await apiPost(server, orderer.session, `/orders/${orderId}/cancel`, { reason: 'Wrong\u0000 plan' }))).toEqual(['reason']);
    const cancelled = await apiPost(server, orderer.session, `/orders/${orderId}/cancel`, { reason: 'Wrong plan.\n\tOrdering again.' });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
  });

  it('a lone surrogate is refused wherever it is, rather than stored in some places as U+FFFD', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/orders?confirm=true`, {
      method: 'POST',
      headers: { ...orderer.session.headers(), 'content-type': 'application/json' },
      // Written as JSON escapes: no UTF-8 text can carry a lone surrogate.
      body: JSON.stringify(newLine({ externalOrderNumber: 'PLACEHOLDER' })).replace('PLACEHOLDER', 'PO-\\udc00-1'),
    });
    expect(await fieldsOf({ status: response.status, body: await response.json() })).toEqual(['orderRequest.externalOrderNumber']);
  });

  it('a search made of a control character is a 400 naming it, not a match for everything', async () => {
    for (const search of ['%01', '%00', 'a%09b', '%7F']) {
      expect(await badFields(server, peter, `/employees?limit=10&offset=0&search=${search}`)).toEqual(['query.search']);
      expect(await badFields(server, peter, `/catalog/devices?limit=10&offset=0&search=${search}`)).toEqual(['query.search']);
    }
  });

  it('sign-in parameters with a control character are an OAuth invalid_request', async () => {
    const response = await fetch(`${server.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', client_id: 'mobproc-web', tenant: 'ACME', username: 'peter.edwards\u0000', password: 'demo' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('numbers, dates and IDs in queries and paths', () => {
  it('limit and offset are plain decimal numbers: padded, signed, exponent, hex or empty are 400s naming them', async () => {
    for (const limit of ['05', '+5', '1e1', '0x10', '%205', '5%20', '', '1.0']) {
      expect(await badFields(server, peter, `/employees?limit=${limit}&offset=0`), `limit=${limit}`).toEqual(['query.limit']);
    }
    for (const offset of ['', '00', '-0', '1e1', '0x1', '%20']) {
      expect(await badFields(server, peter, `/orders?limit=10&offset=${offset}`), `offset=${offset}`).toEqual(['query.offset']);
    }
    expect((await apiGet(server, peter, '/employees?limit=5&offset=0')).status).toBe(200);
  });

  it('a date that is not on the calendar is a 400 naming the filter', async () => {
    for (const value of ['2026-02-30', '2026-04-31', '2025-02-29', '2026-01-01T24:00:00Z', '2026-01-01T12:60:00Z']) {
      expect(await badFields(server, peter, `/orders?limit=10&offset=0&dateTimeUpdated=${encodeURIComponent(value)}`), value).toEqual(['query.dateTimeUpdated']);
      expect(await badFields(server, peter, `/assets/services?limit=10&offset=0&dateTimeUpdated=${encodeURIComponent(value)}`)).toEqual(['query.dateTimeUpdated']);
      expect(await badFields(server, peter, `/employees?limit=10&offset=0&dateTimeUpdatedOnOrAfter=${encodeURIComponent(value)}`)).toEqual(['query.dateTimeUpdatedOnOrAfter']);
    }
    expect((await apiGet(server, peter, '/orders?limit=10&offset=0&dateTimeUpdated=2024-02-29')).status).toBe(200);
  });

  it('an ID names a row only in the form issued: leading zeros, signs or decimals find nothing', async () => {
    const submitted = orderSubmitResponse.parse((await apiPost(server, orderer.session, '/orders', newLine())).body).order;
    expect((await apiGet(server, orderer.session, `/orders/${submitted.orderId}`)).status).toBe(200);
    for (const variant of [`0${submitted.orderId}`, `00${submitted.orderId}`, `+${submitted.orderId}`, `${submitted.orderId}.0`]) {
      expect((await apiGet(server, orderer.session, `/orders/${encodeURIComponent(variant)}`)).status, variant).toBe(404);
    }
    expect((await apiGet(server, peter, `/regions/0${demoIds.regions.unitedStates}`)).status).toBe(404);
    expect((await apiGet(server, peter, `/employees/0${demoIds.employees.peter}`)).status).toBe(404);
    // In a body, too: the padded form of a real device is an unknown ID.
    const fields = await fieldsOf(
      await apiPost(server, orderer.session, '/orders?confirm=true', newLine({ shoppingCart: { deviceId: `0${demoIds.catalogDevices.pixel9Summit}`, planId: String(demoIds.plans.summitBusinessUnlimited) } })),
    );
    expect(fields).toContain('orderRequest.shoppingCart.deviceId');
  });

  it('an ID beyond any row (past 2^31 - 1, the ID columns\' range) is answered as an unknown ID, never a 500, in paths, filters, headers and bodies', async () => {
    const unknown = '2147483647';
    for (const beyond of ['2147483648', '99999999999', '999999999999999']) {
      for (const path of [`/orders/${beyond}`, `/orders/${beyond}/history`, `/employees/${beyond}`, `/assets/services/${beyond}`, `/catalog/devices/${beyond}`, `/regions/${beyond}`, `/orders?employee=${beyond}`, `/catalog/features?service=${beyond}`]) {
        const [known, far] = [await apiGet(server, barbara, path.replace(beyond, unknown)), await apiGet(server, barbara, path)];
        expect(far.status, path).toBe(known.status);
      }
      for (const [action, body] of [['approval', { action: 'APPROVE' }], ['cancel', { reason: 'x' }]] as const) {
        expect((await apiPost(server, barbara, `/orders/${beyond}/${action}`, body)).status, action).toBe((await apiPost(server, barbara, `/orders/${unknown}/${action}`, body)).status);
      }
      expect((await apiGet(server, peter, '/me', { 'X-TNGO-CONTEXT-EMPLOYEEID': beyond })).status).toBe((await apiGet(server, peter, '/me', { 'X-TNGO-CONTEXT-EMPLOYEEID': unknown })).status);
      const fields = await fieldsOf(
        await apiPost(server, orderer.session, '/orders?confirm=true', newLine({ regionId: beyond, shoppingCart: { deviceId: beyond, planId: beyond } })),
      );
      expect(fields).toEqual(expect.arrayContaining(['orderRequest.regionId', 'orderRequest.shoppingCart.deviceId', 'orderRequest.shoppingCart.planId']));
    }
  });

  it('an ID in a path with a control character is a 400 naming it, and is not echoed back', async () => {
    for (const raw of ['%00', '1%0A2', '%1B']) {
      const response = await apiGet(server, peter, `/orders/${raw}`);
      expect(response.status, raw).toBe(400);
      expect(errorEnvelope.parse(response.body).errors.map((error) => error.field)).toEqual(['path.id']);
      expect(JSON.stringify(response.body)).not.toMatch(/\\u0000|\\n/);
    }
  });
});

describe('bodies', () => {
  it('nesting deeper than the bound is a 400 on body, with or without an Idempotency-Key, never a 500', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const headers of [{}, { 'Idempotency-Key': 'deep-1' }] as Record<string, string>[]) {
      const response = await fetch(`${server.url}/mobproc/v1/orders`, {
        method: 'POST',
        headers: { ...orderer.session.headers(), 'content-type': 'application/json', ...headers },
        body: `{"extra":${deep},"orderRequest":${JSON.stringify(newLine().orderRequest)}}`,
      });
      expect(await fieldsOf({ status: response.status, body: await response.json() })).toEqual(['body']);
    }
    const approval = await fetch(`${server.url}/mobproc/v1/orders/1/approval`, {
      method: 'POST',
      headers: { ...barbara.headers(), 'content-type': 'application/json' },
      body: `{"action":"APPROVE","x":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
    });
    expect(await fieldsOf({ status: approval.status, body: await approval.json() })).toEqual(['body']);
  });

  it('shipTo.region and shipTo.regionId must name the same country when both are sent', async () => {
    const conflicting = newLine({ shipTo: { ...shipToUS(), regionId: '1', region: { id: String(demoIds.regions.canada) } } });
    expect(await fieldsOf(await apiPost(server, orderer.session, '/orders?confirm=true', conflicting))).toContain('orderRequest.shipTo.region.id');
    const agreeing = newLine({ shipTo: { ...shipToUS(), regionId: '1', region: { id: '1' } } });
    expect((await apiPost(server, orderer.session, '/orders?confirm=true', agreeing)).status).toBe(200);
  });

  it('an acknowledgement of any type but BOOLEAN is a 400 naming its type', async () => {
    const body = newLine({ acknowledgements: [{ id: 'SOMETHING', boolean: true, type: 'TEXT' }] });
    expect(await fieldsOf(await apiPost(server, orderer.session, '/orders?confirm=true', body))).toContain('orderRequest.acknowledgements.0.type');
  });

  it('messages built around a type or status use "an" before a vowel sound', async () => {
    const [, , suspended] = orderer.serviceIds;
    const upgrade = orderRequestFor(transactionType.enum.UPGRADE, { serviceId: String(suspended), regionId: '1' });
    const response = await apiPost(server, orderer.session, '/orders?confirm=true', upgrade);
    const messages = errorEnvelope.parse(response.body).errors.map((error) => error.message);
    expect(messages.join(' ')).toMatch(/not part of an UPGRADE order/);
    expect(messages.join(' ')).not.toMatch(/\ba (UPGRADE|UNSUSPEND|UPDATE_FEATURES|ORDER_ACCESSORIES|XFER_\w+|ACTIVE|INACTIVE|ORDER)\b/);
    const unsuspend = await apiPost(server, orderer.session, '/orders?confirm=true', orderRequestFor(transactionType.enum.UNSUSPEND, { serviceId: String(orderer.serviceIds[0]) }));
    expect(errorEnvelope.parse(unsuspend.body).errors.map((error) => error.message).join(' ')).toMatch(/An ACTIVE service cannot take an UNSUSPEND order/);
  });
});

describe('Idempotency-Key (§4.5)', () => {
  it('the same key and body acting for someone else is another order, not the first person’s', async () => {
    const report = await freshOrderer(server, 'idempotency actor');
    const managerSession = await signIn(server, 'barbara.andrews');
    const key = 'actor-scope-1';
    const own = await apiPost(server, managerSession, '/orders', newLine(), { 'Idempotency-Key': key });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const forReport = await apiPost(server, managerSession, '/orders', newLine(), { 'Idempotency-Key': key, 'X-TNGO-CONTEXT-EMPLOYEEID': String(report.employeeId) });
    expect(forReport.status, JSON.stringify(forReport.body)).toBe(200);
    const first = orderSubmitResponse.parse(own.body).order;
    const second = orderSubmitResponse.parse(forReport.body).order;
    expect(second.orderId).not.toBe(first.orderId);
    expect(second.accountHolder.id).toBe(String(report.employeeId));
    // And each scope still answers its own first order on a retry.
    const retry = await apiPost(server, managerSession, '/orders', newLine(), { 'Idempotency-Key': key, 'X-TNGO-CONTEXT-EMPLOYEEID': String(report.employeeId) });
    expect(orderSubmitResponse.parse(retry.body).order.orderId).toBe(second.orderId);
  });

  it('the same body with members in another order and other whitespace is the same body', async () => {
    const body = newLine();
    const reordered = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(reordered) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reordered(item)])) : value;
    const send = (text: string) =>
      fetch(`${server.url}/mobproc/v1/orders`, {
        method: 'POST',
        headers: { ...orderer.session.headers(), 'content-type': 'application/json', 'Idempotency-Key': 'canonical-1' },
        body: text,
      });
    const first = await send(JSON.stringify(body));
    expect(first.status).toBe(200);
    const again = await send(JSON.stringify(reordered(body), null, 2));
    expect(again.status, await again.clone().text()).toBe(200);
    expect(orderSubmitResponse.parse(await again.json()).order.orderId).toBe(orderSubmitResponse.parse(await first.json()).order.orderId);
    // A different array order is a different body.
    const other = newLine({ shoppingCart: { deviceId: String(demoIds.catalogDevices.pixel9Summit), planId: String(demoIds.plans.summitBusinessUnlimited), accessoryIds: [] } });
    expect((await send(JSON.stringify(other))).status).toBe(400);
  });
});

describe('the built app', () => {
  let plain: TestServer;
  let debugging: TestServer;
  beforeAll(async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.mkdirSync(path.join(dist, '.vite'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title>');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js.map'), '{"version":3,"sources":["../src/secret.ts"]}');
    fs.writeFileSync(path.join(dist, '.vite', 'manifest.json'), '{"src/main.tsx":{}}');
    [plain, debugging] = await Promise.all([
      startTestServer({ MOBPROC_STATIC_DIR: dist }),
      startTestServer({ MOBPROC_STATIC_DIR: dist, MOBPROC_SERVE_SOURCE_MAPS: 'true' }),
    ]);
  });
  afterAll(() => Promise.all([plain?.close(), debugging?.close()]));

  it('serves neither source maps nor the build manifest, unless MOBPROC_SERVE_SOURCE_MAPS asks', async () => {
    for (const file of ['/assets/index-abc123.js.map', '/.vite/manifest.json', '/assets/%69ndex-abc123.js.map', '/assets/../.vite/manifest.json']) {
      const response = await fetch(`${plain.url}${file}`);
      expect(response.status, file).toBe(404);
      expect(await response.text()).not.toContain('secret.ts');
    }
    expect((await fetch(`${plain.url}/assets/index-abc123.js`)).status).toBe(200);
    expect((await fetch(`${debugging.url}/assets/index-abc123.js.map`)).status).toBe(200);
    expect((await fetch(`${debugging.url}/.vite/manifest.json`)).status).toBe(200);
  });
});
