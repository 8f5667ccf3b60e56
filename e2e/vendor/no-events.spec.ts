import type { Request } from '@playwright/test';
import { signIn } from '../fixtures.ts';
import { connectToVendor, expect, test, vendorOrigin } from './vendor-test.ts';

/**
 * A server that does not announce `events` (the vendor's) gets no `GET /events` at all, and the
 * badge and the approvals queue keep polling every minute as they always did.
 */
test('without events the app opens no stream and the approvals badge and queue poll every minute', async ({ page }) => {
  // The page's timers run on a clock the spec moves, so a minute of polling takes no minute.
  await page.clock.install();
  const requests: Request[] = [];
  const answered: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).origin === vendorOrigin) requests.push(request);
  });
  page.on('requestfinished', (request) => {
    if (new URL(request.url()).origin === vendorOrigin) answered.push(request);
  });
  await connectToVendor(page, { tenant: 'TIDEWATER', clientId: 'tidewater-web' });
  await signIn(page, 'odalys.fenwick', 'tide-demo');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /^Approvals/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
  await expect(page.getByText('All caught up')).toBeVisible();

  const isOrderList = (request: Request) => request.method() === 'GET' && new URL(request.url()).pathname === '/mobproc/v1/orders';
  const listsBefore = requests.filter(isOrderList).length;
  const answeredBefore = answered.filter(isOrderList).length;
  await page.clock.runFor(61_000);
  // The badge's count and the queue, each asked again once — and answered: a poll due while its
  // last question is still out is not asked twice, so the next minute starts from the answers.
  await expect.poll(() => requests.filter(isOrderList).length - listsBefore).toBeGreaterThanOrEqual(2);
  await expect.poll(() => answered.filter(isOrderList).length - answeredBefore).toBeGreaterThanOrEqual(2);
  await page.clock.runFor(61_000);
  await expect.poll(() => requests.filter(isOrderList).length - listsBefore).toBeGreaterThanOrEqual(4);

  expect(requests.filter((request) => new URL(request.url()).pathname.endsWith('/events')), 'event-stream requests').toEqual([]);
  await expect(page.getByText('All caught up')).toBeVisible();
});
