import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { cors } from 'hono/cors';
import { html } from 'hono/html';
import {
  catalogAccessories,
  catalogDevices,
  catalogPlans,
  manufacturers,
  propertiesByType,
  PUBLIC_CLIENT_ID,
  SOURCE_SYSTEM,
  TENANT,
  transferAcknowledgements,
  US,
  usStates,
  vendors,
  type Employee,
} from './data.ts';
import { badRequest, VendorError } from './errors.ts';
import { priceOrder, storeOrder, transactionTypes, type OrderContext } from './orders.ts';
import {
  accessoryShape,
  BASE_PATH,
  catalogDeviceShape,
  countryDetailShape,
  countryShape,
  deviceAssetItemShape,
  employeeItemShape,
  employeeShape,
  findDevice,
  findPlan,
  linksFor,
  manufacturerRef,
  modelShape,
  money,
  planDetailShape,
  planItemShape,
  serviceDetailShape,
  serviceItemShape,
  stateId,
  stateShape,
  vendorItemShape,
  type Links,
} from './shapes.ts';
import { createStore, type StoredOrder, type Store, type SubmitMode } from './store.ts';

/**
 * A MOBPROC v1 server shaped after the vendor's public documentation, for the end-to-end specs:
 * the vendor's token path and answers, its bare single-error form, CORS for the documented request
 * headers only, none of the project's extensions. State lives in memory. Test controls live under
 * `/__fixture/`, outside the API, and are not reachable from a browser (no CORS there).
 */

/** The request headers the vendor documents (plus the two every JSON client sends). */
export const DOCUMENTED_REQUEST_HEADERS = [
  'Authorization',
  'X-TNGO-TENANT',
  'client_id',
  'X-TNGO-CONTEXT-EMPLOYEEID',
  'X-TNGO-CONTEXT-COMPANYEMPLOYEEID',
  'X-TNGO-CONTEXT-HIERARCHYID',
  'X-TNGO-CONTEXT-ACTIVITYID',
  'X-TNGO-CONTEXT-CORRELATIONID',
  'Accept',
  'Content-Type',
];

export const TOKEN_PATH = '/as/token.oauth2';
/**
 * The identity provider's authorization endpoint, at its usual path: plain OAuth 2 (authorization
 * code with PKCE), not a MOBPROC extension.
 */
const AUTHORIZATION_PATH = '/as/authorization.oauth2';

type IssuedCode = { employeeId: string; redirectUri: string; challenge: string; expiresAt: number };

/** Resources of the project's extensions (cancel, request-info, delegates, events, OAuth extras). */
const EXTENSION_PATHS = [/\/orders\/[^/]+\/(cancel|info)$/, /\/me\/approval-delegate$/, /\/events$/, /^\/oauth\//, /\/revoke$/, /\/authorize$/];

type Env = { Bindings: HttpBindings; Variables: { user: Employee; actor: Employee; links: Links } };

export type VendorServerOptions = {
  /** Origins whose pages may call the API and the token endpoint (CORS). */
  allowedOrigins: string[];
};

/** How long a `slow` submit waits before it stores the order and answers, in ms. */
export const SLOW_SUBMIT_MS = 6_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whom the authenticated user may see and act for: themselves and the people reporting to them. */
function visibleEmployeeIds(store: Store, user: Employee): Set<string> {
  const ids = new Set([user.id]);
  for (const employee of store.employees.values()) if (employee.managerId === user.id) ids.add(employee.id);
  return ids;
}

function pagination(c: Context<Env>) {
  const limitText = c.req.query('limit');
  const offsetText = c.req.query('offset');
  if (limitText === undefined || offsetText === undefined) throw badRequest('MISSING_PAGINATION', 'limit and offset are required on this collection.');
  const limit = Number(limitText);
  const offset = Number(offsetText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badRequest('INVALID_LIMIT', 'limit must be a whole number from 1 to 100.');
  if (!Number.isInteger(offset) || offset < 0) throw badRequest('INVALID_OFFSET', 'offset must be a whole number, 0 or more.');
  return { limit, offset };
}

/** `{ _meta, items }` with the vendor's paging links, each only when it leads to another page. */
function page<T>(c: Context<Env>, all: T[]): { _meta: Record<string, unknown>; items: T[] } {
  const { limit, offset } = pagination(c);
  const url = new URL(c.req.url);
  const at = (newOffset: number) => {
    const link = new URL(url);
    link.searchParams.set('offset', String(newOffset));
    link.searchParams.set('limit', String(limit));
    return link.toString();
  };
  const total = all.length;
  const last = Math.max(0, Math.ceil(total / limit) * limit - limit);
  const meta: Record<string, unknown> = { href: url.toString(), limit, offset, totalCount: total };
  if (offset > 0) {
    meta.hrefStart = at(0);
    meta.hrefPrevious = at(Math.max(0, offset - limit));
  }
  if (offset + limit < total) {
    meta.hrefNext = at(offset + limit);
    meta.hrefEnd = at(last);
  }
  return { _meta: meta, items: all.slice(offset, offset + limit) };
}

function sortCatalog<T extends { name: string; price: number }>(c: Context<Env>, items: T[]): T[] {
  const sort = c.req.query('sort') ?? 'NAME';
  if (sort !== 'NAME' && sort !== 'PRICE') throw badRequest('INVALID_SORT', 'sort must be NAME or PRICE.');
  const ascending = (c.req.query('sortAscending') ?? 'true').toLowerCase() !== 'false';
  const sorted = [...items].sort((a, b) => (sort === 'NAME' ? a.name.localeCompare(b.name) : a.price - b.price));
  return ascending ? sorted : sorted.reverse();
}

const includes = (c: Context<Env>, name: string) => (c.req.query(name) ?? '').toLowerCase() === 'true';

/** The image the vendor's `imageUrl`s point at: a small drawing, so pages show something. */
function placeholderSvg(label: string) {
  const text = label.replace(/[^A-Za-z0-9 -]/g, '').slice(0, 18);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160"><rect width="160" height="160" rx="18" fill="#dfe9ef"/><rect x="52" y="22" width="56" height="110" rx="10" fill="#36566b"/><text x="80" y="150" font-family="sans-serif" font-size="12" text-anchor="middle" fill="#1d2f3a">${text}</text></svg>`;
}

export function createVendorApp(options: VendorServerOptions, store: Store = createStore()) {
  const app = new Hono<Env>();

  // Every answer closes its connection. Chromium silently resends a request (even a POST) whose
  // reused keep-alive connection closes without an answer; with a fresh connection per request a
  // dropped connection is reported to the page as it would be by any server, never retried.
  app.use('*', async (c, next) => {
    await next();
    c.header('Connection', 'close');
  });

  app.onError((error, c) => {
    if (error instanceof VendorError) return c.json(error.body, error.status);
    const failure = new VendorError(500, 'SERVER_ERROR', 'Something went wrong on the server.');
    return c.json(failure.body, 500);
  });

  // A browser asking to send a header the vendor does not document (e.g. Idempotency-Key) is told
  // no by CORS below; remember that it asked.
  app.use('*', async (c, next) => {
    const asked = c.req.method === 'OPTIONS' ? c.req.header('Access-Control-Request-Headers') : undefined;
    if (asked) {
      const allowed = new Set(DOCUMENTED_REQUEST_HEADERS.map((name) => name.toLowerCase()));
      for (const name of asked.split(',').map((part) => part.trim().toLowerCase()))
        if (name && !allowed.has(name)) store.recordExtension(`request header ${name} (preflight of ${new URL(c.req.url).pathname})`);
    }
    await next();
  });
  const corsMiddleware = cors({
    origin: options.allowedOrigins,
    allowHeaders: DOCUMENTED_REQUEST_HEADERS,
    allowMethods: ['GET', 'POST', 'OPTIONS'],
  });
  app.use(`${BASE_PATH}/*`, corsMiddleware);
  app.use(TOKEN_PATH, corsMiddleware);

  app.get('/images/:kind/:file', (c) => c.body(placeholderSvg(decodeURIComponent(c.req.param('file')).replace(/\.svg$/, '')), 200, { 'Content-Type': 'image/svg+xml' }));

  // The authorization endpoint: a sign-in page, then back to the client with a single-use code.
  const codes = new Map<string, IssuedCode>();
  const signInPage = (c: Context<Env>, parameters: URLSearchParams, problem?: string) =>
    c.html(
      html`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tidewater sign-in</title></head><body><main>
<h1>Tidewater Surveying sign-in</h1>
${problem ? html`<p role="alert">${problem}</p>` : ''}
<form method="post" action="${AUTHORIZATION_PATH}">
${['client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope', 'response_type'].map((name) => html`<input type="hidden" name="${name}" value="${parameters.get(name) ?? ''}">`)}
<label for="user">User name</label> <input id="user" name="username" autocomplete="username">
<label for="pass">Password</label> <input id="pass" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign on</button>
</form></main></body></html>`,
      problem ? 400 : 200,
    );
  const checkAuthorization = (c: Context<Env>, parameters: URLSearchParams) => {
    const redirectUri = parameters.get('redirect_uri') ?? '';
    let target: URL;
    try {
      target = new URL(redirectUri);
    } catch {
      return c.text('redirect_uri is not registered for this client.', 400);
    }
    if (parameters.get('client_id') !== PUBLIC_CLIENT_ID || !['127.0.0.1', 'localhost'].includes(target.hostname) || target.pathname !== '/sign-in/callback') {
      return c.text('redirect_uri is not registered for this client.', 400);
    }
    if (parameters.get('response_type') !== 'code' || parameters.get('code_challenge_method') !== 'S256' || !parameters.get('code_challenge')) {
      target.searchParams.set('error', 'invalid_request');
      target.searchParams.set('state', parameters.get('state') ?? '');
      return c.redirect(target.toString(), 302);
    }
    return target;
  };
  app.get(AUTHORIZATION_PATH, (c) => {
    const parameters = new URL(c.req.url).searchParams;
    const checked = checkAuthorization(c, parameters);
    return checked instanceof URL ? signInPage(c, parameters) : checked;
  });
  app.post(AUTHORIZATION_PATH, async (c) => {
    const parameters = new URLSearchParams(await c.req.text());
    const checked = checkAuthorization(c, parameters);
    if (!(checked instanceof URL)) return checked;
    const username = (parameters.get('username') ?? '').toLowerCase();
    const employee = [...store.employees.values()].find((candidate) => candidate.username === username);
    if (!employee || employee.password !== parameters.get('password')) return signInPage(c, parameters, 'User name or password is incorrect.');
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { employeeId: employee.id, redirectUri: parameters.get('redirect_uri')!, challenge: parameters.get('code_challenge')!, expiresAt: Date.now() + 60_000 });
    checked.searchParams.set('code', code);
    checked.searchParams.set('state', parameters.get('state') ?? '');
    return c.redirect(checked.toString(), 302);
  });

  // The token endpoint: OAuth 2 password, refresh and authorization-code grants for the public client, OAuth errors.
  app.post(TOKEN_PATH, async (c) => {
    const url = new URL(c.req.url);
    const form = new URLSearchParams(url.search);
    if ((c.req.header('Content-Type') ?? '').startsWith('application/x-www-form-urlencoded'))
      for (const [name, value] of new URLSearchParams(await c.req.text())) form.set(name, value);
    const oauthError = (status: 400 | 401, error: string, description: string) => c.json({ error, error_description: description }, status);
    // A revoke (RFC 7009) sent here: the vendor documents none, so a client must not send one.
    if (form.has('token') && !form.has('grant_type')) store.recordExtension(`revoke posted to ${TOKEN_PATH}`);
    if (form.get('client_id') !== PUBLIC_CLIENT_ID) return oauthError(401, 'invalid_client', 'Unknown client.');
    const grant = form.get('grant_type');
    // A code exchange carries no scope (RFC 6749 §4.1.3): it was asked for on the sign-in page.
    if (grant !== 'authorization_code' && !(form.get('scope') ?? '').split(' ').includes('MOBPROC')) return oauthError(400, 'invalid_scope', 'The scope must include MOBPROC.');
    if (grant === 'password') {
      const username = (form.get('username') ?? '').replace(/^[a-z]+:\/\//i, '').toLowerCase();
      const employee = [...store.employees.values()].find((candidate) => candidate.username === username);
      if (!employee || employee.password !== form.get('password')) return oauthError(400, 'invalid_grant', 'The username or password is not right.');
      return c.json(store.issueTokens(employee.id, PUBLIC_CLIENT_ID));
    }
    if (grant === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      if (!code || code.expiresAt < Date.now() || code.redirectUri !== form.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== code.challenge) {
        return oauthError(400, 'invalid_grant', 'The authorization code is not valid.');
      }
      return c.json(store.issueTokens(code.employeeId, PUBLIC_CLIENT_ID));
    }
    if (grant === 'refresh_token') {
      const presented = form.get('refresh_token') ?? '';
      const refresh = store.refreshTokens.get(presented);
      if (!refresh || refresh.expiresAt < Date.now()) return oauthError(400, 'invalid_grant', 'The refresh token is not valid.');
      store.refreshTokens.delete(presented);
      return c.json(store.issueTokens(refresh.employeeId, refresh.clientId));
    }
    return oauthError(400, 'unsupported_grant_type', 'Use grant_type password, refresh_token or authorization_code.');
  });

  app.get(`${BASE_PATH}/ping`, (c) => c.json({ echoText: c.req.query('echoText') ?? '', sourceSystem: SOURCE_SYSTEM }));

  // Headers, token, tenant and actor, for everything else under the base path.
  app.use(`${BASE_PATH}/*`, async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const tenant = c.req.header('X-TNGO-TENANT');
    const clientId = c.req.header('client_id');
    if (!tenant) throw badRequest('MISSING_TENANT', 'The X-TNGO-TENANT header is required.');
    if (!clientId) throw badRequest('MISSING_CLIENT_ID', 'The client_id header is required.');
    const bearer = /^Bearer (.+)$/.exec(c.req.header('Authorization') ?? '')?.[1];
    const token = bearer ? store.accessTokens.get(bearer) : undefined;
    if (!token || token.expiresAt < Date.now()) return c.json(new VendorError(401, 'INVALID_TOKEN', 'The access token is missing, unknown or expired.').body, 401);
    if (tenant !== token.tenant || clientId !== token.clientId) throw new VendorError(403, 'TENANT_MISMATCH', 'The tenant or client does not match the access token.');
    const user = store.employees.get(token.employeeId)!;
    let actor = user;
    const contextId = c.req.header('X-TNGO-CONTEXT-EMPLOYEEID');
    const contextCompanyId = c.req.header('X-TNGO-CONTEXT-COMPANYEMPLOYEEID');
    if (contextId || contextCompanyId) {
      const wanted = [...store.employees.values()].find((employee) => (contextId ? employee.id === contextId : employee.companyEmployeeId === contextCompanyId));
      if (!wanted || !visibleEmployeeIds(store, user).has(wanted.id)) throw new VendorError(403, 'CONTEXT_NOT_ALLOWED', 'You may not act for that employee.');
      actor = wanted;
    }
    c.set('user', user);
    c.set('actor', actor);
    c.set('links', linksFor(new URL(c.req.url).origin));
    await next();
  });

  app.get(`${BASE_PATH}/me`, (c) => {
    const links = c.get('links');
    const user = c.get('user');
    return c.json({
      authenticatedUser: employeeShape(links, user),
      actor: employeeShape(links, c.get('actor')),
      transactionTypes: [...transactionTypes],
      isApprover: user.isApprover,
      canMoveService: user.canMoveService,
      customAttributes: [],
    });
  });

  app.get(`${BASE_PATH}/employees`, (c) => {
    const links = c.get('links');
    const search = (c.req.query('search') ?? '').toLowerCase();
    const matching = [...store.employees.values()]
      .filter((employee) => !search || `${employee.firstName} ${employee.lastName}`.toLowerCase().includes(search))
      .filter((employee) => !c.req.query('companyEmployeeId') || employee.companyEmployeeId === c.req.query('companyEmployeeId'))
      .sort((a, b) => `${a.lastName} ${a.firstName}`.localeCompare(`${b.lastName} ${b.firstName}`));
    return c.json({ employees: page(c, matching.map((employee) => employeeItemShape(links, employee))) });
  });

  app.get(`${BASE_PATH}/employees/:id`, (c) => {
    const employee = store.employees.get(c.req.param('id'));
    if (!employee) throw new VendorError(404, 'NOT_FOUND', 'No employee has that ID.');
    const links = c.get('links');
    const manager = employee.managerId ? store.employees.get(employee.managerId) : undefined;
    return c.json({ ...employeeItemShape(links, employee), email: employee.email, officePhone: employee.officePhone, ...(manager ? { manager: employeeShape(links, manager) } : {}), customAttributes: [] });
  });

  app.get(`${BASE_PATH}/regions`, (c) => {
    const links = c.get('links');
    const parent = c.req.query('parentRegion');
    if (parent === undefined) return c.json({ regions: [countryShape(links)] });
    if (parent !== US.id) return c.json({ regions: [] });
    return c.json({ regions: usStates.map((_, index) => stateShape(links, index)) });
  });

  app.get(`${BASE_PATH}/regions/:id`, (c) => {
    const links = c.get('links');
    const id = c.req.param('id');
    if (id === US.id) return c.json(countryDetailShape(links));
    const index = usStates.findIndex((_, candidate) => stateId(candidate) === id);
    if (index < 0) throw new VendorError(404, 'NOT_FOUND', 'No region has that ID.');
    return c.json(stateShape(links, index));
  });

  app.get(`${BASE_PATH}/vendors`, (c) => {
    const links = c.get('links');
    const type = c.req.query('type');
    const region = c.req.query('region');
    const matching = vendors.filter((vendor) => (type === undefined || (type === 'CARRIER') === vendor.carrier) && (region === undefined || region === US.id));
    return c.json({ vendors: matching.map((vendor) => vendorItemShape(links, vendor.id)) });
  });

  app.get(`${BASE_PATH}/vendors/:id`, (c) => {
    const vendor = vendors.find((candidate) => candidate.id === c.req.param('id'));
    if (!vendor) throw new VendorError(404, 'NOT_FOUND', 'No vendor has that ID.');
    return c.json({ ...vendorItemShape(c.get('links'), vendor.id), ...(vendor.accessMethod ? { accessMethod: vendor.accessMethod } : {}) });
  });

  app.get(`${BASE_PATH}/manufacturers`, (c) => c.json({ manufacturers: manufacturers.map((manufacturer) => manufacturerRef(c.get('links'), manufacturer.id)) }));

  app.get(`${BASE_PATH}/manufacturers/:id`, (c) => {
    const links = c.get('links');
    const manufacturer = manufacturers.find((candidate) => candidate.id === c.req.param('id'));
    if (!manufacturer) throw new VendorError(404, 'NOT_FOUND', 'No manufacturer has that ID.');
    return c.json({ ...manufacturerRef(links, manufacturer.id), models: manufacturer.models.map((model) => modelShape(links, manufacturer.id, model.id, model.name)) });
  });

  app.get(`${BASE_PATH}/manufacturers/:id/models/:modelId`, (c) => {
    const manufacturer = manufacturers.find((candidate) => candidate.id === c.req.param('id'));
    const model = manufacturer?.models.find((candidate) => candidate.id === c.req.param('modelId'));
    if (!manufacturer || !model) throw new VendorError(404, 'NOT_FOUND', 'No model has that ID.');
    return c.json(modelShape(c.get('links'), manufacturer.id, model.id, model.name));
  });

  const checkTransactionType = (c: Context<Env>, required: boolean) => {
    const type = c.req.query('transactionType');
    if (type === undefined && !required) return undefined;
    if (!type || !(transactionTypes as readonly string[]).includes(type)) throw badRequest('INVALID_TRANSACTION_TYPE', 'transactionType is missing or unknown.');
    return type;
  };
  const regionMatches = (c: Context<Env>) => {
    const region = c.req.query('region');
    return region === undefined || region === US.id;
  };
  const ownService = (c: Context<Env>, id: string | undefined) => {
    const service = id ? store.services.get(id) : undefined;
    if (!service || !visibleEmployeeIds(store, c.get('user')).has(service.employeeId)) throw badRequest('INVALID_SERVICE', 'No service of yours has that ID.');
    return service;
  };

  app.get(`${BASE_PATH}/catalog/devices`, (c) => {
    checkTransactionType(c, false);
    const search = (c.req.query('search') ?? '').toLowerCase();
    const serviceId = c.req.query('service');
    const currentCarrier = serviceId ? ownService(c, serviceId).vendorId : undefined;
    const plan = c.req.query('compatibleWithPlan') ? findPlan(c.req.query('compatibleWithPlan')) : undefined;
    const matching = catalogDevices.filter(
      (device) =>
        regionMatches(c) &&
        (!c.req.query('vendor') || device.vendorId === c.req.query('vendor')) &&
        (!c.req.query('manufacturer') || device.manufacturerId === c.req.query('manufacturer')) &&
        (!search || device.name.toLowerCase().includes(search)) &&
        device.vendorId !== currentCarrier &&
        (!c.req.query('compatibleWithPlan') || device.vendorId === plan?.vendorId),
    );
    return c.json({ devices: page(c, sortCatalog(c, matching).map((device) => catalogDeviceShape(c.get('links'), device))) });
  });

  app.get(`${BASE_PATH}/catalog/devices/:id`, (c) => {
    const device = findDevice(c.req.param('id'));
    if (!device) throw new VendorError(404, 'NOT_FOUND', 'No catalog device has that ID.');
    return c.json(catalogDeviceShape(c.get('links'), device));
  });

  app.get(`${BASE_PATH}/catalog/plans`, (c) => {
    const search = (c.req.query('search') ?? '').toLowerCase();
    const device = c.req.query('device') ? findDevice(c.req.query('device')) : undefined;
    const matching = catalogPlans.filter(
      (plan) =>
        regionMatches(c) &&
        (!c.req.query('vendor') || plan.vendorId === c.req.query('vendor')) &&
        (!c.req.query('device') || plan.vendorId === device?.vendorId) &&
        (!search || plan.name.toLowerCase().includes(search)),
    );
    return c.json({ plans: page(c, sortCatalog(c, matching).map((plan) => planItemShape(c.get('links'), plan))) });
  });

  app.get(`${BASE_PATH}/catalog/plans/:id`, (c) => {
    const plan = findPlan(c.req.param('id'));
    if (!plan) throw new VendorError(404, 'NOT_FOUND', 'No plan has that ID.');
    return c.json(planDetailShape(c.get('links'), plan));
  });

  app.get(`${BASE_PATH}/catalog/accessories`, (c) => {
    const search = (c.req.query('search') ?? '').toLowerCase();
    let model: string | undefined;
    if (c.req.query('device')) model = findDevice(c.req.query('device'))?.modelId ?? '\u0000';
    const assetId = c.req.query('compatibleWithDeviceAssetId');
    if (assetId) model = store.devices.get(assetId)?.modelId ?? '\u0000';
    if (c.req.query('service')) model = store.devices.get(ownService(c, c.req.query('service')).deviceAssetId)!.modelId;
    const matching = catalogAccessories.filter(
      (accessory) =>
        regionMatches(c) &&
        (model === undefined || accessory.fitsModels === 'all' || accessory.fitsModels.includes(model)) &&
        (!search || accessory.name.toLowerCase().includes(search)),
    );
    return c.json({ accessories: page(c, sortCatalog(c, matching).map((accessory) => accessoryShape(c.get('links'), accessory))) });
  });

  app.get(`${BASE_PATH}/catalog/accessories/:id`, (c) => {
    const accessory = catalogAccessories.find((candidate) => candidate.id === c.req.param('id'));
    if (!accessory) throw new VendorError(404, 'NOT_FOUND', 'No accessory has that ID.');
    return c.json(accessoryShape(c.get('links'), accessory));
  });

  app.get(`${BASE_PATH}/catalog/features`, (c) => {
    const service = ownService(c, c.req.query('service'));
    const plan = findPlan(service.planId)!;
    return c.json({ features: plan.optional.map((feature) => ({ id: feature.id, description: feature.description, price: money(feature.price, 'MONTHLY') })) });
  });

  const assetFilter = (c: Context<Env>) => {
    const visible = visibleEmployeeIds(store, c.get('user'));
    const employee = c.req.query('employee');
    const companyEmployeeId = c.req.query('companyEmployeeId');
    return (employeeId: string) =>
      visible.has(employeeId) && (!employee || employee === employeeId) && (!companyEmployeeId || store.employees.get(employeeId)?.companyEmployeeId === companyEmployeeId);
  };
  const checkAssetSort = (c: Context<Env>) => {
    const sort = c.req.query('sort');
    if (sort !== undefined && sort !== 'UPDATED_DATE') throw badRequest('INVALID_SORT', 'sort must be UPDATED_DATE.');
    return (c.req.query('sortAscending') ?? 'false').toLowerCase() === 'true';
  };

  app.get(`${BASE_PATH}/assets/services`, (c) => {
    const ascending = checkAssetSort(c);
    const owner = assetFilter(c);
    const search = (c.req.query('search') ?? '').replace(/\D/g, '');
    const matching = [...store.services.values()]
      .filter((service) => owner(service.employeeId))
      .filter((service) => !c.req.query('status') || service.status === c.req.query('status'))
      .filter((service) => !c.req.query('vendor') || service.vendorId === c.req.query('vendor'))
      .filter((service) => !search || service.serviceNumber.includes(search))
      .sort((a, b) => (ascending ? 1 : -1) * a.updated.localeCompare(b.updated) || a.id.localeCompare(b.id));
    return c.json({ services: page(c, matching.map((service) => serviceItemShape(c.get('links'), store, service))) });
  });

  app.get(`${BASE_PATH}/assets/services/:id`, (c) => {
    const service = store.services.get(c.req.param('id'));
    if (!service || !visibleEmployeeIds(store, c.get('user')).has(service.employeeId)) throw new VendorError(404, 'NOT_FOUND', 'No service has that ID.');
    return c.json(serviceDetailShape(c.get('links'), store, service));
  });

  app.get(`${BASE_PATH}/assets/devices`, (c) => {
    const ascending = checkAssetSort(c);
    const owner = assetFilter(c);
    const matching = [...store.devices.values()]
      .filter((device) => owner(device.employeeId))
      .sort((a, b) => (ascending ? 1 : -1) * a.updated.localeCompare(b.updated) || a.id.localeCompare(b.id));
    return c.json({ devices: page(c, matching.map((device) => deviceAssetItemShape(c.get('links'), store, device))) });
  });

  app.get(`${BASE_PATH}/assets/devices/:id`, (c) => {
    const device = store.devices.get(c.req.param('id'));
    if (!device || !visibleEmployeeIds(store, c.get('user')).has(device.employeeId)) throw new VendorError(404, 'NOT_FOUND', 'No device has that ID.');
    return c.json(deviceAssetItemShape(c.get('links'), store, device));
  });

  app.get(`${BASE_PATH}/orders/properties`, (c) => {
    const transactionType = checkTransactionType(c, true)!;
    const vendorId = c.req.query('vendor');
    const serviceId = c.req.query('service');
    if (!vendorId && !serviceId) throw badRequest('MISSING_VENDOR', 'Pass vendor or service.');
    if (vendorId && !vendors.some((vendor) => vendor.id === vendorId)) throw badRequest('INVALID_VENDOR', 'No vendor has that ID.');
    const service = serviceId ? ownService(c, serviceId) : undefined;
    const actor = c.get('actor');
    const fields = (propertiesByType[transactionType] ?? []).map(({ defaultFrom, choices, ...field }) => {
      const text =
        defaultFrom === 'contactNumber'
          ? actor.officePhone
          : defaultFrom === 'serviceNumber'
            ? service?.serviceNumber
            : defaultFrom === 'currentCarrier' && service
              ? vendors.find((vendor) => vendor.id === service.vendorId)!.name
              : undefined;
      return { ...field, ...(choices ? { choices } : {}), ...(text ? { text } : {}) };
    });
    return c.json({ properties: { _meta: { href: c.req.url }, items: [{ fields, groupId: 'MISCELLANEOUS' }] } });
  });

  app.get(`${BASE_PATH}/acknowledgements`, (c) => {
    const transactionType = checkTransactionType(c, true)!;
    const vendorId = c.req.query('vendor');
    if (!vendorId || !vendors.some((vendor) => vendor.id === vendorId)) throw badRequest('MISSING_VENDOR', 'vendor (the ID of the fulfilling vendor) is required.');
    const transfer = transactionType === 'XFER_SERVICE_IN' || transactionType === 'XFER_SERVICE_IN_AND_PORT';
    return c.json(transfer ? transferAcknowledgements : { infoblocks: [], acknowledgements: [] });
  });

  const orderContext = (c: Context<Env>): OrderContext => ({ links: c.get('links'), store, actor: c.get('actor'), requestedBy: c.get('user') });

  app.post(`${BASE_PATH}/orders`, async (c) => {
    if (!(c.req.header('Content-Type') ?? '').startsWith('application/json')) throw badRequest('UNSUPPORTED_MEDIA_TYPE', 'Send the order as application/json.');
    if (c.req.header('Idempotency-Key')) store.recordExtension('request header idempotency-key', c.get('actor').id);
    const body: unknown = await c.req.json().catch(() => {
      throw badRequest('INVALID_JSON', 'The body is not valid JSON.');
    });
    const context = orderContext(c);
    const confirm = (c.req.query('confirm') ?? 'false').toLowerCase() === 'true';
    if (!confirm) store.submitAttempts.set(context.actor.id, (store.submitAttempts.get(context.actor.id) ?? 0) + 1);
    const priced = priceOrder(context, body);
    if (confirm) return c.json({ orderConfirmation: priced.confirmation, status: 'SUCCESS' });
    const mode = store.submitModes.get(context.actor.id) ?? 'normal';
    store.submitModes.delete(context.actor.id);
    // A carrier may turn down at submit what it confirmed a moment before; nothing is stored.
    if (mode === 'refuse') throw badRequest('CARRIER_REFUSED', 'The carrier is not taking orders for this line today. Try again tomorrow.');
    // A slow carrier: the order is stored, and answered, only after a while — even when the page
    // stopped waiting (a reload), as a real server goes on with a request it has begun.
    if (mode === 'slow') await new Promise((resolve) => setTimeout(resolve, SLOW_SUBMIT_MS));
    const stored = storeOrder(context, priced);
    if (mode === 'drop') {
      // The order is stored; the answer never leaves. The page sees a failed fetch.
      c.env.incoming.socket.destroy();
      return new Promise<Response>(() => undefined);
    }
    if (mode === 'unreadable') return c.body(`{"order":{"_meta":{"href":"${String((stored.order._meta as { href: string }).href)}"},"orderId":`, 200, { 'Content-Type': 'application/json' });
    return c.json({ order: stored.order, status: 'SUCCESS' });
  });

  const visibleOrders = (c: Context<Env>) => {
    const visible = visibleEmployeeIds(store, c.get('user'));
    return store.orders.filter((order) => visible.has(order.accountHolderId) || visible.has(order.requestedById));
  };
  const orderItem = (c: Context<Env>, stored: StoredOrder) => {
    const order = stored.order;
    return {
      _meta: order._meta,
      accountHolder: order.accountHolder,
      dateSubmitted: stored.dateSubmitted,
      ...(stored.externalOrderNumber ? { externalOrderNumber: stored.externalOrderNumber } : {}),
      orderId: stored.orderId,
      requestedBy: order.requestedBy,
      ...(order.serviceNumber ? { serviceNumber: order.serviceNumber } : {}),
      status: stored.status,
      transactionType: stored.transactionType,
      updated: stored.updated,
      ...(includes(c, 'includeOrderProperties') ? { properties: order.properties } : {}),
      ...(includes(c, 'includeOrderSegments') ? { orderSegments: order.orderSegments } : {}),
      ...(includes(c, 'includeShipToAddress') ? { shipTo: order.shipTo } : {}),
    };
  };

  app.get(`${BASE_PATH}/orders`, (c) => {
    const sort = c.req.query('sort');
    if (sort !== undefined && sort !== 'UPDATED_DATE') {
      store.recordExtension(`GET /orders sort=${sort}`, c.get('actor').id);
      throw badRequest('INVALID_SORT', 'sort must be UPDATED_DATE.');
    }
    const ascending = (c.req.query('sortAscending') ?? 'false').toLowerCase() === 'true';
    const employee = c.req.query('employee');
    // Orders here go straight to the carrier: none ever waits for anyone's approval.
    const approvalQueue = c.req.query('eligibleToApproveEmployeeId') !== undefined || c.req.query('eligibleToApproveCompanyEmployeeId') !== undefined;
    const matching = visibleOrders(c)
      .filter(() => !approvalQueue)
      .filter((order) => !employee || order.accountHolderId === employee || order.requestedById === employee)
      .filter((order) => !c.req.query('status') || order.status === c.req.query('status'))
      .filter((order) => !c.req.query('transactionType') || order.transactionType === c.req.query('transactionType'))
      .sort((a, b) => (ascending ? 1 : -1) * (a.updated.localeCompare(b.updated) || Number(a.orderId) - Number(b.orderId)));
    return c.json({ orders: page(c, matching.map((order) => orderItem(c, order))) });
  });

  app.get(`${BASE_PATH}/orders/:id`, (c) => {
    const stored = visibleOrders(c).find((order) => order.orderId === c.req.param('id'));
    if (!stored) throw new VendorError(404, 'NOT_FOUND', 'No order has that ID.');
    return c.json({ order: { ...stored.order, updated: stored.updated }, status: 'SUCCESS' });
  });

  // Test controls: outside the API, no CORS, never called by the app.
  app.post('/__fixture/employees', (c) => {
    const { employee, lines, spare } = store.createTestEmployee();
    return c.json({
      id: employee.id,
      companyEmployeeId: employee.companyEmployeeId,
      firstName: employee.firstName,
      lastName: employee.lastName,
      username: employee.username,
      password: employee.password,
      tenant: TENANT,
      clientId: PUBLIC_CLIENT_ID,
      lines: lines.map((line) => ({ id: line.id, serviceNumber: line.serviceNumber, status: line.status, vendorId: line.vendorId })),
      spareDeviceId: spare.id,
    });
  });

  app.get('/__fixture/orders', (c) => {
    const employee = c.req.query('employee');
    const orders = store.orders.filter((order) => !employee || order.accountHolderId === employee);
    return c.json({
      count: orders.length,
      submitAttempts: employee ? (store.submitAttempts.get(employee) ?? 0) : [...store.submitAttempts.values()].reduce((sum, n) => sum + n, 0),
      orders: orders.map((order) => ({ orderId: order.orderId, externalOrderNumber: order.externalOrderNumber ?? null, transactionType: order.transactionType, status: order.status })),
    });
  });

  app.post('/__fixture/mode', async (c) => {
    const body: unknown = await c.req.json().catch(() => null);
    const modes: SubmitMode[] = ['normal', 'unreadable', 'drop', 'refuse', 'slow'];
    if (!isRecord(body) || typeof body.employee !== 'string' || !store.employees.has(body.employee) || !modes.includes(body.nextSubmit as SubmitMode))
      return c.json({ problem: `Send { employee: <id>, nextSubmit: ${modes.join(' | ')} }.` }, 400);
    store.submitModes.set(body.employee, body.nextSubmit as SubmitMode);
    return c.json({ employee: body.employee, nextSubmit: body.nextSubmit });
  });

  app.get('/__fixture/extension-uses', (c) => {
    const employee = c.req.query('employee');
    return c.json({ uses: store.extensionUses.filter((use) => !employee || use.employeeId === employee || use.employeeId === undefined) });
  });

  // Anything else is not a resource of this server (order history and shipments included: the
  // vendor documents no shape for them). Calls to the project's extension resources are remembered.
  app.all('*', (c) => {
    const path = new URL(c.req.url).pathname;
    if (EXTENSION_PATHS.some((pattern) => pattern.test(path))) store.recordExtension(`${c.req.method} ${path}`, c.get('actor')?.id);
    throw new VendorError(404, 'NOT_FOUND', 'There is no such resource.');
  });

  return { app, store };
}

export type RunningVendorServer = { url: string; store: Store; close: () => Promise<void> };

/** Starts the server on `host:port` (0 picks a free port). */
export function startVendorServer(options: VendorServerOptions & { host?: string; port?: number }): Promise<RunningVendorServer> {
  const { app, store } = createVendorApp(options);
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: options.host ?? '127.0.0.1', port: options.port ?? 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://${options.host ?? '127.0.0.1'}:${info.port}`,
        store,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
  });
}
