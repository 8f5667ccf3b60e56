import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { startServer, type RunningServer } from '../src/server/server.ts';
import { createOrderingEmployee, type OrderingEmployee } from '../src/server/storage/seed/factories.ts';
import { expect, signIn, test } from './fixtures.ts';
import { screenshot } from './tracking-helpers.ts';

/**
 * A second MOBPROC server on another port (E2E_SECOND_PORT, which the first server's CSP allows),
 * with CORS open to the app's origin, and a person who exists only there.
 */
let second: RunningServer;
let secondDirectory: string;
let onlyThere: OrderingEmployee;
const appOrigin = `http://127.0.0.1:${process.env.E2E_PORT}`;
const secondOrigin = `http://127.0.0.1:${process.env.E2E_SECOND_PORT}`;

test.beforeAll(async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-second-'));
  secondDirectory = directory;
  second = await startServer(
    loadConfig({
      HOST: '127.0.0.1',
      PORT: process.env.E2E_SECOND_PORT,
      DATABASE_URL: `file:${path.join(directory, 'mobproc.db')}`,
      MOBPROC_SEED: 'demo',
      MOBPROC_FULFILLMENT_DELAY_MS: '300',
      MOBPROC_CORS_ORIGINS: appOrigin,
      LOG_LEVEL: 'silent',
    }),
  );
  onlyThere = await createOrderingEmployee(second.deps.db, { now: new Date(), label: 'only on the second server' });
});

test.afterAll(async () => {
  await second?.close();
  if (secondDirectory) fs.rmSync(secondDirectory, { recursive: true, force: true });
});

test('connection settings point the app at a second server, and back', async ({ page, employee }) => {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Connection settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connection settings' })).toBeVisible();
  await expect(page.getByLabel('Token URL')).toHaveValue('/oauth/token');

  // A wrong address is caught by the ping, and nothing is saved.
  await page.getByLabel('Base URL').fill('http://127.0.0.1:9');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/No answer from that address/)).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem('mobproc.connection.v1'))).toBeNull();

  await page.getByLabel('Base URL').fill(secondOrigin);
  // The token URL follows the base URL while it is the usual one.
  await expect(page.getByLabel('Token URL')).toHaveValue(`${secondOrigin}/oauth/token`);
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText(/The server answered: .+/)).toBeVisible();
  await screenshot(page, 'connection-settings');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  // Sign-in and every call now go to the second server, where this person exists.
  const meFromSecond = page.waitForRequest((request) => request.url().startsWith(`${secondOrigin}/mobproc/v1/me`));
  await signIn(page, onlyThere.username, onlyThere.password);
  await meFromSecond;
  await page.goto('/lines');
  await expect(page.getByRole('listitem', { name: new RegExp(onlyThere.serviceNumbers[0].slice(-4)) })).toBeVisible();

  // Reset to the defaults: signed out, and back on the first server.
  await page.getByRole('link', { name: 'Connection settings' }).click();
  await expect(page.getByLabel('Base URL')).toHaveValue(secondOrigin);
  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await page.evaluate(() => localStorage.getItem('mobproc.connection.v1'))).toBeNull();
  const meFromFirst = page.waitForRequest((request) => request.url().startsWith(`${appOrigin}/mobproc/v1/me`));
  await signIn(page, employee.username, employee.password);
  await meFromFirst;
});
