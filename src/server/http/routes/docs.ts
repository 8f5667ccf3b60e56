import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Hono } from 'hono';
import { API_BASE_PATH } from '../../../contract/index.ts';
import type { AppEnv } from '../app-env.ts';
import { buildOpenApiDocument } from '../openapi.ts';
import type { RouteRegistry } from '../route.ts';

const swaggerUiDirectory = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const docsPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>MOBPROC v1 — API documentation</title>
<link rel="stylesheet" href="${API_BASE_PATH}/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui"></main>
<script src="${API_BASE_PATH}/docs/swagger-ui-bundle.js"></script>
<script src="${API_BASE_PATH}/docs/init.js"></script>
</body>
</html>`;

// A file of its own rather than an inline script, so the page keeps the strict CSP.
const initScript = `window.ui = SwaggerUIBundle({ url: '${API_BASE_PATH}/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

const swaggerAssets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

export function registerDocsRoutes(app: Hono<AppEnv>, registries: { api: RouteRegistry; oauth: RouteRegistry }): void {
  let document: Record<string, unknown> | undefined;
  app.get(`${API_BASE_PATH}/openapi.json`, (c) => {
    // Built on first request, after every route has registered.
    document ??= buildOpenApiDocument([...registries.oauth.routes, ...registries.api.routes]);
    return c.json(document);
  });
  app.get(`${API_BASE_PATH}/docs`, (c) => c.html(docsPage));
  app.get(`${API_BASE_PATH}/docs/init.js`, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    return c.body(initScript);
  });
  for (const [file, contentType] of Object.entries(swaggerAssets)) {
    const contents = fs.readFileSync(path.join(swaggerUiDirectory, file));
    app.get(`${API_BASE_PATH}/docs/${file}`, (c) => {
      c.header('Content-Type', contentType);
      c.header('Cache-Control', 'public, max-age=86400');
      return c.body(new Uint8Array(contents));
    });
  }
}
