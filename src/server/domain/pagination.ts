import type { Context } from 'hono';
import type { PageMeta } from '../../contract/index.ts';
import type { AppEnv } from '../http/app-env.ts';

/**
 * The `_meta` of a paginated answer (MOBPROC §1). Links keep the request's own query and change
 * only `offset`; each is present only when it points to a page other than the current one.
 */
export function pageMeta(c: Context<AppEnv>, limit: number, offset: number, totalCount: number): PageMeta {
  const url = new URL(c.req.url);
  const base = `${c.var.origin}${url.pathname}`;
  const linkTo = (target: number) => {
    const parameters = new URLSearchParams(url.search);
    parameters.set('limit', String(limit));
    parameters.set('offset', String(target));
    return `${base}?${parameters.toString()}`;
  };
  const lastOffset = Math.max(0, Math.ceil(totalCount / limit) * limit - limit);
  const previous = Math.max(0, offset - limit);
  const meta: PageMeta = { href: linkTo(offset), limit, offset, totalCount };
  if (offset !== 0) {
    meta.hrefStart = linkTo(0);
    meta.hrefPrevious = linkTo(previous);
  }
  if (offset + limit < totalCount) meta.hrefNext = linkTo(offset + limit);
  if (offset !== lastOffset) meta.hrefEnd = linkTo(lastOffset);
  return meta;
}

