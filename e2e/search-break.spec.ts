import { expect, signIn, test } from './fixtures.ts';

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
