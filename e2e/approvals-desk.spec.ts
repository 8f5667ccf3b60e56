import type { Page } from '@playwright/test';
import { expectAxeClean } from './axe.ts';
import { expect, test } from './fixtures.ts';
import { apiAs, placeDeactivation, signedInContext } from './tracking-helpers.ts';
import { chooseDevice, choosePlan, expectStep, fillDetails, fillShipping, next, postalCodeLabel, skipAccessories, startOrder, submit } from './wizard.ts';

/**
 * The manager's desk (issue 16): a question before deciding, two approval levels, an approval
 * delegate, several orders decided at once, and axe on every new screen. Each spec's orders belong
 * to its own employee (reporting to Barbara), so the desk is opened filtered to that person.
 */

const SHOTS = '/tmp/shots16';

/** A whole page, or only what is on screen (a dialog covers the screen; the page under it is not what is looked at). */
async function shoot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

/** The person's row of a queue filtered to them, by order number. */
const row = (page: Page, orderId: string) => page.getByRole('list', { name: 'Orders awaiting approval' }).getByRole('listitem').filter({ hasText: `Order ${orderId}` });

test('a phone of $1,000 or more: Barbara asks, the employee answers, Barbara and then IT Mobility approve, and it completes', async ({
  signedInPage: page,
  browser,
  employee,
}) => {
  test.setTimeout(180_000);
  const name = `Taylor Fixture ${employee.employeeId}`;

  await startOrder(page, 'New line');
  await expectStep(page, 'Where will you use the line?');
  await page.getByLabel(postalCodeLabel).fill('98101');
  await next(page);
  await chooseDevice(page, /View Galaxy S25 Ultra/);
  await choosePlan(page);
  await skipAccessories(page);
  await fillDetails(page, { Justification: 'Field engineer on the night on-call rota; the old phone no longer charges.' });
  await fillShipping(page);
  await expectStep(page, 'Review your order');
  await expect(page.getByText('This order will wait for approval by Barbara Andrews, then IT Mobility before it goes to the carrier.')).toBeVisible();
  const orderId = await submit(page);

  // Barbara, in her own browser, finds it in her queue filtered to the employee, with the reason and the wait.
  const barbara = await signedInContext(browser, 'barbara.andrews');
  await barbara.goto(`/approvals?person=${employee.employeeId}`);
  const queued = row(barbara, orderId);
  await expect(queued).toContainText('Field engineer on the night on-call rota');
  await expect(queued).toContainText('waiting less than a day');
  await expect(queued).toContainText(/\$1,\d{3}\.\d\d/);
  await expect(barbara.getByRole('combobox', { name: 'Person' })).toHaveText(name);
  await shoot(barbara, 'queue-with-justification-1280');

  // The order dialog: both levels, the person's lines and other open orders.
  await queued.getByRole('button', { name: `Details of order ${orderId}` }).click();
  const dialog = barbara.getByRole('dialog', { name: `Order ${orderId}: ${name}` });
  const levels = dialog.getByRole('list', { name: 'Approval levels' });
  await expect(levels.getByRole('listitem')).toHaveText(['Level 1: Waiting for Barbara Andrews', 'Level 2: Then IT Mobility']);
  await expect(dialog.getByRole('region', { name: `${name}’s lines` }).getByRole('listitem')).toHaveCount(3);
  await expect(dialog.getByRole('region', { name: `${name}’s other open orders` })).toContainText('None.');
  await expectAxeClean(barbara, 'the order dialog');
  await shoot(barbara, 'order-dialog-1280', false);
  await barbara.setViewportSize({ width: 375, height: 800 });
  await shoot(barbara, 'order-dialog-375', false);
  await expectAxeClean(barbara, 'the order dialog at 375 px');
  await barbara.setViewportSize({ width: 1280, height: 800 });

  // She asks a question instead of deciding.
  await dialog.getByRole('button', { name: 'Ask a question' }).click();
  const ask = barbara.getByRole('dialog', { name: `Ask a question about order ${orderId}` });
  await ask.getByRole('button', { name: 'Send question' }).click();
  await expect(ask.getByText('Write the question the requester should answer.')).toBeVisible();
  await expectAxeClean(barbara, 'the ask-a-question dialog');
  await ask.getByRole('textbox', { name: 'Your question' }).fill('Would the Pixel at half the price do the job?');
  await ask.getByRole('button', { name: 'Send question' }).click();
  await expect(barbara.getByRole('alert').filter({ hasText: `Order ${orderId}: Question sent.` })).toBeVisible();
  await expect(queued).toHaveCount(0);

  // My orders says it needs the employee's answer; the order page shows the question.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' }).click();
  const mine = page.getByRole('listitem').filter({ hasText: `order ${orderId}` });
  await expect(mine).toContainText('Needs your answer');
  await mine.getByRole('link').click();
  await expect(page.getByRole('group', { name: 'Status' })).toHaveText('Waiting for an answer to a question');
  const question = page.getByRole('region', { name: 'Barbara Andrews asks you a question' });
  await expect(question).toContainText('Would the Pixel at half the price do the job?');
  await expect(page.getByRole('button', { name: 'Withdraw order' })).toBeVisible();
  await question.getByRole('button', { name: 'Send answer' }).click();
  await expect(question.getByText('Write your answer to the question.')).toBeVisible();
  await expectAxeClean(page, 'the order page with a question');
  await question.getByRole('textbox', { name: 'Your answer' }).fill('No: the night work needs the S Pen for signatures on site.');
  await question.getByRole('button', { name: 'Send answer' }).click();
  const status = page.getByRole('group', { name: 'Status' });
  await expect(status).toHaveText('Waiting for Barbara Andrews to approve');

  // Back at Barbara's level: she approves; the order goes on to IT Mobility.
  await barbara.reload();
  await queued.getByRole('button', { name: `Approve order ${orderId}` }).click();
  await barbara.getByRole('dialog', { name: `Approve order ${orderId}` }).getByRole('button', { name: 'Approve order' }).click();
  await expect(barbara.getByRole('alert').filter({ hasText: `Order ${orderId}: Approved.` })).toBeVisible();
  await expect(status).toHaveText('Waiting for IT Mobility to approve');

  // "Decided by me" lists it with the decision and its date.
  await barbara.getByRole('navigation', { name: 'Approvals views' }).getByRole('link', { name: 'Decided by me' }).click();
  await expect(barbara).toHaveURL(/view=decided/);
  const decided = barbara.getByRole('list', { name: 'Orders you decided' }).getByRole('listitem').filter({ hasText: `Order ${orderId}` });
  await expect(decided).toContainText(/Approved on \w{3} \d{1,2}, \d{4}/);
  await expectAxeClean(barbara, 'decided by me');
  await barbara.context().close();

  // Nina, of the IT Mobility group, decides the second level.
  const nina = await signedInContext(browser, 'nina.patel');
  // Her order page offers her the decision too (it used to offer it only to a person level's approver).
  await nina.goto(`/orders/${orderId}`);
  await expect(nina.getByRole('link', { name: 'Approve or reject' })).toHaveAttribute('href', `/approvals/${orderId}`);
  await nina.goto(`/approvals?person=${employee.employeeId}`);
  const second = row(nina, orderId);
  await expect(second).toContainText('For IT Mobility');
  await second.getByRole('button', { name: `Approve order ${orderId}` }).click();
  await nina.getByRole('dialog', { name: `Approve order ${orderId}` }).getByRole('button', { name: 'Approve order' }).click();
  await expect(nina.getByRole('alert').filter({ hasText: `Order ${orderId}: Approved.` })).toBeVisible();
  await nina.context().close();

  // The employee's page follows it to the end; levels and history name everyone.
  await expect(status).toHaveText('Complete', { timeout: 60_000 });
  const approval = page.getByRole('region', { name: 'Approval' });
  await expect(approval.getByRole('listitem')).toHaveText([/^Level 1: Approved by Barbara Andrews/, /^Level 2: Approved by Nina Patel for IT Mobility/]);
  const history = page.getByRole('list', { name: 'Status history' });
  await expect(history).toContainText('Would the Pixel at half the price do the job?');
  await expect(history).toContainText('No: the night work needs the S Pen for signatures on site.');
  await expect(history).toContainText('Barbara Andrews');
  await expect(history).toContainText('Nina Patel');
  await expect(history).toContainText(name);
  await expect(history.getByRole('listitem').last()).toContainText('Complete');
});

test('Barbara names Kevin Zhao her approval delegate for today and tomorrow; he decides her order on her behalf', async ({ browser, employee, request }) => {
  test.setTimeout(120_000);
  const orderId = await placeDeactivation(await apiAs(request, employee.username), employee.serviceIds[0]);

  const barbara = await signedInContext(browser, 'barbara.andrews');
  await barbara.goto('/approvals');
  const away = barbara.getByRole('region', { name: 'Away? Let someone decide for you' });
  await away.getByRole('button', { name: /Choose someone|Change/ }).click();
  const dialog = barbara.getByRole('dialog', { name: 'Let someone decide for you' });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText('Choose who decides for you.')).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Who decides for you' }).fill('Kevin');
  await barbara.getByRole('option', { name: /^Kevin Zhao/ }).click();
  // Today is the company's (its time zone, not this machine's: from midnight UTC until it is midnight
  // in Seattle they differ), which the dialog offers as the first day and the last day's minimum.
  const companyToday = await dialog.getByLabel('Last day').getAttribute('min');
  expect(companyToday).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(dialog.getByLabel('First day')).toHaveValue(companyToday!);
  await dialog.getByLabel('Last day').fill(new Date(Date.parse(`${companyToday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
  await expectAxeClean(barbara, 'the away dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(away).toContainText(/Kevin Zhao decides your approvals from \w{3} \d{1,2}, \d{4} to \w{3} \d{1,2}, \d{4}\./);
  await expectAxeClean(barbara, 'the desk with a delegate');

  // Kevin signs in himself (no acting for anyone): Barbara's order is in his own queue, marked.
  const kevin = await signedInContext(browser, 'kevin.zhao');
  await kevin.goto(`/approvals?person=${employee.employeeId}`);
  const queued = row(kevin, orderId);
  await expect(queued).toContainText('On behalf of Barbara Andrews');
  await queued.getByRole('button', { name: `Approve order ${orderId}` }).click();
  await kevin.getByRole('dialog', { name: `Approve order ${orderId}` }).getByLabel('Reason (optional)').fill('Covering for Barbara this week');
  await kevin.getByRole('dialog', { name: `Approve order ${orderId}` }).getByRole('button', { name: 'Approve order' }).click();
  await expect(kevin.getByRole('alert').filter({ hasText: `Order ${orderId}: Approved.` })).toBeVisible();

  await kevin.goto(`/orders/${orderId}`);
  await expect(kevin.getByRole('region', { name: 'Approval' })).toContainText('Approved by Kevin Zhao on behalf of Barbara Andrews');
  await expect(kevin.getByRole('list', { name: 'Status history' })).toContainText('Kevin Zhao');
  await kevin.context().close();

  // Barbara ends it; nobody decides for her any more.
  await away.getByRole('button', { name: 'End it' }).click();
  await expect(away).toContainText('Nobody decides for you any more.');
  await barbara.context().close();
});

test('three orders rejected at once with one reason; the queue filtered in the URL, at phone and desk widths', async ({ browser, employee, request }) => {
  test.setTimeout(120_000);
  const api = await apiAs(request, employee.username);
  const orderIds = [];
  for (const serviceId of employee.serviceIds) orderIds.push(await placeDeactivation(api, serviceId));

  const barbara = await signedInContext(browser, 'barbara.andrews');
  await barbara.goto('/approvals');
  await barbara.getByRole('combobox', { name: 'Person' }).click();
  await barbara.getByRole('option', { name: `Taylor Fixture ${employee.employeeId}` }).click();
  await expect(barbara).toHaveURL(new RegExp(`person=${employee.employeeId}`));
  await barbara.getByRole('combobox', { name: 'Sort' }).click();
  await barbara.getByRole('option', { name: 'Newest first' }).click();
  await expect(barbara).toHaveURL(/sort=newest/);
  const rows = barbara.getByRole('list', { name: 'Orders awaiting approval' }).getByRole('listitem');
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText(`Order ${orderIds[2]}`);
  // The filters survive a reload: they live in the URL.
  await barbara.reload();
  await expect(rows).toHaveCount(3);
  await expect(barbara.getByRole('combobox', { name: 'Person' })).toHaveText(`Taylor Fixture ${employee.employeeId}`);
  await expectAxeClean(barbara, 'the queue with filters');
  await shoot(barbara, 'queue-with-filters-1280');
  await barbara.setViewportSize({ width: 375, height: 800 });
  await expectAxeClean(barbara, 'the queue with filters at 375 px');
  await shoot(barbara, 'queue-with-filters-375');
  await barbara.setViewportSize({ width: 1280, height: 800 });

  await barbara.getByRole('checkbox', { name: 'Select all shown' }).check();
  await expect(barbara.getByText('3 selected')).toBeVisible();
  await barbara.getByRole('button', { name: 'Reject selected' }).click();
  const bulk = barbara.getByRole('dialog', { name: 'Reject 3 orders' });
  await bulk.getByRole('textbox', { name: 'Reason' }).fill('These lines stay until the office move is settled');
  await expectAxeClean(barbara, 'the bulk dialog');
  await bulk.getByRole('button', { name: 'Reject 3 orders' }).click();
  await expect(bulk.getByRole('status')).toHaveText('All 3 orders rejected.');
  await expect(bulk.getByRole('list', { name: 'What became of each order' }).getByRole('listitem')).toHaveCount(3);
  await bulk.getByRole('button', { name: 'Done' }).click();
  await expect(rows).toHaveCount(0);
  await barbara.context().close();

  for (const orderId of orderIds) {
    const stored = (await api.get(`/orders/${orderId}`)).body as { order: { status: string; approvers: { decision: string; reason: string }[] } };
    expect(stored.order.status).toBe('REJECTED');
    expect(stored.order.approvers[0]).toMatchObject({ decision: 'REJECTED', reason: 'These lines stay until the office move is settled' });
  }
});
