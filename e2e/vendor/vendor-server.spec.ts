import { expect, test } from '@playwright/test';
import { startVendorServer, type RunningVendorServer } from '../vendor-server/server.ts';

/**
 * The vendor-shaped server itself answers as the vendor documents MOBPROC, so that the browser
 * specs really test the app against such a server. Over HTTP against its own instance; no browser.
 */

const appOrigin = 'http://127.0.0.1:9999';
let server: RunningVendorServer;
let person: { id: string; username: string; password: string; tenant: string; clientId: string; lines: Array<{ id: string; serviceNumber: string }> };
let headers: Record<string, string>;

test.beforeAll(async () => {
  server = await startVendorServer({ port: 0, allowedOrigins: [appOrigin] });
  person = (await (await fetch(`${server.url}/__fixture/employees`, { method: 'POST' })).json()) as typeof person;
  const token = await fetch(`${server.url}/as/token.oauth2`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: person.clientId, scope: 'MOBPROC', username: person.username, password: person.password }),
  });
  const answer = (await token.json()) as { access_token: string };
  headers = { Authorization: `Bearer ${answer.access_token}`, 'X-TNGO-TENANT': person.tenant, client_id: person.clientId, 'Content-Type': 'application/json' };
});

test.afterAll(async () => {
  await server?.close();
});

const api = (path: string, init: RequestInit = {}) => fetch(`${server.url}/mobproc/v1${path}`, { ...init, headers: { ...headers, ...(init.headers as Record<string, string>) } });

const suspension = (serviceId: string, serviceNumber: string, externalOrderNumber: string) => ({
  orderRequest: {
    transactionType: 'SUSPEND',
    serviceId,
    externalOrderNumber,
    properties: [
      {
        groupId: 'MISCELLANEOUS',
        fields: [
          { id: 'CONTACT_NUMBER', type: 'TEXT', text: '2075551234' },
          { id: 'SERVICE_NUMBER', type: 'TEXT', text: serviceNumber },
          { id: 'PREFERRED_SUSPENSION_DATE', type: 'DATE', date: '2031-03-02T00:00:00Z' },
        ],
      },
    ],
  },
});

test('tokens come from the vendor token path with the password grant of a public client; refresh tokens rotate', async () => {
  const form = new URLSearchParams({ grant_type: 'password', client_id: person.clientId, scope: 'MOBPROC', username: `command://${person.username}`, password: person.password });
  const granted = await fetch(`${server.url}/as/token.oauth2`, { method: 'POST', body: form });
  expect(granted.status).toBe(200);
  const pair = (await granted.json()) as Record<string, unknown>;
  expect(Object.keys(pair).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
  expect(pair.token_type).toBe('Bearer');

  const refresh = () =>
    fetch(`${server.url}/as/token.oauth2`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', client_id: person.clientId, scope: 'MOBPROC', refresh_token: String(pair.refresh_token) }) });
  expect((await refresh()).status).toBe(200);
  expect(await (await refresh()).json()).toMatchObject({ error: 'invalid_grant' });

  const wrong = await fetch(`${server.url}/as/token.oauth2`, { method: 'POST', body: new URLSearchParams({ grant_type: 'password', client_id: person.clientId, scope: 'MOBPROC', username: person.username, password: 'nope' }) });
  expect(wrong.status).toBe(400);
  expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });
  // A revoke sent to the token URL is refused, and remembered against the client that sent it.
  const revoke = await fetch(`${server.url}/as/token.oauth2`, { method: 'POST', body: new URLSearchParams({ token: String(pair.access_token), client_id: person.clientId }) });
  expect(revoke.status).toBe(400);
  const uses = (await (await fetch(`${server.url}/__fixture/extension-uses`)).json()) as { uses: Array<{ what: string }> };
  expect(uses.uses.map((use) => use.what)).toContain('revoke posted to /as/token.oauth2');
  // The project's own token path and revoke extension do not exist here.
  expect((await fetch(`${server.url}/oauth/token`, { method: 'POST', body: form })).status).toBe(404);
  expect((await fetch(`${server.url}/oauth/revoke`, { method: 'POST', body: new URLSearchParams({ token: String(pair.access_token) }) })).status).toBe(404);
});

test('ping answers echoText and sourceSystem only, announcing no extensions', async () => {
  const ping = await fetch(`${server.url}/mobproc/v1/ping?echoText=hello`);
  const body = (await ping.json()) as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['echoText', 'sourceSystem']);
  expect(body.echoText).toBe('hello');
});

test('errors are one bare {errorCode, id, message, status} object, without an envelope or a field', async () => {
  const checks = [
    await fetch(`${server.url}/mobproc/v1/me`),
    await api('/assets/services'),
    await api('/orders?confirm=true', { method: 'POST', body: JSON.stringify({ orderRequest: { transactionType: 'SUSPEND' } }) }),
    await api('/orders/404404'),
  ];
  expect(checks.map((response) => response.status)).toEqual([400, 400, 400, 404]);
  for (const response of checks) {
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['errorCode', 'id', 'message', 'status']);
    expect(String(body.errorCode).startsWith(String(response.status))).toBe(true);
    expect(body.status).toBe(response.status);
  }
  const noToken = await fetch(`${server.url}/mobproc/v1/me`, { headers: { 'X-TNGO-TENANT': person.tenant, client_id: person.clientId } });
  expect(noToken.status).toBe(401);
});

test('CORS lets the app origin send the documented headers, and not Idempotency-Key', async () => {
  const preflight = await fetch(`${server.url}/mobproc/v1/orders`, {
    method: 'OPTIONS',
    headers: { Origin: appOrigin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,client_id,content-type,x-tngo-tenant,idempotency-key' },
  });
  expect(preflight.headers.get('access-control-allow-origin')).toBe(appOrigin);
  const allowed = (preflight.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',');
  expect(allowed).toEqual(expect.arrayContaining(['authorization', 'client_id', 'content-type', 'x-tngo-tenant', 'x-tngo-context-employeeid']));
  expect(allowed).not.toContain('idempotency-key');
  const uses = (await (await fetch(`${server.url}/__fixture/extension-uses`)).json()) as { uses: Array<{ what: string }> };
  expect(uses.uses.map((use) => use.what)).toContainEqual(expect.stringContaining('idempotency-key'));
  const otherOrigin = await fetch(`${server.url}/mobproc/v1/ping`, { headers: { Origin: 'http://127.0.0.1:1' } });
  expect(otherOrigin.headers.get('access-control-allow-origin')).toBeNull();
});

test('answers carry the vendor members and none of the extensions', async () => {
  const me = (await (await api('/me')).json()) as Record<string, unknown>;
  expect(Object.keys(me).sort()).toEqual(['actor', 'authenticatedUser', 'canMoveService', 'customAttributes', 'isApprover', 'transactionTypes']);

  const service = (await (await api(`/assets/services/${person.lines[0]!.id}`)).json()) as Record<string, unknown>;
  expect(service.plan).toEqual({ name: expect.any(String) });
  expect(service).not.toHaveProperty('features');

  const devices = (await (await api('/catalog/devices?limit=10&offset=0')).json()) as { devices: { items: Array<Record<string, unknown>> } };
  expect(devices.devices.items[0]).not.toHaveProperty('accessMethod');
  expect(devices.devices.items[0]!.vendor).not.toHaveProperty('type');

  const properties = (await (await api(`/orders/properties?transactionType=SUSPEND&service=${person.lines[0]!.id}`)).json()) as { properties: { _meta: Record<string, unknown> } };
  expect(Object.keys(properties.properties._meta)).toEqual(['href']);

  const confirmation = (await (await api('/orders?confirm=true', { method: 'POST', body: JSON.stringify(suspension(person.lines[0]!.id, person.lines[0]!.serviceNumber, 'SHAPE-1')) })).json()) as {
    orderConfirmation: Record<string, unknown>;
  };
  expect(confirmation.orderConfirmation).not.toHaveProperty('costSummary');
  expect(confirmation.orderConfirmation).not.toHaveProperty('approval');
  expect(confirmation.orderConfirmation.service).not.toHaveProperty('plan');
  expect((await (await fetch(`${server.url}/__fixture/orders?employee=${person.id}`)).json()) as { count: number }).toMatchObject({ count: 0 });

  const submitted = (await (await api('/orders', { method: 'POST', body: JSON.stringify(suspension(person.lines[0]!.id, person.lines[0]!.serviceNumber, 'SHAPE-1')) })).json()) as {
    status: string;
    order: Record<string, unknown>;
  };
  expect(submitted.status).toBe('SUCCESS');
  for (const extension of ['approvers', 'shipments', 'history', 'updated', 'pendingApprovalLevel']) expect(submitted.order).not.toHaveProperty(extension);
  expect(submitted.order).toMatchObject({ transactionType: 'SUSPEND', status: 'ORDER_SUBMITTED', externalOrderNumber: 'SHAPE-1', shipTo: { address: [] } });
  expect((await api(`/orders/${String(submitted.order.orderId)}/cancel`, { method: 'POST', body: '{}' })).status).toBe(404);
  expect((await api(`/orders?limit=10&offset=0&sort=SUBMITTED_DATE`)).status).toBe(400);
});

test('the test controls store the order and then answer unreadably or drop the connection, or refuse it, and count every order', async () => {
  const controls = (mode: string) =>
    fetch(`${server.url}/__fixture/mode`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ employee: person.id, nextSubmit: mode }) });
  const count = async () => ((await (await fetch(`${server.url}/__fixture/orders?employee=${person.id}`)).json()) as { count: number; submitAttempts: number });
  const before = await count();

  // Refused first, on the line the next submit uses: nothing is stored, so the line stays free.
  expect((await controls('refuse')).status).toBe(200);
  const refused = await api('/orders', { method: 'POST', body: JSON.stringify(suspension(person.lines[1]!.id, person.lines[1]!.serviceNumber, 'LOST-0')) });
  expect(refused.status).toBe(400);
  expect(await refused.json()).toMatchObject({ errorCode: '400-CARRIER_REFUSED' });
  expect((await count()).count).toBe(before.count);

  expect((await controls('unreadable')).status).toBe(200);
  const unreadable = await api('/orders', { method: 'POST', body: JSON.stringify(suspension(person.lines[1]!.id, person.lines[1]!.serviceNumber, 'LOST-1')) });
  expect(unreadable.status).toBe(200);
  await expect(unreadable.json()).rejects.toThrow();

  expect((await controls('drop')).status).toBe(200);
  const suspended = person.lines[2]!;
  const unsuspend = {
    orderRequest: {
      transactionType: 'UNSUSPEND',
      serviceId: suspended.id,
      externalOrderNumber: 'LOST-2',
      properties: [{ groupId: 'MISCELLANEOUS', fields: [{ id: 'CONTACT_NUMBER', type: 'TEXT', text: '2075551234' }, { id: 'SERVICE_NUMBER', type: 'TEXT', text: suspended.serviceNumber }] }],
    },
  };
  await expect(api('/orders', { method: 'POST', body: JSON.stringify(unsuspend) })).rejects.toThrow();

  const after = await count();
  expect(after.count - before.count).toBe(2);
  expect(after.submitAttempts - before.submitAttempts).toBe(3);
  // Both orders are there to be found by their reference.
  const listed = (await (await api(`/orders?limit=10&offset=0&employee=${person.id}`)).json()) as { orders: { items: Array<{ externalOrderNumber?: string }> } };
  expect(listed.orders.items.map((order) => order.externalOrderNumber)).toEqual(expect.arrayContaining(['LOST-1', 'LOST-2']));
});
