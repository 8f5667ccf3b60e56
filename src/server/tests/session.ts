import type { TestServer } from './harness.ts';

export type SignInOptions = { tenant?: string; clientId?: string; clientSecret?: string; password?: string };

export type Session = {
  accessToken: string;
  refreshToken: string;
  tenant: string;
  clientId: string;
  /** The MOBPROC headers of §2 for this session, plus any extra (e.g. a context header). */
  headers: (extra?: Record<string, string>) => Record<string, string>;
};

/** Signs in through the real token endpoint (password grant). */
export async function signIn(server: Pick<TestServer, 'url'>, username: string, options: SignInOptions = {}): Promise<Session> {
  const tenant = options.tenant ?? 'ACME';
  const clientId = options.clientId ?? (username === 'svc.servicedesk' ? 'servicedesk-app' : 'mobproc-web');
  const form = new URLSearchParams({
    grant_type: 'password',
    client_id: clientId,
    scope: 'MOBPROC',
    username,
    password: options.password ?? 'demo',
    tenant,
  });
  const secret = options.clientSecret ?? (clientId === 'servicedesk-app' ? 'servicedesk-secret' : undefined);
  if (secret) form.set('client_secret', secret);
  const response = await fetch(`${server.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { access_token: string; refresh_token: string };
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    tenant,
    clientId,
    headers: (extra = {}) => ({
      Authorization: `Bearer ${body.access_token}`,
      'X-TNGO-TENANT': tenant,
      client_id: clientId,
      ...extra,
    }),
  };
}

/** GET under /mobproc/v1 with the session's headers; returns status and parsed JSON. */
export async function apiGet(server: Pick<TestServer, 'url'>, session: Session, path: string, extraHeaders: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/mobproc/v1${path}`, { headers: session.headers(extraHeaders) });
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

/** POST JSON under /mobproc/v1 with the session's headers; returns status and parsed JSON. */
export async function apiPost(server: Pick<TestServer, 'url'>, session: Session, path: string, body: unknown, extraHeaders: Record<string, string> = {}) {
  const response = await fetch(`${server.url}/mobproc/v1${path}`, {
    method: 'POST',
    headers: { ...session.headers(extraHeaders), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}
