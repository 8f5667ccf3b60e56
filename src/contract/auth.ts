import { z } from 'zod';
// Every contract module installs the plain-words messages, whichever one a client imports first.
import './messages.ts';

const param = z.string().max(4096).optional();

/**
 * The token endpoint's parameters (form-encoded body, or query string). Every member is optional
 * here because a missing one is answered in OAuth's own error format (RFC 6749 §5.2), not the
 * MOBPROC envelope.
 */
export const tokenRequest = z
  .object({
    grant_type: param.describe('password, refresh_token, or authorization_code (extension `authorization-code`)'),
    client_id: param,
    client_secret: param.describe('Confidential clients only.'),
    scope: param.describe('MOBPROC'),
    username: param.describe('An optional <source_system>:// prefix is ignored; ACME/peter.edwards names the tenant.'),
    password: param,
    tenant: param.describe('Extension: the tenant code.'),
    refresh_token: param,
    code: param.describe('authorization_code grant: the code the authorization page redirected with.'),
    redirect_uri: param.describe('authorization_code grant: the redirect_uri the code was asked for with.'),
    code_verifier: param.describe('authorization_code grant: the PKCE verifier whose S256 challenge the code was asked for with.'),
  })
  .meta({ id: 'TokenRequest' });
export type TokenRequest = z.infer<typeof tokenRequest>;

export const tokenResponse = z
  .object({
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    access_token: z.string(),
    refresh_token: z.string(),
    scope: z.string().optional(),
    tenant: z.string().optional().describe('Extension: the code of the tenant the tokens are for, so a client learns the session’s company.'),
  })
  .meta({ id: 'TokenResponse' });
export type TokenResponse = z.infer<typeof tokenResponse>;

export const revokeRequest = z
  .object({
    token: param.describe('An access or a refresh token; ends it and its pair.'),
    token_type_hint: param,
    client_id: param,
    client_secret: param,
  })
  .meta({ id: 'RevokeRequest' });

/** RFC 7009: the answer is 200 whether or not the token was valid. */
export const revokeResponse = z.object({}).meta({ id: 'RevokeResponse' });

export const validateQuery = z.object({
  access_token: z.string().max(4096).optional(),
  token: z.string().max(4096).optional().describe('The same, under the name the vendor’s validation request uses.'),
});

/** The vendor's form of validation: a GET to the token URL with this grant type and `token`. */
export const VALIDATE_BEARER_GRANT = 'urn:pingidentity.com:oauth2:grant_type:validate_bearer';
export const validateBearerQuery = z.object({
  grant_type: z.string().max(200).optional().describe(VALIDATE_BEARER_GRANT),
  token: z.string().max(4096).optional(),
  client_id: z.string().max(200).optional().describe('Accepted and not needed: any holder of the token may have it described.'),
  client_secret: z.string().max(500).optional().describe('Accepted and ignored, like client_id.'),
});

export const validateResponse = z
  .object({
    scope: z.string(),
    expires_in: z.number().int(),
    client_id: z.string(),
    access_token: z.object({
      platform: z.string(),
      tenant: z.string(),
      multitenant: z
        .enum(['true', 'false'])
        .describe('"true" when the caller may see more than one tenant; a string, as the vendor sends it.'),
      domain: z.string().describe('The part of the tenant the token reaches; "*" is all of it.'),
      identityProvider: z.string(),
      identifier: z.string(),
    }),
  })
  .meta({ id: 'TokenDescription' });
export type ValidateResponse = z.infer<typeof validateResponse>;

/** `GET /oauth/authorize` (extension `authorization-code`): RFC 6749 §4.1.1 with RFC 7636, S256 only. */
export const authorizeQuery = z.object({
  response_type: z.string().max(100).optional().describe('code'),
  client_id: z.string().max(200).optional(),
  redirect_uri: z.string().max(2000).optional().describe('Must equal one registered for the client; on a loopback host any port matches.'),
  state: z.string().max(1000).optional().describe('Returned unchanged with the code.'),
  code_challenge: z.string().max(200).optional().describe('BASE64URL(SHA-256(code_verifier)).'),
  code_challenge_method: z.string().max(20).optional().describe('S256 (the only method accepted).'),
  scope: z.string().max(200).optional().describe('MOBPROC'),
  tenant: z.string().max(100).optional().describe('Extension: pre-fills the sign-in page’s company.'),
});

/** The sign-in form the authorization page posts back to `/oauth/authorize`. */
export const authorizeForm = authorizeQuery.extend({
  username: z.string().max(4096).optional(),
  password: z.string().max(4096).optional(),
});
