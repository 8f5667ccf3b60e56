/**
 * The tenant's time zone decides "today" for approval-delegate windows, queues and orders that
 * wait for their date (MOBPROC §4.6). It is cached, not read per call, and still never stale: a
 * change made by hand in the database — through the server's own connection or from another
 * process — is what the next request sees. That it is read once is checked on SQLite's
 * statements, in tenant-time-zone-reads.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { exec, otherConnection } from './rows.ts';
import { signIn, type Session } from './session.ts';

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
  it('follows a change made by hand, from another process or through the server’s own connection', async () => {
    // A second connection, as another process (a database shell, a second server) would have.
    const elsewhere = otherConnection(server.databaseUrl);
    try {
      const setZoneElsewhere = async (zone: string) => await elsewhere.exec('UPDATE tenants SET time_zone = ? WHERE id = ?', zone, demoIds.tenants.acme);
      const setZoneHere = async (zone: string) => await exec(server, ['UPDATE tenants SET time_zone = ? WHERE id = ?', zone, demoIds.tenants.acme]);

      await setZoneElsewhere(WEST);
      expect(await delegateUntil(todayIn(WEST))).toBe(200);
      // West's today is already yesterday in the east.
      await setZoneElsewhere(EAST);
      expect(await delegateUntil(todayIn(WEST))).toBe(400);
      expect(await delegateUntil(todayIn(EAST))).toBe(200);
      await setZoneHere(WEST);
      expect(await delegateUntil(todayIn(WEST))).toBe(200);
      await setZoneHere(EAST);
      expect(await delegateUntil(todayIn(WEST))).toBe(400);
    } finally {
      await exec(server, ['UPDATE tenants SET time_zone = ? WHERE id = ?', 'America/Los_Angeles', demoIds.tenants.acme]);
      await fetch(`${server.url}/mobproc/v1/me/approval-delegate`, { method: 'DELETE', headers: barbara.headers() });
      await elsewhere.close();
    }
  });
});
