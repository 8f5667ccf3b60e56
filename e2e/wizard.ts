import { expect, type Page } from '@playwright/test';
import type { EmployeeApi } from './fixtures.ts';

/** Steps of the wizard as a person does them; every locator by role and label. */

export async function startOrder(page: Page, cardTitle: string) {
  // The card's name is its title then its explanation, which starts with a capital.
  await page.getByRole('link', { name: new RegExp(`^${cardTitle} [A-Z]`) }).click();
}

let stepCheck: ((page: Page, step: string) => Promise<void>) | null = null;

/** Runs `check` on every step the helpers reach (e.g. an accessibility scan); null to stop. */
export function checkEachStep(check: typeof stepCheck) {
  stepCheck = check;
}

export async function expectStep(page: Page, heading: string | RegExp) {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  if (stepCheck) {
    // Scan the settled step, not its loading skeletons.
    await expect(page.locator('[role="status"] .MuiSkeleton-root')).toHaveCount(0);
    await stepCheck(page, String(heading));
  }
}

/**
 * A calendar date `days` from today (`YYYY-MM-DD`): preferred dates may not lie in the past, so a
 * spec never writes a fixed one.
 */
export const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Discards the unfinished order from the start page, confirming it in the dialog that asks. */
export async function discardFromStartPage(page: Page) {
  await page.getByRole('button', { name: 'Discard' }).click();
  await page.getByRole('dialog', { name: 'Discard this order?' }).getByRole('button', { name: 'Discard the order' }).click();
}

/** The postal-code input of the location step, under the country's own name for it. */
export const postalCodeLabel = /^(ZIP code|Postal code|Postcode)/;

export async function next(page: Page, label: string | RegExp = 'Continue') {
  await page.getByRole('button', { name: label }).click();
}

/** How the app writes a ten-digit service number, everywhere: `(206) 555-0134`. */
export const shownNumber = (number: string) => `(${number.slice(0, 3)}) ${number.slice(3, 6)}-${number.slice(6)}`;

/** A pattern finding a ten-digit number as the app writes it, inside a longer name. */
export const numberPattern = (number: string) => new RegExp(shownNumber(number).replace(/[()]/g, '\\$&'));

export async function chooseLine(page: Page, serviceNumber: string) {
  await expectStep(page, 'Which line is this for?');
  await page.getByRole('radio', { name: numberPattern(serviceNumber) }).check();
  await next(page);
}

export async function chooseDevice(page: Page, name: RegExp = /View /) {
  await expectStep(page, 'Choose a device');
  await page.getByRole('button', { name }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Choose this device' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Choose this device' }).click();
}

export async function choosePlan(page: Page) {
  await expectStep(page, 'Choose a plan');
  await page.getByRole('radiogroup', { name: 'Plans' }).getByRole('radio').first().check();
  await expect(page.getByRole('heading', { level: 2 }).filter({ hasNotText: 'Your order' }).first()).toBeVisible();
  await next(page);
}

export async function skipAccessories(page: Page) {
  await expectStep(page, /accessories/i);
  await next(page, 'Continue without accessories');
}

/** What a spec's procurement order gives as its business justification when the spec names none. */
export const JUSTIFICATION = 'Replaces a work phone that no longer holds a charge';

/** The business justification a procurement order asks for (this server's demo policy), when the step has it and it is empty. */
export async function fillJustification(page: Page, text = JUSTIFICATION) {
  // The carrier's fields arrive after the step's heading.
  await expect(page.getByRole('status', { name: 'Loading the order details form' })).toHaveCount(0);
  const field = page.getByRole('textbox', { name: /^Business justification/ });
  if ((await field.count()) > 0 && !(await field.inputValue())) await field.fill(text);
}

/** The details step: fill what the carrier requires that has no default (a business justification included). */
export async function fillDetails(page: Page, values: Record<string, string> = {}) {
  await expectStep(page, 'Order details');
  await fillJustification(page);
  for (const [label, value] of Object.entries(values)) {
    const field = page.getByLabel(label, { exact: false }).first();
    if ((await field.getAttribute('type')) === 'date' || (await field.getAttribute('role')) !== 'combobox') await field.fill(value);
    else {
      await field.click();
      await page.getByRole('option', { name: value }).click();
    }
  }
  await next(page);
}

export async function fillShipping(page: Page) {
  await expectStep(page, 'Where should we ship it?');
  const street = page.getByLabel('Street address');
  if (!(await street.inputValue())) await street.fill('1 Main Street');
  const city = page.getByLabel('City');
  if (!(await city.inputValue())) await city.fill('Seattle');
  const state = page.getByRole('combobox', { name: /State/ });
  if (!(await state.textContent())?.trim().replace('\u200b', '')) {
    await state.click();
    await page.getByRole('option', { name: 'Washington' }).click();
  }
  const zip = page.getByLabel(/ZIP|Postal/);
  if (!(await zip.inputValue())) await zip.fill('98101');
  await next(page);
}

/** Review, submit, and return the order ID the done page shows. */
export async function submit(page: Page): Promise<string> {
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeEnabled();
  await page.getByRole('button', { name: 'Submit order' }).click();
  await expectStep(page, 'Order placed');
  const orderId = (await page.getByTestId('order-id').textContent())?.trim() ?? '';
  expect(orderId).not.toBe('');
  return orderId;
}

/** The order as the API shows it: it exists, is this type, and belongs to the employee. */
export async function expectOrderInApi(api: EmployeeApi, orderId: string, transactionType: string) {
  const answer = (await api.get(`/orders/${orderId}`)) as { order: { orderId: string; transactionType: string; status: string } };
  expect(answer.order.orderId).toBe(orderId);
  expect(answer.order.transactionType).toBe(transactionType);
  return answer.order;
}

/**
 * A PORT_NUMBER order for the line `serviceNumber` taken to Meridian Mobile (a CDMA carrier the
 * line's GSM phone cannot work on) and placed in Seattle: the wizard is then on its device step.
 */
export async function portToMeridian(page: Page, serviceNumber: string) {
  await startOrder(page, 'Change carrier');
  await chooseLine(page, serviceNumber);
  await expectStep(page, 'Which carrier should the line move to?');
  await page.getByRole('combobox', { name: 'New carrier' }).click();
  await page.getByRole('option', { name: /Meridian Mobile/ }).click();
  await next(page);
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
}
