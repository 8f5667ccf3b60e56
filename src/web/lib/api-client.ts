import type { z } from 'zod';
import {
  API_BASE_PATH,
  anyErrorBody,
  headerNames,
  oauthError,
  type ErrorItem,
} from '../../contract/index.ts';
import type { Connection } from './config.ts';

/**
 * One error type for everything that can go wrong talking to a MOBPROC server: the envelope,
 * a bare error item (other vendors' servers), an OAuth error, an unreadable answer or no answer.
 */
export class MobprocError extends Error {
  constructor(
    readonly status: number,
    readonly problems: ErrorItem[],
    readonly kind: 'api' | 'oauth' | 'network' | 'unexpected',
  ) {
    super(problems.map((problem) => problem.message).join(' ') || `Request failed (HTTP ${status}).`);
    this.name = 'MobprocError';
  }

  /** Problems that belong to one input, keyed by its contract path (`orderRequest.shoppingCart.deviceId`). */
  get fieldProblems(): Map<string, string> {
    const byField = new Map<string, string>();
    for (const problem of this.problems) if (problem.field && !byField.has(problem.field)) byField.set(problem.field, problem.message);
    return byField;
  }
}

export async function errorFromResponse(response: Response): Promise<MobprocError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const api = anyErrorBody.safeParse(body);
  if (api.success) {
    const problems = 'errors' in api.data ? api.data.errors : [api.data];
    return new MobprocError(response.status, problems, 'api');
  }
  const oauth = oauthError.safeParse(body);
  if (oauth.success) {
    const message = oauth.data.error_description ?? oauth.data.error;
    return new MobprocError(response.status, [{ status: response.status, id: '', errorCode: oauth.data.error, message }], 'oauth');
  }
  return new MobprocError(
    response.status,
    [{ status: response.status, id: '', errorCode: `${response.status}`, message: `The server answered HTTP ${response.status}.` }],
    'unexpected',
  );
}

export type QueryValue = string | number | boolean | undefined | null;

export type ApiClientOptions = {
  getConnection: () => Connection;
  /** Current access token, refreshed first when it is about to expire; null when signed out. */
  getAccessToken?: () => Promise<string | null>;
  /** Employee id to act for (`X-TNGO-CONTEXT-EMPLOYEEID`), if any. */
  getActorId?: () => string | null;
  /** Called when a token was refused, so the app can send the person to sign in. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
};

export type RequestOptions<S extends z.ZodType> = {
  schema: S;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

export function apiUrl(connection: Connection, path: string, query?: Record<string, QueryValue>): string {
  const url = new URL(`${connection.baseUrl}${API_BASE_PATH}${path}`, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(name, String(value));
  }
  return url.toString();
}

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    pathOrUrl: string,
    { schema, query, body, headers, signal }: RequestOptions<S>,
  ): Promise<z.output<S>> {
    const connection = options.getConnection();
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : apiUrl(connection, pathOrUrl, query);
    const requestHeaders: Record<string, string> = {
      Accept: 'application/json',
      [headerNames.tenant]: connection.tenant,
      [headerNames.clientId]: connection.clientId,
      ...headers,
    };
    const token = await options.getAccessToken?.();
    if (token) requestHeaders.Authorization = `Bearer ${token}`;
    const actorId = options.getActorId?.();
    if (actorId) requestHeaders[headerNames.contextEmployeeId] = actorId;
    if (body !== undefined) requestHeaders['Content-Type'] = 'application/json';

    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: requestHeaders,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new MobprocError(
        0,
        [{ status: 0, id: '', errorCode: 'NETWORK', message: 'The MOBPROC server could not be reached. Check your connection and try again.' }],
        'network',
      );
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (response.status === 401) options.onUnauthorized?.();
      throw error;
    }
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success) {
      throw new MobprocError(
        response.status,
        [{ status: response.status, id: '', errorCode: 'UNEXPECTED_RESPONSE', message: `The server's answer to ${method} ${new URL(url).pathname} did not match the MOBPROC contract.` }],
        'unexpected',
      );
    }
    return parsed.data;
  }

  return {
    get: <S extends z.ZodType>(path: string, requestOptions: RequestOptions<S>) => request('GET', path, requestOptions),
    post: <S extends z.ZodType>(path: string, requestOptions: RequestOptions<S>) => request('POST', path, requestOptions),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
