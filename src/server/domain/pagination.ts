import type { PageMeta } from '../../contract/index.ts';

/** The request a page answers: its full URL, and the origin its links are to use (a proxy's, say). */
export type PageRequest = { url: string; origin: string };

/**
 * The `_meta` of a paginated answer (MOBPROC §1). Links keep the request's own query and change
 * only `offset`; each is present only when it points to a page other than the current one.
 */
export function pageMeta(request: PageRequest, limit: number, offset: number, totalCount: number): PageMeta {
  const url = new URL(request.url);
  const base = `${request.origin}${url.pathname}`;
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

