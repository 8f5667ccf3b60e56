import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ServerConfig } from '../config.ts';
import type { Db } from '../storage/db.ts';
import { transaction } from '../storage/db.ts';
import { OAuthFailure, assertMaySignInThrough, hashToken, issueTokens, revokeGrant, type AuthenticatedClient, type IssuedTokens } from './auth.ts';
import { authorizationCodes, clients, employees } from '../storage/schema.ts';
import { rowWhere, statement } from '../storage/statements.ts';
import type { EmployeeRow } from './auth-context.ts';

/**
 * The authorization-code flow with PKCE (extension `authorization-code`; RFC 6749 §4.1, RFC 7636,
 * S256 only). Codes are random, stored hashed, single-use and live `CODE_TTL_SECONDS`.
 */
const CODE_TTL_SECONDS = 60;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** RFC 7636 §4.1: 43–128 characters of the unreserved set. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
/** BASE64URL of a SHA-256: 43 characters. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Whether `requested` equals a registered redirect URI. A loopback host matches on any port
 * (RFC 8252 §7.3: native and test clients get a port from the system); everything else must be
 * equal character for character.
 */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  let asked: URL;
  try {
    asked = new URL(requested);
  } catch {
    return false;
  }
  if (asked.hash || asked.username || asked.password) return false;
  return registered.some((candidate) => {
    if (candidate === requested) return true;
    let known: URL;
    try {
      known = new URL(candidate);
    } catch {
      return false;
    }
    return (
      LOOPBACK_HOSTS.has(known.hostname) &&
      known.protocol === asked.protocol &&
      known.hostname === asked.hostname &&
      known.pathname === asked.pathname &&
      known.search === asked.search
    );
  });
}

/**
 * What the authorization page needs to know of a client: the redirect URIs registered for it
 * (stored ones, plus `MOBPROC_WEB_REDIRECT_URIS` for the web client) and whether it is
 * confidential; null when the client does not exist.
 */
export async function clientForAuthorization(db: Db, config: ServerConfig, clientId: string): Promise<{ redirectUris: string[]; confidential: boolean } | null> {
  const row = await rowWhere(db, clients, { clientId });
  if (!row) return null;
  const stored = row.redirectUris ?? [];
  return {
    redirectUris: clientId === config.webClientId ? [...stored, ...config.webRedirectUris] : stored,
    confidential: row.secretHash !== null,
  };
}

export const isS256Challenge = (challenge: string) => S256_CHALLENGE.test(challenge);

type CodeRequest = { clientId: string; redirectUri: string; codeChallenge: string; scope: string };

/** A new code for `employee`, who just signed in on the authorization page. */
export async function issueAuthorizationCode(db: Db, now: Date, employee: EmployeeRow, request: CodeRequest): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  await statement(
    db,
    `INSERT INTO authorization_codes (code_hash, grant_id, client_id, redirect_uri, code_challenge, tenant_id, employee_id, scope, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashToken(code),
    randomUUID(),
    request.clientId,
    request.redirectUri,
    request.codeChallenge,
    employee.tenantId,
    employee.id,
    request.scope,
    new Date(now.getTime() + CODE_TTL_SECONDS * 1000).toISOString(),
  );
  // Codes nobody redeemed are worthless a minute later.
  await statement(db, 'DELETE FROM authorization_codes WHERE expires_at < ?').run(new Date(now.getTime() - CODE_TTL_SECONDS * 1000).toISOString());
  return code;
}

type CodeGrant = { code?: string; redirectUri?: string; codeVerifier?: string; client: AuthenticatedClient };

/**
 * `grant_type=authorization_code`: the token pair for a code, once. A second use of a code ends
 * the tokens the first use produced (RFC 6749 §4.1.2). Errors: 400 `invalid_request` (missing
 * parameters), 400 `invalid_grant` (unknown, used, expired, other client or redirect URI, or a
 * verifier that does not match the challenge).
 */
export async function authorizationCodeGrant(db: Db, config: ServerConfig, now: Date, grant: CodeGrant): Promise<IssuedTokens> {
  if (!grant.code || !grant.redirectUri || !grant.codeVerifier) {
    throw new OAuthFailure(400, 'invalid_request', 'code, redirect_uri and code_verifier are required.');
  }
  if (!VERIFIER.test(grant.codeVerifier)) throw new OAuthFailure(400, 'invalid_request', 'code_verifier must be 43 to 128 characters of A–Z, a–z, 0–9, "-", ".", "_" and "~".');
  const codeVerifier = grant.codeVerifier;
  const codeHash = hashToken(grant.code);
  // Failures are returned, not thrown, inside the transaction: a replay's revocation must commit.
  const outcome = await transaction(db, async (db): Promise<IssuedTokens | OAuthFailure> => {
    const row = await rowWhere(db, authorizationCodes, { codeHash });
    const refused = new OAuthFailure(400, 'invalid_grant', 'The authorization code is not valid, was already used or has expired; sign in again.');
    if (!row) return refused;
    if (row.usedAt !== null) {
      await revokeGrant(db, row.grantId, now);
      return refused;
    }
    // Any attempt spends the code, a failed one too: a wrong verifier gets no second guess. Only
    // an unspent code is spent, so of two exchanges at once (on two instances) one gets it and
    // the other is the replay.
    const spent = await statement(db, 'UPDATE authorization_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL RETURNING code_hash').all(now.toISOString(), codeHash);
    if (spent.length === 0) {
      await revokeGrant(db, row.grantId, now);
      return refused;
    }
    if (row.expiresAt <= now.toISOString() || row.clientId !== grant.client.clientId || row.redirectUri !== grant.redirectUri) return refused;
    const computed = createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
    if (computed !== row.codeChallenge) return new OAuthFailure(400, 'invalid_grant', 'The code_verifier does not match the code_challenge.');
    const employee = await rowWhere(db, employees, { id: row.employeeId });
    if (employee?.status !== 'ACTIVE') return new OAuthFailure(400, 'invalid_grant', 'The account is no longer active.');
    try {
      assertMaySignInThrough(employee, grant.client);
    } catch (failure) {
      if (failure instanceof OAuthFailure) return failure;
      throw failure;
    }
    return await issueTokens(db, config, now, { grantId: row.grantId, tenantId: row.tenantId, clientId: row.clientId, employeeId: row.employeeId, scope: row.scope });
  });
  if (outcome instanceof OAuthFailure) throw outcome;
  return outcome;
}
