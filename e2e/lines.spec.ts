import { createOrderingEmployee } from '../src/server/storage/seed/factories.ts';
import { expect, test } from './fixtures.ts';
import { apiAs, screenshot, signedInContext } from './tracking-helpers.ts';
import { expectStep, fillDetails, next, numberPattern, shownNumber, submit } from './wizard.ts';

const shown = shownNumber;

/**
 * Today in the demo company's time zone: a suspension dated then takes effect at once, where a
 * later date would keep the order waiting for that day (MOBPROC §4.6).
 */
const companyToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date());

test('a care order from a line’s action menu: suspend it, then reactivate it once that is complete', async ({ signedInPage: page, employee }) => {
  test.setTimeout(120_000);
  const number = shown(employee.serviceNumbers[0]);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My lines' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My lines' })).toBeVisible();
  const line = page.getByRole('listitem', { name: number });
  await expect(line).toContainText('Active');
  await screenshot(page, 'lines');

  await line.getByRole('button', { name: `Actions for line ${number}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Swap device' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: 'Reactivate line' })).toHaveCount(0);
  await screenshot(page, 'line-actions');
  await page.getByRole('menuitem', { name: 'Suspend line' }).click();
  await expect(page).toHaveURL(/\/order\/SUSPEND\//);
  // The wizard opens with that line already chosen.
  await expectStep(page, 'Which line is this for?');
  await expect(page.getByRole('radio', { name: numberPattern(employee.serviceNumbers[0]) })).toBeChecked();
  await next(page);
  await fillDetails(page, { 'Preferred suspension date': companyToday(), 'Reason for suspension': 'Leave of absence' });
  const suspendId = await submit(page);
  await page.getByRole('link', { name: 'View the order' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Order ${suspendId}` })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Status' })).toHaveText('Complete', { timeout: 45_000 });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My lines' }).click();
  await expect(line).toContainText('Suspended');
  await line.getByRole('button', { name: `Actions for line ${number}` }).click();
  await expect(page.getByRole('menuitem', { name: 'Suspend line' })).toHaveCount(0);
  await page.getByRole('menuitem', { name: 'Reactivate line' }).click();
  await expectStep(page, 'Which line is this for?');
  await expect(page.getByRole('radio', { name: numberPattern(employee.serviceNumbers[0]) })).toBeChecked();
  await next(page);
  await fillDetails(page);
  const unsuspendId = await submit(page);
  expect(unsuspendId).not.toBe(suspendId);
  await page.getByRole('link', { name: 'View the order' }).click();
  await expect(page.getByRole('group', { name: 'Status' })).toHaveText('Complete', { timeout: 45_000 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My lines' }).click();
  await expect(line).toContainText('Active');
});

test('lines are searched by number on the server and paged through its links', async ({ signedInPage: page, employee }) => {
  await page.goto('/lines');
  await expect(page.getByRole('list', { name: 'Lines' }).getByRole('listitem')).toHaveCount(3);
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/mobproc/v1/assets/services?')) requests.push(request.url());
  });
  await page.getByRole('searchbox', { name: 'Search by number' }).fill(employee.serviceNumbers[2].slice(-5));
  await expect(page.getByRole('list', { name: 'Lines' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('listitem', { name: shown(employee.serviceNumbers[2]) })).toContainText('Suspended');
  expect(requests.some((url) => new URL(url).searchParams.get('search') === employee.serviceNumbers[2].slice(-5))).toBe(true);
  await expect(page).toHaveURL(/q=/);
  await page.getByRole('searchbox', { name: 'Search by number' }).fill('0000000000');
  await expect(page.getByText('No line matches “0000000000”')).toBeVisible();
});

test('Barbara moves a line of her team to another employee, charges and all', async ({ browser, request, db, employee }) => {
  const receiver = await createOrderingEmployee(db, { now: new Date(), label: 'line receiver' });
  const barbara = await signedInContext(browser, 'barbara.andrews');
  await barbara.goto('/lines');
  await barbara.getByRole('combobox', { name: 'Whose' }).click();
  await barbara.getByRole('option', { name: 'Every line I can see' }).click();
  // Barbara sees her whole team's lines, more than one page of them.
  const pages = barbara.getByRole('navigation', { name: 'Pages of lines' });
  await expect(pages.getByText(/^1–10 of \d+ lines$/)).toBeVisible();
  await pages.getByRole('button', { name: 'Next' }).click();
  await expect(barbara).toHaveURL(/offset=10/);
  await expect(pages.getByText(/^11–\d+ of \d+ lines$/)).toBeVisible();

  const number = shown(employee.serviceNumbers[1]);
  await barbara.getByRole('searchbox', { name: 'Search by number' }).fill(employee.serviceNumbers[1]);
  const line = barbara.getByRole('listitem', { name: number });
  await expect(line).toContainText(`Taylor Fixture ${employee.employeeId}`);
  await line.getByRole('button', { name: `Actions for line ${number}` }).click();
  await barbara.getByRole('menuitem', { name: 'Move line to another employee' }).click();
  const dialog = barbara.getByRole('dialog', { name: `Move line ${shown(employee.serviceNumbers[1])}` });
  // Confirming without an owner says what is missing.
  await dialog.getByRole('button', { name: 'Move line' }).click();
  await expect(dialog.getByText('Choose who gets the line.')).toBeVisible();
  await dialog.getByRole('combobox', { name: 'New owner' }).fill(`Fixture ${receiver.employeeId}`);
  await barbara.getByRole('option', { name: new RegExp(`Taylor Fixture ${receiver.employeeId}`) }).click();
  await dialog.getByRole('radio', { name: 'Move all charges to the new owner' }).check();
  await screenshot(barbara, 'move-line');
  await dialog.getByRole('button', { name: `Move to Taylor Fixture ${receiver.employeeId}` }).click();
  await expect(barbara.getByRole('alert').filter({ hasText: `Line ${number} now belongs to Taylor Fixture ${receiver.employeeId}.` })).toBeVisible();
  await expect(line).toContainText(`Taylor Fixture ${receiver.employeeId}`);

  const api = await apiAs(request, receiver.username);
  const moved = await api.get(`/assets/services/${employee.serviceIds[1]}`);
  expect(moved.status).toBe(200);
  expect((moved.body as { employee: { id: string } }).employee.id).toBe(String(receiver.employeeId));
  await barbara.context().close();
});

test('when the server fails, My lines says so and Retry brings the lines', async ({ signedInPage: page }) => {
  let failing = true;
  await page.route('**/mobproc/v1/assets/services?**', async (route) => {
    if (!failing) return route.continue();
    await route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ status: 'ERROR', errors: [{ status: 503, id: 'e2e', errorCode: '503-UNAVAILABLE', message: 'The server is busy.' }] }),
    });
  });
  await page.goto('/lines');
  const problem = page.getByRole('alert').filter({ hasText: 'Could not load lines: The server is busy.' });
  await expect(problem).toBeVisible({ timeout: 20_000 });
  failing = false;
  await problem.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('list', { name: 'Lines' }).getByRole('listitem')).toHaveCount(3);
});
