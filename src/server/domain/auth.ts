import { hash, randomBytes, randomUUID } from 'node:crypto';
import type { ServerConfig } from '../config.ts';
import type { EmployeeRow } from './auth-context.ts';
import type { Db } from '../storage/db.ts';
import { transaction } from '../storage/db.ts';
import { publish } from './notifications/events.ts';
import { hashSecret, verifySecret } from './passwords.ts';
import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { authTokens, employees, tenants } from '../storage/schema.ts';
import { allPrepared, one, preparedOnce, rowWhere, statement } from '../storage/statements.ts';
import { runSql } from '../storage/locks.ts';
import { verifyClientSecret } from './client-secrets.ts';
import { clearFailures, countAttempt, type LockoutConfig } from './lockout.ts';

export const MOBPROC_SCOPE = 'MOBPROC';

/** Tokens are stored only as SHA-256 hashes: a leaked database holds no usable token. */
// One-shot `hash`: a Hash object per request showed in confirm's profile.
export const hashToken = (token: string) => hash('sha256', token, 'base64url');
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

const selectToken = (db: Db) =>
  db
    .select(tokenColumns)
    .from(authTokens)
    .innerJoin(tenants, eq(tenants.id, authTokens.tenantId))
    .where(eq(authTokens.tokenHash, sql.placeholder('hash')));

/** A stored token (access or refresh) with its tenant's code, looked up by the token itself. */
export const findToken = async (db: Db, token: string): Promise<ReturnType<ReturnType<typeof selectToken>['all']>[number] | undefined> =>
  await preparedOnce(db, 'token', () => selectToken(db)).get({ hash: hashToken(token) });

export type TokenRow = NonNullable<Awaited<ReturnType<typeof findToken>>>;

/** Who may sign in as `username`: at most two, so a name in two tenants without a tenant named is refused. */
const signInCandidates = async (db: Db, username: string, tenant: string | undefined): Promise<EmployeeRow[]> =>
  await allPrepared(db, 'sign-in-candidates', (bind) => {
    const tenantCode = bind('tenant', tenant ?? null);
    return db
      .select(getTableColumns(employees))
      .from(employees)
      .innerJoin(tenants, eq(tenants.id, employees.tenantId))
      .where(and(sql`lower(${employees.username}) = lower(${bind('username', username)})`, sql`(CAST(${tenantCode} AS TEXT) IS NULL OR upper(${tenants.code}) = upper(${tenantCode}))`))
      .limit(2);
  });

/** Usable now: neither revoked nor expired. */
export const isLive = (row: TokenRow, now: Date) => row.revokedAt == null && row.expiresAt > now.toISOString();

/** `tenant`: the code of the tenant the tokens are for (an extension of the token answer). */
export type IssuedTokens = { accessToken: string; refreshToken: string; expiresIn: number; tenant: string };

/** An access token and a refresh token sharing a grant id, so revoking one ends both. */
export async function issueTokens(
  db: Db,
  config: ServerConfig,
  now: Date,
  grant: { grantId?: string; tenantId: number; clientId: string; employeeId: number; scope: string },
): Promise<IssuedTokens> {
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
  await insert.run(hashToken(accessToken), 'access', grantId, grant.tenantId, grant.clientId, grant.employeeId, grant.scope, issuedAt, expiry(config.tokenTtlSeconds));
  await insert.run(hashToken(refreshToken), 'refresh', grantId, grant.tenantId, grant.clientId, grant.employeeId, grant.scope, issuedAt, expiry(config.refreshTtlSeconds));
  const tenant = (await rowWhere(db, tenants, { id: grant.tenantId }))?.code ?? '';
  return { accessToken, refreshToken, expiresIn: config.tokenTtlSeconds, tenant };
}

export async function revokeGrant(db: Db, grantId: string, now: Date): Promise<void> {
  await statement(db, 'UPDATE auth_tokens SET revoked_at = ? WHERE grant_id = ? AND revoked_at IS NULL').run(now.toISOString(), grantId);
  // Open event streams of this grant end at once (sign-out), not at their next token check.
  await publish(db, { kind: 'grant-revoked', grantId });
}

// ---------------------------------------------------------------------------------------------
// Clients

export type ClientCredentials = {
  clientId: string | undefined;
  clientSecret: string | undefined;
  /** The credentials came as HTTP Basic: a refusal then carries `WWW-Authenticate` (RFC 6749 §5.2). */
  viaBasic: boolean;
  address: string;
};

export type AuthenticatedClient = { clientId: string; confidential: boolean };

const minutePlural = new Intl.PluralRules('en-US');

/** "1 minute", "15 minutes": whole minutes, rounded up. */
const inMinutes = (seconds: number) => {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `${minutes} ${minutePlural.select(minutes) === 'one' ? 'minute' : 'minutes'}`;
};

function lockedFailure(retryAfterSeconds: number): OAuthFailure {
  return new OAuthFailure(429, 'temporarily_unavailable', `Too many failed sign-ins. Try again in ${inMinutes(retryAfterSeconds)}.`, {
    'Retry-After': String(retryAfterSeconds),
  });
}

/**
 * Public clients (the browser app) have no secret; confidential ones must present theirs. A wrong
 * secret is counted per client and address like a wrong password (domain/lockout.ts), and is
 * checked with a fast keyed hash, so guessing neither stalls the server nor locks the client out
 * for its rightful users elsewhere. Errors: 400 `invalid_request` (no client id), 401
 * `invalid_client`, 429 `temporarily_unavailable` with `Retry-After`.
 */
export async function authenticateClient(db: Db, lockout: LockoutConfig, now: Date, credentials: ClientCredentials): Promise<AuthenticatedClient> {
  const { clientId, clientSecret, address } = credentials;
  if (!clientId) throw new OAuthFailure(400, 'invalid_request', 'client_id is required.');
  const account = `client:${clientId}`;
  const client = await one<{ clientId: string; secretHash: string | null }>(
    db,
    'SELECT client_id AS clientId, secret_hash AS secretHash FROM clients WHERE client_id = ?',
    clientId,
  );
  if (client && !client.secretHash) return { clientId: client.clientId, confidential: false };
  const lock = await countAttempt(db, lockout, account, address, now);
  if (lock) throw lockedFailure(lock.retryAfterSeconds);
  if (!client || !clientSecret || !verifyClientSecret(clientSecret, client.secretHash!)) {
    throw new OAuthFailure(
      401,
      'invalid_client',
      client
        ? 'This client is confidential: it must authenticate with its client_secret, and the one given (if any) is not right.'
        : 'Unknown client_id.',
      credentials.viaBasic ? { 'WWW-Authenticate': 'Basic realm="oauth"' } : {},
    );
  }
  await clearFailures(db, account, address);
  return { clientId: client.clientId, confidential: true };
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
// Grants

// Unknown users cost as much as known ones, so timing does not reveal which usernames exist.
const DUMMY_HASH = hashSecret('no such user');

/** `command://ACME/peter.edwards` → tenant ACME, user peter.edwards. */
export function parseUsername(username: string, tenant: string | undefined): { tenant?: string; username: string } {
  const withoutSystem = username.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const slash = withoutSystem.indexOf('/');
  const given = tenant?.trim() || undefined;
  if (slash > 0) {
    const named = withoutSystem.slice(0, slash);
    // Two different companies in one sign-in is a mistake to say, not one to pick for the person.
    if (given && given.toUpperCase() !== named.toUpperCase()) {
      throw new OAuthFailure(400, 'invalid_request', `The username names the company ${named} but tenant says ${given}; send one, or the same in both.`);
    }
    return { tenant: named, username: withoutSystem.slice(slash + 1) };
  }
  return { tenant: given, username: withoutSystem };
}

type PersonCredentials = { username?: string; password?: string; tenant?: string; address: string };

/**
 * The person these credentials name, when the password is right and sign-in is not locked for
 * them at this address (MOBPROC §2 lockout). Shared by the password grant and the authorization
 * page. Errors: 400 `invalid_request` (missing), 400 `invalid_grant` (wrong, unknown, inactive),
 * 429 `temporarily_unavailable` with `Retry-After`.
 */
export async function authenticatePerson(db: Db, config: ServerConfig, now: Date, credentials: PersonCredentials): Promise<EmployeeRow> {
  if (!credentials.username || credentials.password === undefined) throw new OAuthFailure(400, 'invalid_request', 'username and password are required.');
  const { tenant, username } = parseUsername(credentials.username, credentials.tenant);
  // Without a tenant, a username that exists in exactly one tenant identifies it.
  const candidates = await signInCandidates(db, username, tenant);
  const employee: EmployeeRow | undefined = candidates.length === 1 ? candidates[0] : undefined;
  // One count per person however the name was spelled, so spellings cannot multiply the guesses.
  const account = employee ? `employee:${employee.id}` : `unknown:${(tenant ?? '').toUpperCase()}/${username.toLowerCase()}`;
  // Counted as a failure before the (asynchronous) hash check and cleared on success, with the
  // check in one step (countAttempt), so guesses sent at once cannot all pass it before any of
  // them is counted.
  const lock = await countAttempt(db, config.lockout, account, credentials.address, now);
  if (lock) throw lockedFailure(lock.retryAfterSeconds);
  const passwordMatches = await verifySecret(credentials.password, employee?.passwordHash ?? DUMMY_HASH);
  if (!employee || !employee.passwordHash || !passwordMatches || employee.status !== 'ACTIVE') {
    throw new OAuthFailure(400, 'invalid_grant', 'The company, username or password is not right.');
  }
  await clearFailures(db, account, credentials.address);
  return employee;
}

/** MOBPROC §2: a service account signs in only through a confidential client, with its secret. */
export function assertMaySignInThrough(employee: Pick<EmployeeRow, 'isServiceAccount'>, client: AuthenticatedClient): void {
  if (employee.isServiceAccount && !client.confidential) {
    throw new OAuthFailure(
      400,
      'unauthorized_client',
      'A service account signs in only through a confidential client with its secret, never through this public client.',
    );
  }
}

type PasswordGrant = PersonCredentials & { client: AuthenticatedClient; scope: string };

export async function passwordGrant(db: Db, config: ServerConfig, now: Date, grant: PasswordGrant): Promise<IssuedTokens> {
  const employee = await authenticatePerson(db, config, now, grant);
  assertMaySignInThrough(employee, grant.client);
  return await issueTokens(db, config, now, { tenantId: employee.tenantId, clientId: grant.client.clientId, employeeId: employee.id, scope: grant.scope });
}

/**
 * Marks the refresh token `id` used (revoked) if no one has, and returns its ID if this call did:
 * of two such updates at once (two instances), PostgreSQL makes the second wait for the first's
 * commit and then finds `revoked_at` set, so exactly one gets the row.
 */
export const useRefreshTokenSql = (id: number, now: Date): SQL =>
  sql`UPDATE auth_tokens SET revoked_at = ${now.toISOString()} WHERE id = ${id} AND revoked_at IS NULL RETURNING id`;

const useRefreshToken = async (db: Db, id: number, now: Date): Promise<boolean> => (await runSql(db, useRefreshTokenSql(id, now))).length === 1;

/**
 * Rotation: a refresh token works once. Presenting a used one means it was copied, so the whole
 * grant (including the tokens its rightful use produced) ends.
 */
export async function refreshGrant(db: Db, config: ServerConfig, now: Date, refreshToken: string | undefined, clientId: string): Promise<IssuedTokens> {
  if (!refreshToken) throw new OAuthFailure(400, 'invalid_request', 'refresh_token is required.');
  // Failures are returned, not thrown, inside the transaction: a replay's revocation must commit.
  const outcome = await transaction(db, async (db): Promise<IssuedTokens | OAuthFailure> => {
    const row = await findToken(db, refreshToken);
    if (!row || row.kind !== 'refresh' || row.clientId !== clientId) {
      return new OAuthFailure(400, 'invalid_grant', 'The refresh token is not valid.');
    }
    if (row.revokedAt != null) {
      await revokeGrant(db, row.grantId, now);
      return new OAuthFailure(400, 'invalid_grant', 'The refresh token was already used or revoked; sign in again.');
    }
    if (row.expiresAt <= now.toISOString()) return new OAuthFailure(400, 'invalid_grant', 'The refresh token has expired; sign in again.');
    const active = await one<{ status: string }>(db, 'SELECT status FROM employees WHERE id = ?', row.employeeId);
    if (active?.status !== 'ACTIVE') return new OAuthFailure(400, 'invalid_grant', 'The account is no longer active.');
    // The old access token lives on until it expires, so requests already in flight still succeed.
    // The refresh token is used up only if it still is unused: of two refreshes at once (on two
    // instances), exactly one gets the row; the other is a replay, as if it came after.
    if (!(await useRefreshToken(db, row.id, now))) {
      await revokeGrant(db, row.grantId, now);
      return new OAuthFailure(400, 'invalid_grant', 'The refresh token was already used or revoked; sign in again.');
    }
    return await issueTokens(db, config, now, { grantId: row.grantId, tenantId: row.tenantId, clientId: row.clientId, employeeId: row.employeeId, scope: row.scope });
  });
  if (outcome instanceof OAuthFailure) throw outcome;
  return outcome;
}
