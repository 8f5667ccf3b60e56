/**
 * The tenant's time zone decides "today" for approval-delegate windows, queues and orders that
 * wait for their date (MOBPROC §4.6). It is cached, not read per call, and still never stale: a
 * change made by hand in the database — through the server's own connection or from another
 * process — is what the next request sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope } from '../../contract/index.ts';
import { closeDatabase, openDatabase, writerOf } from '../storage/db.ts';
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

// 25 hours apart, so at every moment their calendar dates differ.
const EAST = 'Pacific/Kiritimati';
const WEST = 'Pacific/Pago_Pago';
const todayIn = (zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(server.deps.now());

/** PUT a one-day delegation ending on `until`; 200, or 400 naming `until` when that day is past in the tenant's zone. */
async function delegateUntil(until: string): Promise<number> {
  const response = await fetch(`${server.url}/mobproc/v1/me/approval-delegate`, {
    method: 'PUT',
    headers: { ...barbara.headers(), 'content-type': 'application/json' },
    body: JSON.stringify({ delegateEmployeeId: String(demoIds.employees.kevin), from: until, until }),
  });
  if (response.status === 400) expect(errorEnvelope.parse(await response.json()).errors.map((error) => error.field)).toEqual(['until']);
  return response.status;
}

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

  it('follows a change made by hand, from another process or through the server’s own connection', async () => {
    // A second connection, as another process (the sqlite3 shell, a second server) would have.
    const elsewhere = openDatabase(server.databasePath);
    const other = writerOf(elsewhere).$client;
    try {
      const setZoneElsewhere = (zone: string) => other.prepare('UPDATE tenants SET time_zone = ? WHERE id = ?').run(zone, demoIds.tenants.acme);
      const setZoneHere = (zone: string) => writerOf(server.deps.db).$client.prepare('UPDATE tenants SET time_zone = ? WHERE id = ?').run(zone, demoIds.tenants.acme);

      setZoneElsewhere(WEST);
      expect(await delegateUntil(todayIn(WEST))).toBe(200);
      // West's today is already yesterday in the east.
      setZoneElsewhere(EAST);
      expect(await delegateUntil(todayIn(WEST))).toBe(400);
      expect(await delegateUntil(todayIn(EAST))).toBe(200);
      setZoneHere(WEST);
      expect(await delegateUntil(todayIn(WEST))).toBe(200);
      setZoneHere(EAST);
      expect(await delegateUntil(todayIn(WEST))).toBe(400);
    } finally {
      writerOf(server.deps.db).$client.prepare('UPDATE tenants SET time_zone = ? WHERE id = ?').run('America/Los_Angeles', demoIds.tenants.acme);
      await fetch(`${server.url}/mobproc/v1/me/approval-delegate`, { method: 'DELETE', headers: barbara.headers() });
      await closeDatabase(elsewhere);
    }
  });
});
