/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The JS budget of the first screens (issue 5): what a browser downloads for the sign-in page and
 * for the wizard's first step, gzipped. Computed from the build's manifest by following the
 * static imports of the entry and of the route's lazy chunk. `npm test` builds first.
 */
type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
type Manifest = Record<string, ManifestChunk>;

const dist = path.resolve(import.meta.dirname, '../../dist');
const manifestPath = path.join(dist, '.vite/manifest.json');

function loadManifest(): Manifest {
  if (!fs.existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`npm run build\` first (npm test does).`);
  return JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
}

/** Every JS file a page needs: the entry's and the route's static import closure. */
function jsFilesFor(manifest: Manifest, routeModules: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build manifest.`);
    if (files.has(chunk.file)) return;
    if (chunk.file.endsWith('.js')) files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
  if (!entry) throw new Error('The build manifest has no entry.');
  visit(entry);
  for (const route of routeModules) visit(route);
  return files;
}

function gzippedKb(files: Set<string>): number {
  let bytes = 0;
  for (const file of files) bytes += gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
  return Math.round((bytes / 1024) * 10) / 10;
}

describe('bundle budget', () => {
  const manifest = loadManifest();

  it('the sign-in page loads at most 200 KB of gzipped JS, and none of the wizard', () => {
    const files = jsFilesFor(manifest, ['src/web/app/sign-in-route.tsx']);
    const kb = gzippedKb(files);
    process.stdout.write(`sign-in page: ${kb} KB gzipped JS in ${files.size} files\n`);
    expect(kb).toBeLessThanOrEqual(200);
    const wizard = manifest['src/web/app/routes/wizard-route.tsx']!.file;
    expect([...files]).not.toContain(wizard);
  });

  it("the wizard's first step loads at most 350 KB of gzipped JS", () => {
    const files = jsFilesFor(manifest, ['src/web/app/routes/wizard-route.tsx']);
    const kb = gzippedKb(files);
    process.stdout.write(`first wizard step: ${kb} KB gzipped JS in ${files.size} files\n`);
    expect(kb).toBeLessThanOrEqual(350);
  });
});
