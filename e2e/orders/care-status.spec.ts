import { expect, test } from '../fixtures.ts';
import { chooseLine, daysFromNow, expectOrderInApi, fillDetails, startOrder, submit } from '../wizard.ts';

test('SUSPEND: pause an active line from a date', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await fillDetails(page, { 'Preferred suspension date': daysFromNow(21), 'Reason for suspension': 'Leave of absence' });
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'SUSPEND');
});

test('UNSUSPEND: reactivate the suspended line', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Reactivate a line');
  await chooseLine(page, employee.serviceNumbers[2]);
  // USER defaults to the person's own employee ID.
  await expect(page.getByLabel(/Employee ID of the user/)).toHaveValue(employee.companyEmployeeId);
  await fillDetails(page);
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'UNSUSPEND');
});

test('DEACTIVATE: cancel a line, which waits for the manager', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Cancel a line');
  await chooseLine(page, employee.serviceNumbers[1]);
  await fillDetails(page, { 'Preferred deactivation date': daysFromNow(45), 'Reason for deactivation': 'Line no longer needed' });
  await expect(page.getByText('This order will wait for Barbara Andrews to approve it')).toBeVisible();
  const orderId = await submit(page);
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for Barbara Andrews to approve' })).toBeVisible();
  const order = await expectOrderInApi(api, orderId, 'DEACTIVATE');
  expect(order.status).toBe('AWAITING_APPROVAL');
});

test('XFER_SERVICE_OUT: a company line becomes personal', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Take a line private');
  await chooseLine(page, employee.serviceNumbers[1]);
  await fillDetails(page, { 'Personal email address': 'taylor@example.com', 'Name for the new personal account': 'Taylor Fixture' });
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'XFER_SERVICE_OUT');
  // The placed order is done with: the start page offers no draft to resume.
  await page.getByRole('button', { name: 'Start another order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
  await expect(page.getByText(/You have an unfinished/)).toHaveCount(0);
});
