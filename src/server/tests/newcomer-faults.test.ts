/**
 * Faults a newcomer and a reviewer found, each tested as a kind over HTTP against the real server:
 * care orders wait for their preferred date (also across a restart); an employee's orders include
 * those they placed for others; a number moves only to a carrier of its own country; direction
 * controls and malformed UTF-8 are refused; validation speaks plain words; employee references
 * must name someone in the tenant; an optional body may be sent empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acknowledgementsResponse,
  employeesResponse,
  errorEnvelope,
  meResponse,
  orderDetailResponse,
  ordersResponse,
  transactionType,
  type OrderRequestBody,
  type TransactionType,
} from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { checkAnswer, type FuzzRequest, type OpenApiDocument } from './fuzz-requests.ts';
import { scratchDatabase, startTestServer, type TestServer } from './harness.ts';
import {
  CA_ADDRESS,
  confirmOk,
  fillRequired,
  freshOrderer,
  getOrder,
  orderRequestFor,
  propertyDefinitions,
  serviceOf,
  shipToUS,
  submitOk,
  tenantDate,
  TENANT_ZONE,
  waitForStatus,
  type Orderer,
} from './orders-fixtures.ts';
import { getOk } from './read-api.ts';
import { apiGet, apiPost, signIn, type Session } from './session.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const DAY_MS = 86_400_000;

/** A care order on `serviceId` with every required property filled, and `date` in each of its preferred-date fields. */
async function careOrder(target: TestServer, orderer: Orderer, type: TransactionType, serviceId: number, date: string): Promise<OrderRequestBody> {
  const definitions = await propertyDefinitions(target, orderer.session, type, { service: String(serviceId) });
  const properties = fillRequired(definitions).map((group) => ({ ...group, fields: [...group.fields] }));
  // Optional preferred dates (UNSUSPEND's, XFER_SERVICE_OUT's) are given too: they set the day as well.
  for (const group of definitions) {
    for (const field of group.fields) {
      if (field.type !== 'DATE' || !field.id.startsWith('PREFERRED_')) continue;
      let placed = properties.find((candidate) => candidate.groupId === group.groupId);
      if (!placed) {
        placed = { groupId: group.groupId, fields: [] };
        properties.push(placed);
      }
      const index = placed.fields.findIndex((candidate) => candidate.id === field.id);
      const value = { id: field.id, type: 'DATE' as const, date };
      if (index >= 0) placed.fields[index] = value;
      else placed.fields.push(value);
    }
  }
  return orderRequestFor(type, { serviceId: String(serviceId), properties });
}

/**
 * Resolves once the fulfilment worker has caught up with `target`'s clock: a care order dated the
 * server's today, placed by someone else, has run to COMPLETE. The worker takes due steps oldest
 * first, so a step that was due before this one (a wait that ended too early) has run by then too.
 * A condition to wait for instead of a pause that a slow machine could outlast.
 */
async function fulfilmentCaughtUp(target: TestServer): Promise<void> {
  const marker = await freshOrderer(target, 'marker');
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TENANT_ZONE }).format(target.deps.now());
  const order = await submitOk(target, marker.session, await careOrder(target, marker, transactionType.enum.SUSPEND, marker.serviceIds[0], today));
  await waitForStatus(target, marker.session, order.orderId, 'COMPLETE');
}
/** Tokens outlive the days these servers' clocks move forward. */
const LONG_TOKENS = { MOBPROC_TOKEN_TTL_S: String(30 * 24 * 3600) };

describe('care orders wait for their preferred date (§4.6)', () => {
  it('stay ORDER_SUBMITTED, change nothing, and apply when that day begins in the tenant’s time zone', async () => {
    const own = await startTestServer(LONG_TOKENS);
    try {
      const orderer = await freshOrderer(own, 'scheduled');
      const day = tenantDate(3);
      // The demo policy has DEACTIVATE approved first (the wait starts with the approval); the others need none.
      const placed = [
        { type: transactionType.enum.SUSPEND, serviceId: orderer.serviceIds[0], before: 'ACTIVE', after: 'SUSPENDED', approved: false },
        { type: transactionType.enum.DEACTIVATE, serviceId: orderer.serviceIds[1], before: 'ACTIVE', after: 'DEACTIVATED', approved: true },
        { type: transactionType.enum.UNSUSPEND, serviceId: orderer.serviceIds[2], before: 'SUSPENDED', after: 'ACTIVE', approved: false },
      ];
      const orders = [];
      const barbara = await signIn(own, 'barbara.andrews');
      for (const order of placed) {
        const submitted = await submitOk(own, orderer.session, await careOrder(own, orderer, order.type, order.serviceId, day));
        expect(submitted.status, order.type).toBe(order.approved ? 'AWAITING_APPROVAL' : 'ORDER_SUBMITTED');
        if (order.approved) {
          const decided = await apiPost(own, barbara, `/orders/${submitted.orderId}/approval`, { action: 'APPROVE' });
          expect(decided.body).toEqual({ status: 'APPROVAL_QUEUED' });
        }
        orders.push({ ...order, orderId: submitted.orderId });
      }
      await fulfilmentCaughtUp(own);
      for (const order of orders) {
        expect((await getOrder(own, orderer.session, order.orderId)).status, order.type).toBe('ORDER_SUBMITTED');
        expect((await serviceOf(own, orderer.session, order.serviceId)).status, order.type).toBe(order.before);
      }
      const history = await getOrder(own, orderer.session, orders[0]!.orderId);
      // In words, as a person reads a date, not the wire's ISO form.
      const description = history.history?.[0]?.description ?? '';
      expect(description).toMatch(/ It takes effect on (Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\.$/);
      expect(description).not.toContain(day);
      expect(description).toContain(`${Number(day.slice(8, 10))}, ${day.slice(0, 4)}.`);

      // The day before: still waiting.
      own.advanceClock(2 * DAY_MS);
      await fulfilmentCaughtUp(own);
      for (const order of orders) expect((await getOrder(own, orderer.session, order.orderId)).status, order.type).toBe('ORDER_SUBMITTED');

      // The day itself, in the tenant's zone.
      own.advanceClock(Date.parse(`${day}T12:00:00Z`) - (Date.now() + 2 * DAY_MS));
      for (const order of orders) {
        await waitForStatus(own, orderer.session, order.orderId, 'COMPLETE');
        expect((await serviceOf(own, orderer.session, order.serviceId)).status, order.type).toBe(order.after);
      }
    } finally {
      await own.close();
    }
  });

  it('apply at once when the date is today', async () => {
    const orderer = await freshOrderer(server, 'today');
    const order = await submitOk(server, orderer.session, await careOrder(server, orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0], tenantDate(0)));
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    expect((await serviceOf(server, orderer.session, orderer.serviceIds[0])).status).toBe('SUSPENDED');
  });

  it('can be withdrawn while they wait, and the wait survives a restart', async () => {
    // The database outlives the first server, so this test owns it.
    const database = await scratchDatabase();
    const first = await startTestServer(LONG_TOKENS, { databaseUrl: database.url });
    let second: TestServer | undefined;
    try {
      const orderer = await freshOrderer(first, 'restart');
      const day = tenantDate(5);
      const waiting = await submitOk(first, orderer.session, await careOrder(first, orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0], day));
      const withdrawn = await submitOk(first, orderer.session, await careOrder(first, orderer, transactionType.enum.DEACTIVATE, orderer.serviceIds[1], day));
      const cancelled = await apiPost(first, orderer.session, `/orders/${withdrawn.orderId}/cancel`, { reason: 'Changed my mind' });
      expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
      await first.close();

      second = await startTestServer(LONG_TOKENS, { databaseUrl: database.url });
      const session = await signIn(second, orderer.username, { password: orderer.password });
      await fulfilmentCaughtUp(second);
      expect((await getOrder(second, session, waiting.orderId)).status).toBe('ORDER_SUBMITTED');
      second.advanceClock(Date.parse(`${day}T12:00:00Z`) - Date.now());
      await waitForStatus(second, session, waiting.orderId, 'COMPLETE');
      expect((await serviceOf(second, session, orderer.serviceIds[0])).status).toBe('SUSPENDED');
      expect((await getOrder(second, session, withdrawn.orderId)).status).toBe('CANCELLED');
      expect((await serviceOf(second, session, orderer.serviceIds[1])).status).toBe('ACTIVE');
    } finally {
      await second?.close();
      await first.close();
      await database.drop();
    }
  });
});

describe('an employee’s orders include those they placed for others (§2)', () => {
  it('lists, for employee= and companyEmployeeId=, the orders the service desk placed while acting for someone', async () => {
    const orderer = await freshOrderer(server, 'for-sam');
    const sam = await signIn(server, 'sam.rivera');
    const me = await getOk(server, sam, '/me', meResponse);
    const actingFor = { 'X-TNGO-CONTEXT-EMPLOYEEID': String(orderer.employeeId) };
    const definitions = await propertyDefinitions(server, sam, transactionType.enum.SUSPEND, { service: String(orderer.serviceIds[0]) });
    const response = await apiPost(
      server,
      sam,
      '/orders',
      orderRequestFor(transactionType.enum.SUSPEND, { serviceId: String(orderer.serviceIds[0]), properties: fillRequired(definitions, { PREFERRED_SUSPENSION_DATE: tenantDate(10) }) }),
      actingFor,
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const orderId = orderDetailResponse.parse(response.body).order.orderId;

    for (const filter of [`employee=${me.authenticatedUser.id}`, `companyEmployeeId=${encodeURIComponent(me.authenticatedUser.companyEmployeeId)}`]) {
      const mine = await getOk(server, sam, `/orders?${filter}&limit=100&offset=0`, ordersResponse);
      expect(mine.orders.items.map((order) => order.orderId), filter).toContain(orderId);
    }
    // Still the account holder's order too.
    const theirs = await getOk(server, orderer.session, `/orders?employee=${orderer.employeeId}&limit=100&offset=0`, ordersResponse);
    expect(theirs.orders.items.map((order) => order.orderId)).toContain(orderId);
  });
});

describe('a number moves only to a carrier of its own country (§4.4)', () => {
  const MAPLE_PLAN = String(demoIds.plans.mapleBusiness);
  const SUMMIT_PLAN = String(demoIds.plans.summitBusinessUnlimited);
  const CANADA = String(demoIds.regions.canada);
  const shipToCanada = { name: 'Taylor Fixture', regionId: CANADA, address: CA_ADDRESS };

  async function problems(session: Session, body: OrderRequestBody) {
    const response = await apiPost(server, session, '/orders?confirm=true', body);
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    return errorEnvelope.parse(response.body).errors;
  }

  it('refuses to port a US line to a Canadian carrier, on the plan and the country', async () => {
    const orderer = await freshOrderer(server, 'port-abroad');
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.PORT_NUMBER, { vendor: String(demoIds.vendors.maple), service: String(orderer.serviceIds[0]) });
    const errors = await problems(
      orderer.session,
      orderRequestFor(transactionType.enum.PORT_NUMBER, {
        serviceId: String(orderer.serviceIds[0]),
        regionId: CANADA,
        postalCode: 'K1A 0B1',
        shoppingCart: { planId: MAPLE_PLAN },
        properties: fillRequired(definitions),
        shipTo: shipToCanada,
      }),
    );
    const plan = errors.find((error) => error.field === 'orderRequest.shoppingCart.planId');
    expect(plan?.errorCode).toBe('400-BUSINESS_RULE');
    expect(plan?.message).toMatch(/United States.*Canada.*carrier in the United States/);
    expect(errors.map((error) => error.field)).toContain('orderRequest.regionId');
  });

  const bringIn = async (type: TransactionType, number: string, planId: string, currentVendorId: string, regionId: string, postalCode: string, shipTo: typeof shipToCanada | undefined) => {
    const orderer = await freshOrderer(server, 'bring-in');
    const plan = planId === MAPLE_PLAN ? demoIds.vendors.maple : demoIds.vendors.summit;
    const definitions = await propertyDefinitions(server, orderer.session, type, { vendor: String(plan) });
    const acknowledgements = await getOk(server, orderer.session, `/acknowledgements?transactionType=${type}&vendor=${plan}`, acknowledgementsResponse);
    const device = type === transactionType.enum.XFER_SERVICE_IN_AND_PORT ? { deviceId: String(planId === MAPLE_PLAN ? demoIds.catalogDevices.iphone16Maple : demoIds.catalogDevices.pixel9Summit) } : {};
    const body = orderRequestFor(type, {
      regionId,
      postalCode,
      currentVendorId,
      shoppingCart: { planId, ...device },
      properties: fillRequired(definitions, { SERVICE_NUMBER: number }),
      acknowledgements: acknowledgements.acknowledgements.map((item) => ({ id: item.id, boolean: true })),
      ...(shipTo ? { shipTo } : {}),
    });
    return { orderer, body };
  };

  it('refuses to bring a Canadian number in on a US carrier, and a US number on a Canadian one', async () => {
    const inUs = await bringIn(transactionType.enum.XFER_SERVICE_IN, '416 555 0181', SUMMIT_PLAN, String(demoIds.vendors.summit), '1', '98101', undefined);
    const usErrors = await problems(inUs.orderer.session, inUs.body);
    expect(usErrors.find((error) => error.field === 'orderRequest.shoppingCart.planId')?.message).toMatch(/Canada/);

    const inCanada = await bringIn(transactionType.enum.XFER_SERVICE_IN_AND_PORT, '+1 206 555 0917', MAPLE_PLAN, String(demoIds.vendors.summit), CANADA, 'K1A 0B1', shipToCanada);
    const caErrors = await problems(inCanada.orderer.session, inCanada.body);
    expect(caErrors.find((error) => error.field === 'orderRequest.shoppingCart.planId')?.message).toMatch(/United States/);
  });

  it('accepts a Canadian number brought in and ported to a Canadian carrier', async () => {
    const { orderer, body } = await bringIn(transactionType.enum.XFER_SERVICE_IN_AND_PORT, '416 555 0182', MAPLE_PLAN, String(demoIds.vendors.summit), CANADA, 'K1A 0B1', shipToCanada);
    await confirmOk(server, orderer.session, body);
  });
});

describe('text a client sends (§1)', () => {
  it('refuses bidirectional override and isolate controls in every free-text member, naming it', async () => {
    const orderer = await freshOrderer(server, 'bidi');
    const order = await submitOk(server, orderer.session, await careOrder(server, orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0], tenantDate(9)));
    for (const control of ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']) {
      const cancel = await apiPost(server, orderer.session, `/orders/${order.orderId}/cancel`, { reason: `moved ${control}gpj.exe` });
      expect(cancel.status, JSON.stringify(cancel.body)).toBe(400);
      expect(errorEnvelope.parse(cancel.body).errors[0]).toMatchObject({ errorCode: '400-INVALID_TEXT', field: 'reason' });
    }
    const confirm = await apiPost(server, orderer.session, '/orders?confirm=true', {
      orderRequest: { transactionType: transactionType.enum.SUSPEND, serviceId: String(orderer.serviceIds[1]), externalOrderNumber: 'PO-\u202E42' },
    });
    expect(confirm.status).toBe(400);
    expect(errorEnvelope.parse(confirm.body).errors.map((error) => [error.field, error.errorCode])).toContainEqual(['orderRequest.externalOrderNumber', '400-INVALID_TEXT']);
    const search = await apiGet(server, orderer.session, `/employees?search=${encodeURIComponent('pet\u2067er')}`);
    expect(search.status).toBe(400);
    expect(errorEnvelope.parse(search.body).errors[0]?.field).toBe('query.search');
    expect((await getOrder(server, orderer.session, order.orderId)).status).not.toBe('CANCELLED');
  });

  it('refuses a query value whose %-escapes are not UTF-8, naming the parameter', async () => {
    const orderer = await freshOrderer(server, 'utf8-query');
    for (const escaped of ['%FF', 'pet%C3%28er', '%E2%82']) {
      const response = await apiGet(server, orderer.session, `/employees?limit=5&search=${escaped}`);
      expect(response.status, escaped).toBe(400);
      expect(errorEnvelope.parse(response.body).errors[0], escaped).toMatchObject({ errorCode: '400-INVALID_TEXT', field: 'query.search' });
    }
    const fine = await apiGet(server, orderer.session, `/employees?limit=5&search=${encodeURIComponent('Zoë')}`);
    expect(fine.status).toBe(200);
  });

  it('refuses a body that is not valid UTF-8 with a 400 on body, on every kind of route', async () => {
    const orderer = await freshOrderer(server, 'utf8');
    const broken = (json: string) => Buffer.concat([Buffer.from(json.slice(0, json.indexOf('@'))), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(json.slice(json.indexOf('@') + 1))]);
    for (const [path, json] of [
      ['/orders?confirm=true', `{"orderRequest":{"transactionType":"${transactionType.enum.SUSPEND}","externalOrderNumber":"PO-@"}}`],
      ['/orders/1/cancel', '{"reason":"@"}'],
      ['/orders/1/approval', '{"action":"APPROVE","reason":"@"}'],
    ] as const) {
      const response = await fetch(`${server.url}/mobproc/v1${path}`, {
        method: 'POST',
        headers: { ...orderer.session.headers(), 'content-type': 'application/json' },
        body: broken(json),
      });
      const body = errorEnvelope.parse(await response.json());
      expect(response.status, path).toBe(400);
      expect(body.errors[0], path).toMatchObject({ errorCode: '400-INVALID_TEXT', field: 'body' });
    }
  });
});

describe('validation speaks plain words that name the field (§1)', () => {
  it('says what is wrong for too long, wrong type, missing and not one of the choices, in the 400s', async () => {
    const orderer = await freshOrderer(server, 'words');
    const order = await submitOk(server, orderer.session, await careOrder(server, orderer, transactionType.enum.SUSPEND, orderer.serviceIds[0], tenantDate(9)));
    const cases: [string, unknown, string, string, string][] = [
      [`/orders/${order.orderId}/cancel`, { reason: 'x'.repeat(1001) }, 'reason', '400-INVALID_FIELD', 'Reason must be 1000 characters or fewer.'],
      [`/orders/${order.orderId}/cancel`, { reason: 42 }, 'reason', '400-INVALID_FIELD', 'Reason must be text.'],
      [`/orders/${order.orderId}/approval`, {}, 'action', '400-MISSING_FIELD', 'Action is required.'],
      [`/orders/${order.orderId}/approval`, { action: 'MAYBE' }, 'action', '400-INVALID_FIELD', 'Action must be one of APPROVE, REJECT, REQUEST_INFO.'],
      [
        '/orders?confirm=true',
        { orderRequest: { transactionType: transactionType.enum.NEW_ACTIVATION, regionId: '1', postalCode: '98101', shoppingCart: { planId: String(demoIds.plans.summitEssentials), quantity: 1.5 }, shipTo: shipToUS() } },
        'orderRequest.shoppingCart.quantity',
        '400-INVALID_FIELD',
        'Quantity must be a whole number.',
      ],
      [
        '/orders?confirm=true',
        { orderRequest: { transactionType: transactionType.enum.SUSPEND, serviceId: String(orderer.serviceIds[1]), externalOrderNumber: 'P'.repeat(51) } },
        'orderRequest.externalOrderNumber',
        '400-INVALID_FIELD',
        'External order number must be 50 characters or fewer.',
      ],
    ];
    for (const [path, body, field, errorCode, message] of cases) {
      const response = await apiPost(server, orderer.session, path, body);
      expect(response.status, `${path} ${field}`).toBe(400);
      const errors = errorEnvelope.parse(response.body).errors;
      expect(errors.find((error) => error.field === field), JSON.stringify(errors)).toMatchObject({ errorCode, message });
      for (const error of errors) expect(error.message).not.toMatch(/Invalid input|Too big|Too small|expected \w+ to/);
    }
  });
});

describe('a body that names an employee names someone of the tenant (§4.3)', () => {
  async function unsuspendWithUser(orderer: Orderer, user: string) {
    const definitions = await propertyDefinitions(server, orderer.session, transactionType.enum.UNSUSPEND, { service: String(orderer.serviceIds[2]) });
    return orderRequestFor(transactionType.enum.UNSUSPEND, { serviceId: String(orderer.serviceIds[2]), properties: fillRequired(definitions, { USER: user }) });
  }
  const userField = (body: OrderRequestBody) => {
    const groups = body.orderRequest.properties ?? [];
    for (const [groupIndex, group] of groups.entries()) {
      const fieldIndex = group.fields.findIndex((field) => field.id === 'USER');
      if (fieldIndex >= 0) return `orderRequest.properties.${groupIndex}.fields.${fieldIndex}.text`;
    }
    throw new Error('no USER field');
  };

  it('refuses a made-up employee ID and one of another tenant in USER, and accepts a colleague’s', async () => {
    const orderer = await freshOrderer(server, 'user-field');
    const hank = await signIn(server, 'hank.scorpio', { tenant: 'GLOBEX' });
    const globexId = (await getOk(server, hank, '/me', meResponse)).authenticatedUser.companyEmployeeId;
    const acmeIds = new Set((await getOk(server, orderer.session, `/employees?companyEmployeeId=${encodeURIComponent(globexId)}&limit=1&offset=0`, employeesResponse)).employees.items.map((item) => item.id));
    expect(acmeIds.size, 'the GLOBEX id must not exist in ACME for this test').toBe(0);
    for (const made of ['NOBODY-404', globexId]) {
      const body = await unsuspendWithUser(orderer, made);
      const response = await apiPost(server, orderer.session, '/orders?confirm=true', body);
      expect(response.status, made).toBe(400);
      expect(errorEnvelope.parse(response.body).errors, made).toContainEqual(expect.objectContaining({ field: userField(body), errorCode: '400-UNKNOWN_ID' }));
    }
    const barbara = await signIn(server, 'barbara.andrews');
    const colleague = (await getOk(server, barbara, '/me', meResponse)).authenticatedUser.companyEmployeeId;
    await confirmOk(server, orderer.session, await unsuspendWithUser(orderer, colleague));
  });
});

describe('an optional body may be empty (§3 cancel)', () => {
  it('withdraws an order on POST /cancel with an empty body, with or without a JSON content type', async () => {
    const orderer = await freshOrderer(server, 'empty-cancel');
    const contentTypes: Record<string, string>[] = [{ 'content-type': 'application/json' }, {}];
    for (const [index, headers] of contentTypes.entries()) {
      const order = await submitOk(server, orderer.session, await careOrder(server, orderer, transactionType.enum.SUSPEND, orderer.serviceIds[index]!, tenantDate(9)));
      const response = await fetch(`${server.url}/mobproc/v1/orders/${order.orderId}/cancel`, { method: 'POST', headers: { ...orderer.session.headers(), ...headers } });
      const body = await response.json();
      expect(response.status, JSON.stringify(body)).toBe(200);
      expect(orderDetailResponse.parse(body).order.status).toBe('CANCELLED');
    }
    const document = (await (await fetch(`${server.url}/mobproc/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { required: boolean } }>>;
    };
    expect(document.paths['/mobproc/v1/orders/{id}/cancel']?.post?.requestBody?.required).toBe(false);
    expect(document.paths['/mobproc/v1/orders/{id}/approval']?.post?.requestBody?.required).toBe(true);
  });

  it('still refuses an empty body where one is required', async () => {
    const orderer = await freshOrderer(server, 'empty-approval');
    const response = await fetch(`${server.url}/mobproc/v1/orders/1/approval`, { method: 'POST', headers: { ...orderer.session.headers(), 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
  });
});

describe('the fuzz run judges an answer by what the OpenAPI document says the route answers', () => {
  const request = (route: FuzzRequest['route']): FuzzRequest => ({
    route,
    url: `${server.url}${route.prefix}${route.path}`,
    method: route.method === 'post' ? 'POST' : 'GET',
    headers: {},
  });
  const envelope = JSON.stringify({ status: 'ERROR', errors: [{ status: 400, id: 'x', errorCode: '400-INVALID_FIELD', message: 'No.' }] });
  let document: OpenApiDocument;
  beforeAll(async () => {
    document = (await (await fetch(`${server.url}/mobproc/v1/openapi.json`)).json()) as OpenApiDocument;
  });

  it('accepts an HTML page where the route documents one, and the documented JSON error elsewhere', () => {
    const authorize = request({ prefix: '/oauth', path: '/authorize', method: 'post' });
    expect(() => checkAnswer(authorize, { status: 400, contentType: 'text/html; charset=UTF-8', text: '<!doctype html><p>No.</p>' }, document)).not.toThrow();
    const cancel = request({ prefix: '/mobproc/v1', path: '/orders/:id/cancel', method: 'post' });
    expect(() => checkAnswer(cancel, { status: 400, contentType: 'application/json', text: envelope }, document)).not.toThrow();
  });

  it('refuses a content type, a status or an error body the document does not give that answer', () => {
    const authorize = request({ prefix: '/oauth', path: '/authorize', method: 'post' });
    expect(() => checkAnswer(authorize, { status: 400, contentType: 'application/json', text: envelope }, document)).toThrow(/application\/json/);
    const cancel = request({ prefix: '/mobproc/v1', path: '/orders/:id/cancel', method: 'post' });
    expect(() => checkAnswer(cancel, { status: 400, contentType: 'text/html', text: '<p>No.</p>' }, document)).toThrow(/text\/html/);
    expect(() => checkAnswer(cancel, { status: 418, contentType: 'application/json', text: envelope }, document)).toThrow(/not documented/);
    expect(() => checkAnswer(cancel, { status: 400, contentType: 'application/json', text: '{"error":"invalid_request"}' }, document)).toThrow(/ErrorEnvelope/);
  });
});
