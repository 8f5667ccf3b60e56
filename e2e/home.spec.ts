import { expect, test } from './fixtures.ts';

test('a signed-out visitor is sent to sign in, then sees what the MOBPROC server answered', async ({ signedInPage: page, employee }) => {
  await expect(page.getByRole('banner').getByText(`Taylor Fixture ${employee.employeeId}`)).toBeVisible();
  const status = page.getByRole('region', { name: 'Server status' });
  await expect(status.getByText(/MOBPROC 1\.0\.0 answered “hello from the order wizard”/)).toBeVisible();
});

test('the start page is behind sign-in and the sign-in page lists the demo logins', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await expect(page.getByLabel('Company')).toHaveValue('ACME');
  await expect(page.getByRole('note', { name: 'Demo logins' })).toContainText('peter.edwards');
});

test('a wrong password is refused with a message, and the form stays', async ({ page, employee }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(employee.username);
  await page.getByLabel(/^Password/).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
});

test('sign-out revokes the session: the start page asks to sign in again', async ({ signedInPage: page }) => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
});

test('an unknown address shows the not-found page, with a way back', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
});

test('the start page says so when the server cannot be reached', async ({ signedInPage: page }) => {
  await page.route('**/mobproc/v1/ping**', (route) => route.abort('connectionrefused'));
  await page.reload();
  await expect(page.getByText(/The MOBPROC server did not answer/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('a page whose code cannot load (the app was updated meanwhile) offers a reload inside the app', async ({ signedInPage: page }) => {
  // The start page is in; every further chunk now fails, as after a deploy with new hashes.
  await page.route('**/assets/*.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.getByRole('link', { name: 'My lines' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A new version of the app is available' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'My orders' })).toBeVisible();
  await page.unroute('**/assets/*.js');
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My lines' })).toBeVisible();
});
