import type { z } from 'zod';
import type { ErrorItem } from '../../contract/common.ts';
import { API_BASE_PATH, headerNames } from '../../contract/constants.ts';
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

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A MOBPROC error item (§1), checked by hand: error handling is on every screen, zod is not. */
function asErrorItem(value: unknown): ErrorItem | null {
  if (!isRecord(value) || typeof value.message !== 'string' || typeof value.errorCode !== 'string') return null;
  return {
    status: typeof value.status === 'number' ? value.status : 0,
    id: typeof value.id === 'string' ? value.id : '',
    errorCode: value.errorCode,
    message: value.message,
    ...(typeof value.field === 'string' ? { field: value.field } : {}),
  };
}

/** The first string among `keys` in a record, if any. */
const textOf = (value: Record<string, unknown>, ...keys: string[]): string | undefined =>
  keys.map((key) => value[key]).find((member): member is string => typeof member === 'string' && member.trim() !== '');

/** An error item in a form other servers use: `{message}` or RFC 9457 `{title, detail}`. */
function asLooseItem(value: unknown, status: number): ErrorItem | null {
  if (!isRecord(value)) return null;
  const message = textOf(value, 'message', 'detail', 'title');
  if (!message) return null;
  return {
    status,
    id: '',
    errorCode: textOf(value, 'errorCode', 'code', 'type') ?? `${status}`,
    message,
    ...(typeof value.field === 'string' ? { field: value.field } : {}),
  };
}

/**
 * The error a non-2xx answer stands for. Reads, in order: this server's envelope `{errors: [...]}`,
 * a bare error item, a bare array of items, an OAuth error, `{message}`, RFC 9457 problem details
 * (`{title, detail}`) and a short plain-text body. Problems keep the server's order. Anything
 * else says only the HTTP status (kind `unexpected`).
 */
export async function errorFromResponse(response: Response): Promise<MobprocError> {
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const readItems = (values: unknown[]) =>
    values.map((value) => asErrorItem(value) ?? asLooseItem(value, response.status)).filter((item): item is ErrorItem => item !== null);
  // This server's envelope, or the bare array some servers send.
  const list = isRecord(body) && Array.isArray(body.errors) ? body.errors : Array.isArray(body) ? body : null;
  if (list) {
    const problems = readItems(list);
    if (problems.length > 0) return new MobprocError(response.status, problems, 'api');
  }
  const single = asErrorItem(body);
  if (single) return new MobprocError(response.status, [single], 'api');
  if (isRecord(body) && typeof body.error === 'string') {
    const message = typeof body.error_description === 'string' ? body.error_description : body.error;
    return new MobprocError(response.status, [{ status: response.status, id: '', errorCode: body.error, message }], 'oauth');
  }
  const loose = asLooseItem(body, response.status);
  if (loose) return new MobprocError(response.status, [loose], 'api');
  // A plain-text sentence is worth showing; an HTML error page is not.
  const plain = body === undefined && /^text\/plain\b/i.test(response.headers.get('content-type') ?? '') ? text.trim() : '';
  if (plain && plain.length <= 500) {
    return new MobprocError(response.status, [{ status: response.status, id: '', errorCode: `${response.status}`, message: plain }], 'api');
  }
  return new MobprocError(
    response.status,
    [{ status: response.status, id: '', errorCode: `${response.status}`, message: `The server answered HTTP ${response.status}.` }],
    'unexpected',
  );
}

/**
 * Whether a failed read is worth asking again (TanStack Query's `retry`). Not a 4xx, and not a
 * 2xx the app could not read: the same question gets the same answer. Network trouble and 5xx
 * may pass, up to two retries.
 */
export function worthRetrying(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  if (!(error instanceof MobprocError)) return true;
  return !(error.status >= 200 && error.status < 300) && !(error.status >= 400 && error.status < 500);
}

export type QueryValue = string | number | boolean | undefined | null;

export type ApiClientOptions = {
  getConnection: () => Connection;
  /** Current access token, refreshed first when it is about to expire; null when signed out. */
  getAccessToken?: () => Promise<string | null>;
  /** Employee id to act for (`X-TNGO-CONTEXT-EMPLOYEEID`), if any. */
  getActorId?: () => string | null;
  /**
   * After a 401: a fresh token to retry the request with once (e.g. after a refresh), or null.
   * Gets the token that was refused, so concurrent failures refresh only once.
   */
  recoverFromUnauthorized?: (rejectedToken: string | null) => Promise<string | null>;
  /** Called when a token was refused and could not be renewed, so the app can send the person to sign in. */
  onUnauthorized?: () => void;
  fetch?: typeof fetch;
};

export type RequestOptions<S extends z.ZodType> = {
  /**
   * What the answer must match. A promise of one (a schema module still loading) is awaited only
   * once the answer is in, so the module and the answer travel side by side.
   */
  schema: S | Promise<S>;
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

type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export function createApiClient(options: ApiClientOptions) {
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  /**
   * Sends one request with the MOBPROC headers (tenant, client id, actor, token) and, after a 401,
   * once more with a renewed token. Answers the 2xx response; throws `MobprocError` for anything
   * else (status 0: no answer), or the abort error when `signal` was aborted.
   */
  async function send(method: HttpMethod, url: string, accept: string, body: unknown, headers: Record<string, string> | undefined, signal: AbortSignal | undefined): Promise<Response> {
    const connection = options.getConnection();
    const requestHeaders: Record<string, string> = {
      Accept: accept,
      [headerNames.tenant]: connection.tenant,
      [headerNames.clientId]: connection.clientId,
      ...headers,
    };
    const actorId = options.getActorId?.();
    if (actorId) requestHeaders[headerNames.contextEmployeeId] = actorId;
    if (body !== undefined) requestHeaders['Content-Type'] = 'application/json';

    const sendWith = async (token: string | null): Promise<Response> => {
      try {
        return await doFetch(url, {
          method,
          headers: token ? { ...requestHeaders, Authorization: `Bearer ${token}` } : requestHeaders,
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
    };

    const token = (await options.getAccessToken?.()) ?? null;
    let response = await sendWith(token);
    if (response.status === 401 && options.recoverFromUnauthorized) {
      const renewed = await options.recoverFromUnauthorized(token);
      if (renewed) response = await sendWith(renewed);
    }
    if (!response.ok) {
      const error = await errorFromResponse(response);
      if (response.status === 401) options.onUnauthorized?.();
      throw error;
    }
    return response;
  }

  async function request<S extends z.ZodType>(
    method: HttpMethod,
    pathOrUrl: string,
    { schema, query, body, headers, signal }: RequestOptions<S>,
  ): Promise<z.output<S>> {
    const url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : apiUrl(options.getConnection(), pathOrUrl, query);
    const schemaReady = Promise.resolve(schema);
    // A schema that fails to load matters only for an answer to read; an error answer throws first.
    schemaReady.catch(() => undefined);
    const response = await send(method, url, 'application/json', body, headers, signal);
    // A 2xx whose body is not JSON, or not the shape asked for, is still a 2xx: the error keeps
    // that status, so a caller can tell "done, but unreadable" from "not done".
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      json = undefined;
    }
    const parsed = (await schemaReady).safeParse(json);
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
    /**
     * `GET {path}` as a stream (`Accept: text/event-stream`), with the same headers, token and
     * 401 recovery as every other call: the 2xx response, whose body the caller reads and must
     * end by aborting `signal`. Throws `MobprocError` like `get`.
     */
    stream: (path: string, signal: AbortSignal) => send('GET', apiUrl(options.getConnection(), path), 'text/event-stream', undefined, undefined, signal),
    post: <S extends z.ZodType>(path: string, requestOptions: RequestOptions<S>) => request('POST', path, requestOptions),
    put: <S extends z.ZodType>(path: string, requestOptions: RequestOptions<S>) => request('PUT', path, requestOptions),
    /** A DELETE; give a schema that takes no body (`z.unknown()`) where the answer may be a 204. */
    delete: <S extends z.ZodType>(path: string, requestOptions: RequestOptions<S>) => request('DELETE', path, requestOptions),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
