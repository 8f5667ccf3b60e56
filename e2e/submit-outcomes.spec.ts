import { expect, test } from './fixtures.ts';
import { chooseLine, daysFromNow, expectStep, fillDetails, startOrder } from './wizard.ts';

const isSubmit = (url: URL, method: string) => method === 'POST' && url.pathname.endsWith('/mobproc/v1/orders') && !url.searchParams.has('confirm');
const isOrderList = (url: URL, method: string) => method === 'GET' && url.pathname.endsWith('/mobproc/v1/orders');

test('an order stored while its answer was lost is found by its reference, after a failed look-up, and never sent twice', async ({
  signedInPage: page,
  api,
  employee,
}) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await fillDetails(page, { 'Preferred suspension date': daysFromNow(22), 'Reason for suspension': 'Leave of absence' });
  await expectStep(page, 'Review your order');

  // The server stores the order, then the connection drops before its answer arrives; the first
  // look-up for it fails too.
  let submits = 0;
  let lookUps = 0;
  await page.route(
    (url) => url.pathname.includes('/mobproc/v1/orders'),
    async (route) => {
      const url = new URL(route.request().url());
      const method = route.request().method();
      if (isSubmit(url, method)) {
        submits += 1;
        await route.fetch();
        await route.abort('connectionreset');
      } else if (isOrderList(url, method) && (lookUps += 1) === 1) {
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    },
  );
  await page.getByRole('button', { name: 'Submit order' }).click();

  await expect(page.getByRole('alert').filter({ hasText: 'cannot tell yet whether it was placed' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Submit order' })).toBeDisabled();
  // A reload does not make it submittable either: the draft remembers it was sent.
  await page.reload();
  await expectStep(page, 'Order placed');
  const orderId = (await page.getByTestId('order-id').textContent())?.trim();
  expect(submits).toBe(1);
  expect(lookUps).toBeGreaterThanOrEqual(2);

  const list = (await api.get(`/orders?employee=${employee.employeeId}&transactionType=SUSPEND&limit=10&offset=0`)) as {
    orders: { items: { orderId: string; externalOrderNumber?: string }[] };
  };
  expect(list.orders.items.map((order) => order.orderId)).toEqual([orderId]);
  expect(list.orders.items[0]!.externalOrderNumber).toMatch(/^WZ-[2-9A-Z]{14}$/);
});

test('a look-up that fails can be asked again, and an order that never arrived may be submitted again, with the same key, once the look-up window is over', async ({
  signedInPage: page,
  api,
  employee,
}) => {
  // The app keeps looking for an unanswered order for a minute after it was sent.
  test.setTimeout(150_000);
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, employee.serviceNumbers[0]);
  await fillDetails(page, { 'Preferred suspension date': daysFromNow(22), 'Reason for suspension': 'Leave of absence' });
  await expectStep(page, 'Review your order');

  // The submit never reaches the server, and the first look-up fails.
  let lookUps = 0;
  let dropSubmit = true;
  const keys: (string | undefined)[] = [];
  await page.route(
    (url) => url.pathname.includes('/mobproc/v1/orders'),
    async (route) => {
      const url = new URL(route.request().url());
      const method = route.request().method();
      if (isSubmit(url, method)) keys.push(await route.request().headerValue('idempotency-key') ?? undefined);
      if (isSubmit(url, method) && dropSubmit) await route.abort('connectionreset');
      else if (isOrderList(url, method) && (lookUps += 1) === 1) await route.abort('connectionreset');
      else await route.continue();
    },
  );
  await page.getByRole('button', { name: 'Submit order' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'cannot tell yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Check again' }).click();
  // One empty look-up proves nothing: it goes on looking, and offers no submit meanwhile.
  await expect(page.getByRole('status').filter({ hasText: 'Checking whether your order arrived' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Submit/ })).toBeDisabled();
  const notThere = page.getByRole('alert').filter({ hasText: 'has not appeared among your orders' });
  await expect(notThere).toBeVisible({ timeout: 90_000 });
  await expect(notThere).not.toContainText(/nothing was ordered/i);
  expect(lookUps).toBeGreaterThan(2);

  dropSubmit = false;
  await expect(page.getByRole('button', { name: 'Submit again' })).toBeEnabled();
  await page.getByRole('button', { name: 'Submit again' }).click();
  await expectStep(page, 'Order placed');
  const list = (await api.get(`/orders?employee=${employee.employeeId}&transactionType=SUSPEND&limit=10&offset=0`)) as { orders: { items: unknown[] } };
  expect(list.orders.items).toHaveLength(1);
  // Our server announces idempotency-key: the repeat carries the first send's key, so it is safe.
  expect(keys).toHaveLength(2);
  expect(keys[0]).toBeTruthy();
  expect(keys[1]).toBe(keys[0]);
});
