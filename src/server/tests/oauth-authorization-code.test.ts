import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meResponse, oauthError, pingResponse, tokenResponse } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ MOBPROC_WEB_REDIRECT_URIS: 'https://orders.acme.example/sign-in/callback' });
});
afterAll(async () => await server.close());

const REDIRECT = 'http://127.0.0.1:43123/sign-in/callback';

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(parameters: Record<string, string>) {
  return `${server.url}/oauth/authorize?${new URLSearchParams(parameters).toString()}`;
}

const request = (challenge: string, overrides: Record<string, string> = {}) => ({
  response_type: 'code',
  client_id: 'mobproc-web',
  redirect_uri: REDIRECT,
  state: 'state-123',
  code_challenge: challenge,
  code_challenge_method: 'S256',
  scope: 'MOBPROC',
  ...overrides,
});

/** Posts the sign-in page's form as a browser would; returns the answer without following redirects. */
async function signInOnPage(parameters: Record<string, string>, credentials: { tenant: string; username: string; password: string }) {
  return fetch(`${server.url}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...parameters, ...credentials }),
  });
}

async function exchange(parameters: Record<string, string>) {
  const response = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: 'mobproc-web', redirect_uri: REDIRECT, ...parameters }),
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

async function codeFor(username: string, tenant = 'ACME', redirectUri = REDIRECT) {
  const { verifier, challenge } = pkce();
  const answer = await signInOnPage(request(challenge, { redirect_uri: redirectUri }), { tenant, username, password: 'demo' });
  expect(answer.status).toBe(303);
  const location = new URL(answer.headers.get('location')!);
  expect(location.searchParams.get('state')).toBe('state-123');
  return { code: location.searchParams.get('code')!, verifier, location };
}

describe('authorization code with PKCE (extension authorization-code)', () => {
  it('is announced in /ping', async () => {
    const ping = pingResponse.parse(await (await fetch(`${server.url}/mobproc/v1/ping`)).json());
    expect(ping.extensions).toContain('authorization-code');
  });

  it('shows a labelled sign-in page with no inline script whose policy lets the form return to the client', async () => {
    const { challenge } = pkce();
    const response = await fetch(authorizeUrl(request(challenge, { tenant: 'GLOBEX' })));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const policy = response.headers.get('content-security-policy')!;
    expect(policy).toContain("form-action 'self' http://127.0.0.1:43123");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    const page = await response.text();
    expect(page).not.toMatch(/<script/i);
    for (const field of ['tenant', 'username', 'password']) expect(page).toMatch(new RegExp(`<label for="${field}">`));
    expect(page).toMatch(/id="tenant" name="tenant" value="GLOBEX"/);
  });

  it('redirects back with a code that is exchanged once, with the verifier, for tokens naming the tenant', async () => {
    const { code, verifier, location } = await codeFor('peter.edwards');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    const answer = await exchange({ code, code_verifier: verifier });
    expect(answer.status).toBe(200);
    const tokens = tokenResponse.parse(answer.body);
    expect(tokens.tenant).toBe('ACME');
    const me = await fetch(`${server.url}/mobproc/v1/me`, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, 'X-TNGO-TENANT': 'ACME', client_id: 'mobproc-web' },
    });
    expect(meResponse.parse(await me.json()).authenticatedUser.id).toBe(String(demoIds.employees.peter));

    // A second use is refused and ends what the first one produced (RFC 6749 §4.1.2).
    const replay = await exchange({ code, code_verifier: verifier });
    expect(replay.status).toBe(400);
    expect(oauthError.parse(replay.body).error).toBe('invalid_grant');
    const after = await fetch(`${server.url}/mobproc/v1/me`, {
      headers: { Authorization: `Bearer ${tokens.access_token}`, 'X-TNGO-TENANT': 'ACME', client_id: 'mobproc-web' },
    });
    expect(after.status).toBe(401);
  });

  it('refuses a wrong verifier (spending the code), another redirect URI, and a code past its minute', async () => {
    const first = await codeFor('frank.castle');
    expect(oauthError.parse((await exchange({ code: first.code, code_verifier: pkce().verifier })).body).error).toBe('invalid_grant');
    // The failed attempt spent the code: the right verifier gets no second chance at it.
    expect(oauthError.parse((await exchange({ code: first.code, code_verifier: first.verifier })).body).error).toBe('invalid_grant');
    const second = await codeFor('frank.castle');
    const elsewhere = await exchange({ code: second.code, code_verifier: second.verifier, redirect_uri: 'http://127.0.0.1:9/sign-in/callback' });
    expect(oauthError.parse(elsewhere.body).error).toBe('invalid_grant');
    const third = await codeFor('frank.castle');
    server.advanceClock(61_000);
    expect(oauthError.parse((await exchange({ code: third.code, code_verifier: third.verifier })).body).error).toBe('invalid_grant');
    expect((await exchange({ code: third.code })).status).toBe(400);
  });

  it('signs in a GLOBEX person with GLOBEX as the session’s tenant', async () => {
    const { code, verifier } = await codeFor('hank.scorpio', 'GLOBEX');
    expect(tokenResponse.parse((await exchange({ code, code_verifier: verifier })).body).tenant).toBe('GLOBEX');
  });

  it('takes a registered redirect URI of another host only exactly, and a loopback one on any port', async () => {
    const registered = 'https://orders.acme.example/sign-in/callback';
    const { challenge } = pkce();
    expect((await fetch(authorizeUrl(request(challenge, { redirect_uri: registered })))).status).toBe(200);
    expect((await fetch(authorizeUrl(request(challenge, { redirect_uri: 'http://localhost:5173/sign-in/callback' })))).status).toBe(200);
    for (const unregistered of ['https://orders.acme.example:8443/sign-in/callback', 'https://evil.example/sign-in/callback', 'http://127.0.0.1:8080/elsewhere']) {
      const answer = await fetch(authorizeUrl(request(challenge, { redirect_uri: unregistered })), { redirect: 'manual' });
      // Shown here, never redirected to.
      expect(answer.status, unregistered).toBe(400);
      expect(answer.headers.get('location')).toBeNull();
    }
    const unknownClient = await fetch(authorizeUrl(request(challenge, { client_id: 'who-knows' })), { redirect: 'manual' });
    expect(unknownClient.status).toBe(400);
  });

  it('sends bad requests back to the client as errors: no PKCE, plain PKCE, another response type', async () => {
    const { challenge } = pkce();
    for (const [overrides, error] of [
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ code_challenge: '' }, 'invalid_request'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ scope: 'EVERYTHING' }, 'invalid_scope'],
    ] as const) {
      const answer = await fetch(authorizeUrl(request(challenge, overrides)), { redirect: 'manual' });
      expect(answer.status).toBe(303);
      const location = new URL(answer.headers.get('location')!);
      expect(location.searchParams.get('error')).toBe(error);
      expect(location.searchParams.get('state')).toBe('state-123');
    }
  });

  it('shows the page again for a wrong password, and refuses the service account there', async () => {
    const { challenge } = pkce();
    const wrong = await signInOnPage(request(challenge), { tenant: 'ACME', username: 'barbara.andrews', password: 'nope' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/role="alert">The company, username or password is not right/);
    const service = await signInOnPage(request(challenge), { tenant: 'ACME', username: 'svc.servicedesk', password: 'demo' });
    expect(service.status).toBe(400);
    expect(service.headers.get('location')).toBeNull();
    expect(await service.text()).toContain('A service account cannot sign in here');
  });
  it('refuses a control character in any parameter with the page, naming it, before anything is looked up (a NUL was a 500 on PostgreSQL)', async () => {
    const { challenge } = pkce();
    for (const [name, value] of [
      ['client_id', '\u0000'],
      ['client_id', 'mobproc-web\u0000'],
      ['redirect_uri', `${REDIRECT}\u0000`],
      ['state', 'state\u0007'],
      ['scope', 'MOBPROC\n'],
    ] as const) {
      const shown = await fetch(authorizeUrl(request(challenge, { [name]: value })), { redirect: 'manual' });
      expect(shown.status, `GET ${name}`).toBe(400);
      expect(shown.headers.get('location'), `GET ${name}`).toBeNull();
      expect(await shown.text(), `GET ${name}`).toContain(`${name} contains a control character`);
      const posted = await signInOnPage(request(challenge, { [name]: value }), { tenant: 'ACME', username: 'barbara.andrews', password: 'demo' });
      expect(posted.status, `POST ${name}`).toBe(400);
      expect(posted.headers.get('location'), `POST ${name}`).toBeNull();
    }
    for (const [name, value] of [['tenant', 'ACME\u0000'], ['username', 'barbara.andrews\u0000'], ['password', 'demo\u0000']] as const) {
      const credentials = { tenant: 'ACME', username: 'barbara.andrews', password: 'demo', [name]: value };
      const posted = await signInOnPage(request(challenge), credentials);
      expect(posted.status, `POST ${name}`).toBe(400);
      expect(posted.headers.get('location'), `POST ${name}`).toBeNull();
      expect(await posted.text(), `POST ${name}`).toContain(`${name} contains a control character`);
    }
  });
});
