import { z } from 'zod';
import { extensionNames } from './constants.ts';
// Installs the plain-words messages for every schema before any is used.
import './messages.ts';

/** IDs are opaque strings on the wire (they happen to look numeric); clients never parse them. */
export const id = z.string().min(1).max(64);

export const recurrence = z.enum(['ONETIME', 'MONTHLY']);

export const money = z
  .object({
    amount: z.number().describe('At most two decimals; the server stores integer cents.'),
    currencyCode: z.string().length(3),
    recurrence,
  })
  .meta({ id: 'Money' });
export type Money = z.infer<typeof money>;

export const isoDateTime = z.string().describe('ISO 8601 date-time with zone');

/** `_meta` on single objects: fully-qualified links built from the request's origin. */
export const objectMeta = z
  .object({
    href: z.string(),
    hrefDevices: z.string().optional(),
    hrefServices: z.string().optional(),
    hrefChildren: z.string().optional(),
    hrefParent: z.string().optional(),
    hrefHistory: z.string().optional(),
    hrefShipments: z.string().optional(),
  })
  .meta({ id: 'ObjectMeta' });

/** `_meta` on paginated collections; each link is present only when it points to another page. */
export const pageMeta = z
  .object({
    href: z.string(),
    limit: z.number().int(),
    offset: z.number().int(),
    totalCount: z.number().int(),
    hrefStart: z.string().optional(),
    hrefPrevious: z.string().optional(),
    hrefNext: z.string().optional(),
    hrefEnd: z.string().optional(),
  })
  .meta({ id: 'PageMeta' });
export type PageMeta = z.infer<typeof pageMeta>;

export const page = <T extends z.ZodType>(item: T) => z.object({ _meta: pageMeta, items: z.array(item) });

/** Query booleans are case-insensitive (`true`, `TRUE`). */
export const queryBoolean = z
  .string()
  .regex(/^(true|false)$/i, 'Use true or false.')
  .transform((value) => value.toLowerCase() === 'true');

/**
 * A whole number in a query string, written plainly in decimal (`0`, `25`): no sign, padding,
 * exponent, hex or blank, which `Number()` would quietly accept (`' 5'`, `'1e1'`, `'0x10'`, `''`).
 */
const queryWholeNumber = (message: string, min: number, max: number) =>
  z
    .string()
    .regex(/^(0|[1-9]\d{0,8})$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message));

export const paginationQuery = {
  limit: queryWholeNumber('Limit must be a whole number from 1 to 100.', 1, 100).default(10),
  offset: queryWholeNumber('Offset must be a whole number, 0 or more.', 0, Number.MAX_SAFE_INTEGER).default(0),
};

export const errorItem = z
  .object({
    status: z.number().int(),
    id: z.string(),
    errorCode: z.string(),
    message: z.string(),
    field: z.string().optional(),
  })
  .meta({ id: 'ErrorItem' });
export type ErrorItem = z.infer<typeof errorItem>;

export const errorEnvelope = z
  .object({ status: z.literal('ERROR'), errors: z.array(errorItem).min(1) })
  .meta({ id: 'ErrorEnvelope' });
export type ErrorEnvelope = z.infer<typeof errorEnvelope>;

export const oauthError = z
  .object({ error: z.string(), error_description: z.string().optional() })
  .meta({ id: 'OAuthError' });

export const pingResponse = z
  .object({
    echoText: z.string(),
    sourceSystem: z.string(),
    version: z.string(),
    dateTime: isoDateTime,
    extensions: z.array(z.enum(extensionNames)).describe('Extension: the extensions of MOBPROC §1 this server supports.'),
  })
  .meta({ id: 'Ping' });
export type PingResponse = z.infer<typeof pingResponse>;

export const pingQuery = z.object({ echoText: z.string().max(1000).optional() });

export { API_BASE_PATH, OAUTH_BASE_PATH, extensionNames, headerNames, type ExtensionName } from './constants.ts';

/** What the server's `/config.json` tells the web app at run time. */
export const webAppConfig = z
  .object({
    baseUrl: z.string().describe('Origin of the MOBPROC server; empty means the origin that served the app.'),
    tokenUrl: z.string(),
    clientId: z.string(),
    tenant: z.string(),
    embeddedServer: z.boolean().describe('True when the app is served by the embedded demo server.'),
    authorizeUrl: z
      .string()
      .optional()
      .describe('The sign-in page of the authorization-code flow (OAuth 2 authorization endpoint); absent: found from the server’s announcement, if any.'),
    scope: z.string().optional().describe('Scope to ask the token server for; MOBPROC when absent.'),
    demoLogins: z.array(z.object({ username: z.string(), description: z.string(), tenant: z.string().optional().describe('Company of this login when not the default one.') })),
  })
  .meta({ id: 'WebAppConfig' });
export type WebAppConfig = z.infer<typeof webAppConfig>;

/**
 * `word` with the indefinite article its sound takes: "an UPGRADE", "an XFER_SERVICE_IN",
 * "an ACTIVE", "an iPhone", but "a SUSPEND", "a Pixel", "a USB-C charger", "a unit".
 */
export function withArticle(word: string): string {
  const vowelSound = /^(?:a|e(?!u)|i|o(?!ne)|x|u(?!ni|s[aeiou]|sb|k\b|ti)|hour|honest)/i.test(word);
  return `${vowelSound ? 'an' : 'a'} ${word}`;
}

/** `text` with its first letter in upper case, for a phrase that starts a sentence. */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
