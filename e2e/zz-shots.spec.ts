import { expect, test } from './fixtures.ts';
import { choosePlan, expectStep, fillDetails, fillShipping, next, postalCodeLabel, startOrder } from './wizard.ts';

const shot = (name: string) => `/tmp/shots15/${name}.png`;

test('shots: review at quantity 2, and the device comparison', async ({ signedInPage: page }) => {
  await startOrder(page, 'New line');
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
  await expectStep(page, 'Choose a device');
  const boxes = page.getByRole('list', { name: 'Devices' }).getByRole('checkbox', { name: /^Compare / });
  for (const index of [0, 1, 2]) await boxes.nth(index).check();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.getByRole('button', { name: 'Compare 3 devices' }).click();
    await expect(page.getByRole('dialog', { name: 'Compare devices' }).getByRole('table')).toBeVisible();
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot(`comparison-${width}`) });
    await page.keyboard.press('Escape');
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: /View / }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Quantity').fill('2');
  await dialog.getByRole('button', { name: 'Choose this device' }).click();
  await choosePlan(page);
  await expectStep(page, /accessories/i);
  await page.getByRole('list', { name: 'Accessories' }).getByRole('checkbox').first().check();
  await next(page);
  await fillDetails(page);
  await fillShipping(page);
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeEnabled();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot(`review-quantity-2-${width}`), fullPage: true });
  }
});

test('shots: the upgrade line step', async ({ signedInPage: page }) => {
  await startOrder(page, 'Upgrade');
  await expectStep(page, 'Which line is this for?');
  await expect(page.getByRole('radiogroup', { name: 'Your lines' })).toBeVisible();
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot(`upgrade-line-${width}`), fullPage: true });
  }
});
