/**
 * A real SMTP server in the test process (the `smtp-server` package) that keeps what it receives,
 * parsed with `mailparser`, so tests see the messages exactly as a mail server would.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type Received = {
  messageId: string;
  /** The envelope's recipients (RCPT TO), lower-cased. */
  recipients: string[];
  /** The To header's addresses, lower-cased. */
  to: string[];
  subject: string;
  text: string;
  date: string;
  autoSubmitted: string;
};

/**
 * What the server does with a message it has fully read: `accept` answers 250; anything the hook
 * awaits runs before that answer, so a test can kill the sender between "received" and "accepted".
 */
export type OnMessage = (message: Received, index: number) => Promise<'accept' | 'refuse'> | 'accept' | 'refuse';

export type TestSmtp = {
  url: string;
  /** Every message fully received, in order (also those the hook refused). */
  messages: Received[];
  waitForCount: (count: number, timeoutMs?: number) => Promise<Received[]>;
  close: () => Promise<void>;
};

const addressesOf = (field: unknown): string[] => {
  const list = Array.isArray(field) ? field : field ? [field] : [];
  return list.flatMap((entry: { value?: { address?: string }[] }) => (entry.value ?? []).map((value) => (value.address ?? '').toLowerCase()));
};

export async function startSmtp(onMessage: OnMessage = () => 'accept', port = 0): Promise<TestSmtp> {
  const messages: Received[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        void (async () => {
          const parsed = await simpleParser(Buffer.concat(chunks));
          const received: Received = {
            messageId: parsed.messageId ?? '',
            recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            to: addressesOf(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            date: parsed.date?.toISOString() ?? '',
            autoSubmitted: String(parsed.headers.get('auto-submitted') ?? ''),
          };
          const index = messages.length;
          messages.push(received);
          const verdict = await onMessage(received, index);
          callback(verdict === 'accept' ? null : Object.assign(new Error('Refused by the test'), { responseCode: 451 }));
        })();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(port, '127.0.0.1', () => resolve()));
  const address = smtp.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${address.port}`,
    messages,
    waitForCount: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages within ${timeoutMs} ms, got ${messages.length}: ${JSON.stringify(messages.map((m) => [m.to, m.subject]))}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return messages;
    },
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}
