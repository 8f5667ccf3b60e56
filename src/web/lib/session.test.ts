import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetAnnouncedExtensions } from './extensions.ts';
import { createSessionStore } from './session.ts';
import { connection, fakeTokenServer, installWebLocks } from './session-fakes.test-utils.ts';

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
    now += 3600_000 - 60_000 + 1_000;

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
    const stale = { ...store.get()!, refreshToken: 'refresh-unknown', expiresAt: now, refreshAt: now };
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

  it('keeps the company the token server names as the session’s tenant', async () => {
    const answering = vi.fn(async () => Response.json({ token_type: 'Bearer', expires_in: 3600, access_token: 'a', refresh_token: 'r', tenant: 'GLOBEX' }));
    vi.stubGlobal('fetch', answering);
    const store = createSessionStore(() => connection, clock);
    await store.signIn({ tenant: 'globex', username: 'hank.scorpio', password: 'demo' });
    expect(store.get()?.tenant).toBe('GLOBEX');
  });

  it('says plainly that a browser cannot use a confidential client', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Response.json({ error: 'invalid_client', error_description: 'Unknown client, or a wrong or missing client_secret.' }, { status: 401 })));
    const store = createSessionStore(() => ({ ...connection, clientId: 'servicedesk-app' }), clock);
    await expect(store.signIn({ tenant: 'ACME', username: 'sam.rivera', password: 'demo' })).rejects.toThrow(/browser cannot keep a secret/);
  });
});
