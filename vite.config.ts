import { defineConfig } from 'vitest/config';
import { constants as zlib } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';

const apiTarget = process.env.MOBPROC_DEV_API ?? 'http://127.0.0.1:8787';
// changeOrigin stays false so the API sees the dev server's Host and builds `_meta` links for it.
const proxy = { target: apiTarget, changeOrigin: false, xfwd: true };

export default defineConfig({
  plugins: [
    react(),
    // Every text file of the build gets a .br and a .gz beside it, compressed once at the highest
    // levels (a build can afford the seconds a request cannot); the server picks one per request by
    // Accept-Encoding (src/server/http/static.ts). Source maps and the manifest are not published.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }),
        defineAlgorithm('gzip', { level: 9 }),
      ],
      include: /\.(?:html|css|js|mjs|json|svg|txt|webmanifest)$/,
      exclude: [/\.map$/, /^\.vite\//],
      threshold: 0,
      // Even a file too small to shrink gets both, so the server never has to guess which exist.
      skipIfLargerOrEqual: false,
      logLevel: 'silent',
    }),
  ],
  build: {
    outDir: 'dist',
    // Maps are written for debugging a deployment, but no bundle points at them (the server does
    // not serve them unless MOBPROC_SERVE_SOURCE_MAPS is on).
    sourcemap: 'hidden',
    // dist/.vite/manifest.json: the bundle-budget test follows it from each route to its chunks.
    manifest: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    port: 5173,
    proxy: { '/mobproc': proxy, '/oauth': proxy, '/config.json': proxy, '/images': proxy },
  },
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/server/**/*.test.ts', 'src/contract/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'tooling',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'web',
          include: ['src/web/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          testTimeout: 20_000,
        },
      },
    ],
  },
});
