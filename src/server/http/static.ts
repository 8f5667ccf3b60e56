import fs from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import type { WebAppConfig } from '../../contract/index.ts';
import type { AppEnv } from './app-env.ts';
import { demoLogins } from '../storage/seed/logins.ts';

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

function readFileIfPresent(filePath: string): Buffer | null {
  try {
    const stat = fs.statSync(filePath);
    return stat.isFile() ? fs.readFileSync(filePath) : null;
  } catch {
    return null;
  }
}

export function registerStaticApp(app: Hono<AppEnv>, options: { isApiPath: (path: string) => boolean }): void {
  app.get('/config.json', (c) => {
    const { config } = c.var.deps;
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
    const { staticDir: root, serveSourceMaps } = c.var.deps.config;
    const filePath = resolveInside(root, c.req.path);
    if (filePath && !serveSourceMaps && isBuildInternal(path.relative(root, filePath).split(path.sep).join('/'))) {
      return c.text('Not found.', 404);
    }
    const file = filePath ? readFileIfPresent(filePath) : null;
    if (file && filePath) {
      const relative = path.relative(root, filePath).split(path.sep).join('/');
      c.header('Content-Type', contentTypes[path.extname(filePath)] ?? 'application/octet-stream');
      c.header('Cache-Control', isHashedAsset(relative) ? 'public, max-age=31536000, immutable' : 'no-cache');
      return c.body(new Uint8Array(file));
    }
    const index = readFileIfPresent(path.join(root, 'index.html'));
    if (!index) {
      return c.text('The web app is not built yet: run `npm run build` (or `npm start`, which builds it).', 503);
    }
    c.header('Content-Type', contentTypes['.html']!);
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(index));
  });
}
