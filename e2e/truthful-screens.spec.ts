import { transactionType } from '../src/contract/reference.ts';
import { createServiceDeskPerson } from '../src/server/storage/seed/factories.ts';
import { expect, signIn, test } from './fixtures.ts';
import { chooseLine, expectStep, next, portToMeridian, startOrder } from './wizard.ts';

test('a port whose phone cannot move says it needs a device, not that it can go on without one', async ({ signedInPage: page, employee }) => {
  await portToMeridian(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Choose a device');
  await expect(page.getByRole('button', { name: 'No new device' })).toHaveCount(0);
  await next(page);
  await expect(page.getByText('Choose a device: this order needs one.')).toBeVisible();
  await expect(page.getByRole('main')).not.toContainText('without one');
});

test('cancelling a line says what it means before the review: the number is lost, the device may have to go back', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Cancel a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Order details');
  const warning = page.getByRole('note', { name: 'What this order means' });
  await expect(warning).toContainText('its number is released and cannot be had back');
  await expect(warning).toContainText('the device to be returned');
});

test('a Continue that finds problems moves the focus to the first of them and says how many there are', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[1]);
  await expectStep(page, 'Order details');
  await page.getByLabel('Contact number').fill('');
  await next(page);
  await expect(page.getByLabel('Preferred suspension date')).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: '3 fields need your attention; the first one has the focus.' })).toBeVisible();
});

test('upgrade: a line not yet eligible says so, and that choosing it is an early upgrade', async ({ signedInPage: page }) => {
  await startOrder(page, 'Upgrade');
  await expectStep(page, 'Which line is this for?');
  const early = page.getByRole('radio', { name: /Not eligible until/ });
  await expect(early.first()).toBeVisible();
  await expect(page.getByText('Early upgrade: it needs an extra approval (your manager’s manager).')).toBeVisible();
});

test('the location step names the postal code the way the country’s shipping address does', async ({ signedInPage: page }) => {
  await startOrder(page, 'New line');
  await expectStep(page, 'Where will you use the line?');
  await expect(page.getByLabel('ZIP code')).toBeVisible();
  await page.getByRole('combobox', { name: 'Country' }).click();
  await page.getByRole('option', { name: 'United Kingdom' }).click();
  await expect(page.getByLabel('Postcode')).toBeVisible();
});

test('upgrade: the stepper names the new and the current device apart, and the plan list marks the line’s current plan', async ({ signedInPage: page }) => {
  await startOrder(page, 'Upgrade');
  await expectStep(page, 'Which line is this for?');
  const steps = page.getByLabel('Order steps');
  await expect(steps).toContainText('New device');
  await expect(steps).toContainText('Current device');
  await expect(steps.getByText(/^Devices?$/)).toHaveCount(0);
  await page.getByRole('radio', { name: /^(?!.*Not eligible until)/ }).first().check();
  await next(page);
  await expectStep(page, 'Choose a device');
  await page.getByRole('button', { name: 'No new device' }).click();
  await expectStep(page, 'Choose a plan');
  const plans = page.getByRole('radiogroup', { name: 'Plans' });
  await expect(plans.getByRole('radio', { name: /Your current plan/ })).toHaveCount(1);
});

test('someone with no lines of their own who may act for others is told to act for someone first, and cannot Continue into nothing', async ({ page, db }) => {
  const agent = await createServiceDeskPerson(db, { now: new Date(), label: 'no-lines' });
  await signIn(page, agent.username, agent.password);
  // The start page offers no card that changes a line, and says why and what to do.
  await expect(page.getByText('You have no lines of your own.')).toBeVisible();
  await expect(page.getByRole('link', { name: /^Upgrade / })).toHaveCount(0);
  const upgrade = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Upgrade' }) });
  await expect(upgrade).toContainText('Choose “Act for…” at the top first.');
  await expect(page.getByRole('link', { name: /^New line / })).toBeVisible();
  // Reached by its address all the same, the line step says it too.
  await page.goto(`/order/${transactionType.enum.UPGRADE}`);
  await expectStep(page, 'Which line is this for?');
  await expect(page.getByRole('alert')).toContainText('choose “Act for…” at the top and pick them first');
  await expect(page.getByRole('main')).not.toContainText('You have no lines yet');
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Act for someone' })).toBeVisible();
});

test('a restricted type gives a reason that is true: nobody in the app can release Peter’s line, so it does not send him to ask', async ({ page }) => {
  await signIn(page, 'peter.edwards', 'demo');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Take a line private' }) });
  await expect(card).toContainText('Not available:');
  await expect(card).toContainText('cannot be taken private, not even by IT');
  await expect(card).not.toContainText(/\bask\b/i);
});
