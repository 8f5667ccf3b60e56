import { expect, test } from '../fixtures.ts';
import { chooseDevice, choosePlan, expectOrderInApi, expectStep, fillDetails, fillShipping, next, skipAccessories, startOrder, submit, postalCodeLabel } from '../wizard.ts';

test('NEW_ACTIVATION: a new line with a device and plan, from the start page to an order ID', async ({ signedInPage: page, api }) => {
  const calls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/mobproc/') || url.pathname.startsWith('/oauth/')) calls.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  await startOrder(page, 'New line');
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
  await chooseDevice(page);
  await choosePlan(page);
  await skipAccessories(page);
  await fillDetails(page);
  await fillShipping(page);
  await expect(page.getByRole('region', { name: 'Items' })).toContainText('Device');
  const orderId = await submit(page);
  // Every server call from the start page to the order ID, for the note; a budget so a
  // regression (a query in a render loop, a missing cache) fails here.
  test.info().annotations.push({ type: 'API calls', description: `${calls.length}:\n${calls.join('\n')}` });
  expect(calls.length).toBeLessThanOrEqual(20);
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for Barbara Andrews to approve' })).toBeVisible();
  const order = await expectOrderInApi(api, orderId, 'NEW_ACTIVATION');
  expect(order.status).toBe('AWAITING_APPROVAL');
});
