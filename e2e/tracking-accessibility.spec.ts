import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';
import { apiAs, placeDeactivation, queueRow, screenshot, signedInContext } from './tracking-helpers.ts';

/** WCAG 2.2 A/AA rules; a serious or critical violation fails the screen it is on. */
async function scan(page: Page, where: string) {
  // Scan what people see, not loading placeholders.
  await expect(page.locator('.MuiSkeleton-root')).toHaveCount(0);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  expect(blocking, `axe on ${where}`).toEqual([]);
}

/** Nothing may stick out sideways (a phone would have to scroll horizontally). */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `horizontal overflow on ${where}`).toBeLessThanOrEqual(0);
}

test('lines, orders, order detail, withdrawal, approvals, acting for and connection settings pass axe', async ({
  signedInPage: page,
  browser,
  employee,
  request,
}) => {
  test.setTimeout(120_000);
  const orderId = await placeDeactivation(await apiAs(request, employee.username), employee.serviceIds[1]);

  await page.goto('/lines');
  await expect(page.getByRole('list', { name: 'Lines' }).getByRole('listitem')).toHaveCount(3);
  await scan(page, 'My lines');
  await page.getByRole('button', { name: /^Actions for line/ }).first().click();
  await expect(page.getByRole('menu')).toBeVisible();
  await scan(page, 'a line’s action menu');
  await page.keyboard.press('Escape');

  await page.goto('/orders');
  await expect(page.getByRole('list', { name: 'Orders' }).getByRole('listitem')).toHaveCount(1);
  await scan(page, 'My orders');
  await page.goto('/orders?status=COMPLETE');
  await expect(page.getByText('No orders match these filters')).toBeVisible();
  await scan(page, 'My orders, empty');

  await page.goto(`/orders/${orderId}`);
  await expect(page.getByRole('list', { name: 'Status history' })).toBeVisible();
  await scan(page, 'order detail');
  await page.getByRole('button', { name: 'Withdraw order' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await scan(page, 'the withdraw dialog');
  await page.getByRole('button', { name: 'Keep the order' }).click();

  const barbara = await signedInContext(browser, 'barbara.andrews');
  await barbara.goto('/approvals');
  await expect(await queueRow(barbara, orderId)).toBeVisible();
  await scan(barbara, 'the approvals queue');
  await barbara.goto(`/approvals/${orderId}`);
  await expect(barbara.getByRole('button', { name: 'Reject' })).toBeVisible();
  await scan(barbara, 'an order in the queue');
  await barbara.getByRole('button', { name: 'Reject' }).click();
  await barbara.getByRole('dialog').getByRole('button', { name: 'Reject order' }).click();
  await expect(barbara.getByText('Say why, so the requester knows what to change.')).toBeVisible();
  await scan(barbara, 'the reject dialog with its error');
  await barbara.context().close();

  const alice = await signedInContext(browser, 'alice.nguyen');
  await alice.getByRole('button', { name: 'Act for someone' }).click();
  await expect(alice.getByRole('combobox', { name: 'Person' })).toBeVisible();
  await scan(alice, 'the act-for dialog');
  await alice.getByRole('combobox', { name: 'Person' }).fill('Barbara');
  await alice.getByRole('option', { name: /Barbara Andrews/ }).click();
  await alice.getByRole('dialog').getByRole('button', { name: 'Act for Barbara Andrews' }).click();
  await expect(alice.getByRole('region', { name: 'Acting for someone' })).toBeVisible();
  await expect(alice.getByRole('heading', { level: 1, name: 'Lines of Barbara Andrews' })).toBeVisible();
  await scan(alice, 'lines while acting for Barbara, with the banner');
  await alice.context().close();

  await page.goto('/settings/connection');
  await expect(page.getByLabel('Base URL')).toBeVisible();
  await scan(page, 'connection settings');
});

test.describe('on a 375 px phone', () => {
  test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

  test('lines, orders, order detail and approvals fit and pass axe', async ({ page, browser, employee, request }) => {
    test.setTimeout(120_000);
    const orderId = await placeDeactivation(await apiAs(request, employee.username), employee.serviceIds[0]);
    await signIn(page, employee.username, employee.password);

    // The navigation is in the menu on a phone.
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'My lines' }).click();
    await expect(page.getByRole('list', { name: 'Lines' }).getByRole('listitem')).toHaveCount(3);
    await expectNoSidewaysScroll(page, 'My lines');
    await scan(page, 'My lines at 375 px');
    await screenshot(page, 'phone-lines');

    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('menuitem', { name: 'My orders' }).click();
    await expect(page.getByRole('list', { name: 'Orders' }).getByRole('listitem')).toHaveCount(1);
    await expectNoSidewaysScroll(page, 'My orders');
    await scan(page, 'My orders at 375 px');
    await screenshot(page, 'phone-orders');

    await page.getByRole('list', { name: 'Orders' }).getByRole('link').first().click();
    await expect(page.getByRole('heading', { level: 1, name: `Order ${orderId}` })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Status history' })).toBeVisible();
    await expectNoSidewaysScroll(page, 'order detail');
    await scan(page, 'order detail at 375 px');
    await screenshot(page, 'phone-order');

    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const barbara = await context.newPage();
    await signIn(barbara, 'barbara.andrews', 'demo');
    await barbara.getByRole('button', { name: 'Menu' }).click();
    await expect(barbara.getByRole('menuitem', { name: /^Approvals\s*, \d+ waiting$/ })).toBeVisible();
    await barbara.getByRole('menuitem', { name: /^Approvals/ }).click();
    const queued = await queueRow(barbara, orderId);
    await expect(queued).toBeVisible();
    await expectNoSidewaysScroll(barbara, 'approvals');
    await scan(barbara, 'approvals at 375 px');
    await screenshot(barbara, 'phone-approvals');
    await queued.getByRole('button', { name: `Approve order ${orderId}` }).click();
    await barbara.getByRole('dialog').getByRole('button', { name: 'Approve order' }).click();
    await expect(barbara.getByRole('alert').filter({ hasText: 'Approved.' })).toBeVisible();
    await context.close();

    // The employee's page follows by itself.
    await expect(page.getByRole('group', { name: 'Status' })).not.toHaveText(/Waiting/, { timeout: 45_000 });
  });
});
