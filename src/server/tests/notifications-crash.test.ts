/**
 * Nothing lost (MOBPROC §4.6 notifications): the server process is killed while the mail server
 * has a message but has not yet answered that it accepted it — the window between acceptance and
 * the outbox marking the row sent. The restarted server sends every message; the only duplicate
 * is that one message, with the same Message-ID.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../bench/server-process.ts';
import { scratchDatabase, type ScratchDatabase, type TestServer } from './harness.ts';
import { newLineRequest, submitOk, waitForStatus } from './orders-fixtures.ts';
import { apiPost, signIn } from './session.ts';
import { startSmtp } from './smtp.ts';

// The database outlives each server process, so this file owns it.
let database: ScratchDatabase;
const children = new Set<ChildProcess>();
beforeAll(async () => {
  database = await scratchDatabase();
});
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await database.drop();
});

/** `src/server/main.ts` in a child process on `port`, over the same database each time. */
async function startChild(port: number, smtpUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: database.url,
      LOG_LEVEL: 'silent',
      MOBPROC_FULFILLMENT_DELAY_MS: '0',
      MOBPROC_FAILED_SIGN_IN_DELAY_MS: '0',
      MOBPROC_SMTP_URL: smtpUrl,
      // A dead worker's claim runs out after a second, so the test does not wait two minutes.
      MOBPROC_MAIL_CLAIM_S: '1',
      MOBPROC_MAIL_RETRY_BASE_S: '0.2',
    },
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/mobproc/v1/ping`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server process did not come up');
}

describe('a server killed mid-send', () => {
  it('sends every message after its restart; the one caught mid-send arrives twice with one Message-ID', async () => {
    let first: ChildProcess | undefined;
    const smtp = await startSmtp(async (_message, index) => {
      if (index !== 0 || !first) return 'accept';
      // The message is here; before the mail server says so, the sender dies.
      const exited = new Promise((resolve) => first!.once('exit', resolve));
      first.kill('SIGKILL');
      await exited;
      return 'refuse';
    });
    try {
      const port = await freePort();
      first = await startChild(port, smtp.url);
      const firstExit = new Promise<NodeJS.Signals | null>((resolve) => first!.once('exit', (_code, signal) => resolve(signal)));
      const server = { url: `http://127.0.0.1:${port}` } as TestServer;
      const peter = await signIn(server, 'peter.edwards');
      const barbara = await signIn(server, 'barbara.andrews');
      const order = await submitOk(server, peter, await newLineRequest(server, peter, { withDevice: true }));
      expect(order.status).toBe('AWAITING_APPROVAL');
      await smtp.waitForCount(1, 20_000);
      expect(await firstExit).toBe('SIGKILL');

      await startChild(port, smtp.url);
      const [caught, again] = await smtp.waitForCount(2, 20_000);
      expect(again!.messageId).toBe(caught!.messageId);
      expect(again!.text).toBe(caught!.text);
      expect(again!.recipients).toEqual(['barbara.andrews@acme.example']);

      expect((await apiPost(server, barbara, `/orders/${order.orderId}/approval`, { action: 'APPROVE' })).status).toBe(200);
      await waitForStatus(server, peter, order.orderId, 'COMPLETE', 20_000);
      const all = await smtp.waitForCount(5, 20_000);
      const distinct = new Map(all.map((message) => [message.messageId, message]));
      expect([...distinct.values()].map((message) => message.subject.split(':')[0])).toEqual(['Approval needed', 'Approved', 'Shipped', 'Complete']);
      // Every duplicate is a repeat of one Message-ID with the same content.
      for (const message of all) expect(message.text).toBe(distinct.get(message.messageId)!.text);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(smtp.messages).toHaveLength(5);
    } finally {
      for (const child of children) child.kill('SIGTERM');
      await smtp.close();
    }
  }, 120_000);
});
