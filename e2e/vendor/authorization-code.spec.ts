import { chooseLine, fillDetails, startOrder, submit } from '../wizard.ts';
import { connectToVendor, dateFromToday, expect, expectExactlyOneOrder, test, vendorOrigin } from './vendor-test.ts';

/**
 * The company's sign-in page of an identity provider that is not ours: authorization code with
 * PKCE at the provider's usual `/as/authorization.oauth2`, tokens from its `/as/token.oauth2`, no
 * MOBPROC extension (the token answer names no tenant; the connection's tenant applies).
 */
test('a person signs in on the identity provider’s page, orders, reloads and signs out against the vendor-shaped server', async ({ page, person, vendor }) => {
  await connectToVendor(page, person);
  await page.getByRole('link', { name: 'Connection settings' }).click();
  await page.getByLabel('Authorization URL (optional)').fill(`${vendorOrigin}/as/authorization.oauth2`);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByRole('button', { name: 'Sign in with your company' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tidewater Surveying sign-in' })).toBeVisible();
  await page.getByLabel('User name').fill(person.username);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign on' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(`${person.firstName} ${person.lastName}`);

  await startOrder(page, 'Suspend a line');
  await chooseLine(page, person.lines[0]!.serviceNumber);
  await fillDetails(page, { 'Suspend from': dateFromToday(14) });
  const orderId = await submit(page);
  expect((await expectExactlyOneOrder(vendor)).orderId).toBe(orderId);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Order placed' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText(`${person.firstName} ${person.lastName}`);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await vendor.extensionUses()).toEqual([]);
});
