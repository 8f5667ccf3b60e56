import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorEnvelope, meResponse, oauthError, tokenResponse, validateResponse } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { apiGet, signIn } from './session.ts';

let server: TestServer;
// Short access tokens, so expiry can be proven by moving the clock rather than waiting.
const TOKEN_TTL_S = 120;
beforeAll(async () => {
  server = await startTestServer({ MOBPROC_TOKEN_TTL_S: String(TOKEN_TTL_S), MOBPROC_REFRESH_TTL_S: '600' });
});
afterAll(async () => await server.close());

const webLogin = { grant_type: 'password', client_id: 'mobproc-web', scope: 'MOBPROC', password: 'demo' };

async function token(parameters: Record<string, string>, init: { query?: boolean; headers?: Record<string, string> } = {}) {
  const form = new URLSearchParams(parameters);
  const response = init.query
    ? await fetch(`${server.url}/oauth/token?${form.toString()}`, { method: 'POST', headers: init.headers })
    : await fetch(`${server.url}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
        body: form,
      });
  return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
}

const headersFor = (accessToken: string, tenant = 'ACME', clientId = 'mobproc-web') => ({
  Authorization: `Bearer ${accessToken}`,
  'X-TNGO-TENANT': tenant,
  client_id: clientId,
});

async function me(accessToken: string, tenant = 'ACME', clientId = 'mobproc-web') {
  const response = await fetch(`${server.url}/mobproc/v1/me`, { headers: headersFor(accessToken, tenant, clientId) });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('POST /oauth/token, password grant', () => {
  it('issues a bearer token pair that opens the API', async () => {
    const answer = await token({ ...webLogin, username: 'peter.edwards', tenant: 'ACME' });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = tokenResponse.parse(answer.body);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: TOKEN_TTL_S });
    expect(body.access_token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.refresh_token).not.toBe(body.access_token);
    const response = await me(body.access_token);
    expect(response.status).toBe(200);
    expect(meResponse.parse(response.body).authenticatedUser.id).toBe(String(demoIds.employees.peter));
  });

  it.each([
    ['tenant in the username', { username: 'ACME/peter.edwards' }],
    ['a source-system prefix', { username: 'command://peter.edwards', tenant: 'ACME' }],
    ['prefix and tenant in the username', { username: 'command://ACME/peter.edwards' }],
    ['no tenant, as the username exists in one tenant only', { username: 'peter.edwards' }],
  ])('accepts %s', async (_label, parameters) => {
    const answer = await token({ ...webLogin, ...parameters });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    tokenResponse.parse(answer.body);
  });

  it('accepts the parameters in the query string too', async () => {
    const answer = await token({ ...webLogin, username: 'barbara.andrews', tenant: 'ACME' }, { query: true });
    expect(answer.status).toBe(200);
    tokenResponse.parse(answer.body);
  });

  it('refuses a wrong password with invalid_grant and no hint which part was wrong', async () => {
    const answer = await token({ ...webLogin, username: 'frank.castle', tenant: 'ACME', password: 'not-demo' });
    expect(answer.status).toBe(400);
    expect(oauthError.parse(answer.body).error).toBe('invalid_grant');
    const unknown = await token({ ...webLogin, username: 'nobody.here', tenant: 'ACME' });
    expect(unknown.status).toBe(400);
    expect(oauthError.parse(unknown.body)).toEqual(oauthError.parse(answer.body));
  });

  it('refuses two different companies in one sign-in instead of choosing one, and takes the same one twice', async () => {
    const conflicting = await token({ ...webLogin, username: 'ACME/peter.edwards', tenant: 'GLOBEX' });
    expect(conflicting.status).toBe(400);
    expect(oauthError.parse(conflicting.body)).toMatchObject({ error: 'invalid_request', error_description: expect.stringMatching(/ACME.*GLOBEX/) });
    expect((await token({ ...webLogin, username: 'acme/peter.edwards', tenant: 'ACME' })).status).toBe(200);
  });

  it('refuses a user of another tenant named with the wrong tenant', async () => {
    const answer = await token({ ...webLogin, username: 'hank.scorpio', tenant: 'ACME' });
    expect(answer.status).toBe(400);
    expect(oauthError.parse(answer.body).error).toBe('invalid_grant');
  });

  it('requires the confidential client to present its secret, also as HTTP Basic', async () => {
    const base = { grant_type: 'password', client_id: 'servicedesk-app', username: 'svc.servicedesk', tenant: 'ACME', password: 'demo' };
    const missing = await token(base);
    expect(missing.status).toBe(401);
    expect(oauthError.parse(missing.body).error).toBe('invalid_client');
    const wrong = await token({ ...base, client_secret: 'guess' });
    expect(wrong.status).toBe(401);
    const right = await token({ ...base, client_secret: 'servicedesk-secret' });
    expect(right.status).toBe(200);
    const { client_id: _clientId, ...withoutClient } = base;
    const basic = await token(withoutClient, {
      headers: { Authorization: `Basic ${Buffer.from('servicedesk-app:servicedesk-secret').toString('base64')}` },
    });
    expect(basic.status).toBe(200);
  });

  it('refuses the service account through the public browser client, and takes it through its confidential client with the secret', async () => {
    const publicClient = await token({ ...webLogin, username: 'svc.servicedesk', tenant: 'ACME' });
    expect(publicClient.status).toBe(400);
    expect(oauthError.parse(publicClient.body).error).toBe('unauthorized_client');
    // A wrong password says nothing about what kind of account it is.
    const guessed = await token({ ...webLogin, username: 'svc.servicedesk', tenant: 'ACME', password: 'guess' });
    expect(oauthError.parse(guessed.body).error).toBe('invalid_grant');
    const confidential = await token({ ...webLogin, client_id: 'servicedesk-app', client_secret: 'servicedesk-secret', username: 'svc.servicedesk', tenant: 'ACME' });
    expect(confidential.status).toBe(200);
    const body = tokenResponse.parse(confidential.body);
    expect((await me(body.access_token, 'ACME', 'servicedesk-app')).status).toBe(200);
  });

  it('names the session’s tenant in the token answer, as the tenant’s own code', async () => {
    const answer = await token({ ...webLogin, username: 'hank.scorpio', tenant: 'globex' });
    expect(answer.status).toBe(200);
    const body = tokenResponse.parse(answer.body);
    expect(body.tenant).toBe('GLOBEX');
    expect((await me(body.access_token, 'GLOBEX')).status).toBe(200);
  });

  it('challenges with WWW-Authenticate: Basic only when the client authenticated with Basic', async () => {
    const base = { grant_type: 'password', username: 'svc.servicedesk', tenant: 'ACME', password: 'demo' };
    const inForm = await token({ ...base, client_id: 'servicedesk-app' });
    expect(inForm.status).toBe(401);
    expect(inForm.headers.get('www-authenticate')).toBeNull();
    const viaBasic = await token(base, { headers: { Authorization: `Basic ${Buffer.from('servicedesk-app:nope').toString('base64')}` } });
    expect(viaBasic.status).toBe(401);
    expect(viaBasic.headers.get('www-authenticate')).toMatch(/^Basic /);
  });

  it('refuses an unknown client, a missing or unknown grant type and a foreign scope in OAuth format', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ ...webLogin, client_id: 'who-knows', username: 'peter.edwards' }, 401, 'invalid_client'],
      [{ client_id: 'mobproc-web', username: 'peter.edwards', password: 'demo' }, 400, 'invalid_request'],
      [{ ...webLogin, grant_type: 'client_credentials' }, 400, 'unsupported_grant_type'],
      [{ ...webLogin, username: 'peter.edwards', scope: 'EVERYTHING' }, 400, 'invalid_scope'],
      [{ grant_type: 'password', client_id: 'mobproc-web', username: 'peter.edwards' }, 400, 'invalid_request'],
    ];
    for (const [parameters, status, error] of cases) {
      const answer = await token(parameters);
      expect(answer.status, JSON.stringify(parameters)).toBe(status);
      expect(oauthError.parse(answer.body).error).toBe(error);
    }
  });
});

describe('access token lifetime', () => {
  it('ends after MOBPROC_TOKEN_TTL_S', async () => {
    const session = await signIn(server, 'alice.nguyen');
    expect((await me(session.accessToken)).status).toBe(200);
    server.advanceClock((TOKEN_TTL_S + 1) * 1000);
    const expired = await me(session.accessToken);
    expect(expired.status).toBe(401);
    expect(errorEnvelope.parse(expired.body).errors[0]!.field).toBe('header.Authorization');
  });
});

describe('refresh_token grant', () => {
  it('rotates: the new pair works, the old refresh token does not', async () => {
    const session = await signIn(server, 'peter.edwards');
    const refreshed = await token({ grant_type: 'refresh_token', client_id: 'mobproc-web', refresh_token: session.refreshToken });
    expect(refreshed.status).toBe(200);
    const pair = tokenResponse.parse(refreshed.body);
    expect(pair.refresh_token).not.toBe(session.refreshToken);
    expect((await me(pair.access_token)).status).toBe(200);
    const again = await token({ grant_type: 'refresh_token', client_id: 'mobproc-web', refresh_token: session.refreshToken });
    expect(again.status).toBe(400);
    expect(oauthError.parse(again.body).error).toBe('invalid_grant');
  });

  it('treats a replayed refresh token as stolen and ends the tokens its rightful use produced', async () => {
    const session = await signIn(server, 'barbara.andrews');
    const rightful = tokenResponse.parse(
      (await token({ grant_type: 'refresh_token', client_id: 'mobproc-web', refresh_token: session.refreshToken })).body,
    );
    const replay = await token({ grant_type: 'refresh_token', client_id: 'mobproc-web', refresh_token: session.refreshToken });
    expect(replay.status).toBe(400);
    expect((await me(rightful.access_token)).status).toBe(401);
    const next = await token({ grant_type: 'refresh_token', client_id: 'mobproc-web', refresh_token: rightful.refresh_token });
    expect(next.status).toBe(400);
  });

  it('belongs to the client it was issued to, and outlives the access token only until its own expiry', async () => {
    const session = await signIn(server, 'frank.castle');
    const otherClient = await token({
      grant_type: 'refresh_token',
      client_id: 'servicedesk-app',
      client_secret: 'servicedesk-secret',
      refresh_token: session.refreshToken,
    });
    expect(otherClient.status).toBe(400);
    server.advanceClock(601 * 1000);
    const late = await token({ grant_type: 'refresh_token', client_id: 'mobproc-web', refresh_token: session.refreshToken });
    expect(late.status).toBe(400);
    expect(oauthError.parse(late.body).error).toBe('invalid_grant');
  });

  it('refuses an access token presented as a refresh token', async () => {
    const session = await signIn(server, 'peter.edwards');
    const answer = await token({ grant_type: 'refresh_token', client_id: 'mobproc-web', refresh_token: session.accessToken });
    expect(answer.status).toBe(400);
  });
});

describe('POST /oauth/revoke', () => {
  const revoke = (parameters: Record<string, string>) =>
    fetch(`${server.url}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(parameters),
    });

  it('ends the access token and its refresh token', async () => {
    const session = await signIn(server, 'peter.edwards');
    const response = await revoke({ token: session.accessToken, client_id: 'mobproc-web' });
    expect(response.status).toBe(200);
    expect((await me(session.accessToken)).status).toBe(401);
    const refreshed = await token({ grant_type: 'refresh_token', client_id: 'mobproc-web', refresh_token: session.refreshToken });
    expect(refreshed.status).toBe(400);
  });

  it('ends the pair when given the refresh token, and answers 200 for an unknown token', async () => {
    const session = await signIn(server, 'alice.nguyen');
    expect((await revoke({ token: session.refreshToken, client_id: 'mobproc-web' })).status).toBe(200);
    expect((await me(session.accessToken)).status).toBe(401);
    expect((await revoke({ token: 'not-a-token' })).status).toBe(200);
    const missing = await revoke({});
    expect(missing.status).toBe(400);
    expect(oauthError.parse(await missing.json()).error).toBe('invalid_request');
  });

  it("does not let one client revoke another client's token", async () => {
    const service = await signIn(server, 'svc.servicedesk');
    expect((await revoke({ token: service.accessToken, client_id: 'mobproc-web' })).status).toBe(400);
    expect((await revoke({ token: service.accessToken, client_id: 'servicedesk-app' })).status).toBe(401);
    expect((await me(service.accessToken, 'ACME', 'servicedesk-app')).status).toBe(200);
  });
});

describe('GET /oauth/validate', () => {
  it('describes a live access token', async () => {
    const session = await signIn(server, 'peter.edwards');
    const response = await fetch(`${server.url}/oauth/validate?access_token=${encodeURIComponent(session.accessToken)}`);
    expect(response.status).toBe(200);
    const body = validateResponse.parse(await response.json());
    expect(body).toMatchObject({ scope: 'MOBPROC', client_id: 'mobproc-web' });
    expect(body.expires_in).toBeGreaterThan(TOKEN_TTL_S - 5);
    expect(body.expires_in).toBeLessThanOrEqual(TOKEN_TTL_S);
    expect(body.access_token).toMatchObject({ tenant: 'ACME', identifier: 'peter.edwards', multitenant: 'false', domain: '*' });
  });

  it('also answers the vendor’s form: a GET to the token endpoint with grant_type validate_bearer and token', async () => {
    const session = await signIn(server, 'peter.edwards');
    const grant = 'urn:pingidentity.com:oauth2:grant_type:validate_bearer';
    const vendorForm = await fetch(`${server.url}/oauth/token?grant_type=${encodeURIComponent(grant)}&token=${encodeURIComponent(session.accessToken)}&client_id=mobproc-web`);
    expect(vendorForm.status).toBe(200);
    expect(validateResponse.parse(await vendorForm.json()).access_token).toMatchObject({ tenant: 'ACME', identifier: 'peter.edwards' });
    const byTokenName = await fetch(`${server.url}/oauth/validate?token=${encodeURIComponent(session.accessToken)}`);
    expect(byTokenName.status).toBe(200);
    const otherGrant = await fetch(`${server.url}/oauth/token?grant_type=password&token=${encodeURIComponent(session.accessToken)}`);
    expect(otherGrant.status).toBe(400);
    expect(oauthError.parse(await otherGrant.json()).error).toBe('unsupported_grant_type');
    const unknown = await fetch(`${server.url}/oauth/token?grant_type=${encodeURIComponent(grant)}&token=nope`);
    expect(unknown.status).toBe(401);
  });

  it('answers OAuth errors for a missing or unknown token', async () => {
    const missing = await fetch(`${server.url}/oauth/validate`);
    expect(missing.status).toBe(400);
    oauthError.parse(await missing.json());
    const unknown = await fetch(`${server.url}/oauth/validate?access_token=nope`);
    expect(unknown.status).toBe(401);
    expect(oauthError.parse(await unknown.json()).error).toBe('invalid_token');
  });
});

describe('MOBPROC headers, checked in the contract order', () => {
  it('400 names each missing header, before the token is looked at', async () => {
    const response = await fetch(`${server.url}/mobproc/v1/me`);
    expect(response.status).toBe(400);
    const fields = errorEnvelope.parse(await response.json()).errors.map((error) => error.field);
    expect(fields).toEqual(['header.X-TNGO-TENANT', 'header.client_id']);
  });

  it('401 without a token or with a bad one', async () => {
    for (const authorization of [undefined, 'Bearer nonsense', 'Basic abc']) {
      const response = await fetch(`${server.url}/mobproc/v1/me`, {
        headers: { 'X-TNGO-TENANT': 'ACME', client_id: 'mobproc-web', ...(authorization ? { Authorization: authorization } : {}) },
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(errorEnvelope.parse(await response.json()).errors[0]!.errorCode).toBe('401-UNAUTHORIZED');
    }
  });

  it('403 when the token belongs to another tenant or client', async () => {
    const session = await signIn(server, 'peter.edwards');
    const wrongTenant = await me(session.accessToken, 'GLOBEX');
    expect(wrongTenant.status).toBe(403);
    expect(errorEnvelope.parse(wrongTenant.body).errors[0]!.field).toBe('header.X-TNGO-TENANT');
    const wrongClient = await me(session.accessToken, 'ACME', 'servicedesk-app');
    expect(wrongClient.status).toBe(403);
    expect(errorEnvelope.parse(wrongClient.body).errors[0]!.field).toBe('header.client_id');
  });

  it('public routes need neither headers nor token', async () => {
    for (const path of ['/mobproc/v1/ping', '/mobproc/v1/openapi.json', '/mobproc/v1/docs']) {
      expect((await fetch(server.url + path)).status, path).toBe(200);
    }
  });

  it('the session helper sends what the contract asks', async () => {
    const session = await signIn(server, 'frank.castle');
    expect((await apiGet(server, session, '/me')).status).toBe(200);
  });
});
