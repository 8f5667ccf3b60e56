import { test } from '../fixtures.ts';
import { chooseDevice, chooseLine, choosePlan, expectOrderInApi, expectStep, fillDetails, fillShipping, next, startOrder, submit, postalCodeLabel } from '../wizard.ts';

test('PORT_NUMBER: move a line to a carrier its phone does not work on, with a new device', async ({ signedInPage: page, api, employee }) => {
  await startOrder(page, 'Change carrier');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Which carrier should the line move to?');
  await page.getByRole('combobox', { name: 'New carrier' }).click();
  await page.getByRole('option', { name: /Meridian Mobile/ }).click();
  await next(page);
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
  // The line's GSM phone cannot work on a CDMA carrier: the wizard asks for a device.
  await chooseDevice(page);
  await choosePlan(page);
  await fillDetails(page, {
    'Account number with the current carrier': 'ACCT-1234',
    'Port-out PIN (4–8 digits)': '4321',
    'Name on the account being ported': 'Taylor Fixture',
  });
  await fillShipping(page);
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'PORT_NUMBER');
});
