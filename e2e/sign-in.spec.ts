import type { APIRequestContext, Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';
import { chooseLine, expectOrderInApi, fillDetails, startOrder, submit } from './wizard.ts';

/**
 * The two ways in (the company's sign-in page, the password form), the session's company, and
 * what the sign-in page tells people.
 */

/** Our server's sign-in page (`/oauth/authorize`), filled in as a person would. */
async function signInOnAuthorizationPage(page: Page, username: string, password: string) {
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page).toHaveURL(/\/oauth\/authorize\?/);
  await expect(page.getByLabel('Company')).toHaveValue('ACME');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a person signs in through the company’s sign-in page, returns to the page she was on, orders, reloads and signs out', async ({ page, employee, api }) => {
  const tokenRequests: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && /\/oauth\/(token|revoke)$/.test(new URL(request.url()).pathname)) tokenRequests.push(`${new URL(request.url()).pathname} ${request.postData() ?? ''}`);
  });
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/sign-in\?returnTo=%2Forders/);
  await page.getByRole('button', { name: 'Sign in with your company' }).click();
  await signInOnAuthorizationPage(page, employee.username, employee.password);

  await expect(page.getByRole('heading', { level: 1, name: 'My orders' })).toBeVisible();
  await expect(page).toHaveURL(/\/orders$/);
  // The code went back once, with its PKCE verifier; no password crossed this page.
  expect(tokenRequests).toHaveLength(1);
  expect(tokenRequests[0]).toMatch(/grant_type=authorization_code/);
  expect(tokenRequests[0]).toMatch(/code_verifier=/);
  expect(tokenRequests[0]).not.toMatch(/password/);

  await page.goto('/');
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await fillDetails(page, { 'Preferred suspension date': '2026-12-22', 'Reason for suspension': 'Leave of absence' });
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'SUSPEND');

  await page.reload();
  await expect(page.getByRole('banner')).toContainText(`Taylor Fixture ${employee.employeeId}`);
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Order ${orderId}` })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect.poll(() => tokenRequests.some((entry) => entry.startsWith('/oauth/revoke'))).toBe(true);
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a sign-in answer that does not belong to this tab is refused, and says so', async ({ page }) => {
  await page.goto('/sign-in/callback?code=forged&state=forged');
  await expect(page.getByRole('alert')).toContainText(/not started in this tab/);
  await page.getByRole('link', { name: 'Back to sign-in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
});

async function globexApi(request: APIRequestContext) {
  const response = await request.post('/oauth/token', {
    form: { grant_type: 'password', client_id: 'mobproc-web', scope: 'MOBPROC', tenant: 'GLOBEX', username: 'hank.scorpio', password: 'demo' },
  });
  expect(response.ok()).toBe(true);
  const { access_token: token } = (await response.json()) as { access_token: string };
  return async <T>(path: string) => {
    const answer = await request.get(`/mobproc/v1${path}`, { headers: { Authorization: `Bearer ${token}`, 'X-TNGO-TENANT': 'GLOBEX', client_id: 'mobproc-web' } });
    expect(answer.ok(), await answer.text()).toBe(true);
    return (await answer.json()) as T;
  };
}

test('hank.scorpio signs in with Company GLOBEX and sees GLOBEX’s lines and catalog', async ({ page, request }) => {
  const globex = await globexApi(request);
  const me = await globex<{ authenticatedUser: { id: string } }>('/me');
  const lines = await globex<{ services: { items: Array<{ serviceNumber: string }> } }>(`/assets/services?limit=100&offset=0&employee=${me.authenticatedUser.id}`);
  const devices = await globex<{ devices: { items: Array<{ name: string }> } }>('/catalog/devices?limit=100&offset=0&sort=NAME');
  expect(lines.services.items.length).toBeGreaterThan(0);

  await signIn(page, 'hank.scorpio', 'demo', 'GLOBEX');
  await expect(page.getByText(/another tenant/)).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText('Hank');

  await page.goto('/lines');
  await expect(page.getByRole('heading', { level: 1, name: 'My lines' })).toBeVisible();
  for (const line of lines.services.items) await expect(page.getByRole('list', { name: 'Lines' })).toContainText(line.serviceNumber.slice(-4));

  await page.goto('/');
  await startOrder(page, 'New line');
  await expect(page.getByRole('heading', { level: 1, name: 'Where will you use the line?' })).toBeVisible();
  const postal = page.getByLabel(/ZIP|Postal/);
  if (!(await postal.inputValue())) await postal.fill('97201');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a device' })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(devices.devices.items[0]!.name);
});

test('the demo hints fill GLOBEX for its login and send no one to the service account or its client', async ({ page }) => {
  await page.goto('/sign-in');
  const hints = page.getByRole('note', { name: 'Demo logins' });
  await expect(hints).toBeVisible();
  await expect(hints).not.toContainText('servicedesk');
  await expect(hints).toContainText('sam.rivera');
  await hints.getByRole('button', { name: 'Fill in hank.scorpio' }).click();
  await expect(page.getByLabel('Company')).toHaveValue('GLOBEX');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
});

test('a confidential client id in the connection settings ends in a plain explanation, not an endless spinner', async ({ page }) => {
  await page.goto('/settings/connection');
  await page.getByLabel('Client id').fill('servicedesk-app');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel('Username').fill('sam.rivera');
  await page.getByLabel(/^Password/).fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('A browser cannot keep a secret', { timeout: 5_000 });
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
});

test('the service account cannot sign in through the browser app', async ({ page }) => {
  await signInExpectingRefusal(page, 'svc.servicedesk');
  await expect(page.getByRole('alert')).toContainText('confidential client');
});

async function signInExpectingRefusal(page: Page, username: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
}

test('at 375 px every button of the sign-in page says its words on one line', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/sign-in');
  const card = page.getByRole('region', { name: 'Sign in' });
  await expect(card.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  const buttons = await card.getByRole('button').all();
  // The company's sign-in, the password form's and the demo logins' buttons.
  expect(buttons.length).toBeGreaterThanOrEqual(3);
  for (const button of buttons) {
    // A text that wraps is laid out in more than one line box, each a rectangle of its own.
    const lines = await button.evaluate((element) => {
      const tops = new Set<number>();
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.top));
      }
      return tops.size;
    });
    expect(lines, (await button.textContent()) ?? '').toBe(1);
  }
});
