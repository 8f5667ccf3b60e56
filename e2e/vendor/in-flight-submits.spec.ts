import type { Page } from '@playwright/test';
import { chooseLine, expectStep, fillDetails, startOrder } from '../wizard.ts';
import { dateFromToday, expect, expectExactlyOneOrder, test, type VendorPerson } from './vendor-test.ts';

/**
 * A submit still on its way when the page that sent it reloads, or when a second tab sends the
 * same draft: the server may store the first one seconds later, so the app must go on looking for
 * it rather than offer a second order, and two tabs must never both send.
 */

async function suspendUpToReview(page: Page, person: VendorPerson) {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, person.lines[1]!.serviceNumber);
  await fillDetails(page, { 'Suspend from': dateFromToday(14) });
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeEnabled();
}

/** Counts `POST /orders` that are submits (not confirmations) sent by `page`. */
function countSubmits(page: Page) {
  const seen = { count: 0 };
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (request.method() === 'POST' && url.pathname === '/mobproc/v1/orders' && !url.searchParams.has('confirm')) seen.count += 1;
  });
  return seen;
}

test('a reload while a slow submit is on its way keeps looking and shows the order once the server stored it', async ({ vendorPage: page, vendor, person }) => {
  await suspendUpToReview(page, person);
  // The server stores the order 6 s after it arrives; the page reloads after 1 s.
  await vendor.nextSubmit('slow');
  await page.getByRole('button', { name: 'Submit order' }).click();
  await page.waitForTimeout(1_000);
  await page.reload();
  await expect(page.getByRole('status').filter({ hasText: 'Checking whether your order arrived' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Submit/ })).toBeDisabled();
  await expect(page.getByText(/nothing was ordered/i)).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Order placed' })).toBeVisible({ timeout: 30_000 });
  await expectStep(page, 'Order placed');
  const stored = await expectExactlyOneOrder(vendor);
  await expect(page.getByTestId('order-id')).toHaveText(stored.orderId);
});

test('two tabs pressing Submit on the same draft at once send it once, and both show the placed order', async ({ vendorPage: page, vendor, person }) => {
  await suspendUpToReview(page, person);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expectStep(other, 'Review your order');
  await expect(other.getByRole('button', { name: 'Submit order' })).toBeEnabled();
  const submits = [countSubmits(page), countSubmits(other)];

  // Both presses land in the same moment: an ordinary click waits until its tab is idle, and by
  // then the other tab may already show the order as sent.
  const buttons = [page, other].map((tab) => tab.getByRole('button', { name: 'Submit order' }));
  await Promise.all(buttons.map((button) => expect(button).toBeEnabled()));
  await Promise.all(buttons.map((button) => button.evaluate((element) => (element as HTMLButtonElement).click())));

  await expectStep(page, 'Order placed');
  await expectStep(other, 'Order placed');
  const stored = await expectExactlyOneOrder(vendor);
  expect(submits[0]!.count + submits[1]!.count, 'submits sent by the two tabs').toBe(1);
  await expect(page.getByTestId('order-id')).toHaveText(stored.orderId);
  await expect(other.getByTestId('order-id')).toHaveText(stored.orderId);
});

test('a second tab shows a send in flight in the first one, and no Submit of its own', async ({ vendorPage: page, vendor, person }) => {
  await suspendUpToReview(page, person);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expectStep(other, 'Review your order');
  await vendor.nextSubmit('slow');
  await page.getByRole('button', { name: 'Submit order' }).click();
  await expect(other.getByRole('status').filter({ hasText: 'being sent from another tab' })).toBeVisible();
  await expect(other.getByRole('button', { name: 'Submit order' })).toBeDisabled();
  await expect(other.getByRole('heading', { level: 1, name: 'Order placed' })).toBeVisible({ timeout: 20_000 });
  await expectStep(other, 'Order placed');
  await expectStep(page, 'Order placed');
  await expectExactlyOneOrder(vendor);
});
