import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { queueRow, signedInContext } from './tracking-helpers.ts';
import { chooseDevice, choosePlan, expectStep, fillDetails, fillShipping, next, numberPattern, portToMeridian, submit } from './wizard.ts';

/** How My lines writes a ten-digit number. */
const shown = (number: string) => `(${number.slice(0, 3)}) ${number.slice(3, 6)}-${number.slice(6)}`;

/** No serious or critical WCAG 2.2 A/AA violation on what is on screen. */
async function expectAccessible(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id}: ${violation.help}`);
  expect(blocking, `axe on ${where}`).toEqual([]);
}

const PIN_LABEL = 'Port-out PIN (4–8 digits)';
const PIN = '4927';

test('a port-out PIN is masked with a keyboard toggle, never stored or shown, and asked again after a reload', async ({ signedInPage: page, employee }) => {
  test.setTimeout(90_000);
  await portToMeridian(page, employee.serviceNumbers[0]);
  await chooseDevice(page);
  await choosePlan(page);

  await expectStep(page, 'Order details');
  const pin = page.getByLabel(new RegExp(`^${PIN_LABEL.replace(/[()]/g, '\\$&')}`));
  const toggle = page.getByRole('button', { name: `Show ${PIN_LABEL}` });
  await expect(pin).toHaveAttribute('type', 'password');
  await pin.fill(PIN);
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(pin).toHaveAttribute('type', 'text');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(pin).toHaveAttribute('type', 'password');
  await expectAccessible(page, 'the details step with a PIN');
  await fillDetails(page, { 'Account number with the current carrier': 'ACCT-1234', 'Name on the account being ported': 'Taylor Fixture' });
  await fillShipping(page);

  await expectStep(page, 'Review your order');
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeEnabled();
  await expect(page.getByRole('main')).not.toContainText(PIN);
  const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
  expect(stored).not.toContain(PIN);

  // A reload forgets the PIN: the review says so and leads back to the field, empty.
  await page.reload();
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('alert').filter({ hasText: 'not kept when the page reloads' })).toContainText(PIN_LABEL);
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeDisabled();
  await page.getByRole('button', { name: 'Enter again' }).click();
  await expectStep(page, 'Order details');
  await expect(pin).toHaveValue('');
  await pin.fill(PIN);
  await next(page);
  await expect(page.getByRole('heading', { level: 1 }).filter({ hasText: /Review your order|Where should we ship it\?/ })).toBeVisible();
  if (await page.getByRole('heading', { name: 'Where should we ship it?' }).isVisible()) await fillShipping(page);
  const orderId = await submit(page);
  expect(JSON.stringify(await page.evaluate(() => Object.entries(localStorage)))).not.toContain(PIN);

  await page.getByRole('link', { name: 'View the order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${orderId}` })).toBeVisible();
  await expect(page.getByRole('main')).toContainText('Taylor Fixture');
  await expect(page.getByRole('main')).not.toContainText(PIN);
});

test('a manager orders on her report’s line by acting for him; the order waits for her own manager', async ({ browser, employee }) => {
  test.setTimeout(120_000);
  const barbara = await signedInContext(browser, 'barbara.andrews');
  await barbara.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My lines' }).click();
  await barbara.getByRole('combobox', { name: 'Whose' }).click();
  await barbara.getByRole('option', { name: 'Every line I can see' }).click();
  await barbara.getByRole('searchbox', { name: 'Search by number' }).fill(employee.serviceNumbers[0]);
  const line = barbara.getByRole('listitem', { name: shown(employee.serviceNumbers[0]) });
  await line.getByRole('button', { name: `Actions for line ${shown(employee.serviceNumbers[0])}` }).click();
  const menu = barbara.getByRole('menu', { name: new RegExp(`placed for Taylor Fixture ${employee.employeeId}`) });
  await expect(menu).toContainText(`You will act for Taylor Fixture ${employee.employeeId} for this order`);
  await expectAccessible(barbara, 'the actions of someone else’s line');
  await menu.getByRole('menuitem', { name: 'Accessories' }).click();

  await expect(barbara.getByRole('region', { name: 'Acting for someone' })).toContainText(`Acting for Taylor Fixture ${employee.employeeId}`);
  await expectStep(barbara, 'Which line is this for?');
  await expect(barbara.getByRole('radio', { name: numberPattern(employee.serviceNumbers[0]) })).toBeChecked();
  await next(barbara);
  await expectStep(barbara, 'Choose accessories');
  const accessories = barbara.getByRole('list', { name: 'Accessories' });
  await expect(accessories.getByRole('checkbox').first()).toBeVisible();
  // A US line: every accessory offered is priced in dollars.
  await expect(accessories).not.toContainText('£');
  await expect(accessories).not.toContainText('CA$');
  await accessories.getByRole('checkbox').first().check();
  await next(barbara);
  await fillDetails(barbara);
  await fillShipping(barbara);
  await expectStep(barbara, 'Review your order');
  await expect(barbara.getByRole('main')).toContainText('This order will wait for Daniel Okafor');
  const orderId = await submit(barbara);

  // Barbara placed it, so Daniel decides it; her queue does not offer it.
  await barbara.getByRole('button', { name: 'Back to myself' }).click();
  await barbara.goto(`/approvals/${orderId}`);
  await expect(barbara.getByRole('heading', { level: 1, name: `Order ${orderId}` })).toBeVisible();
  await expect(barbara.getByText('You placed this order, so someone else decides it.')).toBeVisible();
  await expect(barbara.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  const daniel = await signedInContext(browser, 'daniel.okafor');
  await daniel.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Approvals/ }).click();
  const row = await queueRow(daniel, orderId);
  await expect(row.getByRole('button', { name: `Approve order ${orderId}` })).toBeVisible();
  await daniel.context().close();
  await barbara.context().close();
});
