import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetAnnouncedExtensions } from './extensions.ts';
import { createSessionStore, REFRESH_FLOOR_MS } from './session.ts';
import { connection, fakeTokenServer, installWebLocks } from './session-fakes.test-utils.ts';

/**
 * Refresh scheduling against token lifetimes the server chooses. In a file of its own: every store
 * of a file hears the others over the BroadcastChannel, and these tests count token requests.
 */
describe('session refresh scheduling', () => {
  let server: ReturnType<typeof fakeTokenServer>;
  const now = Date.parse('2026-11-26T12:00:00Z');

  beforeEach(() => {
    localStorage.clear();
    forgetAnnouncedExtensions();
    installWebLocks();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([20, 60, 5])('refreshes a %i-second token a handful of times a minute, not in a loop', async (lifetimeSeconds) => {
    vi.useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      server = fakeTokenServer(['revoke'], lifetimeSeconds);
      vi.stubGlobal('fetch', server.fetch);
      const store = createSessionStore(() => connection, () => Date.now());
      const signedIn = store.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
      await vi.advanceTimersByTimeAsync(10);
      await signedIn;
      await vi.advanceTimersByTimeAsync(60_000);
      store.close();
      const refreshes = server.calls.filter((call) => call.grant === 'refresh_token').length;
      expect(refreshes).toBeGreaterThanOrEqual(1);
      expect(refreshes).toBeLessThanOrEqual(Math.ceil(60_000 / REFRESH_FLOOR_MS));
      expect(store.get()?.accessToken).toBe(`access-${refreshes + 1}`);
    } finally {
      vi.useRealTimers();
    }
  });

  it('backs off when the token server does not answer, and recovers when it does', async () => {
    vi.useFakeTimers({ now, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      server = fakeTokenServer(['revoke'], 20);
      let down = false;
      const flaky = vi.fn(async (input: URL | RequestInfo, init?: RequestInit) => {
        if (down) throw new TypeError('Failed to fetch');
        return server.fetch(input, init);
      });
      vi.stubGlobal('fetch', flaky);
      const store = createSessionStore(() => connection, () => Date.now());
      const signedIn = store.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
      await vi.advanceTimersByTimeAsync(10);
      await signedIn;
      down = true;
      flaky.mockClear();
      await vi.advanceTimersByTimeAsync(120_000);
      // 15 s, then 5, 10, 20, 40 s apart: a handful, not one per event-loop turn.
      expect(flaky.mock.calls.length).toBeGreaterThan(0);
      expect(flaky.mock.calls.length).toBeLessThanOrEqual(6);
      expect(store.get()).not.toBeNull();
      down = false;
      await vi.advanceTimersByTimeAsync(5 * 60_000);
      expect(store.get()?.accessToken).not.toBe('access-1');
      store.close();
    } finally {
      vi.useRealTimers();
    }
  });

});
