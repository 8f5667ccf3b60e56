import type { Page } from '@playwright/test';
import { transactionType } from '../src/contract/reference.ts';
import { expect, signIn, test } from './fixtures.ts';
import { chooseDevice, chooseLine, choosePlan, expectOrderInApi, expectStep, fillDetails, next, shownNumber, skipAccessories, startOrder, submit, postalCodeLabel } from './wizard.ts';

const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** Puts `value` into the field the way a paste does: the field's own limits apply, nothing else. */
async function paste(page: Page, label: string | RegExp, value: string) {
  const field = page.getByLabel(label).first();
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('Delete');
  await page.keyboard.insertText(value);
}

test('what is typed on the open step survives Back, browser back, reload, leaving the wizard and signing in again', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[1]);
  await expectStep(page, 'Order details');
  const contact = page.getByLabel('Contact number');
  await paste(page, 'Contact number', '(206) 555-0111');

  await page.getByRole('button', { name: 'Back' }).click();
  await expectStep(page, 'Which line is this for?');
  await next(page);
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('(206) 555-0111');

  await paste(page, 'Contact number', '206 555 0112');
  await page.goBack();
  await expectStep(page, 'Which line is this for?');
  await page.goForward();
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('206 555 0112');

  await paste(page, 'Contact number', '206.555.0113');
  await page.reload();
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('206.555.0113');

  await paste(page, 'Contact number', '206-555-0114');
  await page.getByRole('link', { name: 'New order' }).click();
  await page.getByRole('link', { name: 'Resume' }).click();
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('206-555-0114');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, employee.username, employee.password);
  await page.getByRole('link', { name: 'Resume' }).click();
  await expectStep(page, 'Order details');
  await expect(contact).toHaveValue('206-555-0114');

  // Continue takes the value in the form the carrier's rule has, and the step's typing is done with.
  await fillDetails(page, { 'Preferred suspension date': inAWeek(), 'Reason for suspension': 'Leave of absence' });
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('2065550114');
});

test('"Discard this order" asks first, and the start page can undo it', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[1]);
  await expectStep(page, 'Order details');

  await page.getByRole('button', { name: 'Discard this order' }).click();
  const dialog = page.getByRole('dialog', { name: 'Discard this order?' });
  await expect(dialog).toContainText('1 step done');
  await dialog.getByRole('button', { name: 'Keep the order' }).click();
  await expect(dialog).toBeHidden();
  await expectStep(page, 'Order details');

  await page.getByRole('button', { name: 'Discard this order' }).click();
  await dialog.getByRole('button', { name: 'Discard the order' }).click();
  await expectStep(page, 'What would you like to do?');
  await expect(page.getByText('Your “Suspend a line” order was discarded.')).toBeVisible();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('link', { name: 'Resume' }).click();
  await expectStep(page, 'Order details');
  await expect(page.getByRole('complementary', { name: 'Your order' })).toContainText(shownNumber(employee.serviceNumbers[1]));
});

test('nothing pasted is cut: a value too long after normalising is refused at its field, whole', async ({ signedInPage: page }) => {
  await startOrder(page, 'Bring your number');
  await expectStep(page, 'Which carrier is your personal number with?');
  await page.getByRole('combobox', { name: 'Current carrier' }).click();
  await page.getByRole('option', { name: /Summit Wireless/ }).click();
  await next(page);
  await expectStep(page, 'Where will you use the line?');
  await paste(page, postalCodeLabel, '98101');
  await next(page);
  await expectStep(page, 'Choose a device');
  await next(page, 'No new device');
  await choosePlan(page);
  await expectStep(page, 'Order details');
  const account = 'A'.repeat(22);
  const name = `Taylor ${'N'.repeat(76)}`;
  await paste(page, 'Personal mobile number to transfer', '206-555-0142');
  await paste(page, 'Account number with the current carrier', account);
  await paste(page, 'Name on the current invoice', name);
  await next(page);
  await expectStep(page, 'Order details');
  await expect(page.getByLabel('Personal mobile number to transfer')).toHaveValue('206-555-0142');
  await expect(page.getByLabel('Personal mobile number to transfer')).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByLabel('Account number with the current carrier')).toHaveValue(account);
  await expect(page.getByText('Account number with the current carrier may have at most 20 characters.')).toBeVisible();
  await expect(page.getByLabel('Name on the current invoice')).toHaveValue(name);
  await expect(page.getByText('Name on the current invoice may have at most 80 characters.')).toBeVisible();
});

type StoredOrder = {
  confirmation?: { postalCode?: string };
  properties: { fields: { id: string; text?: string }[] }[];
  shipTo?: { address: { id: string; value: string }[] };
};
const storedText = (order: StoredOrder, id: string) => order.properties.flatMap((group) => group.fields).find((field) => field.id === id)?.text;

test('numbers and postal codes pasted as people write them are accepted, shown and stored normalised (XFER_SERVICE_IN_AND_PORT: every kind of field)', async ({
  signedInPage: page,
  api,
}) => {
  await startOrder(page, 'Bring your number to another carrier');
  await expectStep(page, 'Which carrier is your personal number with?');
  await page.getByRole('combobox', { name: 'Current carrier' }).click();
  await page.getByRole('option', { name: /Summit Wireless/ }).click();
  await next(page);
  await expectStep(page, 'Where will you use the line?');
  await paste(page, postalCodeLabel, ' 981011234 ');
  await next(page);
  await expectStep(page, 'Choose a device');
  await page.getByRole('combobox', { name: 'Carrier' }).click();
  await page.getByRole('option', { name: 'Meridian Mobile' }).click();
  await chooseDevice(page, /View .* on Meridian Mobile/);
  await choosePlan(page);
  await skipAccessories(page);
  await expectStep(page, 'Order details');
  await paste(page, 'Personal mobile number to transfer', '+1 (206) 555-0178');
  // The carrier chosen on the first step is not asked for again.
  await expect(page.getByLabel('Current carrier name')).toHaveValue('Summit Wireless');
  await paste(page, 'Account number with the current carrier', ' 1234-5678-9012 ');
  await paste(page, 'Port-out PIN (4–8 digits)', '2468');
  await paste(page, 'Name on the current invoice', 'Taylor Fixture');
  await paste(page, 'Contact number', '206.555.0142');
  await next(page);
  await expectStep(page, 'Before you continue');
  await expect(page.getByRole('checkbox').first()).toBeVisible();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await next(page);
  await expectStep(page, 'Where should we ship it?');
  await paste(page, 'Street address', '1 Main Street');
  await paste(page, 'City', 'Seattle');
  const state = page.getByRole('combobox', { name: /State/ });
  if (!(await state.textContent())?.trim().replace('\u200b', '')) {
    await state.click();
    await page.getByRole('option', { name: 'Washington' }).click();
  }
  await paste(page, 'ZIP code', '98101 1234');
  await next(page);

  await expectStep(page, 'Review your order');
  await expect(page.getByRole('region', { name: 'Location' })).toContainText('98101-1234');
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('2065550178');
  await expect(details).toContainText('1234-5678-9012');
  await expect(details).toContainText('2065550142');
  await expect(page.getByRole('region', { name: 'Shipping' })).toContainText('98101-1234');
  const orderId = await submit(page);
  const order = (await expectOrderInApi(api, orderId, 'XFER_SERVICE_IN_AND_PORT')) as unknown as StoredOrder;
  expect(order.confirmation?.postalCode).toBe('98101-1234');
  expect(storedText(order, 'SERVICE_NUMBER')).toBe('2065550178');
  expect(storedText(order, 'CARRIER_ACCT_NUMBER')).toBe('1234-5678-9012');
  expect(storedText(order, 'CONTACT_NUMBER')).toBe('2065550142');
  expect(order.shipTo?.address.find((line) => line.id === 'POSTAL_CODE')?.value).toBe('98101-1234');
});

test('Canadian and UK postal codes typed without the space are written the country’s way', async ({ signedInPage: page }) => {
  await startOrder(page, 'New line');
  for (const [country, typed, written] of [
    ['Canada', 'k1a0b1', 'K1A 0B1'],
    ['United Kingdom', 'sw1a1aa', 'SW1A 1AA'],
  ] as const) {
    // Each round ends back on this step.
    await expectStep(page, 'Where will you use the line?');
    await page.getByRole('combobox', { name: 'Country' }).click();
    await page.getByRole('option', { name: country }).click();
    await paste(page, postalCodeLabel, typed);
    await next(page);
    await expectStep(page, 'Choose a device');
    await expect(page.getByRole('complementary', { name: 'Your order' })).toContainText(country);
    await page.getByRole('button', { name: 'Back' }).click();
    await expectStep(page, 'Where will you use the line?');
    await expect(page.getByLabel(postalCodeLabel)).toHaveValue(written);
  }
});

test('a contact number pasted with +1, brackets, dots and blanks on a care order is accepted, shown and stored without separators (SUSPEND)', async ({ signedInPage: page, employee, api }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Order details');
  await paste(page, 'Contact number', '  +1 (206) 555.0199 ');
  await fillDetails(page, { 'Preferred suspension date': inAWeek(), 'Reason for suspension': 'Leave of absence' });
  await expectStep(page, 'Review your order');
  // The contact number's rule takes international numbers, so the +1 stays: only separators and blanks go.
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('+12065550199');
  const orderId = await submit(page);
  const order = (await expectOrderInApi(api, orderId, transactionType.enum.SUSPEND)) as unknown as StoredOrder;
  expect(storedText(order, 'CONTACT_NUMBER')).toBe('+12065550199');
});

test('a personal number, account number and ZIP code pasted as people write them are accepted, shown and stored normalised (XFER_SERVICE_IN)', async ({ signedInPage: page, api }) => {
  await startOrder(page, 'Bring your number');
  await expectStep(page, 'Which carrier is your personal number with?');
  await page.getByRole('combobox', { name: 'Current carrier' }).click();
  await page.getByRole('option', { name: /Summit Wireless/ }).click();
  await next(page);
  await expectStep(page, 'Where will you use the line?');
  await paste(page, postalCodeLabel, ' 98101-1234 ');
  await next(page);
  await expectStep(page, 'Choose a device');
  await next(page, 'No new device');
  await choosePlan(page);
  await expectStep(page, 'Order details');
  await paste(page, 'Personal mobile number to transfer', ' +1-206-555-0187 ');
  await paste(page, 'Account number with the current carrier', ' 9876-5432-10 ');
  await paste(page, 'Name on the current invoice', 'Taylor Fixture');
  await paste(page, 'Contact number', '(206) 555 0142');
  for (const field of await page.getByRole('textbox', { name: /PIN/ }).all()) await field.fill('2468');
  await next(page);
  await expectStep(page, 'Before you continue');
  await expect(page.getByRole('checkbox').first()).toBeVisible();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await next(page);
  // A new SIM is shipped only when the carrier needs one; wait for whichever step comes.
  await expect(page.getByRole('heading', { level: 1, name: /^(Where should we ship it\?|Review your order)$/ })).toBeVisible();
  if (await page.getByRole('heading', { level: 1, name: 'Where should we ship it?' }).isVisible()) {
    await paste(page, 'Street address', '1 Main Street');
    await paste(page, 'City', 'Seattle');
    const state = page.getByRole('combobox', { name: /State/ });
    if (!(await state.textContent())?.trim().replace('\u200b', '')) {
      await state.click();
      await page.getByRole('option', { name: 'Washington' }).click();
    }
    await paste(page, 'ZIP code', ' 981011234');
    await next(page);
  }
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('region', { name: 'Location' })).toContainText('98101-1234');
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details).toContainText('2065550187');
  await expect(details).toContainText('9876-5432-10');
  await expect(details).toContainText('2065550142');
  const orderId = await submit(page);
  const order = (await expectOrderInApi(api, orderId, transactionType.enum.XFER_SERVICE_IN)) as unknown as StoredOrder;
  expect(order.confirmation?.postalCode).toBe('98101-1234');
  expect(storedText(order, 'SERVICE_NUMBER')).toBe('2065550187');
  expect(storedText(order, 'CARRIER_ACCT_NUMBER')).toBe('9876-5432-10');
  expect(storedText(order, 'CONTACT_NUMBER')).toBe('2065550142');
});
