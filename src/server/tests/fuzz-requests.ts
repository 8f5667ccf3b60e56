/**
 * Random hostile requests for every registered route, derived from the route registry: bodies for
 * every POST (from the route's own body schema, or a valid order with one member replaced) and
 * values for every query parameter of every GET, made of control characters, lone surrogates,
 * awkward numbers and dates, and nesting thousands of levels deep. Shared by the vitest run (a few
 * hundred cases) and `npm run fuzz` (ten thousand and more).
 */
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import fc from 'fast-check';
import { z } from 'zod';
import { errorEnvelope, headerNames, oauthError, transactionType } from '../../contract/index.ts';
import { createApp } from '../http/app.ts';
import type { RegisteredRoute } from '../http/route.ts';
import * as storedTables from '../storage/schema.ts';
import { demoIds } from '../storage/seed/ids.ts';
import type { TestServer } from './harness.ts';
import { rows } from './rows.ts';
import { fillRequired, freshOrderer, orderRequestFor, propertyDefinitions, shipToUS, type Orderer } from './orders-fixtures.ts';
import { signIn, type Session } from './session.ts';

type JsonSchema = { [key: string]: unknown };

export type FuzzTarget = {
  server: TestServer;
  routes: RegisteredRoute[];
  sessions: Session[];
  orderer: Orderer;
  ids: string[];
  validOrders: unknown[];
};

/** A character no text member may hold: C0 and C1 controls, DEL, and either half of a surrogate pair alone. */
const forbiddenCharacter = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
  fc.constantFrom('\u007f', '\u0085', '\u009b'),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code)),
);
const hostileText = fc
  .tuple(fc.string({ maxLength: 6 }), forbiddenCharacter, fc.string({ maxLength: 6 }))
  .map(([before, bad, after]) => `${before}${bad}${after}`);
const awkwardValues = ['', ' ', '0', '00', '01', '-1', '+1', '1e1', '0x10', '1.5', ' 5', '5 ', '101', 'NaN', 'true', 'TRUE', '%', '_', '\\', "'",
  '2026-02-30', '2026-02-29', '2026-13-01', '2026-01-01T24:00:00Z', '2026-01-01T00:00:00+0530', '9999-99-99', 'x'.repeat(300)];
const text = (ids: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: hostileText },
    { weight: 2, arbitrary: fc.constantFrom(...awkwardValues) },
    { weight: 2, arbitrary: fc.constantFrom(...ids) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
    // U+FFFD is what SQLite makes of a lone surrogate; the scan for those must not meet it sent on purpose.
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }).map((value) => value.replaceAll('\uFFFD', '')) },
  );

/** JSON text of a value nested `depth` levels deep; built as text, since no engine serialises that deep a value. */
const deepJson = fc
  .record({ depth: fc.integer({ min: 20, max: 50_000 }), kind: fc.constantFrom('array', 'object') })
  .map(({ depth, kind }) => (kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`));

/** A fast-check arbitrary for the JSON values a JSON schema describes, with `leaf` for every string. */
function arbitraryFor(schema: JsonSchema, defs: Record<string, JsonSchema>, leaf: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  const next = (inner: unknown) => arbitraryFor(inner as JsonSchema, defs, leaf, depth + 1);
  if (typeof schema.$ref === 'string') return arbitraryFor(defs[schema.$ref.replace('#/$defs/', '')] ?? {}, defs, leaf, depth + 1);
  if (Array.isArray(schema.anyOf)) return fc.oneof(...schema.anyOf.map(next));
  if (Array.isArray(schema.oneOf)) return fc.oneof(...schema.oneOf.map(next));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return next(schema.allOf[0]);
  if (Array.isArray(schema.enum)) return fc.oneof(fc.constantFrom(...(schema.enum as unknown[])), leaf);
  if (schema.const !== undefined) return fc.oneof({ weight: 4, arbitrary: fc.constant(schema.const) }, { weight: 1, arbitrary: leaf });
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = (schema.required ?? []) as string[];
      return fc.record(Object.fromEntries(Object.entries(properties).map(([name, inner]) => [name, next(inner)])), {
        requiredKeys: required.filter((name) => name in properties),
      });
    }
    case 'array':
      return fc.array(next(schema.items ?? {}), { maxLength: 3 });
    case 'string':
      return leaf;
    case 'number':
    case 'integer':
      return fc.oneof(fc.integer({ min: -2, max: 60 }), fc.constantFrom(1.5, 1e308, -0));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return fc.oneof(leaf, fc.jsonValue({ maxDepth: 1 }));
  }
}

type Path = (string | number)[];
function stringLeaves(value: unknown, prefix: Path = []): Path[] {
  if (typeof value === 'string') return [prefix];
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => stringLeaves(item, [...prefix, key]));
}
function replaced(body: unknown, path: Path, replacement: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  parent[path.at(-1)!] = replacement;
  return copy;
}

/**
 * What a URL or form can carry of a string: UTF-8 has no form for a lone surrogate, so it is left
 * out (URLSearchParams would send U+FFFD instead, which the stored-text scan could not tell from a
 * JSON lone surrogate that SQLite turned into U+FFFD). Raw percent-escapes cover those bytes.
 */
const wellFormed = (value: string) => value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
const wellFormedAll = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([key, value]) => [wellFormed(key), wellFormed(value)]));

/** The route a request was made for, in a form a failure report prints readably. */
export type RouteName = { method: RegisteredRoute['method']; prefix: string; path: string };

export type FuzzRequest = {
  route: RouteName;
  url: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
};

/** Signs in the people who drive the run and submits a few real orders, so path IDs reach real rows. */
export async function prepareFuzz(server: TestServer): Promise<FuzzTarget> {
  const { api, oauth } = createApp(server.deps);
  const orderer = await freshOrderer(server, 'fuzz');
  const sessions = [orderer.session, ...(await Promise.all(['barbara.andrews', 'svc.servicedesk', 'peter.edwards'].map(async (name) => await signIn(server, name))))];
  const serviceId = String(orderer.serviceIds[0]);
  const newLine = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: String(demoIds.vendors.summit) });
  const suspend = await propertyDefinitions(server, orderer.session, transactionType.enum.SUSPEND, { service: serviceId });
  const validOrders = [
    orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      regionId: '1',
      postalCode: '98101',
      shoppingCart: { deviceId: String(demoIds.catalogDevices.pixel9Summit), planId: String(demoIds.plans.summitBusinessUnlimited), accessoryIds: [String(demoIds.accessories.usbC30wCharger)], quantity: 1 },
      properties: fillRequired(newLine, { ADDITIONAL_INSTRUCTIONS: 'Leave at reception' }),
      shipTo: shipToUS(),
    }),
    orderRequestFor(transactionType.enum.SUSPEND, { serviceId, properties: fillRequired(suspend) }),
  ];
  const orderIds: string[] = [];
  for (const body of validOrders) {
    const response = await fetch(`${server.url}/mobproc/v1/orders`, {
      method: 'POST',
      headers: { ...orderer.session.headers(), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (response.status !== 200) throw new Error(`the fuzz setup could not submit an order: ${response.status} ${await response.text()}`);
    orderIds.push(((await response.json()) as { order: { orderId: string } }).order.orderId);
  }
  const ids = [...new Set([...Object.values(demoIds).flatMap((group) => Object.values(group as Record<string, number>)).map(String), ...orderIds, ...orderer.serviceIds.map(String)])];
  return { server, routes: [...api.routes, ...oauth.routes], sessions, orderer, ids, validOrders };
}

/** Any request the run may send: a route from the registry, hostile values where it takes input. */
export function fuzzRequest(target: FuzzTarget): fc.Arbitrary<FuzzRequest> {
  const leaf = text(target.ids);
  const routes = target.routes.filter((route) => route.path !== '/docs' && route.path !== '/openapi.json');
  // Writes are where hostile text could be stored, and orders reach the most code: they come up more often.
  const weightOf = (route: RegisteredRoute) => (route.method === 'get' ? 1 : route.path === '/orders' ? 12 : 3);
  const anyRoute = fc.oneof(...routes.map((route) => ({ weight: weightOf(route), arbitrary: fc.constant(route) })));
  return anyRoute.chain((route): fc.Arbitrary<FuzzRequest> => {
    const name: RouteName = { method: route.method, prefix: route.prefix, path: route.path };
    const parameterNames = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
    const pathValues = fc.tuple(...parameterNames.map(() => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...target.ids) }, { weight: 1, arbitrary: leaf })));
    const declared = route.query instanceof z.ZodObject ? Object.keys(route.query.shape as object) : [];
    const query = fc.dictionary(declared.length > 0 ? fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...declared) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }) }) : fc.string({ maxLength: 6 }), leaf, { maxKeys: 4 });
    const session = fc.integer({ min: 0, max: target.sessions.length - 1 });
    // Percent-escapes a client can send but no string encodes to: NUL, a lone surrogate's bytes, broken escapes.
    const rawQuery = fc.option(fc.tuple(declared.length > 0 ? fc.constantFrom(...declared) : fc.constant('x'), fc.constantFrom('%00', '%ED%A0%80', '%zz', '%', '%C0%80', '%FF')), { freq: 5, nil: undefined });
    const common = fc.record({ pathValues, query, session, rawQuery, idempotencyKey: fc.option(fc.oneof(fc.constant('fuzz-key'), leaf), { nil: undefined }) });

    const url = (values: string[], search: Record<string, string>, raw?: [string, string]) => {
      let index = 0;
      const path = route.path.replace(/:(\w+)/g, () => encodeURIComponent(wellFormed(values[index++]!)));
      const queryString = [new URLSearchParams(wellFormedAll(search)).toString(), raw ? `${raw[0]}=${raw[1]}` : ''].filter(Boolean).join('&');
      return `${target.server.url}${route.prefix}${path}${queryString ? `?${queryString}` : ''}`;
    };
    const headersFor = (sessionIndex: number, extra: Record<string, string> = {}) =>
      route.isPublic || route.prefix === '/oauth' ? extra : { ...target.sessions[sessionIndex]!.headers(), ...extra };

    if (route.method === 'get' || route.method === 'delete') {
      return common.map(({ pathValues: values, query: search, session: index, rawQuery: raw }) => ({
        route: name,
        url: url(values as string[], search, raw),
        method: route.method === 'get' ? ('GET' as const) : ('DELETE' as const),
        headers: headersFor(index),
      }));
    }

    if (route.bodyType === 'form') {
      const parameters = fc.dictionary(fc.constantFrom('grant_type', 'client_id', 'client_secret', 'scope', 'username', 'password', 'tenant', 'refresh_token', 'token'), leaf, { maxKeys: 7 });
      return fc.tuple(common, parameters).map(([{ pathValues: values }, form]) => ({
        route: name,
        url: url(values as string[], {}),
        method: 'POST' as const,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(wellFormedAll({ grant_type: 'password', client_id: 'mobproc-web', scope: 'MOBPROC', tenant: 'ACME', ...form })).toString(),
      }));
    }

    // Orders: a valid body with one text member replaced, so the hostile value gets as far as storage.
    let value: fc.Arbitrary<unknown>;
    if (route.path === '/orders') {
      value = fc
        .record({ base: fc.constantFrom(...target.validOrders), leafIndex: fc.nat(), replacement: leaf })
        .map(({ base, leafIndex, replacement }) => {
          const leaves = stringLeaves(base);
          return replaced(base, leaves[leafIndex % leaves.length]!, replacement);
        });
    } else {
      const { $defs, ...schema } = z.toJSONSchema(route.body ?? z.unknown(), { io: 'input', unrepresentable: 'any' }) as JsonSchema & { $defs?: Record<string, JsonSchema> };
      value = arbitraryFor(schema, $defs ?? {}, leaf);
    }
    const deep = fc.option(deepJson, { freq: 4, nil: undefined });
    return fc.tuple(common, value, deep, fc.boolean()).map(([{ pathValues: values, session: index, idempotencyKey }, body, deepText, confirm]) => {
      let json = JSON.stringify(body) ?? 'null';
      // Deep nesting goes in a member the schema ignores, so the rest of the body is still valid.
      if (deepText) json = body !== null && typeof body === 'object' && !Array.isArray(body) ? `{"nested":${deepText},${json.slice(1)}`.replace(',}', '}') : deepText;
      const search: Record<string, string> = route.path === '/orders' ? { confirm: String(confirm) } : {};
      return {
        route: name,
        url: url(values as string[], search),
        method: route.method === 'put' ? ('PUT' as const) : ('POST' as const),
        headers: headersFor(index, { 'content-type': 'application/json', ...(idempotencyKey !== undefined ? { [headerNames.idempotencyKey]: idempotencyKey } : {}) }),
        body: json,
      };
    });
  });
}

export type FuzzAnswer = { status: number; text: string; contentType: string };

/** Sends one request; headers a client could not send (a control character in a header) are dropped by fetch as it would. */
export async function send(request: FuzzRequest): Promise<FuzzAnswer> {
  const headers = Object.fromEntries(Object.entries(request.headers).filter(([, value]) => /^[\t\x20-\x7e]*$/.test(value)));
  const attempt = async () => {
    const response = await fetch(request.url, { method: request.method, headers, body: request.body });
    const contentType = response.headers.get('content-type') ?? '';
    // An event stream stays open until its token ends: its answer is the status and headers.
    if (contentType.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status, text: '', contentType };
    }
    return { status: response.status, text: await response.text(), contentType };
  };
  try {
    return await attempt();
  } catch (error) {
    // A pooled connection the server closed for idleness at the moment it was reused (the
    // keep-alive race every HTTP client has): not an answer, so the request is sent once more.
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET') throw error;
    return attempt();
  }
}

/** The parts of the server's OpenAPI document the answer checks read. */
export type OpenApiDocument = {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>>;
};

/** Schemas an error answer in JSON may follow, by the component name the OpenAPI document gives them. */
const errorSchemas: Record<string, z.ZodType> = { ErrorEnvelope: errorEnvelope, OAuthError: oauthError };

/**
 * Throws when an answer breaks the rules: a 5xx; a status the OpenAPI document does not list for
 * the route; a content type other than the one the document gives that answer (an HTML page where
 * the route says so, as the sign-in page's refusals); or a JSON error that is not the documented
 * schema (the MOBPROC envelope, or OAuth's error).
 */
export function checkAnswer(request: FuzzRequest, answer: FuzzAnswer, document: OpenApiDocument): void {
  const where = `${request.method} ${request.url} ${request.body?.slice(0, 300) ?? ''}`;
  if (answer.status >= 500) throw new Error(`${answer.status} for ${where}: ${answer.text.slice(0, 500)}`);
  const path = (request.route.prefix + request.route.path).replace(/:(\w+)/g, '{$1}');
  const documented = document.paths[path]?.[request.route.method]?.responses[String(answer.status)];
  if (!documented) throw new Error(`${answer.status} is not documented for ${request.route.method.toUpperCase()} ${path} (${where})`);
  const mediaType = answer.contentType.split(';')[0]!.trim().toLowerCase();
  const content = documented.content?.[mediaType];
  if (!content) {
    throw new Error(`${answer.status} as ${mediaType || 'no content type'} for ${where}; documented: ${Object.keys(documented.content ?? {}).join(', ') || 'no body'}`);
  }
  if (answer.status === 200 || mediaType !== 'application/json') return;
  const schemaName = content.schema?.$ref?.split('/').at(-1) ?? '';
  const schema = errorSchemas[schemaName];
  if (schema && !schema.safeParse(JSON.parse(answer.text)).success) {
    throw new Error(`${answer.status} without its documented ${schemaName} for ${where}: ${answer.text.slice(0, 300)}`);
  }
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const STORED_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]|\\u00[01][0-9a-fA-F]|\\u007[fF]|\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;

/**
 * Every stored text value (any table, any text column; JSON columns by their escapes too) holding a
 * control character other than tab, line feed and carriage return, a replacement character left by
 * a lone surrogate, or an escaped control or surrogate — as `table.column: value`.
 */
export async function storedControlCharacters(server: TestServer): Promise<string[]> {
  const found: string[] = [];
  // The schema's tables, not the database's catalogue: the same list on both dialects.
  const tables = Object.values(storedTables as Record<string, unknown>).filter((value): value is SQLiteTable => is(value, SQLiteTable));
  for (const table of tables) {
    const { name, columns } = getTableConfig(table);
    for (const column of columns.filter((candidate) => candidate.getSQLType() === 'text')) {
      const values = await rows<{ value: string }>(server, `SELECT CAST("${column.name}" AS TEXT) AS value FROM "${name}" WHERE "${column.name}" IS NOT NULL`);
      for (const { value } of values) if (STORED_CONTROL.test(value)) found.push(`${name}.${column.name}: ${JSON.stringify(value).slice(0, 200)}`);
    }
  }
  return found;
}
