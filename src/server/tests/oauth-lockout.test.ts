import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthError, tokenResponse } from '../../contract/index.ts';
import { countAttempt } from '../domain/lockout.ts';
import { createOrderingEmployee } from '../storage/seed/factories.ts';
import { startTestServer, type TestServer } from './harness.ts';

const ATTEMPTS = 3;
const CEILING = 8;
const WINDOW_S = 600;
const DURATION_S = 900;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    MOBPROC_LOCKOUT_ATTEMPTS: String(ATTEMPTS),
    MOBPROC_LOCKOUT_CEILING: String(CEILING),
    MOBPROC_LOCKOUT_WINDOW_S: String(WINDOW_S),
    MOBPROC_LOCKOUT_DURATION_S: String(DURATION_S),
  });
});
afterAll(async () => await server.close());

type Answer = { status: number; retryAfter: string | undefined; wwwAuthenticate: string | undefined; body: unknown };

/**
 * A token request from a chosen loopback address (the whole of 127.0.0.0/8 is local on Linux), so
 * each test's failures come from addresses of its own.
 */
function tokenFrom(address: string, parameters: Record<string, string>): Promise<Answer> {
  const body = new URLSearchParams(parameters).toString();
  const url = new URL(`${server.url}/oauth/token`);
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: address,
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            retryAfter: response.headers['retry-after'] as string | undefined,
            wwwAuthenticate: response.headers['www-authenticate'] as string | undefined,
            body: JSON.parse(text),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const signInFrom = async (address: string, username: string, password: string, spelling: Record<string, string> = { tenant: 'ACME' }) =>
  await tokenFrom(address, { grant_type: 'password', client_id: 'mobproc-web', username, password, ...spelling });

const employee = async (label: string) => await createOrderingEmployee(server.deps.db, { now: server.deps.now(), label });

function expectLocked(answer: Answer) {
  expect(answer.status).toBe(429);
  expect(oauthError.parse(answer.body).error).toBe('temporarily_unavailable');
  expect(Number(answer.retryAfter)).toBeGreaterThan(0);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(DURATION_S);
  // Read by people on the sign-in page: whole words, never "minute(s)".
  expect(oauthError.parse(answer.body).error_description).toMatch(/^Too many failed sign-ins\. Try again in (1 minute|\d+ minutes)\.$/);
}

describe('sign-in lockout', () => {
  it('locks an account only at the address its failures came from; a stranger plus the owner’s own typo never lock her out', async () => {
    const victim = await employee('lockout victim');
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const failed = await signInFrom('127.0.0.2', victim.username, 'wrong');
      expect(failed.status).toBe(400);
      expect(oauthError.parse(failed.body).error).toBe('invalid_grant');
      // The sign-in forms label the tenant "Company".
      expect(oauthError.parse(failed.body).error_description).toBe('The company, username or password is not right.');
    }
    // More guesses spread over other addresses, one each (all together staying under the ceiling).
    for (const address of ['127.0.0.3', '127.0.0.4']) expect((await signInFrom(address, victim.username, 'wrong')).status).toBe(400);
    const fromAttacker = await signInFrom('127.0.0.2', victim.username, victim.password);
    expectLocked(fromAttacker);
    expect(Number(fromAttacker.retryAfter)).toBeGreaterThan(DURATION_S - 10);

    // The owner, from her own address, mistypes once and then gets in.
    expect((await signInFrom('127.0.0.7', victim.username, 'typo')).status).toBe(400);
    const own = await signInFrom('127.0.0.7', victim.username, victim.password);
    expect(own.status).toBe(200);
    tokenResponse.parse(own.body);

    // The lock ends after its duration.
    server.advanceClock((DURATION_S - 60) * 1000);
    expectLocked(await signInFrom('127.0.0.2', victim.username, victim.password));
    server.advanceClock(61 * 1000);
    expect((await signInFrom('127.0.0.2', victim.username, victim.password)).status).toBe(200);
  });

  it('counts guesses sent all at once: no more than the allowed number are even checked', async () => {
    const person = await employee('lockout burst');
    // Checking a password is asynchronous (scrypt on the thread pool): a burst must not all pass
    // the lock check before the first failure is counted.
    const answers = await Promise.all(Array.from({ length: ATTEMPTS + 5 }, async () => await signInFrom('127.0.9.1', person.username, 'wrong')));
    expect(answers.filter((answer) => answer.status === 400)).toHaveLength(ATTEMPTS);
    for (const answer of answers.filter((answer) => answer.status !== 400)) expectLocked(answer);
  });

  it('judges an attempt that waited for its turn no earlier than those counted before it: Retry-After never beyond the lock’s duration', async () => {
    // Another instance's attempts, stamped a moment later, were counted while this one waited for the lock.
    const arrived = server.deps.now();
    const later = new Date(arrived.getTime() + 1500);
    const [account, address] = ['employee:waited-its-turn', '127.0.9.1'];
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) expect(await countAttempt(server.deps.db, server.deps.config.lockout, account, address, later)).toBeNull();
    const lock = await countAttempt(server.deps.db, server.deps.config.lockout, account, address, arrived);
    expect(lock?.retryAfterSeconds).toBe(DURATION_S);
  });

  it('counts every spelling of a name as the same account, the tenant-less one included', async () => {
    const person = await employee('lockout spellings');
    // No single spelling fails ATTEMPTS times; together, from one address, they do.
    expect((await signInFrom('127.0.1.1', person.username, 'wrong', {})).status).toBe(400);
    expect((await signInFrom('127.0.1.1', `ACME/${person.username.toUpperCase()}`, 'wrong', {})).status).toBe(400);
    expect((await signInFrom('127.0.1.1', `command://${person.username}`, 'wrong', { tenant: 'acme' })).status).toBe(400);
    expectLocked(await signInFrom('127.0.1.1', person.username, person.password, {}));
    expectLocked(await signInFrom('127.0.1.1', person.username, person.password));
    expect((await signInFrom('127.0.1.9', person.username, person.password, {})).status).toBe(200);
  });

  it(`locks an account everywhere once it failed ${CEILING} times (the per-account ceiling)`, async () => {
    const person = await employee('lockout ceiling');
    for (let attempt = 0; attempt < CEILING; attempt += 1) {
      // One failure per address stays under every per-address rule.
      expect((await signInFrom(`127.0.2.${attempt + 1}`, person.username, 'wrong')).status).toBe(400);
    }
    expectLocked(await signInFrom('127.0.2.200', person.username, person.password));
  });

  it(`locks an address that tried ${CEILING} accounts, for every account, and only there`, async () => {
    const people = [];
    for (let index = 0; index <= CEILING; index += 1) people.push(await employee(`lockout spray ${index}`));
    for (const person of people.slice(0, CEILING)) expect((await signInFrom('127.0.3.1', person.username, 'wrong')).status).toBe(400);
    const last = people[CEILING]!;
    expectLocked(await signInFrom('127.0.3.1', last.username, last.password));
    expect((await signInFrom('127.0.3.2', last.username, last.password)).status).toBe(200);
  });

  it('counts only failures inside the window', async () => {
    const { username, password } = await employee('lockout window');
    for (let attempt = 0; attempt < ATTEMPTS - 1; attempt += 1) {
      expect((await signInFrom('127.0.4.1', username, 'wrong')).status).toBe(400);
    }
    server.advanceClock((WINDOW_S + 1) * 1000);
    expect((await signInFrom('127.0.4.1', username, 'wrong')).status).toBe(400);
    expect((await signInFrom('127.0.4.1', username, password)).status).toBe(200);
  });

  it('a successful sign-in clears the failures from its own address', async () => {
    const { username, password } = await employee('lockout reset');
    for (let round = 0; round < 2; round += 1) {
      for (let attempt = 0; attempt < ATTEMPTS - 1; attempt += 1) {
        expect((await signInFrom('127.0.5.1', username, 'wrong')).status).toBe(400);
      }
      expect((await signInFrom('127.0.5.1', username, password)).status).toBe(200);
    }
  });
});

describe('client secret lockout', () => {
  const desk = { grant_type: 'password', client_id: 'servicedesk-app', username: 'svc.servicedesk', tenant: 'ACME', password: 'demo' };

  it('counts 30 wrong client secrets from one address, then locks the client there and only there', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const answer = await tokenFrom('127.0.6.1', { ...desk, client_secret: `guess-${attempt}` });
      statuses.push(answer.status);
      if (answer.status === 401) {
        expect(oauthError.parse(answer.body).error).toBe('invalid_client');
        // No Basic challenge for credentials sent in the form: a browser would open a password prompt.
        expect(answer.wwwAuthenticate).toBeUndefined();
      } else {
        expectLocked(answer);
      }
    }
    expect(statuses.slice(0, ATTEMPTS)).toEqual(Array(ATTEMPTS).fill(401));
    expect(statuses.slice(ATTEMPTS)).toEqual(Array(30 - ATTEMPTS).fill(429));
    expectLocked(await tokenFrom('127.0.6.1', { ...desk, client_secret: 'servicedesk-secret' }));
    const elsewhere = await tokenFrom('127.0.6.2', { ...desk, client_secret: 'servicedesk-secret' });
    expect(elsewhere.status).toBe(200);
    tokenResponse.parse(elsewhere.body);
  });
});
