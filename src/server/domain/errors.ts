import { randomBytes } from 'node:crypto';
import type { ErrorEnvelope, ErrorItem } from '../../contract/index.ts';

export type Problem = { status: number; errorCode: string; message: string; field?: string };

/** Short, unique per occurrence, and written to the log next to the problem it names. */
export const newErrorId = () => randomBytes(5).toString('base64url').toLowerCase();

/**
 * A failure the caller can act on. One ApiError may carry many problems: validation reports every
 * problem it finds, not just the first. The HTTP status is the first problem's.
 */
export class ApiError extends Error {
  readonly problems: Problem[];
  readonly headers: Record<string, string>;

  constructor(problems: Problem | Problem[], headers: Record<string, string> = {}) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((problem) => problem.message).join(' '));
    if (list.length === 0) throw new Error('ApiError needs at least one problem');
    this.problems = list;
    this.headers = headers;
  }

  get status(): number {
    return this.problems[0]!.status;
  }
}

export const badRequest = (errorCode: string, message: string, field?: string): Problem => ({
  status: 400,
  errorCode: `400-${errorCode}`,
  message,
  ...(field ? { field } : {}),
});

export const notFound = (what: string, field?: string): ApiError =>
  new ApiError({ status: 404, errorCode: '404-NOT_FOUND', message: `${what} was not found.`, ...(field ? { field } : {}) });

export const forbidden = (message: string, field?: string): ApiError =>
  new ApiError({ status: 403, errorCode: '403-FORBIDDEN', message, ...(field ? { field } : {}) });

export function toEnvelope(problems: Problem[]): { envelope: ErrorEnvelope; items: ErrorItem[] } {
  const items = problems.map((problem) => ({ ...problem, id: newErrorId() }));
  return { envelope: { status: 'ERROR', errors: items }, items };
}
