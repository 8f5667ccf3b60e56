import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Where the app bar's parts are: the bar, the app's name (short on a phone), the connection settings link. */
async function appBarLayout(page: Page) {
  const banner = page.getByRole('banner');
  const title = banner.getByRole('link', { name: /^(MOBPROC )?Order Wizard$/ });
  return {
    bar: await banner.boundingBox(),
    name: (await title.innerText()).trim(),
    title: await title.boundingBox(),
    settings: await banner.getByRole('link', { name: 'Connection settings' }).boundingBox(),
  };
}

for (const width of [375, 1280]) {
  test(`at ${width} px, index.html paints the app bar before any script runs, where the app then draws it`, async ({ browser, baseURL }) => {
    const withoutScript = await browser.newContext({ baseURL, javaScriptEnabled: false, viewport: { width, height: 800 } });
    const withScript = await browser.newContext({ baseURL, viewport: { width, height: 800 } });
    try {
      const shell = await withoutScript.newPage();
      await shell.goto('/sign-in');
      await expect(shell.getByRole('status')).toHaveText('Loading…');
      await expect(shell.getByRole('banner').getByRole('link', { name: 'Connection settings' })).toHaveAttribute('href', '/settings/connection');
      const painted = await appBarLayout(shell);

      const app = await withScript.newPage();
      await app.goto('/sign-in');
      await expect(app.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
      await expect(app.getByRole('status').filter({ hasText: 'Loading…' })).toHaveCount(0);
      const drawn = await appBarLayout(app);

      // The bar and the settings link stand exactly where they were; the name starts where it did.
      expect(drawn.bar).toEqual(painted.bar);
      expect(drawn.name).toBe(painted.name);
      expect(drawn.settings).toEqual(painted.settings);
      expect({ x: drawn.title!.x, y: drawn.title!.y, height: drawn.title!.height }).toEqual({ x: painted.title!.x, y: painted.title!.y, height: painted.title!.height });
    } finally {
      await withoutScript.close();
      await withScript.close();
    }
  });
}

test('the sign-in page does not move once drawn (no layout shift while the server’s answers arrive)', async ({ page }) => {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    Object.assign(window, { layoutShifts: shifts });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) shifts.push((entry as PerformanceEntry & { value: number }).value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in with your company' })).toBeVisible();
  // Long enough for a late answer to have pushed something around.
  await page.waitForTimeout(1000);
  const total = await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts.reduce((sum, value) => sum + value, 0));
  expect(total).toBeLessThan(0.01);
});
