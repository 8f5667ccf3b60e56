import type { Connection } from './config.ts';
import { revokeUrlFor } from './extensions.ts';

/**
 * The signed-in person's tokens, shared by every tab of this browser.
 *
 * Tokens live in localStorage so a reload keeps the person signed in. Refresh tokens rotate (the
 * old one dies when used), so two tabs refreshing at once would sign each other out: refreshing
 * therefore happens inside a Web Lock, and a tab that gets the lock first re-reads storage — if
 * another tab already refreshed, it uses that token instead of spending the refresh token again.
 * Tabs hear about sign-in, refresh and sign-out over a BroadcastChannel.
 *
 * `tenant` is the company the person signed in with (or the one the token server named), never
 * just the connection's default: every API call carries it as `X-TNGO-TENANT`.
 */
export type StoredSession = {
  tenant: string;
  clientId: string;
  username: string;
  accessToken: string;
  refreshToken: string | null;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
  /** Epoch milliseconds from which the token is renewed (`refreshMoment`); absent in sessions stored by older versions. */
  refreshAt?: number;
};

export type SessionListener = (session: StoredSession | null) => void;

const STORAGE_KEY = 'mobproc.session.v1';
const CHANNEL_NAME = 'mobproc.session';
const LOCK_NAME = 'mobproc.session.refresh';
/** Refresh at most this long before expiry, so a request in flight never carries a dying token. */
const MAX_REFRESH_MARGIN_MS = 60_000;
/**
 * Never refresh sooner than this after getting a token, however short its lifetime: servers choose
 * their own lifetimes, and a margin larger than the lifetime would refresh without pause.
 */
export const REFRESH_FLOOR_MS = 10_000;
/** After a failed refresh (no answer, 5xx), wait this long, doubling up to `MAX_BACKOFF_MS`. */
const FIRST_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * When to renew a token that lives `lifetimeMs` from `receivedAt`: a quarter of its life before it
 * ends, at most a minute before, and never sooner than `REFRESH_FLOOR_MS` after it came. An hour
 * refreshes after 59 minutes, a minute after 45 s, 20 s after 15 s, 5 s after 10 s (the API's 401
 * then triggers the refresh).
 */
function refreshMoment(receivedAt: number, lifetimeMs: number): number {
  return receivedAt + Math.max(REFRESH_FLOOR_MS, lifetimeMs - Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 4));
}

const refreshDue = (session: StoredSession) => session.refreshAt ?? session.expiresAt - MAX_REFRESH_MARGIN_MS;

export class SignInError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

/** `tenant`: this server's extension naming the session's company. */
export type TokenAnswer = { access_token: string; refresh_token?: string; expires_in: number; token_type: string; tenant?: string };

export function isTokenAnswer(value: unknown): value is TokenAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const answer = value as Record<string, unknown>;
  return typeof answer.access_token === 'string' && typeof answer.expires_in === 'number';
}

function readStored(): StoredSession | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.accessToken !== 'string' || typeof parsed.expiresAt !== 'number' || typeof parsed.username !== 'string') return null;
    return parsed as StoredSession;
  } catch {
    return null;
  }
}

function writeStored(session: StoredSession | null) {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
}

async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  return fetch(new URL(url, window.location.origin), {
    method: 'POST',
    // Never let a `WWW-Authenticate: Basic` answer open the browser's own password prompt.
    credentials: 'omit',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function tokenFailure(response: Response): Promise<SignInError> {
  let body: Record<string, unknown> = {};
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    // Not JSON: fall back to the status line below.
  }
  const code = typeof body.error === 'string' ? body.error : `http_${response.status}`;
  const description = typeof body.error_description === 'string' ? body.error_description : undefined;
  if (response.status === 429) return new SignInError(description ?? 'Too many attempts. Wait a few minutes and try again.', code);
  // A confidential client needs its secret, which no browser can keep: the connection names the wrong client.
  if (code === 'invalid_client') {
    return new SignInError(
      'The sign-in server does not accept this app’s client id without a client secret. A browser cannot keep a secret, so this app can only use a public client: ask your administrator for the web app’s client id and set it in the connection settings.',
      code,
    );
  }
  if (code === 'unauthorized_client') return new SignInError(description ?? 'This account cannot sign in through this app.', code);
  if (code === 'invalid_grant') return new SignInError(description ?? 'The company, username or password is not right.', code);
  return new SignInError(description ?? `Sign-in failed (HTTP ${response.status}).`, code);
}

/**
 * `revokeUrl`: where sign-out revokes the tokens, or null for nowhere (see `revokeUrlFor`: only
 * when the connection names a revoke URL or the server announced `revoke`).
 */
export function createSessionStore(
  getConnection: () => Connection,
  now: () => number = Date.now,
  revokeUrl: (connection: Connection) => Promise<string | null> = revokeUrlFor,
) {
  let current = readStored();
  const listeners = new Set<SessionListener>();
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL_NAME);
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshing: Promise<StoredSession | null> | null = null;
  // After a refresh that got no usable answer: not before `retryAt`, and wait longer each time.
  let retryAt = 0;
  let backoffMs = FIRST_BACKOFF_MS;

  function emit() {
    for (const listener of listeners) listener(current);
    scheduleRefresh();
  }

  function set(next: StoredSession | null, announce: boolean) {
    current = next;
    writeStored(next);
    if (announce) channel?.postMessage({ type: next ? 'changed' : 'signed-out' });
    emit();
  }

  // Another tab signed in, refreshed or signed out: storage already holds the truth.
  channel?.addEventListener('message', () => {
    current = readStored();
    emit();
  });

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    if (!current?.refreshToken) return;
    const delay = Math.max(0, refreshDue(current) - now(), retryAt - now());
    refreshTimer = setTimeout(() => void refresh().catch(() => undefined), Math.min(delay, 2_147_000_000));
  }

  function fromAnswer(answer: TokenAnswer, base: Pick<StoredSession, 'tenant' | 'clientId' | 'username'>, oldRefresh: string | null): StoredSession {
    const receivedAt = now();
    const lifetimeMs = Math.max(0, answer.expires_in) * 1000;
    return {
      ...base,
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? oldRefresh,
      expiresAt: receivedAt + lifetimeMs,
      refreshAt: refreshMoment(receivedAt, lifetimeMs),
    };
  }

  /** No usable answer: keep the token while it lasts and try again later, waiting longer each time. */
  function backOff(session: StoredSession): StoredSession {
    retryAt = now() + backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    scheduleRefresh();
    return session;
  }

  async function refreshNow(): Promise<StoredSession | null> {
    // Another tab may have refreshed while this one waited for the lock.
    const stored = readStored();
    if (stored && refreshDue(stored) > now()) {
      current = stored;
      emit();
      return stored;
    }
    const session = stored ?? current;
    if (!session?.refreshToken) {
      set(null, true);
      return null;
    }
    const connection = getConnection();
    const response = await postForm(connection.tokenUrl, {
      grant_type: 'refresh_token',
      client_id: connection.clientId,
      scope: connection.scope?.trim() || 'MOBPROC',
      refresh_token: session.refreshToken,
    }).catch(() => null);
    if (!response) return backOff(session); // offline
    if (!response.ok) {
      // The refresh token was refused (expired, revoked): this browser is signed out.
      if (response.status === 400 || response.status === 401) {
        set(null, true);
        return null;
      }
      return backOff(session);
    }
    const answer: unknown = await response.json().catch(() => null);
    if (!isTokenAnswer(answer)) return backOff(session);
    retryAt = 0;
    backoffMs = FIRST_BACKOFF_MS;
    const next = fromAnswer(answer, session, session.refreshToken);
    set(next, true);
    return next;
  }

  function refresh(): Promise<StoredSession | null> {
    if (!refreshing) {
      const run = () => refreshNow();
      const locked = typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request(LOCK_NAME, run) : run();
      refreshing = locked.finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  scheduleRefresh();

  return {
    get: () => current,
    subscribe(listener: SessionListener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async signIn({ username, password, tenant }: { username: string; password: string; tenant: string }) {
      const connection = getConnection();
      let response: Response;
      try {
        response = await postForm(connection.tokenUrl, {
          grant_type: 'password',
          client_id: connection.clientId,
          scope: connection.scope?.trim() || 'MOBPROC',
          username,
          password,
          tenant,
        });
      } catch {
        throw new SignInError('The sign-in server could not be reached. Check your connection and try again.', 'network');
      }
      if (!response.ok) throw await tokenFailure(response);
      const answer: unknown = await response.json();
      if (!isTokenAnswer(answer)) throw new SignInError('The sign-in server answered in a form this app does not understand.', 'unexpected');
      const sessionTenant = typeof answer.tenant === 'string' && answer.tenant.trim() ? answer.tenant.trim() : tenant;
      set(fromAnswer(answer, { tenant: sessionTenant, clientId: connection.clientId, username }, null), true);
    },
    /**
     * Starts the session from a token answer obtained elsewhere (the authorization-code flow),
     * for `username` in `tenant`.
     */
    adopt(answer: TokenAnswer, identity: { tenant: string; username: string }) {
      set(fromAnswer(answer, { ...identity, clientId: getConnection().clientId }, null), true);
    },
    /**
     * A token to send now, refreshing first when it is due; null when signed out. While refreshing
     * is backing off after failures, the current token is used as long as it has not expired.
     */
    async getAccessToken(): Promise<string | null> {
      if (!current) return null;
      if (refreshDue(current) > now()) return current.accessToken;
      if (retryAt > now() && current.expiresAt > now()) return current.accessToken;
      return (await refresh())?.accessToken ?? null;
    },
    /** After a 401: try one refresh; null means the person must sign in again. */
    async recoverFromUnauthorized(rejectedToken: string | null): Promise<string | null> {
      if (!current) return null;
      if (rejectedToken && current.accessToken !== rejectedToken) return current.accessToken;
      // Force a refresh: the token looked valid but the server disagrees.
      current = { ...current, expiresAt: 0, refreshAt: 0 };
      writeStored(current);
      return (await refresh())?.accessToken ?? null;
    },
    /** The server refused our tokens and they could not be renewed: forget them locally. */
    forget() {
      if (current) set(null, true);
    },
    /** Stops this store's timer and its channel (a page that goes away; tests that start several). */
    close() {
      clearTimeout(refreshTimer);
      channel?.close();
      listeners.clear();
    },
    async signOut() {
      const session = current;
      set(null, true);
      if (!session) return;
      const connection = getConnection();
      const url = await revokeUrl(connection).catch(() => null);
      if (!url) return;
      // Revoking the refresh token ends its access token too (RFC 7009 pair revocation).
      const token = session.refreshToken ?? session.accessToken;
      await postForm(url, { token, client_id: connection.clientId }).catch(() => undefined);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
