/**
 * The one place that finds a Chromium for everything in this repository that launches a browser:
 * the Playwright config, Vitest's API-docs test, and scripts.
 *
 * Order (decision record 0006):
 * 1. `CHROMIUM_PATH`, when set (an error if it does not exist: a typo must not silently pick another);
 * 2. a system Chromium or Chrome (`/usr/bin/chromium`, `chromium-browser`, `google-chrome` …, on `PATH` too);
 * 3. the Chromium that arrives with `npm install` inside the devDependency `@sparticuz/chromium`,
 *    unpacked once — with its own shared libraries (libnss3, libnspr4 …) and fonts — into
 *    `$TMPDIR/mobproc-chromium-<version>`, written to a temporary folder first and renamed into place,
 *    so no process (the Playwright runner and each of its workers evaluate the config) ever launches a
 *    half-written binary.
 * Nothing here downloads anything.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

export interface ResolvedChromium {
  /** Absolute path of the browser binary. */
  executablePath: string;
  /** Where it came from, for logs and the decision record's checks. */
  source: 'CHROMIUM_PATH' | 'system' | '@sparticuz/chromium';
  /**
   * Environment the browser must be started with (on top of the caller's own): the unpacked shared
   * libraries on `LD_LIBRARY_PATH` and its fonts configuration. Empty for a system browser.
   */
  env: Record<string, string>;
}

/** Flags every headless launch here needs: no sandbox as root, no GPU, no calls home on a closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const INSTALL_HINT =
  'No Chromium found. Set CHROMIUM_PATH to a Chromium or Chrome binary, or install one ' +
  '(Debian/Ubuntu: `apt-get install -y chromium`; macOS: install Google Chrome). ' +
  'The bundled @sparticuz/chromium only runs on Linux x64.';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findSystemChromium(): string | undefined {
  for (const candidate of SYSTEM_CANDIDATES) if (isExecutable(candidate)) return candidate;
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!folder) continue;
    for (const name of PATH_NAMES) {
      const candidate = path.join(folder, name);
      if (isExecutable(candidate)) return fs.realpathSync(candidate);
    }
  }
  return undefined;
}

/** Untars a Brotli-compressed tarball into `folder` with the system's `tar`. */
function extractTarBr(archive: string, folder: string): void {
  const tarball = zlib.brotliDecompressSync(fs.readFileSync(archive));
  const result = spawnSync('tar', ['-x', '-f', '-', '-C', folder], { input: tarball, maxBuffer: 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`Unpacking ${archive} failed: ${result.stderr?.toString() || result.error?.message}`);
  }
}

function fontsConfig(folder: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${path.join(folder, 'fonts')}</dir>`,
    '  <dir>/usr/share/fonts</dir>',
    '  <dir>/usr/local/share/fonts</dir>',
    `  <cachedir>${path.join(folder, 'fonts-cache')}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

function bundledEnv(folder: string): Record<string, string> {
  const libraries = [path.join(folder, 'lib'), folder];
  const existing = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter((entry) => entry && !libraries.includes(entry));
  return {
    LD_LIBRARY_PATH: [...libraries, ...existing].join(':'),
    FONTCONFIG_PATH: folder,
    FONTCONFIG_FILE: path.join(folder, 'fonts.conf'),
  };
}

/**
 * Unpacks `@sparticuz/chromium` once per package version into `$TMPDIR/mobproc-chromium-<version>`
 * (override the parent with `MOBPROC_CHROMIUM_CACHE`). Safe when several processes race: each
 * unpacks into its own temporary folder and renames it into place; the loser discards its copy.
 */
export function unpackBundledChromium(): ResolvedChromium | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    // The package's `exports` hide package.json, so walk up from its entry point.
    let folder = path.dirname(require.resolve('@sparticuz/chromium'));
    while (!fs.existsSync(path.join(folder, 'package.json')) || !fs.existsSync(path.join(folder, 'bin'))) {
      const up = path.dirname(folder);
      if (up === folder) return undefined;
      folder = up;
    }
    packageJson = path.join(folder, 'package.json');
  } catch {
    return undefined;
  }
  const { version } = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string };
  const bin = path.join(path.dirname(packageJson), 'bin');
  const parent = process.env.MOBPROC_CHROMIUM_CACHE ?? os.tmpdir();
  const folder = path.join(parent, `mobproc-chromium-${version}`);
  const executablePath = path.join(folder, 'chromium');

  if (!isExecutable(executablePath)) {
    fs.mkdirSync(parent, { recursive: true });
    const temporary = fs.mkdtempSync(`${folder}.partial-`);
    try {
      fs.writeFileSync(path.join(temporary, 'chromium'), zlib.brotliDecompressSync(fs.readFileSync(path.join(bin, 'chromium.br'))), {
        mode: 0o755,
      });
      for (const archive of ['al2023.tar.br', 'swiftshader.tar.br', 'fonts.tar.br']) {
        extractTarBr(path.join(bin, archive), temporary);
      }
      fs.writeFileSync(path.join(temporary, 'fonts.conf'), fontsConfig(folder));
      fs.renameSync(temporary, folder);
    } catch (error) {
      fs.rmSync(temporary, { recursive: true, force: true });
      // Another process renamed its complete copy into place first: use that one.
      if (!isExecutable(executablePath)) throw error;
    }
  }
  return { executablePath, source: '@sparticuz/chromium', env: bundledEnv(folder) };
}

let resolved: ResolvedChromium | undefined;

/** Finds (and if need be unpacks) a Chromium; throws one line saying what to install when none works. */
export function resolveChromium(): ResolvedChromium {
  if (resolved) return resolved;
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!isExecutable(fromEnv)) throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which is not an executable file.`);
    resolved = { executablePath: fromEnv, source: 'CHROMIUM_PATH', env: {} };
    return resolved;
  }
  const system = findSystemChromium();
  if (system) {
    resolved = { executablePath: system, source: 'system', env: {} };
    return resolved;
  }
  const bundled = unpackBundledChromium();
  if (!bundled) throw new Error(INSTALL_HINT);
  resolved = bundled;
  return resolved;
}

/**
 * Launch options for Playwright's `chromium.launch` / `use.launchOptions`: the resolved binary, the
 * headless flags, and the environment the browser needs.
 */
export function chromiumLaunchOptions(): { executablePath: string; args: string[]; env: Record<string, string> } {
  const browser = resolveChromium();
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return { executablePath: browser.executablePath, args: CHROMIUM_ARGS, env: { ...env, ...browser.env } };
}
