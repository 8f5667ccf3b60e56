import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ServerConfig } from '../config.ts';
import type { EmployeeRow } from './auth-context.ts';
import type { Db } from '../storage/db.ts';
import { writeTransaction } from '../storage/db.ts';
import { hashSecret, verifySecret } from './passwords.ts';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { authTokens, employees, tenants } from '../storage/schema.ts';
import { all, allPrepared, one, statement } from '../storage/statements.ts';

export const MOBPROC_SCOPE = 'MOBPROC';

/** Tokens are stored only as SHA-256 hashes: a leaked database holds no usable token. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');
const newToken = () => randomBytes(32).toString('base64url');

/** A failure the token endpoint answers in RFC 6749's format. */
export class OAuthFailure extends Error {
  constructor(
    readonly status: 400 | 401 | 429,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

const tokenColumns = {
  id: authTokens.id,
  kind: authTokens.kind,
  grantId: authTokens.grantId,
  tenantId: authTokens.tenantId,
  tenantCode: tenants.code,
  clientId: authTokens.clientId,
  employeeId: authTokens.employeeId,
  scope: authTokens.scope,
  expiresAt: authTokens.expiresAt,
  revokedAt: authTokens.revokedAt,
};

/** A stored token (access or refresh) with its tenant's code, looked up by the token itself. */
export const findToken = (db: Db, token: string) =>
  allPrepared(db, 'token', (bind) =>
    db
      .select(tokenColumns)
      .from(authTokens)
      .innerJoin(tenants, eq(tenants.id, authTokens.tenantId))
      .where(eq(authTokens.tokenHash, bind('hash', hashToken(token)))),
  )[0];

export type TokenRow = NonNullable<ReturnType<typeof findToken>>;

/** Who may sign in as `username`: at most two, so a name in two tenants without a tenant named is refused. */
const signInCandidates = (db: Db, username: string, tenant: string | undefined): EmployeeRow[] =>
  allPrepared(db, 'sign-in-candidates', (bind) => {
    const tenantCode = bind('tenant', tenant ?? null);
    return db
      .select(getTableColumns(employees))
      .from(employees)
      .innerJoin(tenants, eq(tenants.id, employees.tenantId))
      .where(and(sql`lower(${employees.username}) = lower(${bind('username', username)})`, sql`(${tenantCode} IS NULL OR upper(${tenants.code}) = upper(${tenantCode}))`))
      .limit(2);
  });

/** Usable now: neither revoked nor expired. */
export const isLive = (row: TokenRow, now: Date) => row.revokedAt == null && row.expiresAt > now.toISOString();

export type IssuedTokens = { accessToken: string; refreshToken: string; expiresIn: number };

/** An access token and a refresh token sharing a grant id, so revoking one ends both. */
export function issueTokens(
  db: Db,
  config: ServerConfig,
  now: Date,
  grant: { grantId?: string; tenantId: number; clientId: string; employeeId: number; scope: string },
): IssuedTokens {
  const grantId = grant.grantId ?? randomUUID();
  const accessToken = newToken();
  const refreshToken = newToken();
  const insert = statement(
    db,
    `INSERT INTO auth_tokens (token_hash, kind, grant_id, tenant_id, client_id, employee_id, scope, issued_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const issuedAt = now.toISOString();
  const expiry = (seconds: number) => new Date(now.getTime() + seconds * 1000).toISOString();
  insert.run(hashToken(accessToken), 'access', grantId, grant.tenantId, grant.clientId, grant.employeeId, grant.scope, issuedAt, expiry(config.tokenTtlSeconds));
  insert.run(hashToken(refreshToken), 'refresh', grantId, grant.tenantId, grant.clientId, grant.employeeId, grant.scope, issuedAt, expiry(config.refreshTtlSeconds));
  return { accessToken, refreshToken, expiresIn: config.tokenTtlSeconds };
}

export function revokeGrant(db: Db, grantId: string, now: Date): void {
  statement(db, 'UPDATE auth_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL').run(now.toISOString(), grantId);
}

// ---------------------------------------------------------------------------------------------
// Clients

/** Public clients (the browser app) have no secret; confidential ones must present theirs. */
export function authenticateClient(db: Db, clientId: string | undefined, clientSecret: string | undefined): string {
  if (!clientId) throw new OAuthFailure(400, 'invalid_request', 'client_id is required.');
  const client = one<{ clientId: string; secretHash: string | null }>(
    db,
    'SELECT client_id AS clientId, secret_hash AS secretHash FROM clients WHERE client_id = ?',
    clientId,
  );
  const invalid = () =>
    new OAuthFailure(401, 'invalid_client', 'Unknown client, or a wrong or missing client_secret.', {
      'WWW-Authenticate': 'Basic realm="oauth"',
    });
  if (!client) throw invalid();
  if (client.secretHash && !(clientSecret && verifySecret(clientSecret, client.secretHash))) throw invalid();
  return client.clientId;
}

/** `client_id`/`client_secret` may also come as HTTP Basic credentials (RFC 6749 §2.3.1). */
export function basicCredentials(header: string | undefined): { clientId?: string; clientSecret?: string } {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!match) return {};
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return {};
  return {
    clientId: decodeURIComponent(decoded.slice(0, colon)),
    clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}

export function checkScope(scope: string | undefined): string {
  if (scope === undefined || scope.trim() === '') return MOBPROC_SCOPE;
  if (!scope.split(/\s+/).includes(MOBPROC_SCOPE)) throw new OAuthFailure(400, 'invalid_scope', `The only scope is ${MOBPROC_SCOPE}.`);
  return MOBPROC_SCOPE;
}

// ---------------------------------------------------------------------------------------------
// Lockout

type LockoutConfig = ServerConfig['lockout'];

/**
 * When the failures (oldest first) put this key under lock: the moment `attempts` of them fell
 * within the window, plus the lock duration. Null when not locked now.
 */
function lockedUntil(failureTimes: number[], lockout: LockoutConfig, now: number): number | null {
  let until: number | null = null;
  for (let index = lockout.attempts - 1; index < failureTimes.length; index += 1) {
    const first = failureTimes[index - lockout.attempts + 1]!;
    const last = failureTimes[index]!;
    if (last - first <= lockout.windowSeconds * 1000) until = Math.max(until ?? 0, last + lockout.durationSeconds * 1000);
  }
  return until !== null && until > now ? until : null;
}

function recentFailures(db: Db, column: 'account' | 'address', key: string, lockout: LockoutConfig, now: Date): number[] {
  const since = new Date(now.getTime() - (lockout.windowSeconds + lockout.durationSeconds) * 1000).toISOString();
  return all<{ at: string }>(db, `SELECT at FROM login_failures WHERE ${column} = ? AND at >= ? ORDER BY at`, key, since).map((row) =>
    Date.parse(row.at),
  );
}

function assertNotLocked(db: Db, lockout: LockoutConfig, account: string, address: string, now: Date): void {
  const until = Math.max(
    lockedUntil(recentFailures(db, 'account', account, lockout, now), lockout, now.getTime()) ?? 0,
    lockedUntil(recentFailures(db, 'address', address, lockout, now), lockout, now.getTime()) ?? 0,
  );
  if (until > 0) {
    const retryAfter = Math.max(1, Math.ceil((until - now.getTime()) / 1000));
    throw new OAuthFailure(
      429,
      'temporarily_unavailable',
      `Too many failed sign-ins. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`,
      { 'Retry-After': String(retryAfter) },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Grants

// Unknown users cost as much as known ones, so timing does not reveal which usernames exist.
const DUMMY_HASH = hashSecret('no such user');

/** `command://ACME/peter.edwards` → tenant ACME, user peter.edwards. */
export function parseUsername(username: string, tenant: string | undefined): { tenant?: string; username: string } {
  const withoutSystem = username.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = withoutSystem.indexOf('/');
  if (slash > 0) return { tenant: withoutSystem.slice(0, slash), username: withoutSystem.slice(slash + 1) };
  return { tenant: tenant?.trim() || undefined, username: withoutSystem };
}

export type PasswordGrant = { username?: string; password?: string; tenant?: string; clientId: string; scope: string; address: string };

export function passwordGrant(db: Db, config: ServerConfig, now: Date, grant: PasswordGrant): IssuedTokens {
  if (!grant.username || grant.password === undefined) throw new OAuthFailure(400, 'invalid_request', 'username and password are required.');
  const { tenant, username } = parseUsername(grant.username, grant.tenant);
  const account = `${(tenant ?? '').toLowerCase()}/${username.toLowerCase()}`;
  assertNotLocked(db, config.lockout, account, grant.address, now);

  // Without a tenant, a username that exists in exactly one tenant identifies it.
  const candidates = signInCandidates(db, username, tenant);
  const employee: EmployeeRow | undefined = candidates.length === 1 ? candidates[0] : undefined;
  const passwordMatches = verifySecret(grant.password, employee?.passwordHash ?? DUMMY_HASH);
  if (!employee || !employee.passwordHash || !passwordMatches || employee.status !== 'ACTIVE') {
    statement(db, 'INSERT INTO login_failures (account, address, at) VALUES (?, ?, ?)').run(account, grant.address, now.toISOString());
    // Failures older than a window plus a lock can no longer lock anything.
    const forgetBefore = new Date(now.getTime() - (config.lockout.windowSeconds + config.lockout.durationSeconds) * 1000).toISOString();
    statement(db, 'DELETE FROM login_failures WHERE at < ?').run(forgetBefore);
    throw new OAuthFailure(400, 'invalid_grant', 'The username, tenant or password is not right.');
  }
  statement(db, 'DELETE FROM login_failures WHERE account = ?').run(account);
  return issueTokens(db, config, now, { tenantId: employee.tenantId, clientId: grant.clientId, employeeId: employee.id, scope: grant.scope });
}

/**
 * Rotation: a refresh token works once. Presenting a used one means it was copied, so the whole
 * grant (including the tokens its rightful use produced) ends.
 */
export function refreshGrant(db: Db, config: ServerConfig, now: Date, refreshToken: string | undefined, clientId: string): IssuedTokens {
  if (!refreshToken) throw new OAuthFailure(400, 'invalid_request', 'refresh_token is required.');
  // Failures are returned, not thrown, inside the transaction: a replay's revocation must commit.
  const outcome = writeTransaction(db, (): IssuedTokens | OAuthFailure => {
    const row = findToken(db, refreshToken);
    if (!row || row.kind !== 'refresh' || row.clientId !== clientId) {
      return new OAuthFailure(400, 'invalid_grant', 'The refresh token is not valid.');
    }
    if (row.revokedAt != null) {
      revokeGrant(db, row.grantId, now);
      return new OAuthFailure(400, 'invalid_grant', 'The refresh token was already used or revoked; sign in again.');
    }
    if (row.expiresAt <= now.toISOString()) return new OAuthFailure(400, 'invalid_grant', 'The refresh token has expired; sign in again.');
    const active = one<{ status: string }>(db, 'SELECT status FROM employees WHERE id = ?', row.employeeId);
    if (active?.status !== 'ACTIVE') return new OAuthFailure(400, 'invalid_grant', 'The account is no longer active.');
    // The old access token lives on until it expires, so requests already in flight still succeed.
    statement(db, 'UPDATE auth_tokens SET revoked_at = ? WHERE id = ?').run(now.toISOString(), row.id);
    return issueTokens(db, config, now, { grantId: row.grantId, tenantId: row.tenantId, clientId: row.clientId, employeeId: row.employeeId, scope: row.scope });
  });
  if (outcome instanceof OAuthFailure) throw outcome;
  return outcome;
}
