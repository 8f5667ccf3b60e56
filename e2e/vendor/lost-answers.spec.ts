import type { Page } from '@playwright/test';
import { chooseLine, expectStep, fillDetails, startOrder } from '../wizard.ts';
import { dateFromToday, expect, expectExactlyOneOrder, test, type VendorPerson } from './vendor-test.ts';

/**
 * A submit the server accepted, whose answer the app never gets to read. The vendor-shaped server
 * stores the order and then answers a 200 that is not JSON, or drops the connection without a word.
 * Either way the order exists: the app must say so, close the draft, and never submit it again.
 * And the opposite: a submit the server refused placed nothing, and may be sent again.
 */

async function suspendUpToReview(page: Page, person: VendorPerson) {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, person.lines[1]!.serviceNumber);
  await fillDetails(page, { 'Suspend from': dateFromToday(14) });
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeEnabled();
}

/** Nothing lets the person send this draft again: not the page, not a reload, not the review URL. */
async function expectNoSecondSubmit(page: Page) {
  await expect(page.getByRole('button', { name: 'Submit order' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit order' })).toHaveCount(0);
  await page.goto('/order/SUSPEND/review');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const submitButton = page.getByRole('button', { name: 'Submit order' });
  if ((await submitButton.count()) > 0) await expect(submitButton).toBeDisabled();
}

test('a 2xx submit answer that cannot be read still counts as a placed order', async ({ vendorPage: page, vendor, person }) => {
  await suspendUpToReview(page, person);
  await vendor.nextSubmit('unreadable');
  await page.getByRole('button', { name: 'Submit order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /placed/i })).toBeVisible();
  await expect(page.getByText(/answer could not be read/i)).toBeVisible();
  await expect(page.getByText(/failed|could not be reached/i)).toHaveCount(0);
  await expectNoSecondSubmit(page);
  await expectExactlyOneOrder(vendor);
});

test('a submit whose connection drops after the order was stored finds the order instead of resubmitting', async ({ vendorPage: page, vendor, person }) => {
  await suspendUpToReview(page, person);
  await vendor.nextSubmit('drop');
  const lookups: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'GET' && url.pathname === '/mobproc/v1/orders') lookups.push(url.search);
  });
  await page.getByRole('button', { name: 'Submit order' }).click();
  // The app looks the order up by the reference it generated for this draft, among recent orders.
  await expectStep(page, 'Order placed');
  const shownId = (await page.getByTestId('order-id').textContent())?.trim();
  const stored = await expectExactlyOneOrder(vendor);
  expect(shownId).toBe(stored.orderId);
  expect(lookups.length, 'GET /orders lookups after the dropped submit').toBeGreaterThan(0);
  await expectNoSecondSubmit(page);
  expect((await vendor.orders()).submitAttempts).toBe(1);
});

test('a submit the server refuses with its bare error shows the server\'s reason and may be sent again', async ({ vendorPage: page, vendor, person }) => {
  await suspendUpToReview(page, person);
  await vendor.nextSubmit('refuse');
  await page.getByRole('button', { name: 'Submit order' }).click();
  // The vendor's single-error body, read for its message.
  await expect(page.getByText('The carrier is not taking orders for this line today. Try again tomorrow.')).toBeVisible();
  expect(await vendor.orders()).toMatchObject({ count: 0, submitAttempts: 1 });
  // Refused is not placed: the same draft goes through once the carrier takes it.
  await page.getByRole('button', { name: 'Submit order' }).click();
  await expectStep(page, 'Order placed');
  const stored = (await vendor.orders()).orders;
  expect(stored).toHaveLength(1);
  await expect(page.getByTestId('order-id')).toHaveText(stored[0]!.orderId);
  expect((await vendor.orders()).submitAttempts).toBe(2);
});
