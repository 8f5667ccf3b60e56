import { expect } from 'vitest';
import type { z } from 'zod';
import { errorEnvelope, type pageMeta, type ErrorEnvelope } from '../../contract/index.ts';
import type { TestServer } from './harness.ts';
import { apiGet, type Session } from './session.ts';

/** GET that must answer 200; the body is parsed with its contract schema. */
export async function getOk<S extends z.ZodType>(server: TestServer, session: Session, path: string, schema: S, headers: Record<string, string> = {}): Promise<z.output<S>> {
  const response = await apiGet(server, session, path, headers);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return schema.parse(response.body);
}

/** GET that must fail with `status`; the body is parsed as the error envelope. */
export async function getError(server: TestServer, session: Session, path: string, status: number, headers: Record<string, string> = {}): Promise<ErrorEnvelope> {
  const response = await apiGet(server, session, path, headers);
  expect(response.status, `GET ${path}: ${JSON.stringify(response.body)}`).toBe(status);
  const body = errorEnvelope.parse(response.body);
  expect(body.errors[0]!.status).toBe(status);
  return body;
}

/** The `field` names of a 400 answer. */
export async function badFields(server: TestServer, session: Session, path: string): Promise<string[]> {
  const body = await getError(server, session, path, 400);
  return body.errors.map((error) => error.field ?? '');
}

type PageOf<T> = { _meta: z.output<typeof pageMeta>; items: T[] };

/** Strips the server origin so a `_meta` link can be fetched through apiGet. */
export const apiPath = (server: TestServer, href: string) => {
  expect(href.startsWith(`${server.url}/mobproc/v1/`)).toBe(true);
  return href.slice(`${server.url}/mobproc/v1`.length);
};

/**
 * MOBPROC §1's links at the first, a middle and the last page of a collection with at least three
 * pages of `limit`: each link present only when it points to another page, hrefEnd at
 * ⌈total/limit⌉·limit − limit, and following the links walks the pages.
 */
export async function checkPagination<T extends { id?: string }>(
  server: TestServer,
  session: Session,
  path: string,
  limit: number,
  readPage: (body: unknown) => PageOf<T>,
  headers: Record<string, string> = {},
): Promise<void> {
  const separator = path.includes('?') ? '&' : '?';
  const fetchPage = async (pagePath: string) => {
    const response = await apiGet(server, session, pagePath, headers);
    expect(response.status, pagePath).toBe(200);
    return readPage(response.body);
  };
  const first = await fetchPage(`${path}${separator}limit=${limit}&offset=0`);
  const total = first._meta.totalCount;
  expect(total, `${path} needs at least three pages of ${limit}`).toBeGreaterThan(2 * limit);
  const lastOffset = Math.ceil(total / limit) * limit - limit;
  expect(first._meta).toMatchObject({ limit, offset: 0 });
  expect(first.items).toHaveLength(limit);
  expect(first._meta.hrefStart).toBeUndefined();
  expect(first._meta.hrefPrevious).toBeUndefined();
  expect(first._meta.hrefNext).toContain(`offset=${limit}`);
  expect(first._meta.hrefEnd).toContain(`offset=${lastOffset}`);
  expect(first._meta.href).toContain('offset=0');

  const middle = await fetchPage(apiPath(server, first._meta.hrefNext!));
  expect(middle._meta.offset).toBe(limit);
  expect(middle._meta.hrefStart).toContain('offset=0');
  expect(middle._meta.hrefPrevious).toContain('offset=0');
  expect(middle._meta.hrefNext).toContain(`offset=${2 * limit}`);
  expect(middle._meta.hrefEnd).toContain(`offset=${lastOffset}`);
  const firstIds = new Set(first.items.map((item) => item.id));
  expect(middle.items.some((item) => firstIds.has(item.id))).toBe(false);

  const last = await fetchPage(apiPath(server, first._meta.hrefEnd!));
  expect(last._meta.offset).toBe(lastOffset);
  expect(last.items).toHaveLength(total - lastOffset);
  expect(last._meta.hrefNext).toBeUndefined();
  expect(last._meta.hrefEnd).toBeUndefined();
  expect(last._meta.hrefStart).toContain('offset=0');
  expect(last._meta.hrefPrevious).toContain(`offset=${lastOffset - limit}`);
}
