import type { Page, Request } from '@playwright/test';
import { expectAxeClean } from './axe.ts';
import { expect, signIn, test } from './fixtures.ts';
import { apiAs, placeDeactivation, signedInContext } from './tracking-helpers.ts';

/**
 * Web faults a newcomer found: the email opt-out had no screen, the order page offered a decision
 * after the approver's level was decided, the order dialog hid questions and answers, and tabs of
 * two people in one browser shared one event stream.
 */

const SHOTS = '/tmp/shots-hwebfix';

async function shoot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
}

test('email notifications: reached from the account menu (and the phone menu), turned off, saved, confirmed, kept', async ({ signedInPage: page, api }) => {
  await page.getByRole('button', { name: 'Taylor Fixture', exact: false }).click();
  await page.getByRole('menuitem', { name: 'Email notifications' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Email notifications' })).toBeVisible();
  const email = page.getByRole('switch', { name: 'Email me at my orders’ milestones' });
  await expect(email).toBeChecked();
  await expectAxeClean(page, 'the email notifications page');
  await shoot(page, 'email-settings-1280');

  await email.click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText('Saved. You get no more email about orders; the app still shows every change.');
  expect(await api.get('/me/notification-settings')).toEqual({ email: false });
  await expectAxeClean(page, 'the email notifications page after saving');
  await shoot(page, 'email-settings-saved-1280');

  // On a phone the same page is in the menu; what was saved is what it shows.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto('/');
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('menuitem', { name: 'Email notifications' }).click();
  await expect(page.getByRole('switch', { name: 'Email me at my orders’ milestones' })).not.toBeChecked();
  await expectAxeClean(page, 'the email notifications page at 375 px');
  await shoot(page, 'email-settings-375');
});

test('after Barbara asked and approved, the order page offers her no decision, and her dialog shows the question and the answer', async ({ browser, employee, request }) => {
  test.setTimeout(120_000);
  const mine = await apiAs(request, employee.username);
  const asked = await placeDeactivation(mine, employee.serviceIds[0]);
  const decided = await placeDeactivation(mine, employee.serviceIds[1]);
  const barbaraApi = await apiAs(request, 'barbara.andrews');
  expect((await barbaraApi.post(`/orders/${asked}/approval`, { action: 'REQUEST_INFO', reason: 'Is the number being ported elsewhere first?' })).status).toBe(200);
  expect((await mine.post(`/orders/${asked}/info`, { answer: 'No, the line can go: the number is not needed.' })).status).toBe(200);
  expect((await barbaraApi.post(`/orders/${decided}/approval`, { action: 'APPROVE' })).status).toBe(200);

  const barbara = await signedInContext(browser, 'barbara.andrews');
  // Her level is decided: the page says so, with no buttons the server would answer "not needed".
  await barbara.goto(`/approvals/${decided}`);
  await expect(barbara.getByRole('heading', { level: 1, name: `Order ${decided}` })).toBeVisible();
  await expect(barbara.getByText('This order is not waiting for approval any more: approved by Barbara Andrews.')).toBeVisible();
  await expect(barbara.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expect(barbara.getByRole('button', { name: 'Reject' })).toHaveCount(0);
  await shoot(barbara, 'decided-order-page-1280', false);

  // The answered one is back in her queue; its dialog shows the round of question and answer.
  await barbara.goto(`/approvals?person=${employee.employeeId}`);
  const row = barbara.getByRole('list', { name: 'Orders awaiting approval' }).getByRole('listitem').filter({ hasText: `Order ${asked}` });
  await row.getByRole('button', { name: `Details of order ${asked}` }).click();
  const dialog = barbara.getByRole('dialog', { name: new RegExp(`^Order ${asked}:`) });
  const rounds = dialog.getByRole('list', { name: 'Questions and answers' });
  await expect(rounds.getByRole('listitem')).toHaveCount(1);
  await expect(rounds).toContainText('Is the number being ported elsewhere first?');
  await expect(rounds).toContainText('No, the line can go: the number is not needed.');
  await expect(dialog.getByRole('button', { name: 'Approve' })).toBeVisible();
  await expectAxeClean(barbara, 'the order dialog with a question and its answer');
  await shoot(barbara, 'order-dialog-qa-1280', false);
  await barbara.setViewportSize({ width: 375, height: 800 });
  await shoot(barbara, 'order-dialog-qa-375', false);
  await dialog.getByRole('region', { name: 'Questions and answers' }).scrollIntoViewIfNeeded();
  await shoot(barbara, 'order-dialog-qa-375-scrolled', false);
  await expectAxeClean(barbara, 'the order dialog at 375 px');
  await barbara.context().close();
});

const SESSION_KEY = 'mobproc.session.v1';
const isEventStream = (request: Request) => new URL(request.url()).pathname === '/mobproc/v1/events';

test('two tabs of one browser signed in as two people each read their own event stream with their own token', async ({ browser }) => {
  test.setTimeout(90_000);
  // Peter's session, taken from a browser of its own.
  const elsewhere = await signedInContext(browser, 'peter.edwards');
  const peterSession = await elsewhere.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  await elsewhere.context().close();
  expect(peterSession).toBeTruthy();
  const peterToken = (JSON.parse(peterSession!) as { accessToken: string }).accessToken;

  const context = await browser.newContext();
  const barbara = await context.newPage();
  const barbaraStreams: Request[] = [];
  barbara.on('request', (request) => {
    if (isEventStream(request)) barbaraStreams.push(request);
  });
  await signIn(barbara, 'barbara.andrews', 'demo');
  await expect.poll(() => barbaraStreams.length).toBeGreaterThan(0);

  // The second tab keeps Peter's session to itself (the app keeps one per browser; a tab whose
  // storage says otherwise is how two people end up side by side), sharing channels and locks.
  const peter = await context.newPage();
  await peter.addInitScript(
    ([key, session]) => {
      let own: string | null = session;
      const { getItem, setItem, removeItem } = Storage.prototype;
      Storage.prototype.getItem = function (name: string) {
        return this === localStorage && name === key ? own : getItem.call(this, name);
      };
      Storage.prototype.setItem = function (name: string, value: string) {
        if (this === localStorage && name === key) own = value;
        else setItem.call(this, name, value);
      };
      Storage.prototype.removeItem = function (name: string) {
        if (this === localStorage && name === key) own = null;
        else removeItem.call(this, name);
      };
    },
    [SESSION_KEY, peterSession!] as const,
  );
  const peterStreams: Request[] = [];
  peter.on('request', (request) => {
    if (isEventStream(request)) peterStreams.push(request);
  });
  await peter.goto('/orders');
  await expect(peter.getByRole('heading', { level: 1, name: 'My orders' })).toBeVisible();
  await expect(peter.getByRole('banner')).toContainText('Peter Edwards');

  // Peter's tab does not live off Barbara's stream (whose events are hers): it opens its own.
  await expect.poll(() => peterStreams.length, { timeout: 15_000 }).toBeGreaterThan(0);
  expect(await peterStreams[0]!.headerValue('authorization')).toBe(`Bearer ${peterToken}`);
  for (const request of barbaraStreams) expect(await request.headerValue('authorization')).not.toBe(`Bearer ${peterToken}`);
  await context.close();
});
