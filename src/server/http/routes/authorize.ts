import type { Context } from 'hono';
import { html } from 'hono/html';
import { z } from 'zod';
import { authorizeForm, authorizeQuery } from '../../../contract/index.ts';
import { OAuthFailure, assertMaySignInThrough, authenticatePerson, checkScope } from '../../domain/auth.ts';
import { clientForAuthorization, isS256Challenge, issueAuthorizationCode, redirectUriMatches } from '../../domain/authorization-codes.ts';
import type { AppEnv } from '../app-env.ts';
import { clientAddress } from '../client-address.ts';
import { textFault } from '../input-text.ts';
import type { RouteRegistry } from '../route.ts';
import { slowDown } from './oauth.ts';

type AuthorizeParameters = z.infer<typeof authorizeForm>;

/** A request whose client and redirect URI check out: errors from here on go back to the client. */
type Checked = { clientId: string; redirectUri: string; state: string | undefined; codeChallenge: string; scope: string; confidential: boolean };

/**
 * The page's own policy: like every page of the server (no inline script), except that its form
 * may lead to the client's redirect URI, whose origin a browser otherwise blocks after the post.
 */
function pagePolicy(redirectUri: string | undefined): string {
  const target = redirectUri ? ` ${new URL(redirectUri).origin}` : '';
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    `form-action 'self'${target}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

async function page(c: Context<AppEnv>, status: 200 | 400 | 429, body: { title: string; problem?: string; form?: { parameters: AuthorizeParameters; tenant: string; username: string } }, redirectUri?: string) {
  c.header('Content-Security-Policy', pagePolicy(redirectUri));
  c.header('Cache-Control', 'no-store');
  const { form, problem } = body;
  const hidden = form
    ? (['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'scope'] as const)
        .filter((name) => form.parameters[name] !== undefined)
        .map((name) => html`<input type="hidden" name="${name}" value="${form.parameters[name]}">`)
    : [];
  return c.html(
    html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${body.title} · MOBPROC</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; padding: 0 1rem; background: #f5f7fa; color: #1b1f24; }
  main { max-width: 26rem; margin: 3rem auto; padding: 2rem; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input[type=text], input[type=password] { box-sizing: border-box; width: 100%; padding: .6rem; font: inherit; border: 1px solid #6e7781; border-radius: 4px; margin-top: .25rem; }
  input:focus-visible, button:focus-visible { outline: 3px solid #0a58ca; outline-offset: 2px; }
  button { margin-top: 1.5rem; width: 100%; padding: .75rem; font: inherit; font-weight: 600; color: #fff; background: #0b5cad; border: 0; border-radius: 4px; cursor: pointer; }
  [role=alert] { padding: .75rem; background: #fdecea; border: 1px solid #b3261e; border-radius: 4px; color: #5f1410; }
</style>
</head>
<body>
<main>
<h1>${body.title}</h1>
${problem ? html`<p role="alert">${problem}</p>` : ''}
${form
  ? html`<form method="post" action="/oauth/authorize">
${hidden}
<label for="tenant">Company</label>
<input type="text" id="tenant" name="tenant" value="${form.tenant}" autocomplete="organization" required>
<label for="username">Username</label>
<input type="text" id="username" name="username" value="${form.username}" autocomplete="username" required autofocus>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>`
  : ''}
</main>
</body>
</html>`,
    status,
  );
}

/** Back to the client with `error` (RFC 6749 §4.1.2.1), carrying its `state`. */
function redirectWith(c: Context<AppEnv>, redirectUri: string, values: Record<string, string | undefined>) {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(values)) if (value !== undefined) target.searchParams.set(name, value);
  c.header('Cache-Control', 'no-store');
  return c.redirect(target.toString(), 303);
}

/**
 * Checks a request in RFC 6749's order: client and redirect URI first (a bad one is shown here and
 * never redirected to), then the rest (sent back to the client as `error`).
 */
async function check(c: Context<AppEnv>, parameters: AuthorizeParameters): Promise<Checked | Response> {
  const { db, config } = c.var.deps;
  // Single-line text, as at the token endpoint: a control character is refused before anything is
  // looked up (PostgreSQL refuses a NUL in a text outright: it was a 500).
  for (const [name, value] of Object.entries(parameters)) {
    const fault = typeof value === 'string' ? textFault(value, false) : null;
    if (fault) return await page(c, 400, { title: 'This sign-in link is not valid', problem: `${name} ${fault}` });
  }
  const clientId = parameters.client_id;
  const client = clientId ? await clientForAuthorization(db, config, clientId) : null;
  if (!clientId || client === null) return await page(c, 400, { title: 'This sign-in link is not valid', problem: 'The application that sent you here is unknown. Go back to it and try again.' });
  if (!parameters.redirect_uri || !redirectUriMatches(client.redirectUris, parameters.redirect_uri)) {
    return await page(c, 400, { title: 'This sign-in link is not valid', problem: 'The address to return to is not registered for this application. Go back to it and try again.' });
  }
  const redirectUri = parameters.redirect_uri;
  const fail = (error: string, description: string) => redirectWith(c, redirectUri, { error, error_description: description, state: parameters.state });
  if (parameters.response_type !== 'code') return fail('unsupported_response_type', 'Only response_type=code is supported.');
  if (parameters.code_challenge_method !== 'S256' || !parameters.code_challenge || !isS256Challenge(parameters.code_challenge)) {
    return fail('invalid_request', 'PKCE is required: code_challenge (43 characters) with code_challenge_method=S256.');
  }
  let scope: string;
  try {
    scope = checkScope(parameters.scope);
  } catch (failure) {
    if (failure instanceof OAuthFailure) return fail(failure.error, failure.description);
    throw failure;
  }
  return { clientId, redirectUri, state: parameters.state, codeChallenge: parameters.code_challenge, scope, confidential: client.confidential };
}

const htmlResponses = (summary: string) => ({
  responses: {
    200: { description: summary, content: { 'text/html': { schema: { type: 'string' } } } },
    303: { description: 'Back to the redirect URI with `code` and `state`, or with `error` (RFC 6749 §4.1.2).' },
    400: { description: 'Unknown client or unregistered redirect URI (shown, never redirected to); or, after a post, wrong credentials.', content: { 'text/html': { schema: { type: 'string' } } } },
    429: { description: 'Sign-in locked for this account at this address, or for this address (Retry-After).', content: { 'text/html': { schema: { type: 'string' } } } },
  },
});

export function registerAuthorizeRoutes(oauth: RouteRegistry): void {
  oauth.add({
    method: 'get',
    path: '/authorize',
    tag: 'Sign-in',
    summary: 'Sign-in page of the authorization-code flow (extension authorization-code)',
    description:
      'RFC 6749 §4.1 with PKCE (RFC 7636, S256 only). Shows this server’s sign-in page; after a correct sign-in it redirects to ' +
      'redirect_uri with code and state. Codes are single-use and live 60 s; redeem one at POST /oauth/token with ' +
      'grant_type=authorization_code, code, redirect_uri, code_verifier and client_id.',
    isPublic: true,
    bodyType: 'form',
    query: authorizeQuery,
    response: z.string(),
    extensions: htmlResponses('The sign-in page (HTML).'),
    handler: async ({ c, query }) => {
      const parameters = query as AuthorizeParameters;
      const checked = await check(c, parameters);
      if (checked instanceof Response) return checked;
      const tenant = parameters.tenant?.trim() || c.var.deps.config.defaultTenant;
      return await page(c, 200, { title: 'Sign in', form: { parameters, tenant, username: '' } }, checked.redirectUri);
    },
  });

  oauth.add({
    method: 'post',
    path: '/authorize',
    tag: 'Sign-in',
    summary: 'Sign in on the authorization page (its form posts here)',
    description: 'The sign-in page’s form. The same lockout as the token endpoint applies (MOBPROC §2).',
    isPublic: true,
    bodyType: 'form',
    body: authorizeForm,
    response: z.string(),
    extensions: htmlResponses('The sign-in page again, with what went wrong (HTML).'),
    handler: async ({ c, body }) => {
      const parameters = body as AuthorizeParameters;
      const checked = await check(c, parameters);
      if (checked instanceof Response) return checked;
      const { db, config, now } = c.var.deps;
      const tenant = parameters.tenant?.trim() ?? '';
      const again = async (status: 400 | 429, problem: string) =>
        await page(c, status, { title: 'Sign in', problem, form: { parameters, tenant, username: parameters.username ?? '' } }, checked.redirectUri);
      if (!tenant || !parameters.username?.trim() || !parameters.password) return await again(400, 'Enter your company, username and password.');
      const at = now();
      try {
        const employee = await authenticatePerson(db, config, at, { username: parameters.username, password: parameters.password, tenant, address: clientAddress(c) });
        assertMaySignInThrough(employee, { clientId: checked.clientId, confidential: checked.confidential });
        const code = await issueAuthorizationCode(db, at, employee, checked);
        return redirectWith(c, checked.redirectUri, { code, state: checked.state });
      } catch (failure) {
        if (!(failure instanceof OAuthFailure)) throw failure;
        c.var.log.info({ error: failure.error, status: failure.status }, 'authorization page sign-in refused');
        await slowDown(c);
        if (failure.status === 429) {
          for (const [name, value] of Object.entries(failure.headers)) c.header(name, value);
          return await again(429, failure.description);
        }
        if (failure.error === 'unauthorized_client') return await again(400, 'A service account cannot sign in here: it signs in only through its own confidential client.');
        return await again(400, 'The company, username or password is not right.');
      }
    },
  });
}
