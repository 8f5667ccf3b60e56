import { test } from '../fixtures.ts';
import { chooseDevice, choosePlan, expectOrderInApi, fillDetails, fillShipping, portToMeridian, submit } from '../wizard.ts';

test('PORT_NUMBER: move a line to a carrier its phone does not work on, with a new device', async ({ signedInPage: page, api, employee }) => {
  await portToMeridian(page, employee.serviceNumbers[0]);
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
