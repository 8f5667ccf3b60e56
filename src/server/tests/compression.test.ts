import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../http/app.ts';
import { COMPRESS_THRESHOLD_BYTES, isCompressibleType } from '../http/compression.ts';
import { startTestServer, type TestServer } from './harness.ts';

type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** One GET with exactly these headers; unlike fetch, nothing decodes the body on the way. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
        response.on('error', reject);
      })
      .on('error', reject);
  });
}

const varies = (response: RawResponse) => /(^|,)\s*accept-encoding\s*(,|$)/i.test(String(response.headers.vary ?? ''));

// A built app of our own, with each text file's codings beside it as the build writes them. The
// compressed files are marked so a test can tell which one was sent, not only that it decodes.
const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, index) => `word-${index}`))};\n`;
const html = '<!doctype html><title>app</title><div id="root"></div>';
let dist: string;
let server: TestServer;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-dist-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), html);
  fs.writeFileSync(path.join(dist, 'index.html.br'), brotliCompressSync(html));
  fs.writeFileSync(path.join(dist, 'index.html.gz'), gzipSync(html));
  fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js'), script);
  fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js.br'), brotliCompressSync(script));
  fs.writeFileSync(path.join(dist, 'assets', 'app-abc123.js.gz'), gzipSync(script));
  fs.writeFileSync(path.join(dist, 'assets', 'font-abc123.woff2'), Buffer.alloc(2048, 7));
  server = await startTestServer({ MOBPROC_STATIC_DIR: dist });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the built app is sent precompressed, by Accept-Encoding', () => {
  const asset = () => `${server.url}/assets/app-abc123.js`;

  it('sends Brotli to a browser that takes it, with its own length, type, caching and Vary', async () => {
    const response = await rawGet(asset(), { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(response.body.length).toBeLessThan(Buffer.byteLength(script) / 3);
    expect(brotliDecompressSync(response.body).toString()).toBe(script);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(varies(response)).toBe(true);
  });

  it('sends gzip to a client that takes gzip but not Brotli', async () => {
    const response = await rawGet(asset(), { 'accept-encoding': 'gzip, deflate' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(gunzipSync(response.body).toString()).toBe(script);
    expect(varies(response)).toBe(true);
  });

  it('sends the file as it is to a client that names no coding, still saying that the answer varies', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': '' }] as Record<string, string>[]) {
      const response = await rawGet(asset(), headers);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(script));
      expect(response.body.toString()).toBe(script);
      expect(varies(response)).toBe(true);
    }
  });

  it.each([
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.5, br;q=0.4', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['BR;Q=1, GZIP', 'br'],
    ['identity;q=0.9, gzip;q=0.1', undefined],
  ])('honours q-values: %s → %s', async (accept, expected) => {
    const response = await rawGet(asset(), { 'accept-encoding': accept });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe(expected);
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
  });

  it('gives each coding its own ETag and answers 304 to the one the client holds', async () => {
    const tags = new Set<string>();
    for (const accept of ['br', 'gzip', 'identity']) {
      const first = await rawGet(asset(), { 'accept-encoding': accept });
      const etag = first.headers.etag!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      tags.add(etag);
      const again = await rawGet(asset(), { 'accept-encoding': accept, 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(again.body.length).toBe(0);
      expect(again.headers.etag).toBe(etag);
    }
    expect(tags.size).toBe(3);
  });

  it('negotiates index.html too, also where it stands in for an app URL', async () => {
    for (const page of ['/', '/orders/123']) {
      const response = await rawGet(server.url + page, { 'accept-encoding': 'gzip, br' });
      expect(response.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(response.body).toString()).toBe(html);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(varies(response)).toBe(true);
    }
  });

  it('sends a file that has no other coding (a font) as it is, without Vary', async () => {
    const response = await rawGet(`${server.url}/assets/font-abc123.woff2`, { 'accept-encoding': 'gzip, br' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('font/woff2');
    expect(Number(response.headers['content-length'])).toBe(2048);
    expect(varies(response)).toBe(false);
  });
});

describe('API answers are compressed on the fly above the threshold', () => {
  const ping = (echoLength: number) => `${server.url}/mobproc/v1/ping?echoText=${'x'.repeat(echoLength)}`;

  it('gzips a JSON answer above the threshold for a client that takes gzip', async () => {
    const plain = await rawGet(ping(1000));
    expect(plain.body.length).toBeGreaterThan(COMPRESS_THRESHOLD_BYTES);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const response = await rawGet(ping(1000), { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(varies(response)).toBe(true);
    expect(response.body.length).toBeLessThan(plain.body.length / 2);
    expect(JSON.parse(gunzipSync(response.body).toString())).toMatchObject({ echoText: 'x'.repeat(1000) });
  });

  it('sends a JSON answer below the threshold as it is, with its length', async () => {
    const response = await rawGet(ping(10), { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.body.length).toBeLessThan(COMPRESS_THRESHOLD_BYTES);
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(JSON.parse(response.body.toString())).toMatchObject({ echoText: 'x'.repeat(10) });
  });
});

describe('a stream of server-sent events is never compressed', () => {
  it('leaves text/event-stream alone where an equal JSON answer is compressed, in the real app', async () => {
    const events = Array.from({ length: 50 }, (_, index) => `event: tick\ndata: {"n":${index},"padding":"${'y'.repeat(40)}"}\n\n`).join('');
    // createApp's route hook: the app with every middleware as it runs, plus two routes of the same size.
    const { app } = createApp(server.deps, (api) => {
      for (const [routePath, type] of [['/test-events', 'text/event-stream'], ['/test-json', 'application/json']] as const) {
        api.add({
          method: 'get',
          path: routePath,
          tag: 'Test',
          summary: `A ${type} answer`,
          isPublic: true,
          response: z.object({}),
          handler: () => new Response(events, { headers: { 'content-type': type } }),
        });
      }
    });
    const listener = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => listener.once('listening', resolve));
    const base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/mobproc/v1`;
    try {
      const json = await rawGet(`${base}/test-json`, { 'accept-encoding': 'gzip, br' });
      expect(json.headers['content-encoding']).toBe('gzip');
      const stream = await rawGet(`${base}/test-events`, { 'accept-encoding': 'gzip, br' });
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toBe('text/event-stream');
      expect(stream.headers['content-encoding']).toBeUndefined();
      expect(stream.body.toString()).toBe(events);
    } finally {
      await new Promise((resolve) => listener.close(resolve));
    }
  });

  it('the content-type filter says so for every spelling of it', () => {
    expect(isCompressibleType('application/json; charset=utf-8')).toBe(true);
    expect(isCompressibleType('text/html')).toBe(true);
    for (const type of ['text/event-stream', 'TEXT/Event-Stream; charset=utf-8', ' text/event-stream']) {
      expect(isCompressibleType(type)).toBe(false);
    }
    expect(isCompressibleType('image/png')).toBe(false);
  });
});
