import { expect, test } from '../fixtures.ts';
import { chooseLine, expectOrderInApi, expectStep, fillDetails, next, startOrder, submit } from '../wizard.ts';

test('UPDATE_FEATURES: add a feature to a line', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Change features');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Change features');
  await page.getByRole('checkbox', { name: /^Add / }).first().check();
  await next(page);
  await fillDetails(page);
  await expect(page.getByRole('region', { name: 'Items' })).toContainText('Add');
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'UPDATE_FEATURES');
});

test('SWAP_DEVICES: move a line to the spare phone', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Swap device');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Which devices?');
  await page.getByRole('radiogroup', { name: 'Your spare devices' }).getByRole('radio').first().check();
  await next(page);
  await fillDetails(page, { 'Reason for the swap': 'Prefer the other device' });
  await expect(page.getByRole('region', { name: 'Devices' })).toContainText('New device');
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'SWAP_DEVICES');
});
