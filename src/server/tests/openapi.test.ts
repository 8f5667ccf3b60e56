import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../e2e/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../http/app.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

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
    for (const path of ['/oauth/token', '/oauth/revoke', '/oauth/validate', '/mobproc/v1/me', '/mobproc/v1/assets/services/{id}/move']) {
      expect(Object.keys(document.paths)).toContain(path);
    }
  });

  it('documents the extensions /ping announces, by name', async () => {
    const document = (await (await fetch(`${server.url}/mobproc/v1/openapi.json`)).json()) as {
      components: { schemas: Record<string, { properties?: Record<string, { items?: { enum?: string[] } }>; required?: string[] }> };
    };
    const ping = document.components.schemas.Ping!;
    expect(ping.required).toContain('extensions');
    expect(ping.properties?.extensions?.items?.enum).toEqual(expect.arrayContaining(['idempotency-key', 'cancel', 'act-as', 'revoke']));
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
    const token = document.paths['/oauth/token']!.post!;
    expect((token.parameters ?? []).some((parameter) => parameter.in === 'header')).toBe(false);
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
