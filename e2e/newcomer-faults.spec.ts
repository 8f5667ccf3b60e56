import { createServiceDeskPerson } from '../src/server/storage/seed/factories.ts';
import { expect, signIn, test } from './fixtures.ts';
import { chooseLine, daysFromNow, expectStep, next, orderToReview, postalCodeLabel, startOrder, submit } from './wizard.ts';

test('every page names the browser tab after itself, and no two pages share a name', async ({ page, employee }) => {
  const titles: string[] = [];
  const expectTitle = async (title: string) => {
    await expect(page).toHaveTitle(`${title} — MOBPROC Order Wizard`);
    titles.push(title);
  };
  await page.goto('/sign-in');
  await expectTitle('Sign in');
  await signIn(page, employee.username, employee.password);
  await expectTitle('New order');
  for (const [link, title] of [
    ['My lines', 'My lines'],
    ['My orders', 'My orders'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expectTitle(title);
  }
  await page.goto('/settings/connection');
  await expectTitle('Connection settings');
  await page.goto('/');
  await startOrder(page, 'Suspend a line');
  await expectStep(page, 'Which line is this for?');
  await expectTitle('Line — Suspend a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Order details');
  await expectTitle('Details — Suspend a line');
  await page.goto('/no-such-page');
  await expectTitle('Page not found');
  expect(new Set(titles).size).toBe(titles.length);
});

test('signing out forgets the person’s drafts, whom they acted for and their tokens (a shared computer)', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Order details');
  const personal = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('mobproc.') && key !== 'mobproc.connection.v1'));
  await expect.poll(personal).toContainEqual(expect.stringMatching(/^mobproc\.draft\./));
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  expect(await personal()).toEqual([]);
  await signIn(page, employee.username, employee.password);
  await expect(page.getByText(/You have an unfinished/)).toHaveCount(0);
});

test('a preferred date in the past is refused at its field on the details step, not first at the review', async ({ signedInPage: page, employee }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await expectStep(page, 'Order details');
  await page.getByLabel('Preferred suspension date').fill(daysFromNow(-2));
  await page.getByLabel('Reason for suspension').click();
  await page.getByRole('option', { name: 'Leave of absence' }).click();
  await next(page);
  await expectStep(page, 'Order details');
  await expect(page.getByLabel('Preferred suspension date')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/A preferred date cannot be before today/)).toBeVisible();
  await expect(page.getByLabel('Preferred suspension date')).toBeFocused();
});

test('at 375 px the app’s name stays on one line, and an order’s prices do not break inside', async ({ signedInPage: page, db }) => {
  await orderToReview(page, { card: 'New line', typed: [{ step: 'location', label: postalCodeLabel, value: '98101' }] });
  await submit(page);
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/orders');
  await expect(page.getByRole('heading', { level: 1, name: 'My orders' })).toBeVisible();
  const oneLine = async (locator: ReturnType<typeof page.getByText>) => {
    const box = await locator.boundingBox();
    const lineHeight = await locator.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
    expect(box!.height, (await locator.textContent()) ?? '').toBeLessThan(lineHeight * 1.5);
  };
  await oneLine(page.getByText(/^\$[\d,.]+ \+ \$[\d,.]+\/mo$/));
  // Someone with more buttons in the bar (the service desk's "Act for…").
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('menuitem', { name: /^Sign out/ }).click();
  const agent = await createServiceDeskPerson(db, { now: new Date(), label: 'narrow' });
  await signIn(page, agent.username, agent.password);
  await oneLine(page.getByRole('banner').getByRole('link').first());
});
