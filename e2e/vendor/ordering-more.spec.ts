import type { Page } from '@playwright/test';
import { chooseDevice, chooseLine, choosePlan, expectStep, fillDetails, next, skipAccessories, startOrder, submit } from '../wizard.ts';
import { expect, expectExactlyOneOrder, fillVendorShipping, openOrderPage, test } from './vendor-test.ts';

/** The other transaction types the vendor-shaped server answers, each to its order page. */

test('UNSUSPEND on the vendor-shaped server: reactivate the suspended line', async ({ vendorPage: page, vendor, person }) => {
  await startOrder(page, 'Reactivate a line');
  await chooseLine(page, person.lines[2]!.serviceNumber);
  await fillDetails(page);
  const orderId = await submit(page);
  expect(await expectExactlyOneOrder(vendor)).toMatchObject({ orderId, transactionType: 'UNSUSPEND' });
  await openOrderPage(page, orderId, /Reactivate/);
});

test('UPDATE_FEATURES on the vendor-shaped server: add a feature the line does not have', async ({ vendorPage: page, vendor, person }) => {
  await startOrder(page, 'Change features');
  await chooseLine(page, person.lines[0]!.serviceNumber);
  await expectStep(page, 'Change features');
  await page.getByRole('checkbox', { name: /Voicemail to text/ }).check();
  await next(page);
  await fillDetails(page);
  await expect(page.getByRole('region', { name: 'Items' })).toContainText('Voicemail to text');
  const orderId = await submit(page);
  expect(await expectExactlyOneOrder(vendor)).toMatchObject({ orderId, transactionType: 'UPDATE_FEATURES' });
  await openOrderPage(page, orderId, /Change features/);
});

test('SWAP_DEVICES on the vendor-shaped server: move a line to the spare phone', async ({ vendorPage: page, vendor, person }) => {
  await startOrder(page, 'Swap device');
  await chooseLine(page, person.lines[1]!.serviceNumber);
  await expectStep(page, 'Which devices?');
  await page.getByRole('radiogroup', { name: 'Your spare devices' }).getByRole('radio').first().check();
  await next(page);
  await fillDetails(page);
  const orderId = await submit(page);
  expect(await expectExactlyOneOrder(vendor)).toMatchObject({ orderId, transactionType: 'SWAP_DEVICES' });
  await openOrderPage(page, orderId, /Swap device/);
});

test('XFER_SERVICE_OUT on the vendor-shaped server: a company line becomes personal', async ({ vendorPage: page, vendor, person }) => {
  await startOrder(page, 'Take a line private');
  await chooseLine(page, person.lines[1]!.serviceNumber);
  await fillDetails(page, { 'Personal email': 'sam.tester@example.com' });
  const orderId = await submit(page);
  expect(await expectExactlyOneOrder(vendor)).toMatchObject({ orderId, transactionType: 'XFER_SERVICE_OUT' });
  await openOrderPage(page, orderId, /Take line private/);
});

async function chooseCurrentCarrier(page: Page, name: string) {
  await expectStep(page, 'Which carrier is your personal number with?');
  await page.getByRole('combobox', { name: 'Current carrier' }).click();
  await page.getByRole('option', { name: new RegExp(name) }).click();
  await next(page);
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(/ZIP|Postal/).fill('04101');
  await next(page);
}

/** The carrier's notices and acknowledgements (`/acknowledgements`), all accepted. */
async function acceptTerms(page: Page) {
  await expectStep(page, 'Before you continue');
  await expect(page.getByText('Before you bring your number')).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(2);
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await next(page);
}

const transferDetails = {
  'Number to bring over': '2075553311',
  'Account number at the current carrier': 'PERS-2231',
  'Name on the current invoice': 'Sam Tester',
};

test('XFER_SERVICE_IN on the vendor-shaped server: a personal number joins on the same carrier', async ({ vendorPage: page, vendor }) => {
  await startOrder(page, 'Bring your number');
  await chooseCurrentCarrier(page, 'Gullwing Mobile');
  await expectStep(page, 'Choose a device');
  await next(page, 'No new device');
  await choosePlan(page);
  await fillDetails(page, transferDetails);
  await acceptTerms(page);
  const orderId = await submit(page);
  expect(await expectExactlyOneOrder(vendor)).toMatchObject({ orderId, transactionType: 'XFER_SERVICE_IN' });
  await openOrderPage(page, orderId, /Bring your number/);
});

test('XFER_SERVICE_IN_AND_PORT on the vendor-shaped server: a personal number joins another carrier with a new phone', async ({ vendorPage: page, vendor }) => {
  await startOrder(page, 'Bring your number to another carrier');
  await chooseCurrentCarrier(page, 'Gullwing Mobile');
  await expectStep(page, 'Choose a device');
  await page.getByRole('combobox', { name: 'Carrier' }).click();
  await page.getByRole('option', { name: 'Lighthouse Cellular' }).click();
  await chooseDevice(page, /View Plover/);
  await choosePlan(page);
  await skipAccessories(page);
  await fillDetails(page, transferDetails);
  await acceptTerms(page);
  await fillVendorShipping(page);
  const orderId = await submit(page);
  expect(await expectExactlyOneOrder(vendor)).toMatchObject({ orderId, transactionType: 'XFER_SERVICE_IN_AND_PORT' });
  await openOrderPage(page, orderId, /Bring your number to another carrier/);
});
