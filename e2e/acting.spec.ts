import { expect, signIn, test } from './fixtures.ts';
import { apiAs, screenshot } from './tracking-helpers.ts';
import { chooseLine, expectStep, fillDetails, fillShipping, next, startOrder, submit } from './wizard.ts';

const PETER_ID = '1001';
const BARBARA_ID = '1002';
const ALICE_ID = '1003';

test('Alice acts for Barbara: she orders for her, and the order names Barbara as holder and Alice as requester', async ({ page, request }) => {
  test.setTimeout(120_000);
  const barbaraApi = await apiAs(request, 'barbara.andrews');
  const barbaraLines = await barbaraApi.get(`/assets/services?limit=10&offset=0&employee=${BARBARA_ID}&status=ACTIVE`);
  const barbaraNumber = (barbaraLines.body as { services: { items: { serviceNumber: string }[] } }).services.items[0]!.serviceNumber;

  await signIn(page, 'alice.nguyen', 'demo');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'My orders' })).toBeVisible();
  // Alice approves nothing herself.
  await expect(nav.getByRole('link', { name: /^Approvals/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Act for someone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Act for someone' });
  const person = dialog.getByRole('combobox', { name: 'Person' });
  // She may act for Barbara only: Peter is not offered.
  await person.fill('Peter');
  await expect(page.getByText('No one you may act for matches')).toBeVisible();
  await person.fill('Barbara');
  await page.getByRole('option', { name: /Barbara Andrews/ }).click();
  await screenshot(page, 'act-for-dialog');
  await dialog.getByRole('button', { name: 'Act for Barbara Andrews' }).click();

  const banner = page.getByRole('region', { name: 'Acting for someone' });
  await expect(banner).toContainText('Acting for Barbara Andrews');
  await expect(page.getByRole('heading', { level: 1, name: 'Lines of Barbara Andrews' })).toBeVisible();
  await expect(page.getByRole('listitem', { name: new RegExp(barbaraNumber.slice(-4)) })).toBeVisible();
  // Barbara approves, so while Alice acts for her the approvals are there too.
  await expect(nav.getByRole('link', { name: /^Approvals/ })).toBeVisible();
  await screenshot(page, 'acting-lines');
  // A reload keeps the choice.
  await page.reload();
  await expect(banner).toContainText('Acting for Barbara Andrews');

  // Alice orders accessories for Barbara's phone.
  await nav.getByRole('link', { name: 'New order' }).click();
  await startOrder(page, 'Accessories');
  await chooseLine(page, barbaraNumber);
  await expectStep(page, 'Choose accessories');
  await page.getByRole('list', { name: 'Accessories' }).getByRole('checkbox').first().check();
  await next(page);
  await fillDetails(page);
  await fillShipping(page);
  const orderId = await submit(page);
  await page.getByRole('link', { name: 'View the order' }).click();
  const who = page.getByRole('region', { name: 'Who' });
  await expect(who).toContainText('For Barbara Andrews, requested by Alice Nguyen');
  await screenshot(page, 'acting-order');

  const aliceApi = await apiAs(request, 'alice.nguyen');
  const stored = await aliceApi.get(`/orders/${orderId}`, { 'X-TNGO-CONTEXT-EMPLOYEEID': BARBARA_ID });
  expect(stored.status).toBe(200);
  const order = (stored.body as { order: { accountHolder: { id: string }; requestedBy: { id: string } } }).order;
  expect(order.accountHolder.id).toBe(BARBARA_ID);
  expect(order.requestedBy.id).toBe(ALICE_ID);

  // The way back: Alice is herself again, and approvals go away.
  await banner.getByRole('button', { name: 'Back to myself' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'My lines' })).toBeVisible();
  await expect(nav.getByRole('link', { name: /^Approvals/ })).toHaveCount(0);
});

test('Alice cannot act for Peter: the server refuses, and a forged choice in the browser is dropped', async ({ page, request }) => {
  const aliceApi = await apiAs(request, 'alice.nguyen');
  const refused = await aliceApi.get('/me', { 'X-TNGO-CONTEXT-EMPLOYEEID': PETER_ID });
  expect(refused.status).toBe(403);

  await signIn(page, 'alice.nguyen', 'demo');
  await page.evaluate((peter) => {
    localStorage.setItem('mobproc.actor.v1:ACME/alice.nguyen', JSON.stringify({ id: peter, firstName: 'Peter', lastName: 'Edwards' }));
  }, PETER_ID);
  await page.goto('/lines');
  // The server refuses every call for Peter; the app lets go of him and shows Alice's own lines.
  await expect(page.getByRole('heading', { level: 1, name: 'My lines' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Acting for someone' })).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.getItem('mobproc.actor.v1:ACME/alice.nguyen'))).toBeNull();
});

test('the service desk (sam.rivera, a person) finds one person among everyone he may act for, and sees their lines', async ({ page, employee }) => {
  await signIn(page, 'sam.rivera', 'demo');
  await page.getByRole('button', { name: 'Act for someone' }).click();
  const dialog = page.getByRole('dialog', { name: 'Act for someone' });
  // The server announces act-as-search: the picker searches it, and says how many there are to search.
  const helper = dialog.getByText(/^Type to search \d+ people\.$/);
  await expect(helper).toBeVisible();
  expect(Number(/(\d+)/.exec((await helper.textContent()) ?? '')![1])).toBeGreaterThan(40);
  await dialog.getByRole('combobox', { name: 'Person' }).fill(`Fixture ${employee.employeeId}`);
  await expect(page.getByRole('option')).toHaveCount(1);
  await page.getByRole('option', { name: new RegExp(`Taylor Fixture ${employee.employeeId}`) }).click();
  await dialog.getByRole('button', { name: `Act for Taylor Fixture ${employee.employeeId}` }).click();
  await expect(page.getByRole('region', { name: 'Acting for someone' })).toContainText(`Acting for Taylor Fixture ${employee.employeeId}`);
  await expect(page.getByRole('heading', { level: 1, name: `Lines of Taylor Fixture ${employee.employeeId}` })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Lines' }).getByRole('listitem')).toHaveCount(3);
});
