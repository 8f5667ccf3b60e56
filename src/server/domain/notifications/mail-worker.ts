/**
 * Sends the email outbox (MOBPROC §4.6 notifications) after the changes that wrote it committed,
 * off the request path: over SMTP when `MOBPROC_SMTP_URL` is set, else as one `.eml` file per
 * message in the outbox folder. Nodemailer builds every message (RFC 5322); nothing here writes MIME.
 *
 * Delivery is at least once. A worker claims a batch of rows (`claimed_until`, one statement;
 * `SKIP LOCKED` on PostgreSQL) before sending them, so two workers (two instances) never send one
 * at the same time, and marks it sent afterwards; if it dies in between, the
 * claim runs out and a worker (the restarted one) sends the row again with the same `Message-ID`,
 * which mail clients fold into one. A failed send is retried with exponential back-off up to a cap,
 * at most `maxAttempts` times in all: then the row gets `failed_at` and stays for whoever looks
 * (a message a mail server always refuses must not be retried for ever). `attempts`,
 * `next_attempt_at`, `failed_at` and `last_error` say where a row stands.
 */
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { sql, type SQL } from 'drizzle-orm';
import { dialectOf, transaction, type Db, type Dialect } from '../../storage/db.ts';
import { onWakeUp } from './events.ts';
import { runSql, skipLocked } from '../../storage/locks.ts';
import { one, statement } from '../../storage/statements.ts';

export type MailSettings = {
  /** `smtp://user:pass@host:587`, `smtps://…`; null: write `.eml` files to `outboxDir`. */
  smtpUrl: string | null;
  outboxDir: string;
  /** Origin of the web app the messages link to (no trailing slash). */
  publicAppUrl: string;
  /** The From address (`"Name" <address>` or a bare address). */
  from: string;
  /** How long a claim holds a row for one worker before another may take it (ms). */
  claimMs: number;
  /** First retry delay (ms); each further failure doubles it, up to `retryCapMs`. */
  retryBaseMs: number;
  retryCapMs: number;
  /** Attempts (claims) a row gets; after the last one fails it is marked failed and never tried again. */
  maxAttempts: number;
};

type OutboxRow = {
  id: number;
  orderId: number;
  toAddress: string;
  toName: string;
  subject: string;
  body: string;
  linkPath: string;
  createdAt: string;
  attempts: number;
};

/**
 * A message's `Message-ID`, derived from its outbox row alone (its ID and creation time, so a
 * re-created database does not repeat one), for every attempt the same.
 */
function messageIdOf(row: { id: number; createdAt: string }, publicAppUrl: string): string {
  const host = new URL(publicAppUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost';
  return `<outbox-${row.id}-${Date.parse(row.createdAt)}@${host}>`;
}

/** The delay before attempt `attempts + 1`, after `attempts` failures: base·2^(attempts−1), at most the cap. */
const retryDelayMs = (attempts: number, baseMs: number, capMs: number) => Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));

const WIDTH = 72;

/**
 * Wraps lines longer than 72 characters at spaces ("Label:   value" lines continue under the value),
 * so a plain ASCII message stays 7-bit and reads as written instead of quoted-printable.
 */
function wrapLines(text: string): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.length <= WIDTH) return [line];
      const label = /^[A-Z][\w ]{0,15}:\s+/.exec(line)?.[0] ?? '';
      const indent = ' '.repeat(label.length);
      const wrapped: string[] = [];
      let current = label;
      for (const word of line.slice(label.length).split(/ +/)) {
        if (current.trim() && current.length + 1 + word.length > WIDTH) {
          wrapped.push(current);
          current = indent + word;
        } else current = current === label ? current + word : `${current} ${word}`;
      }
      return [...wrapped, current];
    })
    .join('\n');
}

const BATCH = 20;

/**
 * The claim of the next due messages, for the dialect: one statement takes up to 20 rows for a
 * lease until `until` and counts the attempt, and returns them (`attempts` already counted).
 * Nothing else is held while they are sent. On PostgreSQL the inner select skips rows another
 * instance's claim is taking at this moment, so each instance gets different ones; on SQLite one
 * writer runs at a time and the claim is the same statement without that clause.
 */
export const claimOutboxSql = (dialect: Dialect, now: Date, until: Date): SQL => sql`
  UPDATE email_outbox SET claimed_until = ${until.toISOString()}, attempts = attempts + 1
  WHERE id IN (
    SELECT id FROM email_outbox
    WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ${now.toISOString()} AND (claimed_until IS NULL OR claimed_until <= ${now.toISOString()})
    ORDER BY next_attempt_at, id LIMIT ${BATCH}${skipLocked(dialect)})
  RETURNING id, order_id AS "orderId", to_address AS "toAddress", to_name AS "toName", subject, body, link_path AS "linkPath",
    created_at AS "createdAt", attempts, next_attempt_at AS "nextAttemptAt"`;

/** Claims the next due messages (see {@link claimOutboxSql}) in their own transaction, oldest due first. */
async function claimOutboxBatch(db: Db, now: Date, until: Date): Promise<OutboxRow[]> {
  const rows = await transaction(db, async (tx) => await runSql<OutboxRow & { nextAttemptAt: string }>(tx, claimOutboxSql(dialectOf(tx), now, until)));
  // RETURNING gives no order; the oldest waiting message goes first.
  return rows
    .sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : a.id - b.id))
    .map(({ nextAttemptAt: _, ...row }) => row);
}

export class MailWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private stopWaking: (() => void) | undefined;
  private readonly transport: Transporter;

  constructor(
    private readonly db: Db,
    private readonly settings: MailSettings,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {
    this.transport = settings.smtpUrl
      ? nodemailer.createTransport(settings.smtpUrl)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }

  /**
   * Sends whatever is pending, including what a previous run left (a restart loses none), and
   * listens for wake-ups: messages queued by any instance on the database.
   */
  start(): void {
    this.stopWaking = onWakeUp(this.db, 'mail', () => this.kick());
    this.kick();
  }

  /** Looks for due messages now (after a commit that queued some). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.runDue().then(
        async () => await this.afterRun(null),
        async (error: unknown) => await this.afterRun(error),
      );
    }, 0);
  }

  private async afterRun(error: unknown): Promise<void> {
    this.running = undefined;
    if (this.stopped) return;
    try {
      if (error) throw error;
      if (this.again) {
        this.again = false;
        this.kick();
      } else await this.scheduleNext();
    } catch (failure) {
      // The outbox could not be read (the database busy or broken): look again after the first retry delay.
      this.log.error({ err: failure }, 'email outbox could not be read; trying again');
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.kick(), this.settings.retryBaseMs);
    }
  }

  /** Stops after the message in hand; a message claimed but not sent is sent by the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopWaking?.();
    clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  private async runDue(): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const now = this.now();
      const claimed = await claimOutboxBatch(this.db, now, new Date(now.getTime() + this.settings.claimMs));
      if (claimed.length === 0) return;
      for (const [index, row] of claimed.entries()) {
        if (this.stopped) {
          await this.release(claimed.slice(index));
          return;
        }
        await this.send(row);
      }
    }
  }

  /** Gives back rows claimed but not tried (the worker is stopping), so a restart need not wait for the claim to run out. */
  private async release(rows: OutboxRow[]): Promise<void> {
    for (const row of rows) {
      await statement(this.db, 'UPDATE email_outbox SET claimed_until = NULL, attempts = attempts - 1 WHERE id = ? AND sent_at IS NULL').run(row.id);
    }
  }

  private async send(row: OutboxRow): Promise<void> {
    const { settings } = this;
    const link = `${settings.publicAppUrl}${row.linkPath}`;
    const messageId = messageIdOf(row, settings.publicAppUrl);
    try {
      const info = (await this.transport.sendMail({
        from: settings.from,
        to: { name: row.toName, address: row.toAddress },
        subject: row.subject,
        text: wrapLines(
          `${row.body}\n\nOpen the order:\n${link}\n\nYou get this email because of your part in this order.\n`,
        ),
        messageId,
        date: new Date(row.createdAt),
        headers: { 'Auto-Submitted': 'auto-generated' },
      })) as { message?: Buffer };
      if (!settings.smtpUrl) await this.writeEml(row, info.message!);
      await statement(this.db, 'UPDATE email_outbox SET sent_at = ?, claimed_until = NULL, last_error = NULL WHERE id = ?').run(this.now().toISOString(), row.id);
      this.log.info({ outboxId: row.id, orderId: row.orderId, messageId }, 'email sent');
    } catch (error) {
      const lastError = error instanceof Error ? error.message.slice(0, 1000) : String(error);
      if (row.attempts >= settings.maxAttempts) {
        await statement(this.db, 'UPDATE email_outbox SET failed_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?').run(this.now().toISOString(), lastError, row.id);
        this.log.error({ err: error, outboxId: row.id, orderId: row.orderId, attempts: row.attempts }, 'email not sent; giving up after the last attempt');
        return;
      }
      const delay = retryDelayMs(row.attempts, settings.retryBaseMs, settings.retryCapMs);
      const next = new Date(this.now().getTime() + delay).toISOString();
      await statement(this.db, 'UPDATE email_outbox SET next_attempt_at = ?, claimed_until = NULL, last_error = ? WHERE id = ?').run(next, lastError, row.id);
      this.log.warn({ err: error, outboxId: row.id, orderId: row.orderId, attempts: row.attempts, nextAttemptAt: next }, 'email not sent; will retry');
    }
  }

  /**
   * One file per outbox row, named by it: writing it again (a retry) replaces it, never adds a second.
   * Asynchronous: every submit that waits for approval sends one message, and a synchronous write
   * held every request behind the disk while it lasted.
   */
  private async writeEml(row: OutboxRow, message: Buffer): Promise<void> {
    await fs.promises.mkdir(this.settings.outboxDir, { recursive: true });
    const name = `${row.createdAt.replace(/[:.]/g, '-')}-order-${row.orderId}-message-${row.id}.eml`;
    const target = path.join(this.settings.outboxDir, name);
    const partial = `${target}.partial`;
    await fs.promises.writeFile(partial, message);
    await fs.promises.rename(partial, target);
  }

  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    const next = await one<{ at: string | null }>(
      this.db,
      `SELECT MIN(CASE WHEN claimed_until IS NOT NULL AND claimed_until > next_attempt_at THEN claimed_until ELSE next_attempt_at END) AS at
       FROM email_outbox WHERE sent_at IS NULL AND failed_at IS NULL`,
    );
    if (!next?.at) return;
    const wait = Math.max(0, Date.parse(next.at) - this.now().getTime());
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.min(wait, 2 ** 31 - 1));
  }
}

/** Starts the mail worker of a server; its `close()` must `await stop()`. */
export function startMailWorker(db: Db, settings: MailSettings, log: Logger, now: () => Date): MailWorker {
  const worker = new MailWorker(db, settings, log, now);
  worker.start();
  return worker;
}
