import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorEnvelope, oauthError } from '../../contract/index.ts';
import { createApp } from '../http/app.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { signIn, type Session } from './session.ts';

let server: TestServer;
let sessions: Session[];
beforeAll(async () => {
  server = await startTestServer();
  sessions = await Promise.all([signIn(server, 'peter.edwards'), signIn(server, 'svc.servicedesk')]);
});
afterAll(async () => await server.close());

const realIds = [
  ...Object.values(demoIds.services),
  ...Object.values(demoIds.devices),
  ...Object.values(demoIds.vendors),
  ...Object.values(demoIds.plans),
  ...Object.values(demoIds.catalogDevices),
  ...Object.values(demoIds.employees),
  ...Object.values(demoIds.regions),
  ...Object.values(demoIds.manufacturers),
  ...Object.values(demoIds.models),
].map(String);

const awkwardValues = ['', 'true', 'TRUE', 'false', '0', '-1', '101', '1e3', '1.5', 'NaN', '%', '_', '\\', "'", '" OR 1=1 --', '2026-01-01', '2026-13-45T99:99:99Z', ' ', 'null', '[]', '{}', 'x'.repeat(500)];

const value = fc.oneof(
  fc.constantFrom(...realIds),
  fc.constantFrom(...awkwardValues),
  fc.integer({ min: -10, max: 1e9 }).map(String),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

describe('random query strings', () => {
  it('never produce a 5xx on any GET resource', async () => {
    const { api } = createApp(server.deps);
    const routes = api.routes.filter((route) => route.method === 'get' && !route.isPublic);
    expect(routes.length).toBeGreaterThan(15);
    const routeArbitrary = fc.constantFrom(...routes).chain((route) => {
      const known = route.query instanceof z.ZodObject ? Object.keys(route.query.shape as object) : [];
      const key = known.length > 0 ? fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 12 })) : fc.string({ maxLength: 12 });
      const parameterNames = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
      return fc.record({
        route: fc.constant(route),
        pathValues: fc.tuple(...parameterNames.map(() => fc.oneof(fc.constantFrom(...realIds), fc.string({ minLength: 1, maxLength: 20 })))),
        query: fc.array(fc.tuple(key, value), { maxLength: 6 }),
        sessionIndex: fc.integer({ min: 0, max: sessions.length - 1 }),
      });
    });

    await fc.assert(
      fc.asyncProperty(routeArbitrary, async ({ route, pathValues, query, sessionIndex }) => {
        let index = 0;
        const path = route.path.replace(/:(\w+)/g, () => encodeURIComponent(pathValues[index++] as string));
        const search = new URLSearchParams(query as [string, string][]).toString();
        const response = await fetch(`${server.url}${route.prefix}${path}${search ? `?${search}` : ''}`, {
          headers: sessions[sessionIndex]!.headers(),
        });
        // An event stream stays open until its token ends: its answer is the status and headers.
        if (response.status === 200 && response.headers.get('content-type')?.startsWith('text/event-stream')) return void (await response.body?.cancel());
        const body = (await response.json()) as unknown;
        if (response.status >= 500) throw new Error(`${response.status} for ${route.prefix}${path}?${search}: ${JSON.stringify(body)}`);
        if (response.status !== 200) errorEnvelope.parse(body);
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('never produce a 5xx or a non-OAuth body at the token, revoke and validate endpoints', async () => {
    const parameter = fc.oneof(
      fc.constantFrom('grant_type', 'client_id', 'client_secret', 'scope', 'username', 'password', 'tenant', 'refresh_token', 'token', 'access_token'),
      fc.string({ maxLength: 10 }),
    );
    const parameterValue = fc.oneof(
      fc.constantFrom('password', 'refresh_token', 'urn:pingidentity.com:oauth2:grant_type:validate_bearer', 'mobproc-web', 'servicedesk-app', 'MOBPROC', 'peter.edwards', 'ACME/peter.edwards', 'command://x', 'demo', 'ACME', 'GLOBEX'),
      value,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(['POST', '/oauth/token'], ['POST', '/oauth/revoke'], ['GET', '/oauth/validate'], ['GET', '/oauth/token']),
        fc.array(fc.tuple(parameter, parameterValue), { maxLength: 7 }),
        fc.boolean(),
        async ([method, path], parameters, inQuery) => {
          const form = new URLSearchParams(parameters as [string, string][]).toString();
          const response = await fetch(`${server.url}${path}${inQuery || method === 'GET' ? `?${form}` : ''}`, {
            method,
            ...(method === 'POST' && !inQuery ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form } : {}),
          });
          const body = (await response.json()) as unknown;
          if (response.status >= 500) throw new Error(`${response.status} for ${method} ${path} ${form}: ${JSON.stringify(body)}`);
          if (response.status !== 200) oauthError.parse(body);
        },
      ),
      { numRuns: 100 },
    );
  }, 120_000);
});
