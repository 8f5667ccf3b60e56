import path from 'node:path';
import type { Browser, BrowserContext, Page, Request } from '@playwright/test';
import { startServerProcess, type ServerProcess } from '../src/server/bench/server-process.ts';
import { expect, test } from './fixtures.ts';
import { approvalsBadge, queueRow } from './tracking-helpers.ts';
import { chooseDevice, choosePlan, expectStep, fillDetails, fillShipping, next, postalCodeLabel, skipAccessories, startOrder, submit } from './wizard.ts';

/**
 * Live pages through the server's event stream (MOBPROC §4.6, extension `events`), in two browsers:
 * Peter's and Barbara's. A server of its own, on a fresh database, serves the built app with
 * fulfilment steps 1.5 s apart, so each step can be seen arriving on its own. It runs in a process
 * of its own: inside the test worker, the worker's own work would delay its answers and blur what
 * the page is measured on.
 */
const STEP_MS = 1_500;
/** The promise: a page shows a change within this long of the server making it. */
const WITHIN_MS = 2_000;
let server: ServerProcess;

test.beforeAll(async () => {
  server = await startServerProcess(
    { MOBPROC_SEED: 'demo', MOBPROC_FULFILLMENT_DELAY_MS: String(STEP_MS) },
    { cwd: path.resolve(import.meta.dirname, '..') },
  );
});

test.afterAll(() => {
  server?.stop();
});

const isEventStream = (request: Request) => new URL(request.url()).pathname === '/mobproc/v1/events';

/** A browser of its own, signed in; `streams` are its requests for the event stream from the start. */
async function signedIn(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page; streams: Request[] }> {
  const context = await browser.newContext({ baseURL: server.url });
  const streams: Request[] = [];
  context.on('request', (request) => {
    if (isEventStream(request)) streams.push(request);
  });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel(/^Password/).fill('demo');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
  return { context, page, streams };
}

/** A request for a list of orders (badge, queue, My orders): what a poll would ask. */
const isOrderList = (request: Request) => request.method() === 'GET' && new URL(request.url()).pathname === '/mobproc/v1/orders';

/** Every text the order page's status showed, with the moment (epoch ms) it appeared. */
async function recordStatusChanges(page: Page) {
  await page.evaluate(() => {
    const log: Array<{ text: string; at: number }> = [];
    (window as unknown as { statusLog: typeof log }).statusLog = log;
    const group = document.querySelector('[role="group"][aria-label="Status"]');
    if (!group) throw new Error('no status on the page');
    const note = () => {
      const text = group.textContent ?? '';
      if (log.at(-1)?.text !== text) log.push({ text, at: Date.now() });
    };
    note();
    new MutationObserver(note).observe(group, { subtree: true, childList: true, characterData: true });
  });
}

test('Barbara hears of Peter’s order at once, and Peter’s page follows every step after she approves, without polling', async ({ browser }) => {
  test.setTimeout(180_000);
  const peter = await signedIn(browser, 'peter.edwards');
  const peterStreams = peter.streams;
  const barbara = await signedIn(browser, 'barbara.andrews');
  const barbaraRequests: Array<{ request: Request; at: number }> = [];
  barbara.context.on('request', (request) => barbaraRequests.push({ request, at: Date.now() }));

  // Barbara has two tabs: the queue, and the start page with its badge.
  const queuePage = barbara.page;
  await queuePage.goto('/approvals');
  await expect(queuePage.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
  const badgePage = await barbara.context.newPage();
  await badgePage.goto('/');
  await expect(badgePage.getByRole('heading', { level: 1, name: 'What would you like to do?' })).toBeVisible();
  const countBefore = await approvalsBadge(badgePage);
  const waitingText = queuePage.getByText(/^\d+ orders? (is|are) waiting/);
  const queueTextBefore = (await waitingText.count()) > 0 ? await waitingText.textContent() : null;

  // Peter orders a new phone, which needs Barbara's approval.
  await startOrder(peter.page, 'New line');
  await expectStep(peter.page, 'Where will you use the line?');
  await peter.page.getByLabel(postalCodeLabel).fill('98101');
  await next(peter.page);
  await chooseDevice(peter.page);
  await choosePlan(peter.page);
  await skipAccessories(peter.page);
  await fillDetails(peter.page);
  await fillShipping(peter.page);
  const listsBeforeSubmit = barbaraRequests.filter(({ request }) => isOrderList(request)).length;
  const submitted = peter.page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/mobproc/v1/orders' && !response.url().includes('confirm'));
  const orderId = await submit(peter.page);
  const submittedAt = Date.now();
  expect((await submitted).ok()).toBe(true);

  // Both of Barbara's tabs change within two seconds, without a reload.
  await expect.poll(() => approvalsBadge(badgePage), { timeout: WITHIN_MS, intervals: [50] }).toBe(countBefore + 1);
  await expect.poll(() => approvalsBadge(queuePage), { timeout: WITHIN_MS, intervals: [50] }).toBe(countBefore + 1);
  await expect(waitingText).not.toHaveText(queueTextBefore ?? '', { timeout: WITHIN_MS });
  const badgeChangedAt = Date.now();
  test.info().annotations.push({ type: 'badge and queue changed after the submit answer', description: `${badgeChangedAt - submittedAt} ms` });
  await expect(queuePage.getByRole('listitem').filter({ hasText: `Order ${orderId}` })).toBeVisible();
  const listsAfter = barbaraRequests.filter(({ request }) => isOrderList(request)).slice(listsBeforeSubmit);
  // What changed them was the event: the lists were asked again only after it, once per tab's list, not on a poll.
  expect(listsAfter.length, 'order-list requests in Barbara’s browser since the submit').toBeGreaterThanOrEqual(1);
  expect(listsAfter.length).toBeLessThanOrEqual(4);
  // One stream for the browser, however many tabs it has: every stream was asked by one tab (the
  // queue tab's reload opened it; a reconnect, as when a token is renewed, asks again from that tab).
  const streamTabs = new Set(barbaraRequests.filter(({ request }) => isEventStream(request)).map(({ request }) => request.frame().page()));
  expect(streamTabs.size, 'tabs in Barbara’s browser that opened an event stream').toBe(1);

  // Peter watches his order; nothing is asked while it waits, until Barbara decides.
  await peter.page.getByRole('link', { name: 'View the order' }).click();
  await expect(peter.page.getByRole('heading', { level: 1, name: `Order ${orderId}` })).toBeVisible();
  const status = peter.page.getByRole('group', { name: 'Status' });
  await expect(status).toHaveText('Waiting for Barbara Andrews to approve');
  await recordStatusChanges(peter.page);
  const orderReads: number[] = [];
  peter.page.on('request', (request) => {
    if (request.method() === 'GET' && new URL(request.url()).pathname === `/mobproc/v1/orders/${orderId}`) orderReads.push(Date.now());
  });

  // And his other tab, on My orders, shares his browser's one stream.
  const myOrders = await peter.context.newPage();
  await myOrders.goto('/orders');
  const listed = myOrders.getByRole('list', { name: 'Orders' }).getByRole('listitem').filter({ hasText: `order ${orderId}` });
  await expect(listed).toContainText('Waiting for Barbara Andrews to approve');

  const row = await queueRow(queuePage, orderId);
  // A quiet spell in which a polling page would have asked for the order at least twice.
  await queuePage.waitForTimeout(6_000);
  const decidedAt = Date.now();
  expect(orderReads, 'reads of the waiting order before any change').toEqual([]);
  await row.getByRole('button', { name: `Approve order ${orderId}` }).click();
  const dialog = queuePage.getByRole('dialog', { name: `Approve order ${orderId}` });
  await dialog.getByRole('button', { name: 'Approve order' }).click();
  await expect(dialog).toBeHidden();
  await expect(status).toHaveText('Complete', { timeout: 60_000 });
  await expect(listed).toContainText('Complete', { timeout: WITHIN_MS });
  // Peter signed in once and opened a second tab: one stream was ever asked for.
  expect(peterStreams).toHaveLength(1);

  // Each step the server took after the approval reached Peter's page within two seconds.
  const history = (await (
    await peter.page.request.get(`${server.url}/mobproc/v1/orders/${orderId}/history`, {
      headers: {
        Authorization: `Bearer ${await peter.page.evaluate(() => (JSON.parse(localStorage.getItem('mobproc.session.v1') ?? '{}') as { accessToken: string }).accessToken)}`,
        'X-TNGO-TENANT': 'ACME',
        client_id: 'mobproc-web',
      },
    })
  ).json()) as { history: Array<{ status: string; dateTime: string }> };
  const steps = history.history.filter((entry) => Date.parse(entry.dateTime) >= decidedAt - 1_000 && entry.status !== 'AWAITING_APPROVAL');
  const shown = await peter.page.evaluate(() => (window as unknown as { statusLog: Array<{ text: string; at: number }> }).statusLog);
  const words: Record<string, string> = { ORDER_SUBMITTED: 'Sent to the carrier', IN_PROGRESS: 'Being processed by the carrier', SHIPPED: 'Shipped', COMPLETE: 'Complete' };
  expect(steps.length, JSON.stringify(history.history)).toBeGreaterThanOrEqual(2);
  const lags = steps.map((step) => {
    const seen = shown.find((entry) => entry.text === words[step.status]);
    expect(seen, `the page showed ${step.status}; history ${JSON.stringify(steps)}, shown ${JSON.stringify(shown)}`).toBeDefined();
    return { status: step.status, lag: seen!.at - Date.parse(step.dateTime) };
  });
  test.info().annotations.push({ type: 'status shown after the server’s step', description: lags.map(({ status, lag }) => `${status} ${lag} ms`).join(', ') });
  for (const { status: stepStatus, lag } of lags) expect(lag, `${stepStatus} shown after`).toBeLessThanOrEqual(WITHIN_MS);

  // Signing out ends the stream (every tab hears of the sign-out; the one holding the stream closes it).
  const ended = new Promise<void>((resolve) => {
    const done = (request: Request) => {
      if (request === peterStreams[0]) resolve();
    };
    peter.context.on('requestfailed', done);
    peter.context.on('requestfinished', done);
  });
  await myOrders.getByRole('button', { name: 'Sign out' }).click();
  await expect(myOrders).toHaveURL(/sign-in/);
  await ended;
  expect(peterStreams).toHaveLength(1);

  await peter.context.close();
  await barbara.context.close();
});
