import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { apiAs, placeDeactivation } from './tracking-helpers.ts';

/** Tells the page (and TanStack Query's focus manager) that its tab went to the background or came back. */
async function setTabVisible(page: Page, visible: boolean) {
  await page.evaluate((isVisible) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (isVisible ? 'visible' : 'hidden') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => !isVisible });
    document.dispatchEvent(new Event('visibilitychange'));
  }, visible);
}

test('without an event stream, an open order refreshes itself while its tab is visible, and not while it is in the background', async ({ signedInPage: page, employee, request }) => {
  // The stream cannot be opened (a proxy that refuses it, say): the page falls back to polling.
  await page.route('**/mobproc/v1/events', (route) => route.abort());
  const orderId = await placeDeactivation(await apiAs(request, employee.username), employee.serviceIds[1]);
  const polls: number[] = [];
  page.on('request', (sent) => {
    if (new URL(sent.url()).pathname === `/mobproc/v1/orders/${orderId}`) polls.push(Date.now());
  });
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByRole('group', { name: 'Status' })).toHaveText('Waiting for Barbara Andrews to approve');
  await expect(page.getByText(/Updates automatically/)).toBeVisible();

  // A just-changed order is asked about every two seconds or so.
  await page.waitForTimeout(5_000);
  expect(polls.length).toBeGreaterThanOrEqual(3);

  await setTabVisible(page, false);
  const hiddenSince = Date.now();
  await page.waitForTimeout(6_000);
  expect(polls.filter((at) => at > hiddenSince + 500)).toEqual([]);

  await setTabVisible(page, true);
  const backSince = Date.now();
  await expect.poll(() => polls.filter((at) => at >= backSince).length, { timeout: 5_000 }).toBeGreaterThan(0);
});
