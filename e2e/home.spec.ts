import { expect, test } from '@playwright/test';

test('the first page shows what the MOBPROC server answered', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Order and change your work phone' })).toBeVisible();
  const status = page.getByRole('region', { name: 'Server status' });
  await expect(status.getByText(/MOBPROC 1\.0\.0 answered “hello from the order wizard”/)).toBeVisible();
});

test('an unknown address shows the not-found page, with a way back', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('the first page says so when the server cannot be reached', async ({ page }) => {
  await page.route('**/mobproc/v1/ping**', (route) => route.abort('connectionrefused'));
  await page.goto('/');
  await expect(page.getByText(/The MOBPROC server did not answer/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});
