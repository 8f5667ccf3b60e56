/**
 * Transactions on the asynchronous domain (decision 17): while one transaction awaits something
 * with its writes uncommitted, other requests read the last commit and other writes wait their
 * turn; a transaction that fails leaves nothing, and a savepoint that fails leaves only itself out.
 * On one connection shared by everything, the reads would see the open transaction's rows and the
 * writes would run inside it (and roll back with it), which is what these tests catch.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationSettings } from '../../contract/index.ts';
import { saveNotificationSettings } from '../domain/notifications/settings.ts';
import { afterCommit, transaction } from '../storage/db.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { getOk } from './read-api.ts';
import { signIn, type Session } from './session.ts';

let server: TestServer;
let frank: Session;
let kevin: Session;

beforeAll(async () => {
  server = await startTestServer();
  // Signing in writes tokens: done before any test holds a transaction open.
  [frank, kevin] = await Promise.all([signIn(server, 'frank.castle'), signIn(server, 'kevin.zhao')]);
});
afterAll(async () => await server.close());

/** A promise and the function that settles it: what a transaction awaits in the middle of its work. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const emailOf = async (session: Session) => (await getOk(server, session, '/me/notification-settings', notificationSettings)).email;

/** PUT /me/notification-settings, and whether its answer has arrived yet. */
function putEmail(session: Session, email: boolean) {
  const state = { answered: false };
  const answer = fetch(`${server.url}/mobproc/v1/me/notification-settings`, {
    method: 'PUT',
    headers: { ...session.headers(), 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  }).then((response) => {
    state.answered = true;
    return response;
  });
  return { state, answer };
}

/** Long enough for a request that need not wait to be answered many times over on this machine. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function reset(): Promise<void> {
  for (const session of [frank, kevin]) {
    const response = await fetch(`${server.url}/mobproc/v1/me/notification-settings`, {
      method: 'PUT',
      headers: { ...session.headers(), 'content-type': 'application/json' },
      body: JSON.stringify({ email: true }),
    });
    expect(response.status).toBe(200);
  }
}

describe('a transaction that awaits something in the middle', () => {
  it('is not seen by a concurrent request until it commits, and a concurrent write waits for it', async () => {
    await reset();
    const held = gate();
    const wrote = gate();
    const holding = transaction(server.deps.db, async (tx) => {
      await saveNotificationSettings(tx, demoIds.employees.frank, { email: false }, new Date());
      wrote.open();
      await held.opened;
    });
    await wrote.opened;

    expect(await emailOf(frank)).toBe(true);
    const kevinsChange = putEmail(kevin, false);
    await settle();
    expect(kevinsChange.state.answered).toBe(false);
    expect(await emailOf(kevin)).toBe(true);

    held.open();
    await holding;
    expect((await kevinsChange.answer).status).toBe(200);
    expect(await emailOf(frank)).toBe(false);
    expect(await emailOf(kevin)).toBe(false);
  });

  it('leaves nothing when it fails, while the write that waited for it stays', async () => {
    await reset();
    const held = gate();
    const wrote = gate();
    let announced = false;
    const failing = transaction(server.deps.db, async (tx) => {
      await saveNotificationSettings(tx, demoIds.employees.frank, { email: false }, new Date());
      afterCommit(tx, () => (announced = true));
      wrote.open();
      await held.opened;
      throw new Error('rolled back on purpose');
    });
    await wrote.opened;
    const kevinsChange = putEmail(kevin, false);
    await settle();

    held.open();
    await expect(failing).rejects.toThrow('rolled back on purpose');
    expect((await kevinsChange.answer).status).toBe(200);
    expect(await emailOf(frank)).toBe(true);
    expect(await emailOf(kevin)).toBe(false);
    await settle();
    expect(announced).toBe(false);
  });

  it('keeps what it wrote when a nested transaction (a savepoint) fails and is caught', async () => {
    await reset();
    let announcedInner = false;
    let announcedOuter = false;
    await transaction(server.deps.db, async (tx) => {
      await saveNotificationSettings(tx, demoIds.employees.frank, { email: false }, new Date());
      afterCommit(tx, () => (announcedOuter = true));
      await expect(
        transaction(tx, async (inner) => {
          await saveNotificationSettings(inner, demoIds.employees.kevin, { email: false }, new Date());
          afterCommit(inner, () => (announcedInner = true));
          throw new Error('the savepoint alone rolls back');
        }),
      ).rejects.toThrow('the savepoint alone rolls back');
    });
    expect(await emailOf(frank)).toBe(false);
    expect(await emailOf(kevin)).toBe(true);
    await settle();
    expect(announcedOuter).toBe(true);
    expect(announcedInner).toBe(false);
  });

  it('refuses, instead of waiting for ever, a write through the database rather than its own handle', async () => {
    await reset();
    await transaction(server.deps.db, async (tx) => {
      await saveNotificationSettings(tx, demoIds.employees.frank, { email: false }, new Date());
      // The write would wait for the turn this transaction holds until it ends, which it never would.
      await expect(saveNotificationSettings(server.deps.db, demoIds.employees.kevin, { email: false }, new Date())).rejects.toThrow(/transaction’s handle/);
    });
    expect(await emailOf(frank)).toBe(false);
    expect(await emailOf(kevin)).toBe(true);
  });
});
