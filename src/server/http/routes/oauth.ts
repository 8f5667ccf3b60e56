import type { Context } from 'hono';
import {
  oauthError,
  revokeRequest,
  revokeResponse,
  tokenRequest,
  tokenResponse,
  VALIDATE_BEARER_GRANT,
  validateBearerQuery,
  validateQuery,
  validateResponse,
  type TokenRequest,
} from '../../../contract/index.ts';
import {
  OAuthFailure,
  authenticateClient,
  basicCredentials,
  checkScope,
  findToken,
  isLive,
  passwordGrant,
  refreshGrant,
  revokeGrant,
} from '../../domain/auth.ts';
import { authorizationCodeGrant } from '../../domain/authorization-codes.ts';
import { findEmployee } from '../../domain/employees.ts';
import type { AppEnv } from '../app-env.ts';
import { clientAddress } from '../client-address.ts';
import { textFault } from '../input-text.ts';
import { registerAuthorizeRoutes } from './authorize.ts';
import type { ValidateResponse } from '../../../contract/index.ts';
import type { RouteRegistry } from '../route.ts';

/** RFC 6749 §5.2 error body; never the MOBPROC envelope. */
function oauthErrorResponse(c: Context<AppEnv>, failure: OAuthFailure): Response {
  c.var.log.info({ error: failure.error, status: failure.status }, 'oauth request refused');
  for (const [name, value] of Object.entries(failure.headers)) c.header(name, value);
  c.header('Cache-Control', 'no-store');
  return c.json(oauthError.parse({ error: failure.error, error_description: failure.description }), failure.status);
}

/**
 * Sign-in parameters are single-line text: one with a control character or a lone surrogate is
 * refused before anything is looked up or counted (a lockout record keeps the username typed).
 */
function checkParameterText(parameters: object): void {
  for (const [name, value] of Object.entries(parameters)) {
    const fault = typeof value === 'string' ? textFault(value, false) : null;
    if (fault) throw new OAuthFailure(400, 'invalid_request', `${name} ${fault}`);
  }
}

/** Refusals of credentials: answered only after `failedSignInDelayMs`. */
const isRefusedCredential = (failure: OAuthFailure) => failure.status === 401 || failure.status === 429 || failure.error === 'invalid_grant';

/** Waits without holding the event loop, so a flood of guesses slows its senders, not the server. */
export const slowDown = (c: Context<AppEnv>) => new Promise((resolve) => setTimeout(resolve, c.var.deps.config.failedSignInDelayMs));

async function answer(c: Context<AppEnv>, parameters: object, work: () => unknown): Promise<Response> {
  try {
    checkParameterText(parameters);
    const body = await work();
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    return c.json(body as object, 200);
  } catch (error) {
    if (!(error instanceof OAuthFailure)) throw error;
    if (isRefusedCredential(error)) await slowDown(c);
    return oauthErrorResponse(c, error);
  }
}

export function registerOAuthRoutes(oauth: RouteRegistry): void {
  registerAuthorizeRoutes(oauth);
  oauth.add({
    method: 'post',
    path: '/token',
    tag: 'Sign-in',
    summary: 'Issue tokens (password, refresh_token or authorization_code grant)',
    description:
      'Parameters as application/x-www-form-urlencoded (the query string is accepted too). Refresh tokens rotate: ' +
      'each works once, and presenting a used one ends the whole sign-in. Failed passwords and client secrets count ' +
      'per account (however spelled) and per address: an address, or an account at the addresses its failures came ' +
      'from, is locked for a while, and an account everywhere past a per-account ceiling (429 with Retry-After). ' +
      'A service account signs in only through a confidential client (else 400 unauthorized_client). The answer ' +
      'carries `tenant` (extension). grant_type=authorization_code (extension authorization-code) takes code, ' +
      'redirect_uri, code_verifier and client_id.',
    isPublic: true,
    bodyType: 'form',
    body: tokenRequest,
    response: tokenResponse,
    answers: {
      401: 'invalid_client: unknown client, or a wrong or missing client_secret.',
      429: 'temporarily_unavailable: sign-in locked after failed passwords; Retry-After says for how long.',
    },
    handler: async ({ c, body }) =>
      await answer(c, body, async () => {
        const parameters = body as TokenRequest;
        const { config, db, now } = c.var.deps;
        const at = now();
        const address = clientAddress(c);
        const basic = basicCredentials(c.req.header('authorization'));
        const client = await authenticateClient(db, config.lockout, at, {
          clientId: parameters.client_id ?? basic.clientId,
          clientSecret: parameters.client_secret ?? basic.clientSecret,
          viaBasic: basic.clientId !== undefined,
          address,
        });
        const scope = checkScope(parameters.scope);
        let issued;
        if (parameters.grant_type === 'password') {
          issued = await passwordGrant(db, config, at, { username: parameters.username, password: parameters.password, tenant: parameters.tenant, client, scope, address });
        } else if (parameters.grant_type === 'refresh_token') {
          issued = await refreshGrant(db, config, at, parameters.refresh_token, client.clientId);
        } else if (parameters.grant_type === 'authorization_code') {
          issued = await authorizationCodeGrant(db, config, at, { code: parameters.code, redirectUri: parameters.redirect_uri, codeVerifier: parameters.code_verifier, client });
        } else if (!parameters.grant_type) {
          throw new OAuthFailure(400, 'invalid_request', 'grant_type is required.');
        } else {
          throw new OAuthFailure(400, 'unsupported_grant_type', 'Use grant_type password, refresh_token or authorization_code.');
        }
        return {
          token_type: 'Bearer',
          expires_in: issued.expiresIn,
          access_token: issued.accessToken,
          refresh_token: issued.refreshToken,
          scope,
          tenant: issued.tenant,
        };
      }),
  });

  oauth.add({
    method: 'post',
    path: '/revoke',
    tag: 'Sign-in',
    summary: 'Revoke a token and its pair (RFC 7009)',
    description: 'Ends the access or refresh token given and the tokens issued with it. Answers 200 also for unknown tokens.',
    isPublic: true,
    bodyType: 'form',
    body: revokeRequest,
    response: revokeResponse,
    answers: { 401: 'invalid_client: a confidential client’s token without its client_secret.' },
    handler: async ({ c, body }) =>
      await answer(c, body, async () => {
        const { token, client_id: clientId, client_secret: clientSecret } = body as { token?: string; client_id?: string; client_secret?: string };
        if (!token) throw new OAuthFailure(400, 'invalid_request', 'token is required.');
        const { db, now } = c.var.deps;
        const row = await findToken(db, token);
        if (row) {
          const basic = basicCredentials(c.req.header('authorization'));
          // A confidential client's tokens can be revoked only by that client (RFC 7009 §2.1).
          const presented = clientId ?? basic.clientId ?? row.clientId;
          if (presented !== row.clientId) throw new OAuthFailure(400, 'invalid_grant', 'The token was issued to another client.');
          await authenticateClient(db, c.var.deps.config.lockout, now(), {
            clientId: presented,
            clientSecret: clientSecret ?? basic.clientSecret,
            viaBasic: basic.clientId !== undefined,
            address: clientAddress(c),
          });
          await revokeGrant(db, row.grantId, now());
        }
        return {};
      }),
  });

  oauth.add({
    method: 'get',
    path: '/validate',
    tag: 'Sign-in',
    summary: 'Describe an access token',
    isPublic: true,
    bodyType: 'form',
    query: validateQuery,
    response: validateResponse,
    answers: { 401: 'invalid_token: unknown, expired or revoked.' },
    handler: async ({ c, query }) => {
      const parameters = query as { access_token?: string; token?: string };
      return await answer(c, parameters, async () => await describeToken(c, parameters.access_token ?? parameters.token));
    },
  });

  oauth.add({
    method: 'get',
    path: '/token',
    tag: 'Sign-in',
    summary: 'Describe an access token (the vendor’s validate_bearer form)',
    description: `The vendor validates a token with a GET to its token URL: grant_type=${VALIDATE_BEARER_GRANT} and token. Same answer as /oauth/validate.`,
    isPublic: true,
    bodyType: 'form',
    query: validateBearerQuery,
    response: validateResponse,
    answers: { 401: 'invalid_token: unknown, expired or revoked.' },
    handler: async ({ c, query }) =>
      await answer(c, query, async () => {
        const parameters = query as { grant_type?: string; token?: string };
        if (!parameters.grant_type) throw new OAuthFailure(400, 'invalid_request', 'grant_type is required.');
        if (parameters.grant_type !== VALIDATE_BEARER_GRANT) {
          throw new OAuthFailure(400, 'unsupported_grant_type', `A GET to the token endpoint takes grant_type ${VALIDATE_BEARER_GRANT}; tokens are issued by POST.`);
        }
        return await describeToken(c, parameters.token);
      }),
  });
}

/** What GET /oauth/validate answers about a live access token; OAuth errors otherwise. */
async function describeToken(c: Context<AppEnv>, accessToken: string | undefined): Promise<ValidateResponse> {
  if (!accessToken) throw new OAuthFailure(400, 'invalid_request', 'access_token is required.');
  const { db, now } = c.var.deps;
  const row = await findToken(db, accessToken);
  const at = now();
  if (!row || row.kind !== 'access' || !isLive(row, at)) {
    throw new OAuthFailure(401, 'invalid_token', 'The access token is not valid or has expired.');
  }
  const identifier = (await findEmployee(db, row.tenantId, row.employeeId))?.username;
  return {
    scope: row.scope,
    expires_in: Math.max(0, Math.floor((Date.parse(row.expiresAt) - at.getTime()) / 1000)),
    client_id: row.clientId,
    access_token: {
      platform: 'MOBPROC',
      tenant: row.tenantCode,
      // Tokens are scoped to one tenant, and to the whole of it.
      multitenant: 'false',
      domain: '*',
      identityProvider: 'MOBPROC',
      identifier: identifier ?? String(row.employeeId),
    },
  };
}
