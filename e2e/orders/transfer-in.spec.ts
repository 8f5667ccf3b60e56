import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures.ts';
import { acceptTerms, chooseCurrentCarrier, chooseDevice, choosePlan, expectOrderInApi, expectStep, fillDetails, fillShipping, next, skipAccessories, startOrder, submit, postalCodeLabel } from '../wizard.ts';

/** The carrier step, then the location step in Seattle. */
async function fromSummitInSeattle(page: Page) {
  await chooseCurrentCarrier(page, /Summit Wireless/);
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
}

test('XFER_SERVICE_IN: a personal number joins the company on the same carrier, keeping the phone', async ({ signedInPage: page, api }) => {
  await startOrder(page, 'Bring your number');
  await fromSummitInSeattle(page);
  await expectStep(page, 'Choose a device');
  await next(page, 'No new device');
  await choosePlan(page);
  await fillDetails(page, {
    'Personal mobile number to transfer': '2065550177',
    'Account number with the current carrier': 'PERS-9876',
    'Name on the current invoice': 'Taylor Fixture',
  });
  await acceptTerms(page);
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'XFER_SERVICE_IN');
});

test('XFER_SERVICE_IN_AND_PORT: a personal number joins the company on another carrier with a new phone', async ({ signedInPage: page, api }) => {
  await startOrder(page, 'Bring your number to another carrier');
  await fromSummitInSeattle(page);
  await expectStep(page, 'Choose a device');
  await page.getByRole('combobox', { name: 'Carrier' }).click();
  await page.getByRole('option', { name: 'Meridian Mobile' }).click();
  await chooseDevice(page, /View .* on Meridian Mobile/);
  await choosePlan(page);
  await skipAccessories(page);
  await fillDetails(page, {
    'Personal mobile number to transfer': '2065550178',
    'Current carrier name': 'Summit Wireless',
    'Account number with the current carrier': 'PERS-5555',
    'Port-out PIN (4–8 digits)': '2468',
    'Name on the current invoice': 'Taylor Fixture',
  });
  await acceptTerms(page);
  await fillShipping(page);
  await expect(page.getByRole('region', { name: 'Current carrier' })).toContainText('Summit Wireless');
  const orderId = await submit(page);
  await expectOrderInApi(api, orderId, 'XFER_SERVICE_IN_AND_PORT');
});
