import { z } from 'zod';

const param = z.string().max(4096).optional();

/**
 * The token endpoint's parameters (form-encoded body, or query string). Every member is optional
 * here because a missing one is answered in OAuth's own error format (RFC 6749 §5.2), not the
 * MOBPROC envelope.
 */
export const tokenRequest = z
  .object({
    grant_type: param.describe('password or refresh_token'),
    client_id: param,
    client_secret: param.describe('Confidential clients only.'),
    scope: param.describe('MOBPROC'),
    username: param.describe('An optional <source_system>:// prefix is ignored; ACME/peter.edwards names the tenant.'),
    password: param,
    tenant: param.describe('Extension: the tenant code.'),
    refresh_token: param,
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
