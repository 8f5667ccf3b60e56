import { promisify } from 'node:util';
import { deflate, gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { accepts } from 'hono/accepts';
import { compress, COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

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
 * Which of the `available` codings (best first) to send for the request's parsed Accept-Encoding
 * (RFC 9110 §12.5.3): the one with the highest q, ties going to the earlier (better) one; `*`
 * stands for every coding not named; `q=0` refuses one. Identity is acceptable unless refused by
 * name or by `*;q=0`, but only as the last resort. When everything is refused, identity all the
 * same: a 406 helps nobody.
 */
export function chooseEncoding(accepted: { type: string; q: number }[], available: string[]): string {
  const wildcard = accepted.find((entry) => entry.type === '*')?.q;
  const weight = (encoding: string) => {
    const named = accepted.find((entry) => entry.type.toLowerCase() === encoding)?.q;
    if (named !== undefined) return named;
    if (wildcard !== undefined) return wildcard;
    return encoding === 'identity' ? Number.MIN_VALUE : 0;
  };
  let best = 'identity';
  let bestWeight = 0;
  for (const encoding of available) {
    const q = weight(encoding);
    if (q > bestWeight) [best, bestWeight] = [encoding, q];
  }
  return best;
}

const compressors = { gzip: promisify(gzip), deflate: promisify(deflate) };
const JSON_TYPE = { 'Content-Type': 'application/json' };

/** Answers made by {@link answerJson}: compressed or not already, so the middleware leaves them alone. */
const settled = new WeakSet<Response>();
const settle = (response: Response) => {
  settled.add(response);
  return response;
};

/**
 * A JSON answer, `status` and `value` serialised, as every route and error answer of the API is
 * sent. Below {@link COMPRESS_THRESHOLD_BYTES} the text goes out as it is, as a plain string body
 * with one header, which @hono/node-server writes straight to the socket with its Content-Length
 * (no Fetch `Headers`, no copy, no stream: decision 16). From the threshold on, gzip or deflate by
 * the request's Accept-Encoding (on the thread pool, not the event loop), with
 * `Vary: Accept-Encoding` either way. A HEAD is answered as its GET would be, uncompressed.
 */
export async function answerJson(c: Context, value: unknown, status: ContentfulStatusCode = 200): Promise<Response> {
  const text = JSON.stringify(value);
  if (Buffer.byteLength(text) < COMPRESS_THRESHOLD_BYTES) return settle(c.body(text, status, JSON_TYPE));
  c.header('Vary', 'Accept-Encoding', { append: true });
  const encoding =
    c.req.method === 'HEAD'
      ? 'identity'
      : accepts(c, { header: 'Accept-Encoding', supports: ['gzip', 'deflate', 'identity'], default: 'identity', match: (accepted, { supports }) => chooseEncoding(accepted, supports) });
  if (encoding !== 'gzip' && encoding !== 'deflate') return settle(c.body(text, status, JSON_TYPE));
  const bytes = await compressors[encoding](text);
  c.header('Content-Encoding', encoding);
  return settle(c.body(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), status, JSON_TYPE));
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
 * `Vary: Accept-Encoding`. Answers that already have a Content-Encoding are left alone, and so
 * are those {@link answerJson} made (it decided already, without looking at a `Headers` object or
 * copying the answer, which for a small answer cost more than the rest of the request).
 */
export function compressAnswers(): MiddlewareHandler {
  const gzipOthers = compress({ threshold: COMPRESS_THRESHOLD_BYTES, contentTypeFilter: isCompressibleType });
  return async (c, next) => {
    await next();
    if (settled.has(c.res)) return;
    await gzipOthers(c, () => declareLength(c));
  };
}
