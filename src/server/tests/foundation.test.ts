import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, pingResponse, webAppConfig } from '../../contract/index.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => await server.close());

describe('GET /mobproc/v1/ping', () => {
  it('echoes the text with no token or headers', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/ping?echoText=are%20you%20there`);
    expect(response.status).toBe(200);
    const body = pingResponse.parse(await response.json());
    expect(body.echoText).toBe('are you there');
    expect(body.sourceSystem).toBe('MOBPROC');
    expect(Math.abs(Date.parse(body.dateTime) - Date.now())).toBeLessThan(60_000);
  });

  it('announces exactly the extensions this server implements, so clients use only those (MOBPROC §1)', async () => {
    const body = pingResponse.parse(await (await fetch(`${server.url}/mobproc/v1/ping`)).json());
    expect([...body.extensions].sort()).toEqual(
      [
        'act-as',
        'act-as-search',
        'approval-delegates',
        'approval-preview',
        'approval-rules',
        'authorization-code',
        'cancel',
        'cost-summary',
        'device-feature-options',
        'events',
        'idempotency-key',
        'notification-settings',
        'request-info',
        'revoke',
        'sensitive-properties',
        'submitted-date-sort',
        'type-restrictions',
      ].sort(),
    );
    // Announced OAuth extensions answer.
    const revoke = await fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'token=not-a-token&client_id=mobproc-web',
    });
    expect(revoke.status).toBe(200);
    // Without a registered redirect URI the sign-in page refuses to go anywhere: shown, not redirected.
    expect((await fetch(`${server.url}/oauth/authorize?response_type=code&client_id=mobproc-web`, { redirect: 'manual' })).status).toBe(400);
  });

  it('echoes the caller correlation and activity ids, and makes up a correlation id when absent', async () => {
    const withIds = await fetch(`${server.url}/mobproc/v1/ping`, {
      headers: { 'X-TNGO-CONTEXT-CORRELATIONID': 'corr-123', 'X-TNGO-CONTEXT-ACTIVITYID': 'act-9' },
    });
    expect(withIds.headers.get('x-tngo-context-correlationid')).toBe('corr-123');
    expect(withIds.headers.get('x-tngo-context-activityid')).toBe('act-9');
    const without = await fetch(`${server.url}/mobproc/v1/ping`);
    expect(without.headers.get('x-tngo-context-correlationid')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('unknown paths', () => {
  it.each(['/mobproc/v1/no-such-thing', '/mobproc/v1', '/oauth/nothing-here'])('%s answers the JSON 404 envelope', async (path) => {
    const response = await fetch(server.url + path);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = errorEnvelope.parse(await response.json());
    expect(body.errors[0]).toMatchObject({ status: 404, errorCode: '404-NOT_FOUND' });
    expect(body.errors[0]!.id).toMatch(/^[\w-]{5,}$/);
  });

  it('POST to an unknown API path is a 404 envelope too, not the app', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/nothing`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(404);
    errorEnvelope.parse(await response.json());
  });
});

describe('the web app', () => {
  it('answers index.html for any app URL so a reload works, revalidated on every load', async () => {
    for (const path of ['/', '/orders/123', '/wizard/NEW_ACTIVATION/device']) {
      const response = await fetch(server.url + path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets as immutable', async () => {
    const html = await (await fetch(server.url)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(server.url + script!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('does not let a path climb out of the built app', async () => {
    const response = await fetch(`${server.url}/..%2f..%2fpackage.json`);
    expect(await response.text()).not.toContain('"devDependencies"');
  });

  it('serves its run-time configuration', async () => {
    const response = await fetch(`${server.url}/config.json`);
    const config = webAppConfig.parse(await response.json());
    expect(config).toMatchObject({ baseUrl: '', clientId: 'mobproc-web', tenant: 'ACME', embeddedServer: true });
    expect(config.demoLogins.map((login) => login.username)).toContain('peter.edwards');
  });
});

describe('security headers', () => {
  it.each(['/', '/mobproc/v1/ping', '/mobproc/v1/missing', '/config.json'])('are on %s', async (path) => {
    const response = await fetch(server.url + path);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/https?:\/\//);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('image origins', () => {
  it("lets the served app show another MOBPROC server's catalog images only from the configured hosts", async () => {
    const withImages = await startTestServer({ MOBPROC_IMAGE_ORIGINS: 'https://images.example.com, https://cdn.example.net' });
    try {
      const csp = (await fetch(`${withImages.url}/`)).headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/img-src 'self' data: https:\/\/images\.example\.com https:\/\/cdn\.example\.net(;|$)/);
      expect(csp).toMatch(/connect-src 'self'(;|$)/);
    } finally {
      await withImages.close();
    }
  });
});

describe('request limits', () => {
  it('refuses a body over 1 MiB with 413', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/ping`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(response.status).toBe(413);
    expect(errorEnvelope.parse(await response.json()).errors[0]!.errorCode).toBe('413-PAYLOAD_TOO_LARGE');
  });

  it('names the query parameter when a known one has a bad value', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/ping?echoText=${'x'.repeat(1001)}`);
    expect(response.status).toBe(400);
    expect(errorEnvelope.parse(await response.json()).errors[0]!.field).toBe('query.echoText');
  });
});

describe('an uncaught failure', () => {
  it('answers the 500 envelope without a stack trace, and logs the error with its id', async () => {
    const { createApp } = await import('../http/app.ts');
    const { z } = await import('zod');
    const logged: unknown[] = [];
    const log = server.deps.log.child({});
    log.error = ((entry: unknown) => {
      logged.push(entry);
    }) as typeof log.error;
    const { app } = createApp({ ...server.deps, log: Object.assign(log, { child: () => log }) }, (api) => api.add({
      method: 'get',
      path: '/explode',
      tag: 'Test',
      summary: 'Fails on purpose',
      isPublic: true,
      response: z.object({}),
      handler: () => {
        throw new Error('database exploded at /secret/path.ts:12');
      },
    }));
    const response = await app.request('/mobproc/v1/explode');
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain('/secret/path.ts');
    expect(text).not.toContain('exploded');
    const body = errorEnvelope.parse(JSON.parse(text));
    expect(body.errors[0]).toMatchObject({ status: 500, errorCode: '500-INTERNAL_ERROR' });
    expect(JSON.stringify(logged)).toContain(body.errors[0]!.id);
  });
});
