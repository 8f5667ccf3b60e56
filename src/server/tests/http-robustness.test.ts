/**
 * The HTTP layer's answers to hostile or careless clients: forged forwarding headers, caching,
 * keep-alive after a refused body, and what the built app exposes.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, meResponse } from '../../contract/index.ts';
import { createOrderingEmployee } from '../storage/seed/factories.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { signIn, type Session } from './session.ts';

let server: TestServer;
let proxied: TestServer;
let session: Session;
beforeAll(async () => {
  [server, proxied] = await Promise.all([
    startTestServer(),
    startTestServer({ MOBPROC_TRUST_PROXY: 'true', MOBPROC_LOCKOUT_ATTEMPTS: '2' }),
  ]);
  session = await signIn(server, 'peter.edwards');
});
afterAll(() => Promise.all([server?.close(), proxied?.close()]));

const forged = { 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' };

describe('forwarded headers (MOBPROC_TRUST_PROXY)', () => {
  it('without it, _meta links use the Host the client reached, whatever X-Forwarded-Host says', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/me`, { headers: session.headers(forged) });
    expect(response.status).toBe(200);
    const body = meResponse.parse(await response.json());
    const href = body.authenticatedUser._meta.href;
    expect(href.startsWith(`${server.url}/mobproc/v1/`)).toBe(true);
    expect(JSON.stringify(body)).not.toContain('evil.example');
  });

  it('with it, links follow the proxy’s X-Forwarded-Host and -Proto (first hop)', async () => {
    const viaProxy = await signIn(proxied, 'peter.edwards');
    const response = await fetch(`${proxied.url}/mobproc/v1/me`, {
      headers: viaProxy.headers({ 'X-Forwarded-Host': 'phones.example.com, inner.local', 'X-Forwarded-Proto': 'https' }),
    });
    const body = meResponse.parse(await response.json());
    expect(body.authenticatedUser._meta.href.startsWith('https://phones.example.com/mobproc/v1/')).toBe(true);
  });

  it('with it, sign-in lockout counts the X-Forwarded-For address, not the proxy’s socket', async () => {
    const signInVia = (forwardedFor: string, username: string, password: string) =>
      fetch(`${proxied.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'X-Forwarded-For': forwardedFor },
        body: new URLSearchParams({ grant_type: 'password', client_id: 'mobproc-web', tenant: 'ACME', username, password }),
      });
    const victim = await createOrderingEmployee(proxied.deps.db, { now: proxied.deps.now(), label: 'proxy lockout' });
    // The first hop is the client; the proxy's own address comes after it.
    expect((await signInVia('198.51.100.7, 10.0.0.1', victim.username, 'wrong')).status).toBe(400);
    expect((await signInVia('198.51.100.7', victim.username, 'wrong')).status).toBe(400);
    expect((await signInVia('198.51.100.7', victim.username, victim.password)).status).toBe(429);
    // Same socket, another client behind the proxy: the account is locked only where its failures came from.
    expect((await signInVia('198.51.100.8', victim.username, victim.password)).status).toBe(200);
  });
});

describe('caching', () => {
  it('every API answer says Cache-Control: no-store, errors and public routes included', async () => {
    const answers = await Promise.all([
      fetch(`${server.url}/mobproc/v1/me`, { headers: session.headers() }),
      fetch(`${server.url}/mobproc/v1/orders?limit=1&offset=0`, { headers: session.headers() }),
      fetch(`${server.url}/mobproc/v1/me`),
      fetch(`${server.url}/mobproc/v1/ping`),
      fetch(`${server.url}/mobproc/v1/nowhere`),
      fetch(`${server.url}/oauth/validate?token=nothing`),
    ]);
    expect(answers.map((answer) => answer.headers.get('cache-control'))).toEqual(answers.map(() => 'no-store'));
  });
});

/** One request on `agent`; resolves with status and body, rejects on a connection error (ECONNRESET). */
function send(agent: http.Agent, port: number, options: { method: string; path: string; body?: string | Buffer; headers?: Record<string, string> }) {
  return new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, agent, method: options.method, path: options.path, headers: options.headers },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text, connection: response.headers.connection }));
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('keep-alive after a refused body', () => {
  it('a keep-alive client sends ten more requests on the same agent after a 413', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const port = Number(new URL(server.url).port);
    try {
      const big = Buffer.alloc(2 * 1024 * 1024, 'x');
      const refused = await send(agent, port, {
        method: 'POST',
        path: '/mobproc/v1/orders?confirm=true',
        body: big,
        headers: { ...session.headers(), 'content-type': 'application/json', 'content-length': String(big.length) },
      });
      expect(refused.status).toBe(413);
      expect(errorEnvelope.parse(JSON.parse(refused.body)).errors[0]!.errorCode).toBe('413-PAYLOAD_TOO_LARGE');
      expect(refused.connection).toBe('close');
      for (let index = 0; index < 10; index += 1) {
        const answer = await send(agent, port, { method: 'GET', path: `/mobproc/v1/ping?echoText=${index}`, headers: {} });
        expect(answer.status).toBe(200);
        expect(JSON.parse(answer.body)).toMatchObject({ echoText: String(index) });
      }
    } finally {
      agent.destroy();
    }
  });

  it('also after a 413 for a chunked body of unknown length', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const port = Number(new URL(server.url).port);
    try {
      const refused = await new Promise<number>((resolve, reject) => {
        const request = http.request(
          { host: '127.0.0.1', port, agent, method: 'POST', path: '/mobproc/v1/orders?confirm=true', headers: { ...session.headers(), 'content-type': 'application/json' } },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          },
        );
        request.on('error', reject);
        // No content-length: the limit is met while reading.
        for (let index = 0; index < 24; index += 1) request.write(Buffer.alloc(64 * 1024, ' '));
        request.end();
      });
      expect(refused).toBe(413);
      for (let index = 0; index < 10; index += 1) {
        expect((await send(agent, port, { method: 'GET', path: '/mobproc/v1/ping' })).status).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });
});
