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
  // Continue is enabled once the carrier's fields are there: only then is a missing field missing.
  await expect(page.getByRole('button', { name: 'Continue' })).toBeEnabled();
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

/** Puts `value` into the field the way a paste does: the field's own limits apply, nothing else. */
export async function paste(page: Page, label: string | RegExp, value: string) {
  const field = page.getByLabel(label).first();
  await field.click();
  await field.press('ControlOrMeta+a');
  await field.press('Delete');
  await page.keyboard.insertText(value);
}

/** The carrier step of both XFER_SERVICE_IN types: the personal number's carrier. */
export async function chooseCurrentCarrier(page: Page, name: string | RegExp) {
  await expectStep(page, 'Which carrier is your personal number with?');
  await page.getByRole('combobox', { name: 'Current carrier' }).click();
  await page.getByRole('option', { name }).click();
  await next(page);
}

/** The acknowledgements step: every box ticked. */
export async function acceptTerms(page: Page) {
  await expectStep(page, 'Before you continue');
  await expect(page.getByRole('checkbox').first()).toBeVisible();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await next(page);
}

/** The step a typed value is entered on, and the review section that shows it. */
export type TypedStep = 'location' | 'details' | 'shipping';

/**
 * How `orderToReview` answers the steps of one order. A step not named is answered the plain way:
 * the first device, plan, spare device or feature; no accessories unless the type needs one; the
 * details' defaults; every acknowledgement ticked; a Seattle address.
 */
export type Route = {
  /** The start page card. */
  card: string;
  /** The ten-digit number of the line the order is for. */
  line?: string;
  /** The carrier step's choice (the carrier a personal number is with, or the one a line moves to). */
  carrier?: RegExp;
  /** The catalog's carrier filter on the device step; `'none'` goes on without a device. */
  device?: { carrier?: string } | 'none';
  /** Country chosen on the location and shipping steps, when not the default one. */
  locationCountry?: string;
  shippingCountry?: string;
  /** Choices and dates on the details step, by label. */
  details?: Record<string, string>;
  /** Text put into fields with `paste`, by step and label. */
  typed: { step: TypedStep; label: string | RegExp; value: string }[];
};

async function pasteTyped(page: Page, route: Route, step: TypedStep) {
  for (const entry of route.typed.filter((typed) => typed.step === step)) await paste(page, entry.label, entry.value);
}

async function chooseCountry(page: Page, country: string | undefined) {
  if (!country) return;
  await page.getByRole('combobox', { name: 'Country' }).click();
  await page.getByRole('option', { name: country }).click();
}

/** Fills the shipping address's empty required parts: street, town, state or province, postal code. */
async function completeAddress(page: Page) {
  for (const [label, value] of [
    [/^(Street address|Address line 1)/, '1 Main Street'],
    [/^(City|Town or city)/, 'Seattle'],
    [postalCodeLabel, '98101'],
  ] as const) {
    const field = page.getByLabel(label).first();
    if (!(await field.inputValue())) await field.fill(value);
  }
  for (const region of await page.getByRole('combobox', { name: /^(State|Province)/ }).all()) {
    if ((await region.textContent())?.trim().replace('\u200b', '')) continue;
    await region.click();
    await page.getByRole('option').first().click();
  }
}

const helped = ['Choose a device', 'Choose a plan', 'Order details', 'Before you continue'];
const goesOn = [...helped, 'Add accessories?'];

/** Goes through the wizard from the start page to the review, as `route` says; `checkEachStep` applies. */
export async function orderToReview(page: Page, route: Route) {
  await startOrder(page, route.card);
  await expect(page).toHaveURL(/\/order\//);
  const heading = page.getByRole('heading', { level: 1 });
  for (let steps = 0; steps < 12; steps++) {
    await expect(heading).not.toHaveText('');
    await expect(page.locator('[role="status"] .MuiSkeleton-root')).toHaveCount(0);
    const title = (await heading.textContent()) ?? '';
    // These steps' helpers check the step themselves.
    if (!helped.includes(title)) await expectStep(page, title);
    if (title === 'Review your order') return;
    switch (title) {
      case 'Which line is this for?':
        await page.getByRole('radio', { name: numberPattern(route.line ?? '') }).check();
        break;
      case 'Which carrier is your personal number with?':
      case 'Which carrier should the line move to?':
        await page.getByRole('combobox', { name: /carrier/ }).click();
        await page.getByRole('option', { name: route.carrier }).click();
        break;
      case 'Where will you use the line?':
        await chooseCountry(page, route.locationCountry);
        await pasteTyped(page, route, 'location');
        break;
      case 'Choose a device':
        if (route.device === 'none') {
          await next(page, 'No new device');
          break;
        }
        if (route.device?.carrier) {
          await page.getByRole('combobox', { name: 'Carrier' }).click();
          await page.getByRole('option', { name: route.device.carrier }).click();
        }
        await chooseDevice(page, route.device?.carrier ? new RegExp(`View .* on ${route.device.carrier}`) : undefined);
        break;
      case 'Choose a plan':
        await choosePlan(page);
        break;
      case 'Add accessories?':
        await next(page, 'Continue without accessories');
        break;
      case 'Choose accessories':
        await page.getByRole('list', { name: 'Accessories' }).getByRole('checkbox').first().check();
        break;
      case 'Change features':
        await page.getByRole('checkbox', { name: /^Add / }).first().check();
        break;
      case 'Which devices?':
        await page.getByRole('radiogroup', { name: 'Your spare devices' }).getByRole('radio').first().check();
        break;
      case 'Order details':
        await pasteTyped(page, route, 'details');
        await fillDetails(page, route.details);
        break;
      case 'Before you continue':
        await acceptTerms(page);
        break;
      case 'Where should we ship it?':
        await chooseCountry(page, route.shippingCountry);
        await pasteTyped(page, route, 'shipping');
        await completeAddress(page);
        break;
      default:
        // "Your current device" and any step whose defaults suffice.
        break;
    }
    // Steps whose helper went on already have a new heading; the others go on here.
    if ((await heading.textContent()) === title && !goesOn.includes(title)) await next(page);
    await expect(heading).not.toHaveText(title);
  }
  throw new Error('The wizard did not reach the review in twelve steps.');
}
