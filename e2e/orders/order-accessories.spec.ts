import { test } from '../fixtures.ts';
import { chooseLine, expectOrderInApi, expectStep, fillDetails, fillShipping, next, startOrder, submit } from '../wizard.ts';

test('ORDER_ACCESSORIES: accessories for the phone on a line', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Accessories');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Choose accessories');
  await page.getByRole('list', { name: 'Accessories' }).getByRole('checkbox').first().check();
  await next(page);
  await fillDetails(page);
  await fillShipping(page);
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'ORDER_ACCESSORIES');
});
