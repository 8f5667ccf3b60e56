import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetAnnouncedExtensions } from './extensions.ts';
import { createSessionStore, REFRESH_MARGIN_MS } from './session.ts';

/**
 * A token endpoint that behaves like MOBPROC's: refresh tokens rotate, and a used (or revoked)
 * refresh token is refused with invalid_grant — so two tabs refreshing with the same token
 * would sign one of them out.
 */
function fakeTokenServer(extensions: string[] = ['revoke']) {
  let serial = 0;
  const live = new Set<string>();
  const calls: { grant: string | null; path: string }[] = [];
  const issue = () => {
    serial += 1;
    const refresh = `refresh-${serial}`;
    live.add(refresh);
    return { token_type: 'Bearer', expires_in: 3600, access_token: `access-${serial}`, refresh_token: refresh };
  };
  const fetch = vi.fn(async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/mobproc/v1/ping')) return Response.json({ echoText: url.searchParams.get('echoText') ?? '', extensions });
    const form = new URLSearchParams(String(init?.body ?? ''));
    calls.push({ grant: form.get('grant_type'), path: url.pathname });
    // Answer later than at once, so concurrent callers really overlap.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (url.pathname.endsWith('/revoke')) {
      live.delete(form.get('token') ?? '');
      return new Response('{}', { status: 200 });
    }
    if (form.get('grant_type') === 'password') {
      return form.get('password') === 'demo'
        ? Response.json(issue())
        : Response.json({ error: 'invalid_grant', error_description: 'The username or password is not right.' }, { status: 400 });
    }
    const refresh = form.get('refresh_token') ?? '';
    if (!live.delete(refresh)) return Response.json({ error: 'invalid_grant' }, { status: 400 });
    return Response.json(issue());
  });
  return { fetch, calls };
}

/** navigator.locks as browsers implement it for one origin: one holder per name at a time. */
function installWebLocks() {
  const queues = new Map<string, Promise<unknown>>();
  const locks = {
    request: <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const previous = queues.get(name) ?? Promise.resolve();
      const run = previous.then(work, work);
      queues.set(name, run.catch(() => undefined));
      return run;
    },
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
}

const connection = { baseUrl: '', tokenUrl: 'http://app.test/oauth/token', clientId: 'mobproc-web', tenant: 'ACME' };

describe('session store', () => {
  let server: ReturnType<typeof fakeTokenServer>;
  let now: number;
  const clock = () => now;

  beforeEach(() => {
    localStorage.clear();
    forgetAnnouncedExtensions();
    server = fakeTokenServer();
    vi.stubGlobal('fetch', server.fetch);
    installWebLocks();
    now = Date.parse('2026-11-26T12:00:00Z');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('signs in with the password grant and survives a reload', async () => {
    const store = createSessionStore(() => connection, clock);
    await store.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
    expect(await store.getAccessToken()).toBe('access-1');
    const afterReload = createSessionStore(() => connection, clock);
    expect(afterReload.get()?.username).toBe('peter.edwards');
    expect(await afterReload.getAccessToken()).toBe('access-1');
    expect(server.calls.filter((call) => call.grant === 'refresh_token')).toHaveLength(0);
  });

  it('says why a sign-in was refused and stays signed out', async () => {
    const store = createSessionStore(() => connection, clock);
    await expect(store.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'nope' })).rejects.toThrow('The username or password is not right.');
    expect(store.get()).toBeNull();
  });

  it('refreshes before expiry, once, even when two tabs ask at the same moment', async () => {
    const tabA = createSessionStore(() => connection, clock);
    await tabA.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
    const tabB = createSessionStore(() => connection, clock);
    now += 3600_000 - REFRESH_MARGIN_MS + 1_000;

    const [a, b, again] = await Promise.all([tabA.getAccessToken(), tabB.getAccessToken(), tabA.getAccessToken()]);

    expect(server.calls.filter((call) => call.grant === 'refresh_token')).toHaveLength(1);
    expect([a, b, again]).toEqual(['access-2', 'access-2', 'access-2']);
    // Neither tab was signed out by the other's rotation.
    expect(tabA.get()?.refreshToken).toBe('refresh-2');
    expect(tabB.get()?.refreshToken).toBe('refresh-2');
  });

  it('a refused refresh token signs the browser out', async () => {
    const store = createSessionStore(() => connection, clock);
    await store.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
    const stale = { ...store.get()!, refreshToken: 'refresh-unknown', expiresAt: now };
    localStorage.setItem('mobproc.session.v1', JSON.stringify(stale));
    const reloaded = createSessionStore(() => connection, clock);
    expect(await reloaded.getAccessToken()).toBeNull();
    expect(reloaded.get()).toBeNull();
  });

  it('sign-out revokes the refresh token and tells the other tabs', async () => {
    const tabA = createSessionStore(() => connection, clock);
    await tabA.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
    const tabB = createSessionStore(() => connection, clock);
    const heard = new Promise<unknown>((resolve) => tabB.subscribe(resolve));

    await tabA.signOut();

    expect(server.calls.at(-1)).toEqual({ grant: null, path: '/oauth/revoke' });
    expect(String(server.fetch.mock.calls.at(-1)![1]!.body)).toContain('token=refresh-1');
    expect(localStorage.getItem('mobproc.session.v1')).toBeNull();
    expect(await heard).toBeNull();
    expect(tabB.get()).toBeNull();
  });

  it('sign-out revokes nowhere when the server did not announce revoke', async () => {
    server = fakeTokenServer([]);
    vi.stubGlobal('fetch', server.fetch);
    const store = createSessionStore(() => connection, clock);
    await store.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
    await store.signOut();
    expect(server.calls.map((call) => call.path)).toEqual(['/oauth/token']);
    expect(store.get()).toBeNull();
  });

  it('sign-out never posts to a token URL of another shape, and uses a configured revoke URL', async () => {
    const vendorLike = { ...connection, tokenUrl: 'http://idp.test/as/token.oauth2' };
    const store = createSessionStore(() => vendorLike, clock);
    await store.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
    await store.signOut();
    expect(server.calls.map((call) => call.path)).toEqual(['/as/token.oauth2']);

    const withRevoke = { ...vendorLike, revokeUrl: 'http://idp.test/as/revoke_token.oauth2' };
    const second = createSessionStore(() => withRevoke, clock);
    await second.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
    await second.signOut();
    expect(server.calls.at(-1)).toEqual({ grant: null, path: '/as/revoke_token.oauth2' });
  });
});
