import { expect, signIn, test } from './fixtures.ts';
import { expectStep, next, postalCodeLabel, startOrder } from './wizard.ts';

test.use({ viewport: { width: 375, height: 800 } });

test('a search the server refuses says so under the act-for box, not "Searching…" for ever', async ({ page }) => {
  await signIn(page, 'sam.rivera', 'demo');
  await page.getByRole('button', { name: 'Act for someone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Act for someone' });
  const person = dialog.getByRole('combobox', { name: 'Person' });
  // Longer than the 100 characters a search may have: the server answers 400.
  await person.fill('x'.repeat(150));
  await expect(dialog.getByRole('status')).toHaveText(/^The search failed: Search must be 100 characters or fewer\./);
  // The list under the box, which covers that line on a phone, says it too.
  await expect(page.getByText('Searching…')).toBeHidden();
  await expect(page.getByText(/^The search failed/)).toHaveCount(2);
  await expect(dialog.getByRole('button', { name: 'Act for them' })).toBeDisabled();
  // A search it accepts after that is answered as usual.
  await person.fill('cast');
  await expect(page.getByRole('option', { name: /Frank Castle/ })).toBeVisible();
  await expect(dialog.getByRole('status')).toHaveText('1 match.');
});

test('a people search the server refuses says it failed when moving a line, not "No one found"', async ({ page }) => {
  await signIn(page, 'barbara.andrews', 'demo');
  await page.goto('/lines');
  await page.getByRole('button', { name: /^Actions for line / }).first().click();
  await page.getByRole('menuitem', { name: 'Move line to another employee' }).click();
  const dialog = page.getByRole('dialog', { name: /^Move line / });
  const owner = dialog.getByRole('combobox', { name: 'New owner' });
  await owner.fill('x'.repeat(150));
  await expect(page.getByText('The search failed: Search must be 100 characters or fewer.')).toBeVisible();
  await expect(page.getByText('No one found')).toBeHidden();
  await owner.fill('cast');
  await expect(page.getByRole('option', { name: /Frank Castle/ })).toBeVisible();
});

test('a search longer than the server takes says so under its box and is not sent: My lines and the device catalog', async ({ signedInPage: page }) => {
  await page.goto('/lines');
  const lines = page.getByRole('list', { name: 'Lines' });
  await expect(lines.getByRole('listitem').first()).toBeVisible();
  const byNumber = page.getByRole('searchbox', { name: 'Search by number' });
  await byNumber.fill('5'.repeat(101));
  await expect(page.getByText('Search must be 100 characters or fewer.')).toBeVisible();
  await expect(byNumber).toHaveAttribute('aria-invalid', 'true');
  // The last list stays, with no failed load and no retry that would fail again.
  await expect(lines.getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  // Sixty accented letters typed decomposed are sixty characters, not 120.
  await byNumber.fill('e\u0301'.repeat(60));
  await expect(page.getByText('Search must be 100 characters or fewer.')).toBeHidden();
  await expect(page.getByText(/^No line matches/)).toBeVisible();

  await page.goto('/');
  await startOrder(page, 'New line');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
  await expectStep(page, 'Choose a device');
  const devices = page.getByRole('searchbox', { name: 'Search devices' });
  await devices.fill('x'.repeat(101));
  await expect(page.getByText('Search must be 100 characters or fewer.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Devices' }).getByRole('listitem').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Retry' })).toHaveCount(0);
});
