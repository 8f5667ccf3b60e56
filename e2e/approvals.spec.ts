import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';
import { apiAs, approvalsBadge, placeDeactivation, queueRow, screenshot, signedInContext } from './tracking-helpers.ts';
import { chooseDevice, choosePlan, expectStep, fillDetails, fillShipping, next, shownNumber, skipAccessories, startOrder, submit, postalCodeLabel } from './wizard.ts';

const BARBARA_ID = '1002';

/**
 * The total of the next answer to the badge's count request (Barbara's queue, one item per page)
 * whose body the page read. A count the app dropped for a newer one (a refetch cancels the one in
 * flight) has headers but no body; the badge shows the one after it.
 */
async function nextBadgeCount(page: Page): Promise<number> {
  let total: number | undefined;
  await page.waitForResponse(async (response) => {
    if (!response.url().includes(`eligibleToApproveEmployeeId=${BARBARA_ID}`) || !/[?&]limit=1(&|$)/.test(response.url()) || !response.ok()) return false;
    try {
      total = ((await response.json()) as { orders: { _meta: { totalCount: number } } }).orders._meta.totalCount;
      return true;
    } catch {
      return false;
    }
  });
  return total!;
}

test('a new line waits for Barbara; she approves it from her queue; it completes by itself and appears in My lines', async ({
  signedInPage: page,
  browser,
  employee,
}) => {
  test.setTimeout(150_000);
  const name = `Taylor Fixture ${employee.employeeId}`;

  // The employee orders a phone through the wizard.
  await startOrder(page, 'New line');
  await expectStep(page, 'Where will you use the line?');
  // As a person would: the country the page picks by itself is shown before they go on.
  await expect(page.getByRole('combobox', { name: /Country/ })).toHaveText('United States');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
  await chooseDevice(page);
  await choosePlan(page);
  await skipAccessories(page);
  // Every procurement order says why the company should pay for it (its approver reads it).
  await fillDetails(page, { Justification: 'The new project needs a second line' });
  await fillShipping(page);
  const orderId = await submit(page);

  // My orders lists it, waiting; a click opens the detail.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' }).click();
  const row = page.getByRole('listitem').filter({ hasText: `order ${orderId}` });
  await expect(row).toContainText('Waiting for Barbara Andrews to approve');
  // Totals summed from the order's items: the phone once, the plan monthly.
  await expect(row).toContainText(/\$[\d,]+\.\d\d \+ \$[\d,]+\.\d\d\/mo/);
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${orderId}` })).toBeVisible();
  const status = page.getByRole('group', { name: 'Status' });
  await expect(status).toHaveText('Waiting for Barbara Andrews to approve');
  await expect(page.getByRole('button', { name: 'Withdraw order' })).toBeVisible();
  await screenshot(page, 'order-awaiting');

  // Barbara, in her own browser, sees it in her queue; the badge shows what the server counts.
  const barbaraContext = await browser.newContext();
  const barbara = await barbaraContext.newPage();
  const firstCount = nextBadgeCount(barbara);
  await signIn(barbara, 'barbara.andrews', 'demo');
  const before = await firstCount;
  expect(before).toBeGreaterThanOrEqual(1);
  await expect.poll(() => approvalsBadge(barbara)).toBe(before);

  await barbara.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Approvals/ }).click();
  await expect(barbara.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
  const queued = await queueRow(barbara, orderId);
  await expect(queued).toContainText(name);
  await expect(queued).toContainText('New line');
  await expect(queued).toContainText('$');
  await screenshot(barbara, 'approvals-queue');

  // Opening it shows the whole order.
  await queued.getByRole('link', { name }).click();
  await expect(barbara.getByRole('heading', { level: 1, name: `Order ${orderId}` })).toBeVisible();
  await expect(barbara.getByRole('region', { name: 'Items' })).toContainText('Plan:');
  await expect(barbara.getByRole('region', { name: 'Shipping to' })).toContainText('98101');
  await screenshot(barbara, 'approval-order');

  await barbara.getByRole('button', { name: 'Approve' }).click();
  const dialog = barbara.getByRole('dialog', { name: `Approve order ${orderId}` });
  await expect(dialog).toContainText(name);
  await dialog.getByLabel('Reason (optional)').fill('Fine for the new project');
  const countAfter = nextBadgeCount(barbara);
  await dialog.getByRole('button', { name: 'Approve order' }).click();
  await expect(barbara.getByRole('status').filter({ hasText: 'Approved. It goes on to the carrier.' })).toBeVisible();
  // The badge follows without a reload: it shows the count asked for after the decision.
  const after = await countAfter;
  await expect.poll(() => approvalsBadge(barbara)).toBe(after);
  await barbara.getByRole('link', { name: '← Approvals' }).click();
  await expect(barbara.getByRole('listitem').filter({ hasText: `Order ${orderId}` })).toHaveCount(0);
  await barbaraContext.close();

  // The employee's page, untouched, follows the order to COMPLETE.
  await expect(status).toHaveText('Complete', { timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Withdraw order' })).toHaveCount(0);
  const approval = page.getByRole('region', { name: 'Approval' });
  await expect(approval).toContainText('Approved by Barbara Andrews');
  await expect(approval).toContainText('Reason: Fine for the new project');
  const history = page.getByRole('list', { name: 'Status history' });
  await expect(history.getByRole('listitem').first()).toContainText('Waiting for approval');
  await expect(history.getByRole('listitem').last()).toContainText('Complete');
  const shipments = page.getByRole('region', { name: 'Shipments' });
  await expect(shipments).toContainText(/tracking \S+/);
  await screenshot(page, 'order-complete');

  // The new line is in My lines: three lines before, four now.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My lines' }).click();
  await expect(page.getByRole('list', { name: 'Lines' }).getByRole('listitem')).toHaveCount(4);
  await screenshot(page, 'lines-after-activation');
});

test('Barbara rejects an order with a reason, which the employee sees on the order', async ({ signedInPage: page, browser, employee, request }) => {
  const api = await apiAs(request, employee.username);
  const orderId = await placeDeactivation(api, employee.serviceIds[1]);
  await page.goto(`/orders/${orderId}`);
  const status = page.getByRole('group', { name: 'Status' });
  await expect(status).toHaveText('Waiting for Barbara Andrews to approve');

  const barbara = await signedInContext(browser, 'barbara.andrews');
  await barbara.goto('/approvals');
  const queued = await queueRow(barbara, orderId);
  await expect(queued).toContainText(`Cancel line ${shownNumber(employee.serviceNumbers[1])}`);
  await queued.getByRole('button', { name: `Reject order ${orderId}` }).click();
  const dialog = barbara.getByRole('dialog', { name: `Reject order ${orderId}` });
  // A rejection needs a reason.
  await dialog.getByRole('button', { name: 'Reject order' }).click();
  await expect(dialog.getByText('Say why, so the requester knows what to change.')).toBeVisible();
  await screenshot(barbara, 'reject-dialog');
  await dialog.getByRole('textbox', { name: 'Reason' }).fill('Keep this line until the project ends');
  await dialog.getByRole('button', { name: 'Reject order' }).click();
  await expect(barbara.getByRole('alert').filter({ hasText: `Order ${orderId}: Rejected. The requester sees your reason on the order.` })).toBeVisible();
  await expect(queued).toHaveCount(0);
  await barbara.context().close();

  await expect(status).toHaveText('Rejected', { timeout: 45_000 });
  const approval = page.getByRole('region', { name: 'Approval' });
  await expect(approval).toContainText('Rejected by Barbara Andrews');
  await expect(approval).toContainText('Reason: Keep this line until the project ends');
  await expect(page.getByRole('button', { name: 'Withdraw order' })).toHaveCount(0);
  await screenshot(page, 'order-rejected');
});

test('an employee withdraws an order; the approver who still has it open is told it no longer waits', async ({
  signedInPage: page,
  browser,
  employee,
  request,
}) => {
  const api = await apiAs(request, employee.username);
  const orderId = await placeDeactivation(api, employee.serviceIds[0]);

  const barbara = await signedInContext(browser, 'barbara.andrews');
  await barbara.goto(`/approvals/${orderId}`);
  await expect(barbara.getByRole('button', { name: 'Approve' })).toBeVisible();
  // Her other browser cannot open the event stream (a proxy refuses it), so its page goes stale.
  const staleBarbara = await signedInContext(browser, 'barbara.andrews');
  await staleBarbara.route('**/mobproc/v1/events', (route) => route.abort());
  await staleBarbara.goto(`/approvals/${orderId}`);
  await expect(staleBarbara.getByRole('button', { name: 'Approve' })).toBeVisible();

  // The employee finds it by filtering My orders, and withdraws it.
  await page.goto('/orders');
  await page.getByRole('combobox', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Waiting for approval' }).click();
  await expect(page).toHaveURL(/status=AWAITING_APPROVAL/);
  await page.getByRole('combobox', { name: 'Type' }).click();
  await page.getByRole('option', { name: 'Cancel line' }).click();
  const rows = page.getByRole('list', { name: 'Orders' }).getByRole('listitem');
  await expect(rows).toHaveCount(1);
  await screenshot(page, 'my-orders-filtered');
  await rows.first().getByRole('link').click();
  await page.getByRole('button', { name: 'Withdraw order' }).click();
  const dialog = page.getByRole('dialog', { name: `Withdraw order ${orderId}?` });
  await expect(dialog).toContainText('cannot be undone');
  await screenshot(page, 'withdraw-dialog');
  // Second thoughts keep the order.
  await dialog.getByRole('button', { name: 'Keep the order' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('group', { name: 'Status' })).toHaveText('Waiting for Barbara Andrews to approve');
  await page.getByRole('button', { name: 'Withdraw order' }).click();
  await dialog.getByLabel('Reason (optional)').fill('Ordered the wrong line');
  await dialog.getByRole('button', { name: 'Withdraw order' }).click();
  await expect(page.getByRole('group', { name: 'Status' })).toHaveText('Cancelled');
  await expect(page.getByText('The order was withdrawn. Nothing will be sent or charged.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Status history' }).getByRole('listitem').last()).toContainText('Ordered the wrong line');
  await expect(page.getByRole('button', { name: 'Withdraw order' })).toHaveCount(0);
  // Nobody waits for an approver of a withdrawn order, before a reload or after it.
  const approval = page.getByRole('region', { name: 'Approval' });
  await expect(approval).toContainText('No decision from Barbara Andrews: the order was withdrawn');
  await expect(approval).not.toContainText('Waiting for');
  await page.reload();
  await expect(approval).toContainText('No decision from Barbara Andrews: the order was withdrawn');
  await expect(approval).not.toContainText('Waiting for');
  const stored = await api.get(`/orders/${orderId}`);
  expect((stored.body as { order: { status: string } }).order.status).toBe('CANCELLED');

  // Filtered list updates without a reload: nothing of that kind waits any more.
  await page.getByRole('link', { name: '← My orders' }).click();
  await expect(page.getByText('No orders match these filters')).toBeVisible();

  // Barbara's open page hears of it from the server's event stream, without a reload: no buttons any more.
  await expect(barbara.getByText('This order is not waiting for approval any more.')).toBeVisible({ timeout: 5_000 });
  await expect(barbara.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await barbara.context().close();

  // The stale page still offers the buttons; the server's answer is put in words.
  await staleBarbara.getByRole('button', { name: 'Approve' }).click();
  await staleBarbara.getByRole('dialog').getByRole('button', { name: 'Approve order' }).click();
  await expect(staleBarbara.getByRole('status').filter({ hasText: /not waiting for approval at the moment|was not needed/ })).toBeVisible();
  await staleBarbara.context().close();
});

test('an approver decides with the keyboard alone, with the focus always visible', async ({ browser, employee, request }) => {
  const orderId = await placeDeactivation(await apiAs(request, employee.username), employee.serviceIds[2]);
  const barbara = await signedInContext(browser, 'barbara.andrews');
  await barbara.goto(`/approvals/${orderId}`);
  await expect(barbara.getByRole('button', { name: 'Approve' })).toBeVisible();

  const focused = () => barbara.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText.trim() ?? '');
  const outline = () => barbara.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  for (let presses = 0; presses < 40 && (await focused()) !== 'APPROVE'; presses += 1) await barbara.keyboard.press('Tab');
  expect(await focused()).toBe('APPROVE');
  expect(await outline()).not.toBe('none');
  await screenshot(barbara, 'keyboard-focus');
  await barbara.keyboard.press('Enter');

  const dialog = barbara.getByRole('dialog', { name: `Approve order ${orderId}` });
  await expect(dialog.getByLabel('Reason (optional)')).toBeFocused();
  await barbara.keyboard.type('Agreed in our one-to-one');
  await barbara.keyboard.press('Tab');
  await barbara.keyboard.press('Tab');
  expect(await focused()).toBe('APPROVE ORDER');
  expect(await outline()).not.toBe('none');
  await barbara.keyboard.press('Enter');
  await expect(barbara.getByRole('status').filter({ hasText: 'Approved. It goes on to the carrier.' })).toBeVisible();
  await barbara.context().close();
});
