import * as oauth from 'oauth4webapi';
import { API_BASE_PATH, headerNames } from '../../contract/constants.ts';
import type { Connection } from './config.ts';
import { isTokenAnswer, SignInError, type TokenAnswer } from './session.ts';

/**
 * Sign-in through the company's sign-in page: OAuth 2 authorization code with PKCE (RFC 6749 §4.1,
 * RFC 7636 S256), run with `oauth4webapi` against whichever server issues the MOBPROC server's
 * tokens — this project's `/oauth/authorize`, or an enterprise's identity provider.
 *
 * The library needs `crypto.subtle`, which browsers give only to secure contexts (HTTPS, or
 * `localhost`/`127.0.0.1`). It refuses `http://` endpoints unless told otherwise; this app allows
 * them only for loopback hosts (tests, a demo on this machine).
 *
 * Loaded only when someone chooses this way of signing in, so the sign-in page stays small.
 */

/** What the browser remembers between leaving for the sign-in page and coming back (this tab only). */
type Pending = { state: string; codeVerifier: string; redirectUri: string; returnTo: string; authorizeUrl: string };

const PENDING_KEY = 'mobproc.authorize.v1';
const CALLBACK_PATH = '/sign-in/callback';

const absolute = (url: string) => new URL(url, window.location.origin).href;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const insecureAllowed = (url: string) => {
  const parsed = new URL(url);
  return parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname);
};

function describe(connection: Connection, authorizeUrl: string) {
  const tokenUrl = absolute(connection.tokenUrl);
  const server: oauth.AuthorizationServer = { issuer: new URL(absolute(authorizeUrl)).origin, authorization_endpoint: absolute(authorizeUrl), token_endpoint: tokenUrl };
  const client: oauth.Client = { client_id: connection.clientId };
  return { server, client, tokenUrl };
}

/**
 * Leaves for the sign-in page at `authorizeUrl`. `returnTo` is the app path to come back to. The
 * connection's tenant goes along as `tenant` (this server's page pre-fills it; others ignore it).
 */
export async function startAuthorizationCodeSignIn(connection: Connection, authorizeUrl: string, returnTo: string): Promise<void> {
  if (!globalThis.crypto?.subtle) {
    throw new SignInError('This page is not served over HTTPS, so the browser withholds the cryptography sign-in needs. Open the app over https:// (or on localhost).', 'insecure_context');
  }
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const redirectUri = `${window.location.origin}${CALLBACK_PATH}`;
  const target = new URL(absolute(authorizeUrl));
  target.searchParams.set('response_type', 'code');
  target.searchParams.set('client_id', connection.clientId);
  target.searchParams.set('redirect_uri', redirectUri);
  target.searchParams.set('scope', connection.scope?.trim() || 'MOBPROC');
  target.searchParams.set('state', state);
  target.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  target.searchParams.set('code_challenge_method', 'S256');
  if (connection.tenant) target.searchParams.set('tenant', connection.tenant);
  const pending: Pending = { state, codeVerifier, redirectUri, returnTo, authorizeUrl };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  window.location.assign(target.href);
}

function readPending(): Pending | null {
  try {
    const raw = sessionStorage.getItem(PENDING_KEY);
    return raw ? (JSON.parse(raw) as Pending) : null;
  } catch {
    return null;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Who the token is for. The tenant: the token answer's `tenant` (this server's extension), else
 * what the token server's validation (`GET {token URL}?grant_type=…validate_bearer`, the vendor's
 * documented form) says, else the connection's. The name for this browser's per-person storage:
 * the validation's `identifier`, else `/me`'s `authenticatedUser.id`.
 */
async function identify(connection: Connection, tokenUrl: string, answer: TokenAnswer): Promise<{ tenant: string; username: string }> {
  let tenant = typeof answer.tenant === 'string' && answer.tenant.trim() ? answer.tenant.trim() : undefined;
  let username: string | undefined;
  try {
    const url = new URL(tokenUrl);
    url.searchParams.set('grant_type', 'urn:pingidentity.com:oauth2:grant_type:validate_bearer');
    url.searchParams.set('token', answer.access_token);
    url.searchParams.set('client_id', connection.clientId);
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit' });
    const body: unknown = response.ok ? await response.json() : null;
    const described = isRecord(body) && isRecord(body.access_token) ? body.access_token : null;
    if (described && typeof described.tenant === 'string' && described.tenant) tenant ??= described.tenant;
    if (described && typeof described.identifier === 'string' && described.identifier) username = described.identifier;
  } catch {
    // Not offered by this token server: the fallbacks below apply.
  }
  tenant ??= connection.tenant;
  if (!username) {
    const response = await fetch(new URL(`${connection.baseUrl}${API_BASE_PATH}/me`, window.location.origin), {
      headers: { Accept: 'application/json', Authorization: `Bearer ${answer.access_token}`, [headerNames.tenant]: tenant, [headerNames.clientId]: connection.clientId },
    });
    const body: unknown = response.ok ? await response.json() : null;
    const user = isRecord(body) && isRecord(body.authenticatedUser) ? body.authenticatedUser : null;
    if (!user || typeof user.id !== 'string') {
      throw new SignInError(`Signed in, but the MOBPROC server refused the new token (HTTP ${response.status}). Check the tenant and client id in the connection settings.`, 'unexpected');
    }
    username = user.id;
  }
  return { tenant, username };
}

/**
 * Back from the sign-in page: checks `state`, exchanges the code with the PKCE verifier, and
 * answers the tokens, who they are for and the app path to return to. Throws `SignInError` with
 * a sentence for a person.
 */
export async function finishAuthorizationCodeSignIn(connection: Connection, currentUrl: URL): Promise<{ answer: TokenAnswer; tenant: string; username: string; returnTo: string }> {
  const pending = readPending();
  sessionStorage.removeItem(PENDING_KEY);
  if (!pending) throw new SignInError('This sign-in was not started in this tab, or it was already completed. Sign in again.', 'no_pending_sign_in');
  const { server, client, tokenUrl } = describe(connection, pending.authorizeUrl);
  try {
    const parameters = oauth.validateAuthResponse(server, client, currentUrl, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(server, client, oauth.None(), parameters, pending.redirectUri, pending.codeVerifier, {
      [oauth.allowInsecureRequests]: insecureAllowed(tokenUrl),
    });
    const answer: unknown = await oauth.processAuthorizationCodeResponse(server, client, response);
    if (!isTokenAnswer(answer)) throw new SignInError('The sign-in server answered in a form this app does not understand.', 'unexpected');
    const identity = await identify(connection, tokenUrl, answer);
    return { answer, ...identity, returnTo: pending.returnTo };
  } catch (cause) {
    if (cause instanceof SignInError) throw cause;
    if (cause instanceof oauth.AuthorizationResponseError || cause instanceof oauth.ResponseBodyError) {
      throw new SignInError(cause.error === 'access_denied' ? 'Sign-in was cancelled.' : `The sign-in server refused: ${cause.error_description ?? cause.error}.`, cause.error);
    }
    if (cause instanceof Error && /state/i.test(cause.message)) throw new SignInError('This sign-in answer does not belong to the sign-in this tab started. Sign in again.', 'state_mismatch');
    throw new SignInError('Sign-in could not be completed: the sign-in server could not be reached or answered unexpectedly. Try again.', 'network');
  }
}
