/**
 * The tenant's time zone is cached (tenant-time-zone.test.ts checks it is never stale): counted here
 * on the prepared statements of SQLite's connection, so this file runs on SQLite only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writerOf } from '../storage/db.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { apiGet, signIn, type Session } from './session.ts';

let server: TestServer;
let barbara: Session;

beforeAll(async () => {
  server = await startTestServer();
  barbara = await signIn(server, 'barbara.andrews');
});
afterAll(async () => {
  await server.close();
});

describe('the tenant’s time zone', () => {
  it('is read from the database once, not on every request', async () => {
    const client = writerOf(server.deps.db).$client;
    const statementPrototype = Object.getPrototypeOf(client.prepare('SELECT 1')) as { get: (...parameters: unknown[]) => unknown };
    const original = statementPrototype.get;
    let zoneReads = 0;
    statementPrototype.get = function (this: { source: string }, ...parameters: unknown[]) {
      if (/time_zone\b.*\bFROM tenants\b/is.test(this.source)) zoneReads += 1;
      return original.apply(this, parameters);
    };
    try {
      for (let request = 0; request < 5; request += 1) {
        expect((await apiGet(server, barbara, `/orders?eligibleToApproveEmployeeId=${demoIds.employees.barbara}&limit=5&offset=0`)).status).toBe(200);
        expect((await apiGet(server, barbara, '/me')).status).toBe(200);
        expect((await apiGet(server, barbara, '/me/approval-delegate')).status).toBe(200);
      }
    } finally {
      statementPrototype.get = original;
    }
    expect(zoneReads).toBeLessThanOrEqual(1);
  });
});
