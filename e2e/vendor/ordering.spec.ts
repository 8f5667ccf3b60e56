import { chooseDevice, chooseLine, choosePlan, expectStep, fillDetails, next, skipAccessories, startOrder, submit } from '../wizard.ts';
import { dateFromToday, expect, expectExactlyOneOrder, fillVendorShipping, openOrderPage, test, vendorOrigin } from './vendor-test.ts';

/**
 * The wizard against a server that answers only as the vendor documents MOBPROC: no extensions, the
 * vendor's own token path, its bare errors, its CORS. Every step, the review, the order number and
 * the order page, and exactly one order stored per submit.
 */

test('NEW_ACTIVATION on the vendor-shaped server: a new line with a device and plan', async ({ vendorPage: page, vendor }) => {
  const calls: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === vendorOrigin) calls.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  await startOrder(page, 'New line');
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(/ZIP|Postal/).fill('04101');
  await next(page);
  await expectStep(page, 'Choose a device');
  // The catalog's pictures come from the server's own origin, which the app's CSP must allow.
  const picture = page.locator(`img[src^="${vendorOrigin}/images/devices/"]`).first();
  await expect(picture).toBeVisible();
  await expect.poll(() => picture.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await chooseDevice(page, /View Kestrel K20/);
  await choosePlan(page);
  await skipAccessories(page);
  // The carrier's contact number comes pre-filled from the properties answer.
  await fillDetails(page);
  await fillVendorShipping(page);
  await expectStep(page, 'Review your order');
  const items = page.getByRole('region', { name: 'Items' });
  await expect(items).toContainText('Kestrel K20 (128GB) - Harbor Grey');
  await expect(items).toContainText('Gullwing');
  // The server's cost summary: the device once, the plan monthly.
  await expect(page.getByRole('main')).toContainText('$289.00');
  const orderId = await submit(page);
  // Every call to the server from the start page to the order number (images included).
  test.info().annotations.push({ type: 'calls to the vendor-shaped server', description: `${calls.length}:\n${calls.join('\n')}` });
  const stored = await expectExactlyOneOrder(vendor);
  expect(stored).toMatchObject({ orderId, transactionType: 'NEW_ACTIVATION' });
  await openOrderPage(page, orderId, /New line/);
});

test('UPGRADE on the vendor-shaped server: a new phone and plan for a line', async ({ vendorPage: page, vendor, person }) => {
  await startOrder(page, 'Upgrade');
  await chooseLine(page, person.lines[0]!.serviceNumber);
  await chooseDevice(page, /View Kestrel K40 Pro/);
  await choosePlan(page);
  await skipAccessories(page);
  await expectStep(page, 'Your current device');
  // Pre-filled from the line's device asset, which the vendor's service detail carries.
  await expect(page.getByRole('textbox', { name: /Current device: serial number/ })).not.toHaveValue('');
  await next(page);
  // The properties come by the new plan's carrier (no service given), so the server gives no
  // default for the line number: the app starts it with the chosen line's number.
  await expectStep(page, 'Order details');
  await expect(page.getByRole('textbox', { name: 'Line number' })).toHaveValue(person.lines[0]!.serviceNumber);
  await fillDetails(page, { 'Why the upgrade': 'Due for a new phone' });
  await fillVendorShipping(page);
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('region', { name: 'Items' })).toContainText('Kestrel K40 Pro (256GB) - Storm Blue');
  const orderId = await submit(page);
  const stored = await expectExactlyOneOrder(vendor);
  expect(stored).toMatchObject({ orderId, transactionType: 'UPGRADE' });
  await openOrderPage(page, orderId, /Upgrade/);
});

test('SUSPEND on the vendor-shaped server: a care order whose confirmation has no cost summary', async ({ vendorPage: page, vendor, person }) => {
  await startOrder(page, 'Suspend a line');
  await chooseLine(page, person.lines[0]!.serviceNumber);
  await fillDetails(page, { 'Suspend from': dateFromToday(21) });
  await expectStep(page, 'Review your order');
  // What the confirmation holds: the line and the properties with the server's labels.
  await expect(page.getByRole('main')).toContainText(person.lines[0]!.serviceNumber.slice(-4));
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('Suspend from');
  const orderId = await submit(page);
  const stored = await expectExactlyOneOrder(vendor);
  expect(stored).toMatchObject({ orderId, transactionType: 'SUSPEND' });
  await openOrderPage(page, orderId, /Suspend/);
});

test('PORT_NUMBER on the vendor-shaped server: a GSM line to the CDMA carrier, with a new phone', async ({ vendorPage: page, vendor, person }) => {
  await startOrder(page, 'Change carrier');
  await chooseLine(page, person.lines[0]!.serviceNumber);
  await expectStep(page, 'Which carrier should the line move to?');
  await page.getByRole('combobox', { name: 'New carrier' }).click();
  await page.getByRole('option', { name: /Lighthouse Cellular/ }).click();
  await next(page);
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(/ZIP|Postal/).fill('04101');
  await next(page);
  // The line's phone is GSM, the new carrier CDMA (from /vendors/{id}): a new phone is needed.
  await chooseDevice(page, /View Plover/);
  await choosePlan(page);
  await expectStep(page, 'Order details');
  await expect(page.getByRole('textbox', { name: 'Line number' })).toHaveValue(person.lines[0]!.serviceNumber);
  await fillDetails(page, { 'Account number at the current carrier': 'GW-448812', 'Name on the current invoice': 'Sam Tester' });
  await fillVendorShipping(page);
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('region', { name: 'Items' })).toContainText('Lighthouse Shared 25GB');
  const orderId = await submit(page);
  const stored = await expectExactlyOneOrder(vendor);
  expect(stored).toMatchObject({ orderId, transactionType: 'PORT_NUMBER' });
  await openOrderPage(page, orderId, /Change carrier/);
});

test('DEACTIVATE on the vendor-shaped server: end a suspended line', async ({ vendorPage: page, vendor, person }) => {
  await startOrder(page, 'Cancel a line');
  await chooseLine(page, person.lines[2]!.serviceNumber);
  await fillDetails(page, { 'End the line on': dateFromToday(40) });
  const orderId = await submit(page);
  const stored = await expectExactlyOneOrder(vendor);
  expect(stored).toMatchObject({ orderId, transactionType: 'DEACTIVATE' });
  await openOrderPage(page, orderId, /Cancel|Deactivate/);
});

test('ORDER_ACCESSORIES on the vendor-shaped server: a charger for the phone on a line', async ({ vendorPage: page, vendor, person }) => {
  await startOrder(page, 'Accessories');
  await chooseLine(page, person.lines[1]!.serviceNumber);
  await expectStep(page, /accessories/i);
  await page.getByRole('checkbox', { name: /USB-C Vehicle Charger/ }).check();
  await next(page);
  await fillDetails(page);
  await fillVendorShipping(page);
  await expectStep(page, 'Review your order');
  await expect(page.getByRole('region', { name: 'Items' })).toContainText('USB-C Vehicle Charger 30W');
  const orderId = await submit(page);
  const stored = await expectExactlyOneOrder(vendor);
  expect(stored).toMatchObject({ orderId, transactionType: 'ORDER_ACCESSORIES' });
  await openOrderPage(page, orderId, /Accessories/);
});
