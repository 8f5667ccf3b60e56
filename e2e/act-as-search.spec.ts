import type { Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures.ts';

/** The act-for dialog opened from the app bar, and its combo box. */
async function openPicker(page: Page) {
  await page.getByRole('button', { name: 'Act for someone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Act for someone' });
  return { dialog, person: dialog.getByRole('combobox', { name: 'Person' }) };
}

test('the service desk types a few letters, picks a person with the keyboard, and the app acts for them', async ({ page }) => {
  // The app asks /me without the whole list: the server announced act-as-search.
  const meAnswer = page.waitForResponse((response) => new URL(response.url()).pathname === '/mobproc/v1/me');
  await signIn(page, 'sam.rivera', 'demo');
  const me = await meAnswer;
  expect(new URL(me.url()).searchParams.get('includeActAs')).toBe('false');
  const meBody = (await me.json()) as Record<string, unknown>;
  expect(meBody).not.toHaveProperty('actAs');
  expect(meBody.canActForOthers).toBe(true);

  const { dialog, person } = await openPicker(page);
  await expect(person).toBeFocused();
  const helper = dialog.getByText(/^Type to search \d+ people\.$/);
  await expect(helper).toBeVisible();
  expect(Number(/(\d+)/.exec((await helper.textContent()) ?? '')![1])).toBeGreaterThan(40);

  const searches: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/mobproc/v1/me/act-as') searches.push(url.searchParams.get('search') ?? '');
  });
  await person.pressSequentially('cast', { delay: 40 });
  const options = page.getByRole('option');
  await expect(options).toHaveCount(1);
  // Name and e-mail with department, so two people of one name can be told apart.
  await expect(options.first()).toContainText('Frank Castle');
  await expect(options.first()).toContainText(/frank\.castle@\S+ · Sales/);
  await expect(dialog.getByText('1 match.')).toBeVisible();
  // Typed at a person's pace, the four letters were one search (a stall of the browser may split them), not one per key.
  expect(searches.at(-1)).toBe('cast');
  expect(searches.length).toBeLessThan(4);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: '/tmp/act-for-search-1280.png' });

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(person).toHaveValue('Frank Castle');
  await dialog.getByRole('button', { name: 'Act for Frank Castle' }).press('Enter');

  await expect(page.getByRole('region', { name: 'Acting for someone' })).toContainText('Acting for Frank Castle');
  await expect(page.getByRole('heading', { level: 1, name: 'Lines of Frank Castle' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New order' }).click();
  await expect(page.getByText('Ordering for Frank Castle (signed in as Sam Rivera).')).toBeVisible();
});

test('on a phone, a two-letter search finds people by the start of a name, and nobody the desk may not act for', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, 'sam.rivera', 'demo');
  const { person } = await openPicker(page);
  const searched = page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === '/mobproc/v1/me/act-as' && url.searchParams.get('search') === 'fr';
  });
  await person.fill('fr');
  // The server searched: the phone never holds the company's list.
  expect((await searched).status()).toBe(200);
  await expect(page.getByRole('option', { name: /Frank Castle/ })).toBeVisible();
  // Only people a name or e-mail of whom starts with the letters: not the first page of everyone.
  await expect(page.getByRole('option', { name: /Barbara Andrews/ })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/act-for-search-375.png' });
  // The picker fits the phone: nothing sideways to scroll.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // The directory has the service account and Sam himself; neither is someone to act for.
  await person.fill('Service Desk');
  await expect(page.getByText('No one you may act for matches')).toBeVisible();
  await person.fill('rivera');
  await expect(page.getByRole('option', { name: /Angela Rivera/ })).toBeVisible();
  await expect(page.getByRole('option', { name: /Sam Rivera/ })).toHaveCount(0);
});
