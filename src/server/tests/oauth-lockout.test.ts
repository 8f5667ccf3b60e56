import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthError, tokenResponse } from '../../contract/index.ts';
import { createOrderingEmployee } from '../storage/seed/factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

const ATTEMPTS = 3;
const WINDOW_S = 600;
const DURATION_S = 900;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    MOBPROC_LOCKOUT_ATTEMPTS: String(ATTEMPTS),
    MOBPROC_LOCKOUT_WINDOW_S: String(WINDOW_S),
    MOBPROC_LOCKOUT_DURATION_S: String(DURATION_S),
  });
});
afterAll(() => server.close());

/**
 * A sign-in from a chosen loopback address (the whole of 127.0.0.0/8 is local on Linux), so the
 * per-address lock of one test does not lock out the others.
 */
function signInFrom(address: string, username: string, password: string) {
  const body = new URLSearchParams({ grant_type: 'password', client_id: 'mobproc-web', tenant: 'ACME', username, password }).toString();
  const url = new URL(`${server.url}/oauth/token`);
  return new Promise<{ status: number; retryAfter: string | undefined; body: unknown }>((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: address,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] as string | undefined, body: JSON.parse(text) }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('sign-in lockout', () => {
  it(`locks an account after ${ATTEMPTS} failed passwords, from any address, until the lock ends`, async () => {
    const { username, password } = createOrderingEmployee(server.deps.db, { now: server.deps.now(), label: 'lockout account' });
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const failed = await signInFrom(`127.0.0.${11 + attempt}`, username, 'wrong');
      expect(failed.status).toBe(400);
      expect(oauthError.parse(failed.body).error).toBe('invalid_grant');
    }
    const locked = await signInFrom('127.0.0.19', username, password);
    expect(locked.status).toBe(429);
    expect(oauthError.parse(locked.body).error).toBe('temporarily_unavailable');
    expect(Number(locked.retryAfter)).toBeGreaterThan(DURATION_S - 10);
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(DURATION_S);

    // Others still get in from the same address.
    const other = createOrderingEmployee(server.deps.db, { now: server.deps.now(), label: 'lockout bystander' });
    expect((await signInFrom('127.0.0.19', other.username, other.password)).status).toBe(200);

    server.advanceClock((DURATION_S - 60) * 1000);
    expect((await signInFrom('127.0.0.19', username, password)).status).toBe(429);
    server.advanceClock(61 * 1000);
    const after = await signInFrom('127.0.0.19', username, password);
    expect(after.status).toBe(200);
    tokenResponse.parse(after.body);
  });

  it(`locks an address after ${ATTEMPTS} failures there, whichever accounts they named`, async () => {
    const victims = [0, 1, 2, 3].map((index) => createOrderingEmployee(server.deps.db, { now: server.deps.now(), label: `lockout address ${index}` }));
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      expect((await signInFrom('127.0.0.31', victims[attempt]!.username, 'wrong')).status).toBe(400);
    }
    const locked = await signInFrom('127.0.0.31', victims[3]!.username, victims[3]!.password);
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBeGreaterThan(0);
    expect((await signInFrom('127.0.0.32', victims[3]!.username, victims[3]!.password)).status).toBe(200);
  });

  it('counts only failures inside the window', async () => {
    const { username, password } = createOrderingEmployee(server.deps.db, { now: server.deps.now(), label: 'lockout window' });
    for (let attempt = 0; attempt < ATTEMPTS - 1; attempt += 1) {
      expect((await signInFrom(`127.0.0.${41 + attempt}`, username, 'wrong')).status).toBe(400);
    }
    server.advanceClock((WINDOW_S + 1) * 1000);
    expect((await signInFrom('127.0.0.48', username, 'wrong')).status).toBe(400);
    expect((await signInFrom('127.0.0.49', username, password)).status).toBe(200);
  });

  it('a successful sign-in clears the account’s earlier failures', async () => {
    const { username, password } = createOrderingEmployee(server.deps.db, { now: server.deps.now(), label: 'lockout reset' });
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 0; attempt < ATTEMPTS - 1; attempt += 1) {
        expect((await signInFrom(`127.0.${60 + round}.${1 + attempt}`, username, 'wrong')).status).toBe(400);
      }
      expect((await signInFrom(`127.0.${60 + round}.9`, username, password)).status).toBe(200);
    }
  });
});
