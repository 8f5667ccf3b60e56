/**
 * The row helpers API tests use (rows.ts) give the same values on both dialects, so one
 * expectation serves the SQLite and the PostgreSQL run: booleans 1/0, counts as numbers, JSON as
 * its text; writes are seen by the server's next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { count, exec, returning, row, rows, sql } from './rows.ts';
import { apiGet, signIn } from './session.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => await server.close());

describe('rows.ts', () => {
  it('reads booleans as 1/0, counts as numbers and JSON as text, with ? or sql`` parameters', async () => {
    const barbara = await row(server, 'SELECT is_approver AS "isApprover", is_service_account AS "isServiceAccount" FROM employees WHERE id = ?', demoIds.employees.barbara);
    expect(barbara).toEqual({ isApprover: 1, isServiceAccount: 0 });
    expect(await count(server, sql`SELECT count(*) AS n FROM tenants WHERE id IN (${demoIds.tenants.acme}, ${demoIds.tenants.globex})`)).toBe(2);
    const [tenant] = await rows<{ policy: unknown }>(server, 'SELECT approval_policy AS policy FROM tenants WHERE id = ?', demoIds.tenants.acme);
    expect(typeof tenant!.policy).toBe('string');
    expect(JSON.parse(String(tenant!.policy))).toHaveProperty('rules');
  });

  it('refuses a query whose placeholders and parameters do not match', async () => {
    await expect(rows(server, 'SELECT id FROM tenants WHERE id = ? AND code = ?', demoIds.tenants.acme)).rejects.toThrow('2 placeholders, 1 parameters');
  });

  it('writes in a transaction of its own, which the server sees on its next request', async () => {
    const session = await signIn(server, 'peter.edwards');
    const firstName = async () => ((await apiGet(server, session, '/me')).body as { authenticatedUser: { firstName: string } }).authenticatedUser.firstName;
    const before = await firstName();
    const [changed] = await returning<{ id: number }>(server, 'UPDATE employees SET first_name = ? WHERE id = ? RETURNING id', 'Pete', demoIds.employees.peter);
    expect(changed).toEqual({ id: demoIds.employees.peter });
    expect(await firstName()).toBe('Pete');
    await exec(server, ['UPDATE employees SET first_name = ? WHERE id = ?', before, demoIds.employees.peter]);
    expect(await firstName()).toBe(before);
  });
});
