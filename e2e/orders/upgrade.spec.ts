import { expect, test } from '../fixtures.ts';
import { chooseDevice, chooseLine, choosePlan, expectOrderInApi, expectStep, fillDetails, fillShipping, next, skipAccessories, startOrder, submit } from '../wizard.ts';

test('UPGRADE: a new device and plan for an existing line', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Upgrade');
  await chooseLine(page, employee.serviceNumbers[0]);
  await chooseDevice(page, /View iPhone 16 on Summit Wireless/);
  await choosePlan(page);
  await skipAccessories(page);
  await expectStep(page, 'Your current device');
  // Prefilled from the line's device asset.
  await expect(page.getByRole('textbox', { name: /Current device: serial number/ })).not.toHaveValue('');
  await next(page);
  await fillDetails(page, { 'Reason for the new device': 'Eligible for upgrade' });
  await fillShipping(page);
  const orderId = await submit(page);
  const order = await expectOrderInApi(api, orderId, 'UPGRADE');
  expect(order).toMatchObject({ serviceNumber: employee.serviceNumbers[0] });
});
