import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Context, Hono } from 'hono';
import { accepts } from 'hono/accepts';
import type { WebAppConfig } from '../../contract/index.ts';
import type { AppEnv } from './app-env.ts';
import { demoLogins } from '../storage/seed/logins.ts';
import { chooseEncoding } from './compression.ts';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Build by-products that are not part of the app: source maps (the original source, comments and
 * all) and Vite's manifest (every module's path). Served only under MOBPROC_SERVE_SOURCE_MAPS.
 */
const isBuildInternal = (relativePath: string) => relativePath.endsWith('.map') || relativePath.startsWith('.vite/');

/** Files under a content-hashed name can be cached forever; everything else is revalidated. */
const isHashedAsset = (relativePath: string) => relativePath.startsWith('assets/');

/**
 * The content codings a file may have beside it, written by the build (vite.config.ts): `x.js.br`,
 * `x.js.gz`. Listed in the server's order of preference, best first: Brotli is some 10–15 % smaller
 * than gzip on our bundles, identity is the fallback every client takes.
 */
const precompressed = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;
type Encoding = (typeof precompressed)[number]['encoding'] | 'identity';

type CachedFile = { mtimeMs: number; size: number; body: Uint8Array<ArrayBuffer>; etag: string };

/**
 * Files read once and kept while their size and modification time stay the same (a rebuild changes
 * both), so a request costs a stat, not a read and a hash. The ETag is a digest of the bytes sent,
 * so each coding of a file has its own, as a validator must (RFC 9110 §8.8.3).
 */
const fileCache = new Map<string, CachedFile>();

function readFileIfPresent(filePath: string): CachedFile | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    return null;
  }
  if (!stat.isFile()) return null;
  const cached = fileCache.get(filePath);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = new Uint8Array(fs.readFileSync(filePath));
  } catch {
    return null;
  }
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  const entry = { mtimeMs: stat.mtimeMs, size: stat.size, body, etag };
  fileCache.set(filePath, entry);
  return entry;
}

function resolveInside(root: string, requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  const resolved = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  return resolved.startsWith(root + path.sep) ? resolved : null;
}

const etagMatches = (header: string | undefined, etag: string) =>
  header !== undefined && (header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag));

/**
 * Answers one file of the built app in the coding the client prefers among those on disk, with
 * its own Content-Length and ETag (304 when If-None-Match already has it). `Vary: Accept-Encoding`
 * whenever other codings exist, also on the identity answer, so a shared cache keeps them apart.
 */
function sendFile(c: Context<AppEnv>, filePath: string, identity: CachedFile, cacheControl: string): Response {
  const variants = new Map<Encoding, CachedFile>();
  for (const { encoding, suffix } of precompressed) {
    const variant = readFileIfPresent(filePath + suffix);
    if (variant) variants.set(encoding, variant);
  }
  variants.set('identity', identity);
  const encoding = accepts(c, {
    header: 'Accept-Encoding',
    supports: [...variants.keys()],
    default: 'identity',
    match: (accepted, { supports }) => chooseEncoding(accepted, supports),
  }) as Encoding;
  const file = variants.get(encoding) ?? identity;
  c.header('Content-Type', contentTypes[path.extname(filePath)] ?? 'application/octet-stream');
  c.header('Cache-Control', cacheControl);
  c.header('ETag', file.etag);
  if (variants.size > 1) c.header('Vary', 'Accept-Encoding');
  if (etagMatches(c.req.header('If-None-Match'), file.etag)) return c.body(null, 304);
  if (encoding !== 'identity') c.header('Content-Encoding', encoding);
  c.header('Content-Length', String(file.body.byteLength));
  return c.body(file.body);
}

export function registerStaticApp(app: Hono<AppEnv>, options: { isApiPath: (path: string) => boolean }): void {
  app.get('/config.json', (c) => {
    const { config } = c.get('deps');
    const baseUrl = config.publicBaseUrl;
    const body: WebAppConfig = {
      baseUrl,
      tokenUrl: `${baseUrl}/oauth/token`,
      clientId: config.webClientId,
      tenant: config.defaultTenant,
      embeddedServer: true,
      ...(config.authorizeUrl ? { authorizeUrl: config.authorizeUrl } : {}),
      scope: 'MOBPROC',
      demoLogins: config.seed === 'demo' ? demoLogins : [],
    };
    c.header('Cache-Control', 'no-cache');
    return c.json(body);
  });

  app.get('*', (c) => {
    if (options.isApiPath(c.req.path)) return c.notFound();
    const { staticDir: root, serveSourceMaps } = c.get('deps').config;
    const filePath = resolveInside(root, c.req.path);
    const relative = filePath ? path.relative(root, filePath).split(path.sep).join('/') : '';
    if (filePath && !serveSourceMaps && isBuildInternal(relative)) {
      return c.text('Not found.', 404);
    }
    const file = filePath ? readFileIfPresent(filePath) : null;
    if (file && filePath) {
      return sendFile(c, filePath, file, isHashedAsset(relative) ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    const indexPath = path.join(root, 'index.html');
    const index = readFileIfPresent(indexPath);
    if (!index) {
      return c.text('The web app is not built yet: run `npm run build` (or `npm start`, which builds it).', 503);
    }
    return sendFile(c, indexPath, index, 'no-cache');
  });
}
