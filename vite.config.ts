import { defineConfig } from 'vitest/config';
import { constants as zlib } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { postgresAvailability } from './src/server/tests/postgres.ts';

const apiTarget = process.env.MOBPROC_DEV_API ?? 'http://127.0.0.1:8787';
// changeOrigin stays false so the API sees the dev server's Host and builds `_meta` links for it.
const proxy = { target: apiTarget, changeOrigin: false, xfwd: true };

const serverTests = { environment: 'node' as const, testTimeout: 20_000, hookTimeout: 30_000 };

/**
 * Test files of src/server that start the server but check SQLite itself, so the PostgreSQL run
 * (`server-pg`) leaves them out (decision 17).
 */
const sqliteOnly = [
  // The reader and writer connections, the turn queue and BEGIN IMMEDIATE of SQLite's transaction().
  'src/server/tests/transactions.test.ts',
  // SQLite's query plans on the large tenant, loaded by its better-sqlite3 bulk loader.
  'src/server/tests/query-plans.test.ts',
  // Counts the statements better-sqlite3 prepares and runs per request; the WAL checkpointer.
  'src/server/tests/order-path-statements.test.ts',
  // Counts the tenant's time-zone reads on better-sqlite3's statements.
  'src/server/tests/tenant-time-zone-reads.test.ts',
  // Seeds SQLite databases directly and compares them through SQLite's catalogue.
  'src/server/tests/seed-determinism.test.ts',
  // Two servers on one SQLite file stand in for two instances that miss each other's changes; on
  // PostgreSQL LISTEN/NOTIFY delivers them, so there is nothing to catch up.
  'src/server/tests/events-catch-up.test.ts',
];

/**
 * The API tests once more with the server on PostgreSQL, when there is one (`postgresAvailability`:
 * TEST_DATABASE_URL or the machine's binaries). Without one: one line, and no project — except
 * under CI=true, where it throws. Decided only under Vitest, so `vite build` and `vite` never look.
 */
function postgresProjects() {
  if (!process.env.VITEST) return [];
  const availability = postgresAvailability();
  if (!availability.available) {
    process.stderr.write(`${availability.reason}\n`);
    return [];
  }
  return [
    {
      test: {
        name: 'server-pg',
        // Only files that start a server: contract and pure unit tests say nothing about the database.
        include: ['src/server/tests/**/*.test.ts'],
        // These start a PostgreSQL of their own and run in `server`.
        exclude: [
          ...sqliteOnly,
          'src/server/tests/lint-boundaries.test.ts',
          'src/server/tests/postgres-*.test.ts',
          'src/server/tests/broadcast-postgres.test.ts',
          'src/server/tests/multi-instance.test.ts',
          'src/server/tests/vendor/**',
        ],
        env: { MOBPROC_TEST_DIALECT: 'postgres' },
        globalSetup: ['src/server/tests/postgres-setup.ts'],
        ...serverTests,
      },
    },
  ];
}

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
    // Vitest's default is one worker less than the CPUs: one on the two-core machines CI runs on.
    // Most test files wait on a server, PostgreSQL or a timer rather than compute, so two workers
    // ran the suite in 218 s instead of 306–323 s, with no test failing.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'server',
          include: ['src/server/**/*.test.ts', 'src/contract/**/*.test.ts'],
          ...serverTests,
        },
      },
      ...postgresProjects(),
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
