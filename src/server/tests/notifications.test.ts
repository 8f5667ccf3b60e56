/**
 * Email at an order's milestones (MOBPROC §4.6 notifications), received by a real SMTP server in
 * this process: each milestone sends exactly the expected messages to exactly the people
 * concerned, each once, with a link to the order's page in the web app; a person can turn email
 * off; sending never holds up the order.
 */
import fs from 'node:fs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, notificationSettings, ordersResponse, transactionType } from '../../contract/index.ts';
import { one } from '../storage/statements.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { exec, sql } from './rows.ts';
import { fillRequired, freshOrderer, newLineRequest, orderRequestFor, propertyDefinitions, submitOk, waitForStatus } from './orders-fixtures.ts';
import { getOk } from './read-api.ts';
import { apiGet, apiPost, signIn, type Session } from './session.ts';
import { startSmtp, type Received, type TestSmtp } from './smtp.ts';

const APP_URL = 'https://phones.example.test';

let smtp: TestSmtp;
let server: TestServer;
let barbara: Session;
beforeAll(async () => {
  smtp = await startSmtp();
  server = await startTestServer({ MOBPROC_SMTP_URL: smtp.url, MOBPROC_PUBLIC_APP_URL: APP_URL });
  barbara = await signIn(server, 'barbara.andrews');
});
afterAll(async () => {
  await server.close();
  await smtp.close();
});

/** A route of the web app, read from its router, as a pattern for a link's path. */
const webRoute = (pattern: string) => {
  const router = fs.readFileSync('src/web/app/router.tsx', 'utf8');
  const route = new RegExp(`path: '(${pattern})'`).exec(router)?.[1];
  if (!route) throw new Error(`the router has no ${pattern} route`);
  return new RegExp(`^/${route.replace(':orderId', '([^/]+)')}$`);
};
const orderRoute = webRoute('orders\\/:orderId');
// Where an approver decides, whoever they are: the order's page offers the decision only to a person level's approver.
const decisionRoute = webRoute('approvals\\/:orderId');

/** Resolves once every queued message was handed to the mail server; nothing is left to send. */
async function outboxDrained(timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = (await one<{ n: number }>(server.deps.db, 'SELECT COUNT(*) AS n FROM email_outbox WHERE sent_at IS NULL'))!.n;
    if (pending === 0) return;
    if (Date.now() > deadline) throw new Error(`${pending} messages still unsent`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The messages about one order, as (recipient, subject's first words) pairs in the order sent. */
const about = (orderId: string) => smtp.messages.filter((message) => message.subject.includes(`order ${orderId},`));
const summary = (messages: Received[]) => messages.map((message) => [message.recipients.join(','), message.subject.split(':')[0]]);

/** A message's text with its line breaks (wrapped at 72 columns) read as spaces. */
const flat = (message: Received) => message.text.replace(/\s+/g, ' ');

function expectLinkToOrder(message: Received, orderId: string) {
  const link = /Open the order:\s+(\S+)/.exec(message.text)?.[1];
  expect(link, message.text).toBeDefined();
  const url = new URL(link!);
  expect(url.origin).toBe(APP_URL);
  const route = message.subject.startsWith('Approval needed') ? decisionRoute : orderRoute;
  expect(route.exec(url.pathname)?.[1], message.subject).toBe(orderId);
}

describe('milestone email', () => {
  it('a full order: approval needed to the approver; approved, shipped and complete to the orderer, once each', async () => {
    const orderer = await freshOrderer(server, 'mail');
    const ordererAddress = `${orderer.username}@acme.example`.toLowerCase();
    const order = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true }));
    expect(order.status).toBe('AWAITING_APPROVAL');
    await outboxDrained();
    expect(summary(about(order.orderId))).toEqual([['barbara.andrews@acme.example', 'Approval needed']]);

    expect((await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE', reason: 'Fine.' })).status).toBe(200);
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    await outboxDrained();
    const messages = about(order.orderId);
    expect(summary(messages)).toEqual([
      ['barbara.andrews@acme.example', 'Approval needed'],
      [ordererAddress, 'Approved'],
      [ordererAddress, 'Shipped'],
      [ordererAddress, 'Complete'],
    ]);
    for (const message of messages) {
      expect(message.to).toEqual(message.recipients);
      expectLinkToOrder(message, order.orderId);
      expect(flat(message)).toContain('Pixel 9 on Summit Business Unlimited');
      expect(message.autoSubmitted).toBe('auto-generated');
    }
    expect(messages[0]!.text).toMatch(/^Hello Barbara,/);
    expect(messages[0]!.text).toContain('needs your approval');
    expect(flat(messages[1]!)).toContain('Approved by Barbara Andrews: Fine.');
    expect(new Set(messages.map((message) => message.messageId)).size).toBe(4);
  });

  it('a question and a second level: information requested to the orderer, the level asked again after the answer, then each member of IT Mobility', async () => {
    const orderer = await freshOrderer(server, 'mail-levels');
    const ordererAddress = `${orderer.username}@acme.example`.toLowerCase();
    const order = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true, quantity: 2 }));
    expect(order.approvers.map((level) => level.approverGroup?.name ?? level.employee?.id)).toEqual([String(demoIds.employees.barbara), 'IT Mobility']);

    const asked = await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'REQUEST_INFO', reason: 'Why two phones?' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    await outboxDrained();
    expect(summary(about(order.orderId))).toEqual([
      ['barbara.andrews@acme.example', 'Approval needed'],
      [ordererAddress, 'Information requested'],
    ]);
    expect(flat(about(order.orderId)[1]!)).toContain('Why two phones?');

    const answered = await apiPost(server, orderer.session, `/orders/${order.orderId}/info`, { answer: 'One is for the on-call rota.' });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    await outboxDrained();
    expect(summary(about(order.orderId)).slice(2)).toEqual([['barbara.andrews@acme.example', 'Approval needed']]);
    expect(flat(about(order.orderId)[2]!)).toContain('One is for the on-call rota.');

    expect((await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
    await outboxDrained();
    // Level 2 is the group's: each member is asked, in a message of their own.
    expect(summary(about(order.orderId)).slice(3).sort()).toEqual([
      ['luis.ortega@acme.example', 'Approval needed'],
      ['nina.patel@acme.example', 'Approval needed'],
    ]);

    const nina = await signIn(server, 'nina.patel');
    expect((await apiPost(server, nina, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    await outboxDrained();
    const messages = about(order.orderId);
    expect(summary(messages.slice(5))).toEqual([
      [ordererAddress, 'Approved'],
      [ordererAddress, 'Shipped'],
      [ordererAddress, 'Complete'],
    ]);
    expect(messages).toHaveLength(8);
    for (const message of messages) expectLinkToOrder(message, order.orderId);
    expect(new Set(messages.map((message) => message.messageId)).size).toBe(8);
    expect(flat(messages[3]!)).toContain('(2 lines)');
  });

  it('names the order and its line as the app does ("cancel line", "(628) 208-0004"), not by the code of its type and bare digits', async () => {
    const orderer = await freshOrderer(server, 'mail words');
    const [serviceId] = orderer.serviceIds;
    const type = transactionType.enum.DEACTIVATE;
    const definitions = await propertyDefinitions(server, orderer.session, type, { service: String(serviceId) });
    const order = await submitOk(server, orderer.session, orderRequestFor(type, { serviceId: String(serviceId), properties: fillRequired(definitions) }));
    await outboxDrained();
    const [asked] = about(order.orderId);
    expect(asked!.subject).toMatch(new RegExp(`^Approval needed: order ${order.orderId}, cancel line for \\S`));
    const digits = orderer.serviceNumbers[0];
    expect(flat(asked!)).toContain(`Line: (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`);
    expect(flat(asked!)).not.toMatch(/deactivate/i);
  });

  it('an order placed for someone else: the approver up the chain is asked; requester and account holder each hear of the rejection once', async () => {
    const orderer = await freshOrderer(server, 'mail-for');
    const ordererAddress = `${orderer.username}@acme.example`.toLowerCase();
    // Barbara orders for her report: she cannot decide it, so it goes to her own manager.
    const forOrderer = { 'X-TNGO-CONTEXT-EMPLOYEEID': String(orderer.employeeId) };
    const order = await submitOk(server, barbara, await newLineRequest(server, orderer.session, { withDevice: true }), forOrderer);
    const approver = order.approvers[0]!.employee!;
    expect(approver.id).toBe(String(demoIds.employees.cto));
    await outboxDrained();
    expect(summary(about(order.orderId))).toEqual([[approver.email.toLowerCase(), 'Approval needed']]);

    // The service desk decides for the approver (it may act for anyone).
    const serviceDesk = await signIn(server, 'svc.servicedesk');
    const rejected = await apiPost(server, serviceDesk, `/orders/${order.orderId}/approval`, { action: 'REJECT', reason: 'Not this quarter.' }, { 'X-TNGO-CONTEXT-EMPLOYEEID': approver.id });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    await outboxDrained();
    const messages = about(order.orderId);
    expect(summary(messages.slice(1)).sort()).toEqual([
      ['barbara.andrews@acme.example', 'Rejected'],
      [ordererAddress, 'Rejected'],
    ]);
    for (const message of messages) expectLinkToOrder(message, order.orderId);
    expect(flat(messages[1]!)).toContain('Not this quarter.');
  });

  it('nobody hears of a cancelled order or one that needs no approval until it ships', async () => {
    const orderer = await freshOrderer(server, 'mail-quiet');
    const order = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true }));
    expect((await apiPost(server, orderer.session, `/orders/${order.orderId}/cancel`, { reason: 'Changed my mind' })).status).toBe(200);
    const plainLine = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: false }));
    expect(plainLine.status).toBe('ORDER_SUBMITTED');
    await waitForStatus(server, orderer.session, plainLine.orderId, 'COMPLETE');
    await outboxDrained();
    expect(summary(about(order.orderId))).toEqual([['barbara.andrews@acme.example', 'Approval needed']]);
    expect(summary(about(plainLine.orderId))).toEqual([[`${orderer.username}@acme.example`.toLowerCase(), 'Complete']]);
  });
});

describe('/me/notification-settings', () => {
  it('turns email off for oneself only: the approver still hears, the orderer does not', async () => {
    const orderer = await freshOrderer(server, 'mail-off');
    expect(notificationSettings.parse((await apiGet(server, orderer.session, '/me/notification-settings')).body)).toEqual({ email: true });
    const put = await fetch(`${server.url}/mobproc/v1/me/notification-settings`, {
      method: 'PUT',
      headers: { ...orderer.session.headers(), 'content-type': 'application/json' },
      body: JSON.stringify({ email: false }),
    });
    expect(put.status).toBe(200);
    expect(notificationSettings.parse(await put.json())).toEqual({ email: false });
    expect(notificationSettings.parse((await apiGet(server, orderer.session, '/me/notification-settings')).body)).toEqual({ email: false });
    expect(notificationSettings.parse((await apiGet(server, barbara, '/me/notification-settings')).body)).toEqual({ email: true });

    const order = await submitOk(server, orderer.session, await newLineRequest(server, orderer.session, { withDevice: true }));
    expect((await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
    await waitForStatus(server, orderer.session, order.orderId, 'COMPLETE');
    await outboxDrained();
    expect(summary(about(order.orderId))).toEqual([['barbara.andrews@acme.example', 'Approval needed']]);
  });

  it('refuses a body that is not { email: boolean } with a 400 naming the field', async () => {
    const orderer = await freshOrderer(server, 'mail-bad');
    for (const body of [{ email: 'no' }, {}, { email: 1 }]) {
      const response = await fetch(`${server.url}/mobproc/v1/me/notification-settings`, {
        method: 'PUT',
        headers: { ...orderer.session.headers(), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(errorEnvelope.parse(await response.json()).errors.map((error) => error.field)).toEqual(['email']);
    }
  });
});

describe('sending is off the request path', () => {
  it('an order goes through to COMPLETE even when its email cannot be written', async () => {
    const broken = await startTestServer();
    try {
      await exec(broken, sql`DROP TABLE email_outbox`);
      const orderer = await freshOrderer(broken, 'mail-broken');
      const order = await submitOk(broken, orderer.session, await newLineRequest(broken, orderer.session, { withDevice: true }));
      expect(order.status).toBe('AWAITING_APPROVAL');
      const boss = await signIn(broken, 'barbara.andrews');
      expect((await apiPost(broken, boss, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
      const done = await waitForStatus(broken, orderer.session, order.orderId, 'COMPLETE');
      expect(done.history.map((entry) => entry.status)).toEqual(['AWAITING_APPROVAL', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED', 'COMPLETE']);
    } finally {
      await broken.close();
    }
  });

  it('an order goes through while the mail server is down; the message follows once it is back', async () => {
    const down = await startSmtp();
    const url = down.url;
    await down.close();
    const offline = await startTestServer({ MOBPROC_SMTP_URL: url, MOBPROC_MAIL_RETRY_BASE_S: '0.2', MOBPROC_MAIL_RETRY_CAP_S: '0.4' });
    try {
      const orderer = await freshOrderer(offline, 'mail-down');
      const started = Date.now();
      const order = await submitOk(offline, orderer.session, await newLineRequest(offline, orderer.session, { withDevice: true }));
      expect(Date.now() - started).toBeLessThan(2000);
      const queue = await getOk(offline, orderer.session, `/orders?limit=10&offset=0`, ordersResponse);
      expect(queue.orders.items.map((item) => item.orderId)).toContain(order.orderId);
      // It keeps failing, backing off, and records each attempt.
      const deadline = Date.now() + 5000;
      let row: { attempts: number; lastError: string | null; nextAttemptAt: string } | undefined;
      do {
        await new Promise((resolve) => setTimeout(resolve, 100));
        row = await one(offline.deps.db, 'SELECT attempts, last_error AS lastError, next_attempt_at AS nextAttemptAt FROM email_outbox WHERE order_id = ?', Number(order.orderId));
      } while ((row?.attempts ?? 0) < 2 && Date.now() < deadline);
      expect(row!.attempts).toBeGreaterThanOrEqual(2);
      expect(row!.lastError).toBeTruthy();
      const gap = Date.parse(row!.nextAttemptAt) - Date.now();
      expect(gap).toBeLessThanOrEqual(400);

      const back = await startSmtp(undefined, Number(new URL(url).port));
      try {
        const [message] = await back.waitForCount(1, 5000);
        expect(message!.subject).toContain(`order ${order.orderId},`);
      } finally {
        await back.close();
      }
    } finally {
      await offline.close();
    }
  });

  it('gives a message the mail server always refuses MOBPROC_MAIL_MAX_ATTEMPTS tries, backing off, then marks it failed, keeps it and logs it', async () => {
    const arrivals: number[] = [];
    const refusing = await startSmtp(() => {
      arrivals.push(Date.now());
      return 'refuse';
    });
    const logged: { level: number; msg: string; outboxId?: number; attempts?: number }[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
    const limited = await startTestServer(
      { MOBPROC_SMTP_URL: refusing.url, MOBPROC_MAIL_RETRY_BASE_S: '0.1', MOBPROC_MAIL_RETRY_CAP_S: '0.2', MOBPROC_MAIL_MAX_ATTEMPTS: '3' },
      { log },
    );
    try {
      const orderer = await freshOrderer(limited, 'mail-refused');
      const order = await submitOk(limited, orderer.session, await newLineRequest(limited, orderer.session, { withDevice: true }));
      expect(order.status).toBe('AWAITING_APPROVAL');
      type Row = { id: number; attempts: number; lastError: string | null; failedAt: string | null; sentAt: string | null };
      const rowOf = async () =>
        await one<Row>(limited.deps.db, 'SELECT id, attempts, last_error AS lastError, failed_at AS failedAt, sent_at AS sentAt FROM email_outbox WHERE order_id = ?', Number(order.orderId));
      const deadline = Date.now() + 10_000;
      while (!(await rowOf())?.failedAt && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      const row = (await rowOf())!;
      expect(row).toMatchObject({ attempts: 3, sentAt: null, failedAt: expect.any(String) });
      expect(row.lastError).toMatch(/451/);
      // Backing off: the second try after the base delay, the third after twice that (the cap).
      expect(arrivals).toHaveLength(3);
      expect(arrivals[1]! - arrivals[0]!).toBeGreaterThanOrEqual(90);
      expect(arrivals[2]! - arrivals[1]!).toBeGreaterThanOrEqual(190);
      // Given up: another order's message wakes the worker, which takes due rows oldest first, so
      // a given-up row still due would go out before that one. Only the new message arrives.
      const next = await submitOk(limited, orderer.session, await newLineRequest(limited, orderer.session, { withDevice: true }));
      const [, , , fourth] = await refusing.waitForCount(4);
      expect(fourth!.subject).toContain(`order ${next.orderId},`);
      expect(arrivals).toHaveLength(4);
      expect(await rowOf()).toMatchObject({ id: row.id, attempts: 3, sentAt: null });
      const mine = logged.filter((line) => line.outboxId === row.id);
      expect(mine.map((line) => [line.level, line.msg, line.attempts])).toEqual([
        [40, 'email not sent; will retry', 1],
        [40, 'email not sent; will retry', 2],
        [50, 'email not sent; giving up after the last attempt', 3],
      ]);
    } finally {
      await limited.close();
      await refusing.close();
    }
  });
});
