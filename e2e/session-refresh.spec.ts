import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/server/config.ts';
import { startServer, type RunningServer } from '../src/server/server.ts';
import { createOrderingEmployee, type OrderingEmployee } from '../src/server/storage/seed/factories.ts';
import { expect, test } from './fixtures.ts';

/**
 * Access tokens of 20 seconds (a server's own choice; MOBPROC_TOKEN_TTL_S). This server serves the
 * built app itself, on a port of its own, so the page talks to it without any connection change.
 */
const TOKEN_TTL_S = 20;
let server: RunningServer;
let person: OrderingEmployee;

test.beforeAll(async () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-short-tokens-'));
  server = await startServer(
    loadConfig({
      HOST: '127.0.0.1',
      PORT: '0',
      DATABASE_URL: `file:${path.join(directory, 'mobproc.db')}`,
      MOBPROC_SEED: 'demo',
      MOBPROC_TOKEN_TTL_S: String(TOKEN_TTL_S),
      LOG_LEVEL: 'silent',
    }),
  );
  person = await createOrderingEmployee(server.deps.db, { now: new Date(), label: 'short tokens' });
});

test.afterAll(async () => {
  await server?.close();
});

test(`an idle tab with ${TOKEN_TTL_S}-second tokens asks for a handful of tokens a minute and stays signed in`, async ({ page }) => {
  test.setTimeout(120_000);
  const tokenRequests: number[] = [];
  const streamRequests: number[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/oauth/token') tokenRequests.push(Date.now());
    if (new URL(request.url()).pathname === '/mobproc/v1/events') streamRequests.push(Date.now());
  });
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Username').fill(person.username);
  await page.getByLabel(/^Password/).fill(person.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
  const signedInAt = Date.now();

  // Idle for a minute, as a tab left open does.
  await page.waitForTimeout(60_000);
  const refreshes = tokenRequests.filter((at) => at > signedInAt);
  test.info().annotations.push({ type: 'token requests in the idle minute', description: String(refreshes.length) });
  // A refresh every 15 s of a 20 s token: 4, give or take timer slack.
  expect(refreshes.length).toBeGreaterThanOrEqual(2);
  expect(refreshes.length).toBeLessThanOrEqual(6);
  // The event stream opens again with each new token (the server ends it when its token expires),
  // and no more often than that.
  const reopened = streamRequests.filter((at) => at > signedInAt);
  test.info().annotations.push({ type: 'event streams opened in the idle minute', description: String(reopened.length) });
  expect(reopened.length).toBeGreaterThanOrEqual(refreshes.length - 1);
  expect(reopened.length).toBeLessThanOrEqual(refreshes.length + 2);

  // Still signed in, with a token the server takes.
  await page.getByRole('link', { name: 'My lines' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'My lines' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lines' }).getByRole('listitem')).toHaveCount(3);
  await expect(page).not.toHaveURL(/sign-in/);
});
