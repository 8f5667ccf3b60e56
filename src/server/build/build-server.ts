/**
 * `npm run build:server`: compiles the server into `build/server/main.js` (one ESM bundle of our
 * code, npm packages left as imports; `bench-baseline.js` beside it for `npm run bench`), so production runs JavaScript instead of loading
 * TypeScript through tsx on every start. Files the server reads at run time beside its own module
 * (the SQL migrations of both dialects) are copied next to the bundle, where `import.meta.url` now points.
 * Not `dist/`: Vite empties that folder and the static server publishes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outdir = path.join(root, 'build/server');

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The bench's bare-Hono baseline is compiled the same way, so the two are compared like for like.
  entryPoints: { main: 'src/server/main.ts', 'bench-baseline': 'src/server/bench/baseline.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  // The compiled server is the production one: development checks in our code (storage/db.ts's
  // transaction guard) are left out of it, as Vite leaves React's out of the app.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
// Both dialects' migrations: a DATABASE_URL picks SQLite or PostgreSQL at start.
for (const folder of ['migrations', 'migrations-pg']) {
  fs.cpSync(path.join(root, 'src/server/storage', folder), path.join(outdir, folder), { recursive: true });
}
process.stdout.write(`server compiled into ${path.relative(root, outdir)}/\n`);
