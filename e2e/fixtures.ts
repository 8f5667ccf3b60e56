import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { closeDatabase, openDatabase, type Db } from '../src/server/storage/db.ts';
import { createOrderingEmployee, type OrderingEmployee } from '../src/server/storage/seed/factories.ts';

/**
 * Every spec that orders gets its own employee, created through the project's data layer on the
 * e2e database (reporting to Barbara; two ACTIVE lines, one SUSPENDED, a spare device), so specs
 * never change the demo people's assets and can run in parallel.
 */
type Fixtures = {
  employee: OrderingEmployee;
  /** A page signed in as `employee` through the sign-in page, on the start page. */
  signedInPage: Page;
  /** The API as `employee`, for checking what the wizard did. */
  api: EmployeeApi;
};

export type EmployeeApi = {
  get: (path: string) => Promise<unknown>;
};

function databasePath(): string {
  const databasePath = process.env.E2E_DATABASE_PATH;
  if (!databasePath) throw new Error('E2E_DATABASE_PATH is not set: run the specs with `npx playwright test -c e2e`.');
  return databasePath;
}

/** The password form; `tenant` fills Company when it is not the default one. */
export async function signIn(page: Page, username: string, password: string, tenant?: string) {
  await page.goto('/sign-in');
  if (tenant) await page.getByLabel('Company').fill(tenant);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
}

async function tokenFor(request: APIRequestContext, employee: OrderingEmployee): Promise<string> {
  const response = await request.post('/oauth/token', {
    form: { grant_type: 'password', client_id: 'mobproc-web', scope: 'MOBPROC', tenant: 'ACME', username: employee.username, password: employee.password },
  });
  expect(response.ok(), await response.text()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

export const test = base.extend<Fixtures, { db: Db }>({
  db: [
    // The web server created and seeded the database before any test runs.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const db = openDatabase(databasePath());
      await use(db);
      await closeDatabase(db);
    },
    { scope: 'worker' },
  ],
  employee: async ({ db }, use, testInfo) => {
    await use(await createOrderingEmployee(db, { now: new Date(), label: testInfo.title.slice(0, 24) }));
  },
  signedInPage: async ({ page, employee }, use) => {
    await signIn(page, employee.username, employee.password);
    await use(page);
  },
  api: async ({ request, employee }, use) => {
    const token = await tokenFor(request, employee);
    await use({
      get: async (path) => {
        const send = () =>
          request.get(`/mobproc/v1${path}`, { headers: { Authorization: `Bearer ${token}`, 'X-TNGO-TENANT': 'ACME', client_id: 'mobproc-web' } });
        // A kept-alive socket the server closed while the spec clicked through the wizard fails
        // with ECONNRESET on reuse; a GET may simply be asked again.
        const response = await send().catch((error: unknown) => {
          if (error instanceof Error && /ECONNRESET|socket hang up/.test(error.message)) return send();
          throw error;
        });
        expect(response.ok(), `GET ${path}: ${await response.text()}`).toBe(true);
        return response.json();
      },
    });
  },
});

export { expect };
