import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { chooseDevice, chooseLine, daysFromNow, expectStep, fillDetails, fillJustification, next, numberPattern, shownNumber, startOrder, submit } from './wizard.ts';

// An IMEI with a valid check digit that is not the one on the line's phone: only the server knows.
const SOMEONE_ELSES_IMEI = '490154203237518';

test('a server-side validation error is shown on the review page and at its field', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Swap device');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Which devices?');
  const serial = page.getByRole('textbox', { name: 'Current device: serial number' });
  await serial.fill(SOMEONE_ELSES_IMEI);
  await page.getByRole('radiogroup', { name: 'Your spare devices' }).getByRole('radio').first().check();
  await next(page);
  await fillDetails(page, { 'Reason for the swap': 'Current device damaged' });

  await expectStep(page, 'Review your order');
  const problems = page.getByRole('alert').filter({ hasText: 'The order cannot be placed yet' });
  await expect(problems).toContainText(/serial/i);
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeDisabled();
  await problems.getByRole('button', { name: 'Fix in “Devices”' }).click();

  await expectStep(page, 'Which devices?');
  await expect(serial).toHaveAttribute('aria-invalid', 'true');
  const message = page.locator(`#${await serial.getAttribute('aria-describedby')}`);
  await expect(message).toContainText(/serial/i);
});

test('a reload mid-wizard keeps the draft, and a double click on Submit orders once', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Order details');
  await page.getByLabel(/Preferred suspension date/).fill(daysFromNow(23));
  await page.reload();
  await expectStep(page, 'Order details');
  await expect(page.getByRole('complementary', { name: 'Your order' })).toContainText(shownNumber(employee.serviceNumbers[0]));

  // A closed tab: the start page offers the unfinished order.
  await page.goto('/');
  await expect(page.getByText('You have an unfinished “Suspend a line” order.')).toBeVisible();
  await page.getByRole('link', { name: 'Resume' }).click();
  await fillDetails(page, { 'Preferred suspension date': daysFromNow(23), 'Reason for suspension': 'Seasonal work' });
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeEnabled();
  await page.getByRole('button', { name: 'Submit order' }).dblclick();
  await expectStep(page, 'Order placed');
  const orderId = (await page.getByTestId('order-id').textContent())?.trim();

  const list = (await api.get(`/orders?employee=${employee.employeeId}&transactionType=SUSPEND&limit=10&offset=0`)) as {
    orders: { items: { orderId: string }[] };
  };
  expect(list.orders.items.map((order) => order.orderId)).toEqual([orderId]);
});

test('a 401 mid-wizard leads to sign-in and back to the same step with the draft intact', async ({ signedInPage: page, employee, request }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[1]);
  await expectStep(page, 'Order details');
  // Revoke this browser's tokens behind its back, as an administrator or an expiry would.
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('mobproc.session.v1') ?? '{}') as { refreshToken: string });
  const revoked = await request.post('/oauth/revoke', { form: { token: session.refreshToken, client_id: 'mobproc-web' } });
  expect(revoked.ok()).toBe(true);

  await page.reload();
  await expectStep(page, 'Sign in');
  expect(new URL(page.url()).searchParams.get('returnTo')).toBe('/order/SUSPEND/details');
  await page.getByLabel('Username').fill(employee.username);
  await page.getByLabel(/^Password/).fill(employee.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectStep(page, 'Order details');
  await expect(page.getByRole('complementary', { name: 'Your order' })).toContainText(shownNumber(employee.serviceNumbers[1]));
});

test('a whole order can be placed with the keyboard only', async ({ signedInPage: page, api, employee }) => {
  /** Tab forward until the element has focus, as a keyboard user would. */
  async function tabTo(target: Locator) {
    for (let presses = 0; presses < 60; presses += 1) {
      if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Could not reach ${target.toString()} with Tab.`);
  }

  await tabTo(page.getByRole('link', { name: /^Suspend a line/ }));
  await page.keyboard.press('Enter');
  await expectStep(page, 'Which line is this for?');
  // The step heading has focus, so the person starts at the top of the new step.
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  // A radio group is one Tab stop; the arrow keys move (and select) within it.
  await tabTo(page.getByRole('radiogroup', { name: 'Your lines' }));
  const line = page.getByRole('radio', { name: numberPattern(employee.serviceNumbers[0]) });
  for (let presses = 0; presses < 5 && !(await line.isChecked()); presses += 1) await page.keyboard.press('ArrowDown');
  await expect(line).toBeChecked();
  await tabTo(page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  await expectStep(page, 'Order details');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  await tabTo(page.getByLabel(/Preferred suspension date/));
  const typed = daysFromNow(24);
  await page.keyboard.type(`${typed.slice(5, 7)}${typed.slice(8, 10)}${typed.slice(0, 4)}`);
  await tabTo(page.getByRole('combobox', { name: /Reason for suspension/ }));
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('listbox')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: /Reason for suspension/ })).toHaveText(/Device lost/);
  await tabTo(page.getByRole('button', { name: 'Continue' }));
  await page.keyboard.press('Enter');

  await expectStep(page, 'Review your order');
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeEnabled();
  await tabTo(page.getByRole('button', { name: 'Submit order' }));
  await page.keyboard.press('Enter');
  await expectStep(page, 'Order placed');
  const orderId = (await page.getByTestId('order-id').textContent())?.trim() ?? '';
  const answer = (await api.get(`/orders/${orderId}`)) as { order: { properties: { fields: { id: string; date?: string }[] }[] } };
  const date = answer.order.properties.flatMap((group) => group.fields).find((field) => field.id === 'PREFERRED_SUSPENSION_DATE');
  expect(date?.date).toBe(`${typed}T00:00:00Z`);
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('an accessories order fits the screen at every step', async ({ signedInPage: page, api, employee }) => {
    const fits = async () => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, 'horizontal scrolling').toBeLessThanOrEqual(0);
    };
    await fits();
    await startOrder(page, 'Accessories');
    await chooseLine(page, employee.serviceNumbers[0]);
    await expectStep(page, 'Choose accessories');
    await fits();
    await page.getByRole('list', { name: 'Accessories' }).getByRole('checkbox').first().check();
    // The summary sits under the form on a phone.
    const form = await page.getByRole('heading', { level: 1 }).boundingBox();
    const summary = await page.getByRole('complementary', { name: 'Your order' }).boundingBox();
    expect(summary!.y).toBeGreaterThan(form!.y);
    await next(page);
    await expectStep(page, 'Order details');
    await fits();
    await fillJustification(page);
    await next(page);
    await expectStep(page, 'Where should we ship it?');
    await fits();
    await page.getByLabel('Street address').fill('500 Pine Street');
    await page.getByLabel(/^City/).fill('Seattle');
    await page.getByRole('combobox', { name: /State/ }).click();
    await page.getByRole('option', { name: 'Washington' }).click();
    await page.getByLabel(/ZIP code/).fill('98101');
    await next(page);
    await expectStep(page, 'Review your order');
    await fits();
    await page.screenshot({ path: test.info().outputPath('phone-review.png'), fullPage: true });
    const orderId = await submit(page);
    await fits();
    const answer = (await api.get(`/orders/${orderId}`)) as { order: { transactionType: string } };
    expect(answer.order.transactionType).toBe('ORDER_ACCESSORIES');
  });
});

test('a link with ?service= opens the wizard with that line already chosen', async ({ signedInPage: page, employee }) => {
  await page.goto(`/order/SUSPEND?service=${employee.serviceIds[1]}`);
  await expectStep(page, 'Which line is this for?');
  await expect(page.getByRole('radio', { name: numberPattern(employee.serviceNumbers[1]) })).toBeChecked();
  await next(page);
  await expectStep(page, 'Order details');
  await expect(page.getByRole('complementary', { name: 'Your order' })).toContainText(shownNumber(employee.serviceNumbers[1]));
});

test('the summary panel follows plan and accessory choices as they are ticked, before Continue', async ({ signedInPage: page }) => {
  const summary = page.getByRole('complementary', { name: 'Your order' });
  await startOrder(page, 'New line');
  await expectStep(page, 'Where will you use the line?');
  await next(page);
  await chooseDevice(page);
  await expectStep(page, 'Choose a plan');
  await expect(summary).not.toContainText('/mo');
  await page.getByRole('radiogroup', { name: 'Plans' }).getByRole('radio').first().check();
  await expect(summary.getByText(/Monthly/).locator('..')).toContainText(/\$\d+\.\d{2}\/mo/);
  await next(page);
  await expectStep(page, /accessories/i);
  const dueNow = summary.getByText('Due now').locator('..');
  const before = await dueNow.textContent();
  await page.getByRole('checkbox').first().check();
  await expect(dueNow).not.toHaveText(before ?? '');
  await expect(summary).toContainText('Accessory');
  await page.getByRole('checkbox').first().uncheck();
  await expect(dueNow).toHaveText(before ?? '');
});
