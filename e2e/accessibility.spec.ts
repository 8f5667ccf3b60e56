import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { checkEachStep, chooseDevice, chooseLine, choosePlan, expectStep, fillDetails, fillShipping, next, startOrder, submit, discardFromStartPage, orderToReview, postalCodeLabel } from './wizard.ts';
import type { Page, Route } from '@playwright/test';

/** WCAG 2.2 A/AA rules; a serious or critical violation fails the step it is on. */
async function scan(page: Page, where: string) {
  // The app bar is the same on every step: the full page is scanned on the first pages, then
  // the main content (and any dialog), which keeps a dozen scans per flow affordable.
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (page.url().includes('/order/')) builder.include('main').include('[role="dialog"]');
  const results = await builder.analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${where}`).toEqual([]);
}

// A dozen scans per flow on a shared machine: more time than a plain flow.
test.describe.configure({ timeout: 180_000 });
test.beforeEach(() => checkEachStep(scan));
test.afterEach(() => checkEachStep(null));

test('sign-in and start pages', async ({ page, employee }) => {
  await page.goto('/sign-in');
  await expectStep(page, 'Sign in');
  await page.getByLabel('Username').fill(employee.username);
  await page.getByLabel(/^Password/).fill(employee.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectStep(page, 'What would you like to do?');
});

test('every step of a new line, with the device dialog, review and done', async ({ signedInPage: page }) => {
  await startOrder(page, 'New line');
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
  await expectStep(page, 'Choose a device');
  await page.getByRole('button', { name: /View / }).first().click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Choose this device' })).toBeEnabled();
  await scan(page, 'the device dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await chooseDevice(page);
  await choosePlan(page);
  await expectStep(page, /accessories/i);
  await page.getByRole('list', { name: 'Accessories' }).getByRole('checkbox').first().check();
  await next(page);
  await fillDetails(page);
  await fillShipping(page);
  await submit(page);
  await scan(page, 'the done page');
});

test('line, features, devices (with an error shown), carrier, terms, shipping and review steps', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Change features');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Change features');
  await page.goto('/');
  await discardFromStartPage(page);

  await startOrder(page, 'Swap device');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Which devices?');
  // An invalid serial shows its error state, which must be readable too.
  await page.getByRole('textbox', { name: 'Current device: serial number' }).fill('12345');
  await scan(page, 'the devices step with an error');
  await page.goto('/');
  await discardFromStartPage(page);

  await orderToReview(page, {
    card: 'Bring your number to another carrier',
    carrier: /Summit Wireless/,
    device: { carrier: 'Meridian Mobile' },
    typed: [
      { step: 'location', label: postalCodeLabel, value: '98101' },
      { step: 'details', label: 'Personal mobile number to transfer', value: '2065550179' },
      { step: 'details', label: 'Account number with the current carrier', value: 'PERS-7777' },
      { step: 'details', label: 'Port-out PIN (4–8 digits)', value: '1357' },
      { step: 'details', label: 'Name on the current invoice', value: 'Taylor Fixture' },
    ],
  });
});

test('steps are readable while their lists are still loading', async ({ signedInPage: page }) => {
  // Each step's placeholders, held on screen by slow answers: a placeholder that names itself must
  // have a role that allows a name (a plain div with aria-label is prohibited ARIA).
  const slow = async (route: Route) => {
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await route.continue().catch(() => {});
  };
  await page.route(/\/mobproc\/v1\/(vendors|regions)(\?|$)/, slow);
  await startOrder(page, 'Bring your number to another carrier');
  await expect(page.getByRole('status', { name: 'Loading carriers' })).toBeVisible();
  await scan(page, 'the carrier step while carriers load');
  await expect(page.getByRole('combobox', { name: 'Current carrier' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('combobox', { name: 'Current carrier' }).click();
  await page.getByRole('option', { name: /Summit Wireless/ }).click();
  await next(page);
  await expect(page.getByRole('status', { name: 'Loading countries' })).toBeVisible();
  await scan(page, 'the location step while countries load');
});

test('the server’s own sign-in page (authorization code) passes axe and works from the keyboard alone', async ({ page, employee }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in with your company' }).click();
  await expect(page).toHaveURL(/\/oauth\/authorize\?/);
  await scan(page, 'the authorization page');
  // The username field has the focus; Tab moves on to the password, Enter sends the form.
  await expect(page.getByLabel('Username')).toBeFocused();
  await page.keyboard.type(employee.username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(employee.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
});
