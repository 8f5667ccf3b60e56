import { test } from './fixtures.ts';
import { daysFromNow, orderToReview, submit } from './wizard.ts';

test('probe my orders at 375', async ({ signedInPage: page, employee }) => {
  await orderToReview(page, { card: 'Suspend a line', line: employee.serviceNumbers[0], details: { 'Preferred suspension date': daysFromNow(7), 'Reason for suspension': 'Leave of absence' }, typed: [] });
  await submit(page);
  await page.goto('/');
  await orderToReview(page, { card: 'Accessories', line: employee.serviceNumbers[1], typed: [] });
  await submit(page);
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/orders');
    await page.getByRole('heading', { level: 1, name: 'My orders' }).waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: `/tmp/shots15/probe-orders-${width}.png`, fullPage: true });
  }
});
