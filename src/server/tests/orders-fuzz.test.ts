/**
 * Property-based: random JSON and randomly mutated valid order bodies get only 200 or a 4xx with
 * the error envelope — never a 5xx — and a confirm never stores anything. Runs are bounded and the
 * seed is in the test name, so a failure can be replayed with `seed`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, orderConfirmationResponse, transactionType } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { count } from './rows.ts';
import { fillRequired, freshOrderer, orderRequestFor, propertyDefinitions, shipToUS, type Orderer } from './orders-fixtures.ts';

let server: TestServer;
let orderer: Orderer;
let validBodies: unknown[];

beforeAll(async () => {
  server = await startTestServer();
  orderer = await freshOrderer(server, 'fuzz');
  const serviceId = String(orderer.serviceIds[0]);
  const newLine = await propertyDefinitions(server, orderer.session, transactionType.enum.NEW_ACTIVATION, { vendor: String(demoIds.vendors.summit) });
  const suspend = await propertyDefinitions(server, orderer.session, transactionType.enum.SUSPEND, { service: serviceId });
  const features = await propertyDefinitions(server, orderer.session, transactionType.enum.UPDATE_FEATURES, { service: serviceId });
  validBodies = [
    orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
      regionId: '1',
      postalCode: '98101',
      shoppingCart: { deviceId: String(demoIds.catalogDevices.pixel9Summit), planId: String(demoIds.plans.summitBusinessUnlimited), accessoryIds: [String(demoIds.accessories.usbC30wCharger)], quantity: 2 },
      properties: fillRequired(newLine),
      shipTo: shipToUS(),
    }),
    orderRequestFor(transactionType.enum.SUSPEND, { serviceId, properties: fillRequired(suspend) }),
    orderRequestFor(transactionType.enum.UPDATE_FEATURES, {
      serviceId,
      shoppingCart: { features: [{ id: String(demoIds.features.summitHotspot), action: 'ADD' }] },
      properties: fillRequired(features),
    }),
  ];
});
afterAll(async () => {
  await server.close();
});

const rowCounts = async () => {
  const counted: [string, number][] = [];
  for (const table of ['orders', 'order_segments', 'order_history', 'order_approvals', 'fulfillment_jobs', 'idempotency_keys', 'services', 'device_assets']) {
    counted.push([table, await count(server, `SELECT COUNT(*) AS n FROM ${table}`)]);
  }
  return counted;
};

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
}

function mutate(body: unknown, path: Path, kind: 'delete' | 'replace' | 'duplicate', replacement: unknown): unknown {
  const copy = structuredClone(body) as Record<string | number, unknown>;
  if (path.length === 0) return kind === 'replace' ? replacement : copy;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((node, key) => node[key] as Record<string | number, unknown>, copy);
  const key = path.at(-1)!;
  if (kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (kind === 'duplicate' && Array.isArray(parent)) {
    parent.push(structuredClone(parent[Number(key)]));
  } else {
    parent[key] = replacement;
  }
  return copy;
}

async function post(body: unknown, confirm: boolean) {
  const response = await fetch(`${server.url}/mobproc/v1/orders${confirm ? '?confirm=true' : ''}`, {
    method: 'POST',
    headers: { ...orderer.session.headers(), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as unknown };
}

function expectClientAnswer(answer: { status: number; body: unknown }) {
  expect(answer.status === 200 || (answer.status >= 400 && answer.status < 500), `${answer.status} ${JSON.stringify(answer.body)}`).toBe(true);
  if (answer.status !== 200) errorEnvelope.parse(answer.body);
}

const seed = Date.now() % 2_147_483_647;
const replacement = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(null, '', 0, -1, 1e308, true, [], {}, '999999', transactionType.enum.NEW_ACTIVATION, 'x'.repeat(5000)));
const mutation = fc.record({
  which: fc.nat(),
  path: fc.nat(),
  kind: fc.constantFrom('delete' as const, 'replace' as const, 'duplicate' as const),
  replacement,
  second: fc.option(fc.record({ path: fc.nat(), replacement }), { nil: undefined }),
});

describe(`random order bodies (fast-check seed ${seed})`, () => {
  it('mutated valid bodies: a confirm answers 200 or 4xx and stores nothing', async () => {
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(mutation, async ({ which, path, kind, replacement: value, second }) => {
        const base = validBodies[which % validBodies.length];
        const paths = pathsOf(base);
        let body = mutate(base, paths[path % paths.length]!, kind, value);
        if (second) {
          const more = pathsOf(body);
          body = mutate(body, more[second.path % more.length]!, 'replace', second.replacement);
        }
        const answer = await post(body, true);
        expectClientAnswer(answer);
        if (answer.status === 200) orderConfirmationResponse.parse(answer.body);
      }),
      { numRuns: 250, seed },
    );
    expect(await rowCounts()).toEqual(before);
  });

  it('arbitrary JSON: answers 200 or 4xx to confirm and to submit', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), async (body, confirm) => {
        expectClientAnswer(await post(body, confirm));
        expectClientAnswer(await post({ orderRequest: body }, confirm));
      }),
      { numRuns: 150, seed },
    );
  });

  it('a body that is not JSON or not JSON at all is a 4xx', async () => {
    const broken = await fetch(`${server.url}/mobproc/v1/orders?confirm=true`, {
      method: 'POST',
      headers: { ...orderer.session.headers(), 'content-type': 'application/json' },
      body: '{"orderRequest": ',
    });
    expect(broken.status).toBe(400);
    expect(errorEnvelope.parse(await broken.json()).errors[0]!.field).toBe('body');
    const text = await fetch(`${server.url}/mobproc/v1/orders?confirm=true`, { method: 'POST', headers: { ...orderer.session.headers(), 'content-type': 'text/plain' }, body: 'hello' });
    expect(text.status).toBe(415);
  });
});
