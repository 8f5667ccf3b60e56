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
 */
export type StoredSession = {
  tenant: string;
  clientId: string;
  username: string;
  accessToken: string;
  refreshToken: string | null;
  /** Epoch milliseconds when the access token expires. */
  expiresAt: number;
};

export type SessionListener = (session: StoredSession | null) => void;

const STORAGE_KEY = 'mobproc.session.v1';
const CHANNEL_NAME = 'mobproc.session';
const LOCK_NAME = 'mobproc.session.refresh';
/** Refresh this long before expiry, so a request in flight never carries a dying token. */
export const REFRESH_MARGIN_MS = 60_000;

export class SignInError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'SignInError';
  }
}

type TokenAnswer = { access_token: string; refresh_token?: string; expires_in: number; token_type: string };

function isTokenAnswer(value: unknown): value is TokenAnswer {
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
  if (code === 'invalid_grant') return new SignInError(description ?? 'The username or password is not right.', code);
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
    const delay = Math.max(0, current.expiresAt - REFRESH_MARGIN_MS - now());
    refreshTimer = setTimeout(() => void refresh().catch(() => undefined), Math.min(delay, 2_147_000_000));
  }

  function fromAnswer(answer: TokenAnswer, base: Pick<StoredSession, 'tenant' | 'clientId' | 'username'>, oldRefresh: string | null): StoredSession {
    return {
      ...base,
      accessToken: answer.access_token,
      refreshToken: answer.refresh_token ?? oldRefresh,
      expiresAt: now() + answer.expires_in * 1000,
    };
  }

  async function refreshNow(): Promise<StoredSession | null> {
    // Another tab may have refreshed while this one waited for the lock.
    const stored = readStored();
    if (stored && stored.expiresAt - REFRESH_MARGIN_MS > now()) {
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
      scope: 'MOBPROC',
      refresh_token: session.refreshToken,
    }).catch(() => null);
    if (!response) return session; // offline: keep what we have and try again later
    if (!response.ok) {
      // The refresh token was refused (expired, revoked): this browser is signed out.
      if (response.status === 400 || response.status === 401) set(null, true);
      return response.status === 400 || response.status === 401 ? null : session;
    }
    const answer: unknown = await response.json();
    if (!isTokenAnswer(answer)) return session;
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
          scope: 'MOBPROC',
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
      set(fromAnswer(answer, { tenant, clientId: connection.clientId, username }, null), true);
    },
    /** A token that is valid for at least a minute, refreshing first when needed; null when signed out. */
    async getAccessToken(): Promise<string | null> {
      if (!current) return null;
      if (current.expiresAt - REFRESH_MARGIN_MS > now()) return current.accessToken;
      return (await refresh())?.accessToken ?? null;
    },
    /** After a 401: try one refresh; null means the person must sign in again. */
    async recoverFromUnauthorized(rejectedToken: string | null): Promise<string | null> {
      if (!current) return null;
      if (rejectedToken && current.accessToken !== rejectedToken) return current.accessToken;
      // Force a refresh: the token looked valid but the server disagrees.
      current = { ...current, expiresAt: 0 };
      writeStored(current);
      return (await refresh())?.accessToken ?? null;
    },
    /** The server refused our tokens and they could not be renewed: forget them locally. */
    forget() {
      if (current) set(null, true);
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
