/**
 * The shape of the request path that decision 16 measured: how an answer reaches the socket, and
 * what every answer carries on the way (headers, the access line). Not timed: each check fails on
 * the structural cause of a slowdown, not on a number.
 */
import fs from 'node:fs';
import type http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmartRouter } from 'hono/router/smart-router';
import { headerNames, transactionType } from '../../contract/index.ts';
import { createApp } from '../http/app.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { signIn, type Session } from './session.ts';

const logLines: Record<string, unknown>[] = [];
let dist: string;
let server: TestServer;
let session: Session;
beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-dist-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
  const log = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  server = await startTestServer({ MOBPROC_STATIC_DIR: dist }, { log });
  session = await signIn(server, 'peter.edwards');
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

/**
 * `writes`: how many times the server's socket handed bytes to the kernel (`_write`/`_writev`, one
 * each per batch); `streamed`: how many pieces the answer was written in through `res.write` before
 * `res.end` (0 when the whole answer is handed to Node at once, with its body, in `res.end`).
 */
type Written = { response: string; writes: number; streamed: number; endedWithBody: boolean };

/** Sends one raw HTTP/1.1 request to a listener of the real app and watches how the answer is written. */
async function countWrites(request: string): Promise<Written> {
  const { app } = createApp(server.deps);
  let writes = 0;
  let streamed = 0;
  let endedWithBody = false;
  const listener: ServerType = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  // Runs after the app's own listener has started the request, before the answer is written.
  listener.on('request', (_request: http.IncomingMessage, response: http.ServerResponse) => {
    const { write, end } = response;
    response.write = ((...args: Parameters<typeof write>) => {
      streamed += 1;
      return write.apply(response, args);
    }) as typeof write;
    response.end = ((...args: Parameters<typeof end>) => {
      endedWithBody = typeof args[0] === 'string' || args[0] instanceof Uint8Array;
      return end.apply(response, args);
    }) as typeof end;
  });
  listener.on('connection', (socket: net.Socket) => {
    const batches = socket as unknown as Record<'_write' | '_writev', (...args: unknown[]) => void>;
    for (const method of ['_write', '_writev'] as const) {
      const original = batches[method].bind(socket);
      batches[method] = (...args: unknown[]) => {
        writes += 1;
        original(...args);
      };
    }
  });
  await new Promise((resolve) => listener.once('listening', resolve));
  const { port } = listener.address() as AddressInfo;
  try {
    const response = await new Promise<string>((resolve, reject) => {
      const client = net.connect(port, '127.0.0.1', () => client.write(request.replaceAll('\n', '\r\n')));
      let received = '';
      client.on('data', (chunk) => {
        received += chunk.toString('latin1');
        const headEnd = received.indexOf('\r\n\r\n');
        const length = /\r\ncontent-length: (\d+)/i.exec(received)?.[1];
        if (headEnd >= 0 && length !== undefined && received.length >= headEnd + 4 + Number(length)) {
          client.end();
          resolve(received);
        }
      });
      client.on('error', reject);
      client.on('end', () => resolve(received));
    });
    return { response, writes, streamed, endedWithBody };
  } finally {
    await new Promise((resolve) => listener.close(resolve));
  }
}

describe('an answer is handed to Node whole and written in one piece', () => {
  it('GET /ping: one write, with a Content-Length and not chunked', async () => {
    const { response, writes, streamed, endedWithBody } = await countWrites('GET /mobproc/v1/ping?echoText=one HTTP/1.1\nHost: 127.0.0.1\n\n');
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toMatch(/\r\ncontent-length: \d+\r\n/i);
    expect(response).not.toMatch(/transfer-encoding/i);
    expect({ writes, streamed, endedWithBody }).toEqual({ writes: 1, streamed: 0, endedWithBody: true });
  });

  it('GET /me with a token: one write too', async () => {
    const headers = Object.entries(session.headers()).map(([name, value]) => `${name}: ${value}\n`).join('');
    const { response, writes, streamed, endedWithBody } = await countWrites(`GET /mobproc/v1/me HTTP/1.1\nHost: 127.0.0.1\n${headers}\n`);
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).not.toMatch(/transfer-encoding/i);
    expect({ writes, streamed, endedWithBody }).toEqual({ writes: 1, streamed: 0, endedWithBody: true });
  });

  it('a refused request (400 with its envelope) and an unknown path (404): one write each', async () => {
    for (const [path, status] of [['/mobproc/v1/ping?echoText=' + 'x'.repeat(1001), 400], ['/mobproc/v1/nothing-here', 404]] as const) {
      const { response, writes, streamed, endedWithBody } = await countWrites(`GET ${path} HTTP/1.1\nHost: 127.0.0.1\n\n`);
      expect(response).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(response).toMatch(/\r\ncontent-length: \d+\r\n/i);
      expect({ writes, streamed, endedWithBody }).toEqual({ writes: 1, streamed: 0, endedWithBody: true });
    }
  });
});

describe('routing', () => {
  it("every route is accepted by Hono's RegExpRouter (one refused route sends all requests through the slower TrieRouter)", async () => {
    const { app } = createApp(server.deps);
    expect((await app.request('/mobproc/v1/ping')).status).toBe(200);
    expect((app.router as SmartRouter<unknown>).activeRouter.name).toBe('RegExpRouter');
  });

  it('a static path beside a parameter path of the same method is still its own route', async () => {
    // The properties route's own refusal (it needs a vendor or a service), not the order route's 404.
    const properties = await fetch(`${server.url}/mobproc/v1/orders/properties?transactionType=${transactionType.enum.NEW_ACTIVATION}`, { headers: session.headers() });
    expect(properties.status).toBe(400);
    expect(await properties.json()).toMatchObject({ errors: [{ field: 'query.vendor' }] });
    const order = await fetch(`${server.url}/mobproc/v1/orders/NO-SUCH-ORDER`, { headers: session.headers() });
    expect(order.status).toBe(404);
  });
});

describe('every answer carries the security headers and its correlation id', () => {
  const fixed = (headers: Headers) => ({
    csp: headers.get('content-security-policy') ?? '',
    nosniff: headers.get('x-content-type-options'),
    referrer: headers.get('referrer-policy'),
    frames: headers.get('x-frame-options'),
    opener: headers.get('cross-origin-opener-policy'),
    correlationId: headers.get(headerNames.correlationId),
  });

  it.each([
    ['GET', '/mobproc/v1/ping', 200, 'no-store'],
    ['HEAD', '/mobproc/v1/ping', 200, 'no-store'],
    ['GET', `/mobproc/v1/ping?echoText=${'x'.repeat(1000)}`, 200, 'no-store'],
    ['GET', '/mobproc/v1/ping?echoText=' + 'x'.repeat(1001), 400, 'no-store'],
    ['GET', '/mobproc/v1/me', 400, 'no-store'],
    ['GET', '/mobproc/v1/nothing-here', 404, 'no-store'],
    ['GET', '/mobproc/v1/openapi.json', 200, 'no-store'],
    ['GET', '/config.json', 200, 'no-cache'],
    ['GET', '/', 200, 'no-cache'],
  ])('%s %s (%i)', async (method, path, status, cacheControl) => {
    const response = await fetch(server.url + path, { method, headers: { 'accept-encoding': 'gzip', [headerNames.correlationId]: 'corr-path-1' } });
    expect(response.status).toBe(status);
    expect(fixed(response.headers)).toEqual({
      csp: expect.stringContaining("default-src 'self'") as string,
      nosniff: 'nosniff',
      referrer: 'no-referrer',
      frames: 'DENY',
      opener: 'same-origin',
      correlationId: 'corr-path-1',
    });
    expect(response.headers.get('cache-control')).toBe(cacheControl);
  });

  it('an answer built by the app alone (no Node socket behind it) gets them too', async () => {
    const { app } = createApp(server.deps);
    const response = await app.request('/mobproc/v1/ping');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get(headerNames.correlationId)).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('the access log', () => {
  it('writes one line per request with its correlation id, activity id, method, path, status and time', async () => {
    const correlationId = `corr-${Date.now()}`;
    await fetch(`${server.url}/mobproc/v1/ping?echoText=logged`, {
      headers: { [headerNames.correlationId]: correlationId, [headerNames.activityId]: 'act-logged' },
    });
    await fetch(`${server.url}/mobproc/v1/nothing-here`, { headers: { [headerNames.correlationId]: correlationId } });
    const lines = logLines.filter((line) => line.correlationId === correlationId && line.msg === 'request');
    expect(lines).toEqual([
      expect.objectContaining({ level: 30, activityId: 'act-logged', method: 'GET', path: '/mobproc/v1/ping', status: 200, ms: expect.any(Number) as number }),
      expect.objectContaining({ level: 30, method: 'GET', path: '/mobproc/v1/nothing-here', status: 404 }),
    ]);
    expect(lines[1]).not.toHaveProperty('activityId');
    expect(lines[0]).toHaveProperty('time');
  });

  it('a client that goes away before its body has arrived is logged as gone, not as a server error', async () => {
    const correlationId = `gone-${Date.now()}`;
    const { port } = new URL(server.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const head = Object.entries({ ...session.headers(), 'content-type': 'application/json', 'content-length': '100', [headerNames.correlationId]: correlationId })
      .map(([name, value]) => `${name}: ${value}`)
      .join('\r\n');
    socket.write(`POST /mobproc/v1/orders?confirm=true HTTP/1.1\r\nhost: 127.0.0.1\r\n${head}\r\n\r\n{"orderRe`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
    await expect.poll(() => logLines.filter((line) => line.correlationId === correlationId && line.msg === 'request').length).toBe(1);
    const lines = logLines.filter((line) => line.correlationId === correlationId);
    expect(lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
    expect(lines.find((line) => line.msg === 'request')).toEqual(expect.objectContaining({ level: 30, status: 499 }));
  });
});
