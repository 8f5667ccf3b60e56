import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { signIn } from '../fixtures.ts';
import { expectStep, next } from '../wizard.ts';

/**
 * Specs against the vendor-shaped MOBPROC server (e2e/vendor-server), which Playwright starts as
 * its second web server on E2E_VENDOR_PORT. Each test gets its own person there, created through
 * the server's test controls, and points the app at that server through the connection settings.
 */

export const vendorOrigin = `http://127.0.0.1:${process.env.E2E_VENDOR_PORT}`;
export const vendorTokenUrl = `${vendorOrigin}/as/token.oauth2`;

export type VendorLine = { id: string; serviceNumber: string; status: string; vendorId: string };

/** A person on the vendor-shaped server: lines[0] active on the GSM carrier, lines[1] active on the CDMA one, lines[2] suspended. */
export type VendorPerson = {
  id: string;
  companyEmployeeId: string;
  firstName: string;
  lastName: string;
  username: string;
  password: string;
  tenant: string;
  clientId: string;
  lines: VendorLine[];
};

export type StoredOrders = {
  count: number;
  submitAttempts: number;
  orders: Array<{ orderId: string; externalOrderNumber: string | null; transactionType: string; status: string }>;
};

/** The server's test controls (`/__fixture/…`), for one person. */
export type VendorControls = {
  orders: () => Promise<StoredOrders>;
  nextSubmit: (mode: 'normal' | 'unreadable' | 'drop' | 'refuse' | 'slow') => Promise<void>;
  extensionUses: () => Promise<Array<{ what: string }>>;
};

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/** Connection settings → the vendor-shaped server, its token URL, tenant and public client id. */
export async function connectToVendor(page: Page, person: Pick<VendorPerson, 'tenant' | 'clientId'>) {
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Connection settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connection settings' })).toBeVisible();
  await page.getByLabel('Base URL').fill(vendorOrigin);
  // Set after the base URL, which rewrites the token URL while it is the usual one.
  await page.getByLabel('Token URL').fill(vendorTokenUrl);
  await page.getByLabel('Tenant').fill(person.tenant);
  await page.getByLabel('Client id').fill(person.clientId);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
}

export const test = base.extend<{ person: VendorPerson; vendor: VendorControls; vendorPage: Page }>({
  person: async ({ request }, use) => {
    const person = await json<VendorPerson>(await request.post(`${vendorOrigin}/__fixture/employees`));
    await use(person);
  },
  vendor: async ({ request, person }, use) => {
    await use({
      orders: async () => json<StoredOrders>(await request.get(`${vendorOrigin}/__fixture/orders`, { params: { employee: person.id } })),
      nextSubmit: async (mode) => {
        await json(await request.post(`${vendorOrigin}/__fixture/mode`, { data: { employee: person.id, nextSubmit: mode } }));
      },
      extensionUses: async () => (await json<{ uses: Array<{ what: string }> }>(await request.get(`${vendorOrigin}/__fixture/extension-uses`, { params: { employee: person.id } }))).uses,
    });
  },
  /** Signed in on the vendor-shaped server as `person`, on the start page. */
  vendorPage: async ({ page, person }, use) => {
    await connectToVendor(page, person);
    await signIn(page, person.username, person.password);
    await use(page);
  },
});

/** Exactly one order stored for this person, after exactly one submit; it is returned. */
export async function expectExactlyOneOrder(vendor: VendorControls) {
  const stored = await vendor.orders();
  expect(stored.submitAttempts, 'submits that reached the server').toBe(1);
  expect(stored.count, 'orders the server stored').toBe(1);
  // The app gives every draft its own reference, which is how it finds an order whose answer got lost.
  expect(stored.orders[0]!.externalOrderNumber).toBeTruthy();
  expect(await vendor.extensionUses(), 'calls using an extension the server never announced').toEqual([]);
  return stored.orders[0]!;
}

/** The order page of `orderId`, reached from the done page. */
export async function openOrderPage(page: Page, orderId: string, transactionWords: RegExp) {
  await page.getByRole('link', { name: 'View the order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${orderId}` })).toBeVisible();
  await expect(page.getByRole('main')).toContainText(transactionWords);
  await expect(page.getByRole('main')).toContainText('Sent to the carrier');
}

/** The shipping step with this server's own address format (its labels, its state options). */
export async function fillVendorShipping(page: Page) {
  await expectStep(page, 'Where should we ship it?');
  const street = page.getByLabel('Street and number');
  if (!(await street.inputValue())) await street.fill('14 Wharf Street');
  const city = page.getByLabel('Town or city');
  if (!(await city.inputValue())) await city.fill('Portland');
  const state = page.getByRole('combobox', { name: /State/ });
  if (!(await state.textContent())?.trim().replace('\u200b', '')) {
    await state.click();
    await page.getByRole('option', { name: 'Maine' }).click();
  }
  const zip = page.getByLabel('ZIP code');
  if (!(await zip.inputValue())) await zip.fill('04101');
  await next(page);
}

/** A calendar date `days` from today, as a date input takes it (yyyy-mm-dd). */
export function dateFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export { expect };
