/**
 * What the HTTP layer answers to a method a path does not have (405 with `Allow`, not 404) and to
 * a request line or headers over Node's limit (431 with the API's error envelope, not Node's bare
 * status line), over real HTTP.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, headerNames } from '../../contract/index.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
let withCors: TestServer;
beforeAll(async () => {
  [server, withCors] = await Promise.all([startTestServer(), startTestServer({ MOBPROC_CORS_ORIGINS: 'https://app.example' })]);
});
afterAll(() => Promise.all([server?.close(), withCors?.close()]));

async function expectEnvelope(response: Response, status: number, errorCode: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get(headerNames.correlationId)).toMatch(/^[0-9a-f-]{36}$/);
  const body = errorEnvelope.parse(await response.json());
  expect(body.errors).toEqual([expect.objectContaining({ status, errorCode })]);
  return body;
}

describe('a method the path does not have', () => {
  it.each([
    ['POST', '/mobproc/v1/ping', 'GET, HEAD'],
    ['DELETE', '/mobproc/v1/catalog/devices', 'GET, HEAD'],
    ['PUT', '/mobproc/v1/orders/ORD-1', 'GET, HEAD'],
    ['POST', '/mobproc/v1/orders/properties', 'GET, HEAD'],
    ['PATCH', '/mobproc/v1/me/approval-delegate', 'GET, HEAD, PUT, DELETE'],
    ['GET', '/mobproc/v1/orders/ORD-1/approve', 'POST'],
    ['DELETE', '/oauth/token', 'GET, HEAD, POST'],
    ['OPTIONS', '/mobproc/v1/ping', 'GET, HEAD'],
  ])('%s %s answers 405 with Allow: %s and the error envelope', async (method, path, allow) => {
    const response = await fetch(server.url + path, { method });
    expect(response.headers.get('allow')).toBe(allow);
    const body = await expectEnvelope(response, 405, '405-METHOD_NOT_ALLOWED');
    expect(body.errors[0]!.message).toContain(allow);
  });

  it('a HEAD on a path without GET is a 405 too, without a body', async () => {
    const response = await fetch(`${server.url}/oauth/revoke`, { method: 'HEAD' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(await response.text()).toBe('');
  });

  it('unknown paths stay 404, whatever the method', async () => {
    for (const [method, path] of [
      ['POST', '/mobproc/v1/nothing'],
      ['DELETE', '/mobproc/v1/orders/ORD-1/nothing'],
      ['GET', '/oauth/nothing'],
    ] as const) {
      const response = await fetch(server.url + path, { method });
      expect(response.headers.get('allow')).toBeNull();
      await expectEnvelope(response, 404, '404-NOT_FOUND');
    }
  });

  it('HEAD of a GET route answers as before: 200, no body', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/ping`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('with CORS on, a preflight is answered as before and Allow names OPTIONS', async () => {
    const preflight = await fetch(`${withCors.url}/mobproc/v1/ping`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const refused = await fetch(`${withCors.url}/mobproc/v1/ping`, { method: 'POST', headers: { Origin: 'https://app.example' } });
    expect(refused.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://app.example');
    await expectEnvelope(refused, 405, '405-METHOD_NOT_ALLOWED');
  });
});

/** Sends a raw request and collects everything the server sends until it closes; rejects on a reset. */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const client = net.connect(port, '127.0.0.1', () => client.write(request));
    let received = '';
    client.on('data', (chunk) => (received += chunk.toString('latin1')));
    client.on('error', reject);
    client.on('close', () => resolve(received));
  });
}

describe('a request line or headers over Node’s limit', () => {
  it('a 100 KB URL gets 431 with the error envelope and the usual headers', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/ping?echoText=${'x'.repeat(100_000)}`);
    expect(response.headers.get('connection')).toBe('close');
    const body = await expectEnvelope(response, 431, '431-REQUEST_HEADER_FIELDS_TOO_LARGE');
    expect(body.errors[0]!.message).toMatch(/KiB/);
  });

  it('so does a 100 KB header, and the server goes on answering', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/ping`, { headers: { 'X-Padding': 'y'.repeat(100_000) } });
    await expectEnvelope(response, 431, '431-REQUEST_HEADER_FIELDS_TOO_LARGE');
    expect((await fetch(`${server.url}/mobproc/v1/ping`)).status).toBe(200);
  });

  it('the connection is closed cleanly after the answer: the whole body arrives, then an end, no reset', async () => {
    const request = `GET /mobproc/v1/ping?echoText=${'z'.repeat(300_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    const answer = await rawExchange(server.port, request);
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
    const [head, body] = answer.split('\r\n\r\n');
    expect(head).toMatch(/\r\nconnection: close\r\n/i);
    expect(Buffer.byteLength(body!)).toBe(Number(/\r\ncontent-length: (\d+)/i.exec(head!)?.[1]));
    expect(errorEnvelope.parse(JSON.parse(body!)).errors[0]!.status).toBe(431);
  });

  it('other faults of the request line are answered as Node answers them: a bare 400', async () => {
    expect(await rawExchange(server.port, 'NOT HTTP AT ALL\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
});
