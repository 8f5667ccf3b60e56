import { vi } from 'vitest';

/**
 * A token endpoint that behaves like MOBPROC's: refresh tokens rotate, and a used (or revoked)
 * refresh token is refused with invalid_grant — so two tabs refreshing with the same token
 * would sign one of them out.
 */
export function fakeTokenServer(extensions: string[] = ['revoke'], lifetimeSeconds = 3600) {
  let serial = 0;
  const live = new Set<string>();
  const calls: { grant: string | null; path: string }[] = [];
  const issue = () => {
    serial += 1;
    const refresh = `refresh-${serial}`;
    live.add(refresh);
    return { token_type: 'Bearer', expires_in: lifetimeSeconds, access_token: `access-${serial}`, refresh_token: refresh };
  };
  const fetch = vi.fn(async (input: URL | RequestInfo, init?: RequestInit) => {
    const url = new URL(String(input));
    if (url.pathname.endsWith('/mobproc/v1/ping')) return Response.json({ echoText: url.searchParams.get('echoText') ?? '', extensions });
    const form = new URLSearchParams(String(init?.body ?? ''));
    calls.push({ grant: form.get('grant_type'), path: url.pathname });
    // Answer later than at once, so concurrent callers really overlap.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (url.pathname.endsWith('/revoke')) {
      live.delete(form.get('token') ?? '');
      return new Response('{}', { status: 200 });
    }
    if (form.get('grant_type') === 'password') {
      return form.get('password') === 'demo'
        ? Response.json(issue())
        : Response.json({ error: 'invalid_grant', error_description: 'The username or password is not right.' }, { status: 400 });
    }
    const refresh = form.get('refresh_token') ?? '';
    if (!live.delete(refresh)) return Response.json({ error: 'invalid_grant' }, { status: 400 });
    return Response.json(issue());
  });
  return { fetch, calls };
}

/** navigator.locks as browsers implement it for one origin: one holder per name at a time. */
export function installWebLocks() {
  const queues = new Map<string, Promise<unknown>>();
  const locks = {
    request: <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const previous = queues.get(name) ?? Promise.resolve();
      const run = previous.then(work, work);
      queues.set(name, run.catch(() => undefined));
      return run;
    },
  };
  Object.defineProperty(navigator, 'locks', { value: locks, configurable: true });
}

export const connection = { baseUrl: '', tokenUrl: 'http://app.test/oauth/token', clientId: 'mobproc-web', tenant: 'ACME' };
