/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The download budget of the first screens (issues 5 and 18), gzipped: what the built index.html
 * makes a browser fetch before anything else, and what the sign-in page and the wizard's first
 * step need in all — the entry's static imports, plus the lazy chunks the router loads for that
 * URL (the shell, the error boundary around pages, the page) with theirs. Computed from the build's
 * manifest; `npm test` builds first. And the build's precompressed copies: a .br and a .gz beside
 * every file the server may send compressed, each decoding to that file.
 */
type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
type Manifest = Record<string, ManifestChunk>;

const dist = path.resolve(import.meta.dirname, '../../dist');
const manifestPath = path.join(dist, '.vite/manifest.json');

/** The lazy routes every page of the app loads besides its own (src/web/app/router.tsx). */
const aroundEveryPage = ['src/web/app/app-shell.tsx', 'src/web/components/route-error-page.tsx'];

/** Text files, which the build compresses; fonts and images are compressed formats already. */
const compressible = /\.(?:html|css|js|mjs|json|svg|txt|webmanifest)$/;

function loadManifest(): Manifest {
  if (!fs.existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: run \`npm run build\` first (npm test does).`);
  return JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as Manifest;
}

/** Every JS file a page needs: the entry's and the given lazy modules' static import closure. */
function jsFilesFor(manifest: Manifest, lazyModules: string[]): Set<string> {
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
  for (const module of lazyModules) visit(module);
  return files;
}

/** The scripts the built index.html loads or preloads, as paths under dist/. */
function scriptsOfIndexHtml(): Set<string> {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*\srel="modulepreload"[^>]*\shref)="\/([^"]+)"/g)].map((match) => match[1]!);
  return new Set(scripts);
}

function gzippedKb(files: Set<string>): number {
  let bytes = 0;
  for (const file of files) bytes += gzipSync(fs.readFileSync(path.join(dist, file)), { level: 9 }).length;
  return Math.round((bytes / 1024) * 10) / 10;
}

/** The source files a built JS file was made from, per its (unpublished) source map; none without one. */
function sourcesOf(file: string): string[] {
  const mapPath = path.join(dist, `${file}.map`);
  if (!fs.existsSync(mapPath)) return [];
  return (JSON.parse(fs.readFileSync(mapPath, 'utf8')) as { sources: string[] }).sources;
}

/** zod itself and the contract's modules that build schemas with it. */
const schemaSource = /node_modules\/zod\/|src\/contract\/(?!constants\.ts$|transaction-types\.ts$|service-numbers\.ts$)[\w-]+\.ts$/;

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true, recursive: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

describe('bundle budget', () => {
  const manifest = loadManifest();

  it('the built index.html loads at most 150 KB of gzipped JS', () => {
    const files = scriptsOfIndexHtml();
    expect(files.size).toBeGreaterThan(0);
    // Whatever index.html loads is what the entry needs, no more and no less.
    expect(files).toEqual(jsFilesFor(manifest, []));
    const kb = gzippedKb(files);
    process.stdout.write(`index.html: ${kb} KB gzipped JS in ${files.size} files\n`);
    expect(kb).toBeLessThanOrEqual(150);
  });

  it('the sign-in page loads at most 190 KB of gzipped JS in all, and none of the wizard', () => {
    const files = jsFilesFor(manifest, [...aroundEveryPage, 'src/web/app/sign-in-route.tsx']);
    const kb = gzippedKb(files);
    process.stdout.write(`sign-in page: ${kb} KB gzipped JS in ${files.size} files\n`);
    expect(kb).toBeLessThanOrEqual(190);
    const wizard = manifest['src/web/app/routes/wizard-route.tsx']!.file;
    expect([...files]).not.toContain(wizard);
  });

  it('the start page loads at most 195 KB of gzipped JS before its first paint, and no zod or schema', () => {
    const files = jsFilesFor(manifest, [...aroundEveryPage, 'src/web/app/routes/start-route.tsx']);
    const kb = gzippedKb(files);
    process.stdout.write(`start page: ${kb} KB gzipped JS in ${files.size} files\n`);
    // About 240 KB while it waited for every schema (issue 18).
    expect(kb).toBeLessThanOrEqual(195);
    // The answers it shows are read with the schemas, which load beside the requests (issue 18).
    const schemas = [...files].flatMap((file) => sourcesOf(file).filter((source) => schemaSource.test(source)).map((source) => `${file}: ${source}`));
    expect(schemas).toEqual([]);
  });

  it('the sign-in page loads no zod or schema', () => {
    const files = jsFilesFor(manifest, [...aroundEveryPage, 'src/web/app/sign-in-route.tsx']);
    const schemas = [...files].flatMap((file) => sourcesOf(file).filter((source) => schemaSource.test(source)).map((source) => `${file}: ${source}`));
    expect(schemas).toEqual([]);
  });

  it("the wizard's first step loads at most 350 KB of gzipped JS", () => {
    const files = jsFilesFor(manifest, [...aroundEveryPage, 'src/web/app/routes/wizard-route.tsx']);
    const kb = gzippedKb(files);
    process.stdout.write(`first wizard step: ${kb} KB gzipped JS in ${files.size} files\n`);
    expect(kb).toBeLessThanOrEqual(350);
  });

  it('every text file the server publishes has a .br and a .gz beside it that decode to it', () => {
    const published = filesUnder(dist).filter((file) => {
      const relative = path.relative(dist, file).split(path.sep).join('/');
      return compressible.test(relative) && !relative.startsWith('.vite/');
    });
    expect(published.length).toBeGreaterThan(20);
    const missing = published.filter((file) => !fs.existsSync(`${file}.br`) || !fs.existsSync(`${file}.gz`));
    expect(missing.map((file) => path.relative(dist, file))).toEqual([]);
    for (const file of published) {
      const original = fs.readFileSync(file);
      expect(brotliDecompressSync(fs.readFileSync(`${file}.br`)).equals(original), `${file}.br`).toBe(true);
      expect(gunzipSync(fs.readFileSync(`${file}.gz`)).equals(original), `${file}.gz`).toBe(true);
    }
  });
});
