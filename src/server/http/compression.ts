import type { Context, MiddlewareHandler } from 'hono';
import { compress, COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';

/**
 * API answers smaller than this many bytes go out uncompressed: below about one packet gzip saves
 * no round trip and costs the server a compressor per answer.
 */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Whether an answer of this Content-Type is compressed on the fly: JSON and other text, never
 * `text/event-stream` — a compressor holds events back until its buffer fills, so a live client
 * would see them late or not at all (Hono's own list already leaves it out; this says so here).
 */
export function isCompressibleType(contentType: string): boolean {
  return !/^\s*text\/event-stream(?:[;\s]|$)/i.test(contentType) && COMPRESSIBLE_CONTENT_TYPE_REGEX.test(contentType);
}

/**
 * Hono's `compress` skips small answers only when they carry a Content-Length, and `c.json()`
 * leaves that to the Node adapter. So a compressible answer the client would take compressed is
 * measured first (it is in memory already; streams are never compressible types here, nor read).
 */
async function declareLength(c: Context): Promise<void> {
  const { res } = c;
  if (!res.body || c.req.method === 'HEAD' || !c.req.header('Accept-Encoding')) return;
  if (res.headers.has('Content-Length') || res.headers.has('Content-Encoding') || res.headers.has('Transfer-Encoding')) return;
  if (!isCompressibleType(res.headers.get('Content-Type') ?? '')) return;
  const bytes = new Uint8Array(await res.arrayBuffer());
  c.res = new Response(bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
  c.res.headers.set('Content-Length', String(bytes.byteLength));
}

/**
 * On-the-fly gzip (or deflate) of API answers of at least {@link COMPRESS_THRESHOLD_BYTES} whose
 * type {@link isCompressibleType} allows, by the request's Accept-Encoding, with
 * `Vary: Accept-Encoding`. Answers that already have a Content-Encoding are left alone.
 */
export function compressAnswers(): MiddlewareHandler {
  const gzip = compress({ threshold: COMPRESS_THRESHOLD_BYTES, contentTypeFilter: isCompressibleType });
  return (c, next) =>
    gzip(c, async () => {
      await next();
      await declareLength(c);
    });
}
