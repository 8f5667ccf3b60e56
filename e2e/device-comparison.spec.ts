import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures.ts';
import { expectStep, next, postalCodeLabel, startOrder } from './wizard.ts';

test('the device step compares up to three devices side by side, from the keyboard and at phone width', async ({ signedInPage: page }) => {
  await startOrder(page, 'New line');
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
  await expectStep(page, 'Choose a device');

  const boxes = page.getByRole('list', { name: 'Devices' }).getByRole('checkbox', { name: /^Compare / });
  const compare = page.getByRole('button', { name: /^Compare \d* ?devices$/ });
  await expect(compare).toBeDisabled();
  await boxes.nth(0).check();
  // The keyboard ticks a box as well as the mouse does.
  await boxes.nth(1).focus();
  await page.keyboard.press('Space');
  await expect(boxes.nth(1)).toBeChecked();
  await boxes.nth(2).check();
  // A fourth would not fit a phone's width: the other boxes are off until one is unticked.
  await expect(boxes.nth(3)).toBeDisabled();
  const names = await Promise.all([0, 1, 2].map(async (index) => ((await boxes.nth(index).getAttribute('aria-label')) ?? '').replace(/^Compare /, '')));

  await page.setViewportSize({ width: 375, height: 740 });
  await page.getByRole('button', { name: 'Compare 3 devices' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare devices' });
  const table = dialog.getByRole('table');
  for (const name of names) await expect(table.getByRole('columnheader', { name, exact: true })).toBeVisible();
  for (const row of ['Price', 'Storage', 'Colours', 'Display', 'Battery']) await expect(table.getByRole('rowheader', { name: row })).toBeVisible();
  // Every device's price, storage choices and colours are in its own column.
  const price = table.getByRole('row', { name: /^Price/ }).getByRole('cell');
  await expect(price).toHaveCount(3);
  for (const cell of await price.all()) await expect(cell).toHaveText(/\$\d/);
  for (const cell of await table.getByRole('row', { name: /^Storage/ }).getByRole('cell').all()) await expect(cell).toHaveText(/GB/);
  for (const cell of await table.getByRole('row', { name: /^Colours/ }).getByRole('cell').all()) await expect(cell).not.toHaveText('—');
  // At 375 px the dialog is the whole screen and the page itself does not scroll sideways.
  const box = await dialog.boundingBox();
  expect(box?.width).toBeLessThanOrEqual(375);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // Nor does anything inside the dialog: the third device's column is on screen, not beyond a scroll.
  const scrollsSideways = await dialog.evaluate((root) =>
    [root, ...root.querySelectorAll('*')].filter((element) => element.scrollWidth > element.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(element).overflowX)).length,
  );
  expect(scrollsSideways).toBe(0);
  for (const name of names) {
    const header = await table.getByRole('columnheader', { name, exact: true }).boundingBox();
    expect(header!.x + header!.width).toBeLessThanOrEqual(box!.x + box!.width);
  }
  // Each property's name is readable: whole, on one line.
  for (const row of ['Price', 'Storage', 'Colours', 'Display', 'Battery']) {
    const lines = await table.getByRole('rowheader', { name: row }).evaluate((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(lines, row).toBe(1);
  }

  const axe = await new AxeBuilder({ page }).include('[role="dialog"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Compare 3 devices' }).click();
  await dialog.getByRole('button', { name: `Choose ${names[1]}…` }).click();
  await expect(page.getByRole('dialog', { name: names[1]?.replace(/ on .*$/, '') })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Choose this device' })).toBeEnabled();
});

test('while the next devices load, the last list stays readable (axe-clean), marked busy under a progress bar', async ({ signedInPage: page }) => {
  await startOrder(page, 'New line');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
  await expectStep(page, 'Choose a device');
  const list = page.getByRole('list', { name: 'Devices' });
  await expect(list.getByRole('listitem').first()).toBeVisible();

  // The next answer is held until the screen has been checked, as on a slow phone connection.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/mobproc\/v1\/catalog\/devices\?/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByLabel('Manufacturer').click();
  await page.getByRole('option').nth(1).click();
  await expect(page.getByRole('progressbar', { name: 'Loading devices' })).toBeVisible();
  await expect(list).toHaveAttribute('aria-busy', 'true');
  await expect(list.getByRole('listitem').first()).toBeVisible();
  // Dimmed to 0.6, the list's text failed WCAG contrast here.
  expect(await list.evaluate((element) => getComputedStyle(element).opacity)).toBe('1');
  await new AxeBuilder({ page }).include('main').withTags(['wcag2aa']).analyze().then((results) => {
    expect(results.violations.filter((violation) => violation.id === 'color-contrast').flatMap((violation) => violation.nodes.map((node) => node.target.join(' ')))).toEqual([]);
  });
  release();
  await expect(page.getByRole('progressbar', { name: 'Loading devices' })).toBeHidden();
  await expect(list).toHaveAttribute('aria-busy', 'false');
});
