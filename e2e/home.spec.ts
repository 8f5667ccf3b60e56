import { expect, test } from './fixtures.ts';

test('the start page is the order cards, without the server’s greeting; the connection settings show what the server answered', async ({ signedInPage: page, employee }) => {
  await expect(page.getByRole('banner').getByText(`Taylor Fixture ${employee.employeeId}`)).toBeVisible();
  await expect(page.getByRole('link', { name: /^New line [A-Z]/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Server status' })).toHaveCount(0);
  await expect(page.getByRole('main')).not.toContainText('hello from the order wizard');
  await page.getByRole('link', { name: 'Connection settings' }).click();
  const status = page.getByRole('region', { name: 'Server status' });
  await expect(status.getByText(/MOBPROC 1\.0\.0 answered “hello from the order wizard”/)).toBeVisible();
});

test('the start page is behind sign-in and the sign-in page lists the demo logins', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await expect(page.getByLabel('Company')).toHaveValue('ACME');
  await expect(page.getByRole('note', { name: 'Demo logins' })).toContainText('peter.edwards');
});

test('a wrong password is refused with a message, and the form stays', async ({ page, employee }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(employee.username);
  await page.getByLabel(/^Password/).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
});

test('sign-out revokes the session: the start page asks to sign in again', async ({ signedInPage: page }) => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
});

test('an unknown address shows the not-found page, with a way back', async ({ page }) => {
  await page.goto('/no/such/page');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in', exact: true })).toBeVisible();
});

test('the start page says so when the server cannot be reached', async ({ signedInPage: page }) => {
  await page.route('**/mobproc/v1/ping**', (route) => route.abort('connectionrefused'));
  await page.reload();
  await expect(page.getByText(/The MOBPROC server did not answer/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('a page whose code cannot load (the app was updated meanwhile) offers a reload inside the app', async ({ signedInPage: page }) => {
  // The start page is in; every further chunk now fails, as after a deploy with new hashes.
  await page.route('**/assets/*.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.getByRole('link', { name: 'My lines' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A new version of the app is available' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'My orders' })).toBeVisible();
  await page.unroute('**/assets/*.js');
  await page.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My lines' })).toBeVisible();
});

test('a home card focused from the keyboard shows a ring that is whole (not clipped by the card) and contrasts 3:1 with the card', async ({ signedInPage: page }) => {
  const card = page.getByRole('link', { name: /^New line [A-Z]/ });
  await expect(card).toBeVisible();
  // Tab until the card has the focus, as a keyboard user would.
  for (let presses = 0; presses < 30 && !(await card.evaluate((element) => element === document.activeElement)); presses += 1) await page.keyboard.press('Tab');
  await expect(card).toBeFocused();
  const ring = await card.evaluate((element) => {
    const style = getComputedStyle(element);
    const width = parseFloat(style.outlineWidth);
    const offset = parseFloat(style.outlineOffset);
    const rect = element.getBoundingClientRect();
    // The ring's outer edge, and the box of the nearest ancestor that clips its content.
    const outer = { left: rect.left - offset - width, top: rect.top - offset - width, right: rect.right + offset + width, bottom: rect.bottom + offset + width };
    let clip: DOMRect | null = null;
    for (let parent = element.parentElement; parent && !clip; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflow !== 'visible') clip = parent.getBoundingClientRect();
    }
    let backdrop = element as Element | null;
    while (backdrop && ['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(backdrop).backgroundColor)) backdrop = backdrop.parentElement;
    return {
      style: style.outlineStyle,
      width,
      inside: !clip || (outer.left >= clip.left - 0.5 && outer.top >= clip.top - 0.5 && outer.right <= clip.right + 0.5 && outer.bottom <= clip.bottom + 0.5),
      colour: style.outlineColor,
      background: backdrop ? getComputedStyle(backdrop).backgroundColor : 'rgb(255, 255, 255)',
    };
  });
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(ring.inside).toBe(true);
  const luminance = (rgb: string) => {
    const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((part) => {
      const channel = Number(part) / 255;
      return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [light, dark] = [luminance(ring.colour), luminance(ring.background)].sort((a, b) => b - a);
  expect(((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05)).toBeGreaterThanOrEqual(3);
});
