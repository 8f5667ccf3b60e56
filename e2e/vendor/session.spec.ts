import { signIn } from '../fixtures.ts';
import { connectToVendor, expect, test } from './vendor-test.ts';

/** Signing in and out against a server whose token endpoint is the vendor's, with no revoke. */

test('sign-out against the vendor-shaped server ends the session here and sends no revoke', async ({ vendorPage: page, vendor, person }) => {
  await expect(page.getByRole('banner')).toContainText(`${person.firstName} ${person.lastName}`);
  const tokenCalls: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && !request.url().includes('/mobproc/')) tokenCalls.push(request.url());
  });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  expect(tokenCalls, 'revoke or token calls at sign-out').toEqual([]);
  expect(await vendor.extensionUses()).toEqual([]);
  // Signed out for real: the start page sends the person back to sign in.
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
});

test('a manager on the vendor-shaped server gets no act-for switcher and an empty approvals queue', async ({ page }) => {
  // One of the server's own people, who has reports and approves: nothing here is announced, so
  // the app offers no act-for, and the vendor's approval filter finds nothing waiting.
  await connectToVendor(page, { tenant: 'TIDEWATER', clientId: 'tidewater-web' });
  await signIn(page, 'odalys.fenwick', 'tide-demo');
  await expect(page.getByRole('banner')).toContainText('Odalys Fenwick');
  await expect(page.getByRole('button', { name: /Act for|Acting for/ })).toHaveCount(0);
  await page.goto('/approvals');
  await expect(page.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
  await expect(page.getByText('All caught up')).toBeVisible();
});
