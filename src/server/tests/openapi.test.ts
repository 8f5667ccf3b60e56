import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../e2e/browser.ts';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { createApp } from '../http/app.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => await server.close());

type OpenApiDocument = { info: { title: string }; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };

describe('/mobproc/v1/openapi.json', () => {
  it('describes every registered route', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as OpenApiDocument;
    const { api, oauth } = createApp(server.deps);
    const registered = [...api.routes, ...oauth.routes];
    expect(registered.length).toBeGreaterThan(25);
    const missing = registered
      .map((route) => ({ method: route.method, path: (route.prefix + route.path).replace(/:(\w+)/g, '{$1}') }))
      .filter((route) => !document.paths[route.path]?.[route.method]);
    expect(missing).toEqual([]);
    for (const path of ['/oauth/token', '/oauth/revoke', '/oauth/validate', '/mobproc/v1/me', '/mobproc/v1/me/act-as', '/mobproc/v1/assets/services/{id}/move']) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });

  it('documents the extensions /ping announces, by name', async () => {
    const document = (await (await fetch(`${server.url}/mobproc/v1/openapi.json`)).json()) as {
      components: { schemas: Record<string, { properties?: Record<string, { items?: { enum?: string[] } }>; required?: string[] }> };
    };
    const ping = document.components.schemas.Ping!;
    expect(ping.required).toContain('extensions');
    expect(ping.properties?.extensions?.items?.enum).toEqual(expect.arrayContaining(['idempotency-key', 'cancel', 'act-as', 'act-as-search', 'revoke']));
  });

  it('has no dangling references', async () => {
    const text = await (await fetch(`${server.url}/mobproc/v1/openapi.json`)).text();
    const document = JSON.parse(text) as unknown;
    const resolve = (pointer: string): unknown =>
      pointer
        .slice(2)
        .split('/')
        .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
        .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), document);
    const references = [...new Set([...text.matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]!))];
    expect(references.length).toBeGreaterThan(20);
    expect(references.filter((reference) => !reference.startsWith('#/') || resolve(reference) === undefined)).toEqual([]);
  });

  it('documents query parameters and MOBPROC headers where they apply', async () => {
    const document = (await (await fetch(`${server.url}/mobproc/v1/openapi.json`)).json()) as OpenApiDocument;
    const devices = document.paths['/mobproc/v1/catalog/devices']!.get!;
    const names = devices.parameters!.map((parameter) => `${parameter.in}:${parameter.name}`);
    expect(names).toEqual(expect.arrayContaining(['query:limit', 'query:offset', 'query:compatibleWithPlan', 'query:sort', 'header:X-TNGO-TENANT']));
    const parametersOf = (path: string) => document.paths[path]!.get!.parameters!.map((parameter) => `${parameter.in}:${parameter.name}`);
    expect(parametersOf('/mobproc/v1/me')).toContain('query:includeActAs');
    expect(parametersOf('/mobproc/v1/me/act-as')).toEqual(expect.arrayContaining(['query:limit', 'query:offset', 'query:search', 'header:X-TNGO-TENANT']));
    const token = document.paths['/oauth/token']!.post!;
    expect((token.parameters ?? []).some((parameter) => parameter.in === 'header')).toBe(false);
  });
});

type Responses = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

describe('statuses in /mobproc/v1/openapi.json', () => {
  it('every status that follows from a route’s shape is documented for it', async () => {
    const document = (await (await fetch(`${server.url}/mobproc/v1/openapi.json`)).json()) as Responses;
    const { api, oauth } = createApp(server.deps);
    const missing: string[] = [];
    for (const route of [...api.routes, ...oauth.routes]) {
      const path = (route.prefix + route.path).replace(/:(\w+)/g, '{$1}');
      // What the server answers on its own, before any handler: the header and token checks of
      // §2 (400, 401, 403) on authenticated routes; 404 for an ID in the path; the body limit
      // (413) on every POST and PUT, 415 for a JSON one; 400 for any input; and 500 anywhere.
      const expected = new Set([200, 500]);
      if (!route.isPublic) [400, 401, 403].forEach((status) => expected.add(status));
      const withBody = route.method === 'post' || route.method === 'put';
      if (route.query || route.body || withBody) expected.add(400);
      if (route.path.includes(':')) [400, 404].forEach((status) => expected.add(status));
      if (withBody) expected.add(413);
      if (withBody && route.bodyType !== 'form') expected.add(415);
      const documented = Object.keys(document.paths[path]?.[route.method]?.responses ?? {});
      for (const status of expected) if (!documented.includes(String(status))) missing.push(`${route.method.toUpperCase()} ${path} ${status}`);
    }
    expect(missing).toEqual([]);
  });

  it('the statuses the sign-in endpoints answer are documented: 401 and 429 at the token endpoint, 401 at validate', async () => {
    // Its own server: the lockout this provokes would otherwise lock this address for the other tests.
    const server = await startTestServer({ MOBPROC_LOCKOUT_ATTEMPTS: '2' });
    onTestFinished(async () => await server.close());
    const document = (await (await fetch(`${server.url}/mobproc/v1/openapi.json`)).json()) as Responses;
    const token = (form: Record<string, string>) =>
      fetch(`${server.url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    const seen: [string, string, number][] = [];
    const badSecret = await token({ grant_type: 'password', client_id: 'servicedesk-app', client_secret: 'wrong', username: 'svc.servicedesk', password: 'demo', tenant: 'ACME' });
    seen.push(['/oauth/token', 'post', badSecret.status]);
    let locked = 0;
    for (let attempt = 0; attempt < 10 && locked !== 429; attempt += 1) {
      locked = (await token({ grant_type: 'password', client_id: 'mobproc-web', username: 'alice.nguyen', password: 'wrong', tenant: 'ACME' })).status;
    }
    seen.push(['/oauth/token', 'post', locked]);
    seen.push(['/oauth/validate', 'get', (await fetch(`${server.url}/oauth/validate?access_token=nothing`)).status]);
    seen.push(['/oauth/token', 'get', (await fetch(`${server.url}/oauth/token?grant_type=urn:pingidentity.com:oauth2:grant_type:validate_bearer&token=nothing`)).status]);
    expect(seen.map(([, , status]) => status)).toEqual([401, 429, 401, 401]);
    const undocumented = seen.filter(([path, method, status]) => !document.paths[path]?.[method]?.responses[String(status)]);
    expect(undocumented).toEqual([]);
  });
});

describe('/mobproc/v1/docs', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch(chromiumLaunchOptions());
  });
  afterAll(() => browser?.close());

  it('renders Swagger UI from this server alone, with every other origin blocked', async () => {
    const page = await browser.newPage();
    const blocked: string[] = [];
    const origin = new URL(server.url).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/mobproc/v1/docs`);
    await page.getByRole('heading', { name: /MOBPROC v1/ }).first().waitFor({ timeout: 20_000 });
    await page.locator('.opblock-summary-path[data-path="/mobproc/v1/catalog/devices"]').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(25);
    expect(errors).toEqual([]);
    expect(blocked).toEqual([]);
    await page.close();
  }, 60_000);
});
