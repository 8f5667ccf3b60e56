import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = path.dirname(new URL(import.meta.url).pathname);
const resolver = path.join(here, 'browser.ts');

/** Resolves in a fresh process, as the Playwright runner and each worker do, and prints the result. */
function resolveIn(env: Record<string, string | undefined>): Promise<{ stdout: string; stderr: string }> {
  const script = `import { resolveChromium } from ${JSON.stringify(resolver)};
    try { process.stdout.write(JSON.stringify(resolveChromium())); }
    catch (error) { process.stderr.write(error.message); process.exit(3); }`;
  return run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    maxBuffer: 1024 * 1024,
  });
}

describe('resolveChromium', () => {
  it('takes CHROMIUM_PATH first, and refuses one that does not exist instead of picking another', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-chromium-'));
    const fake = path.join(folder, 'my-chrome');
    fs.writeFileSync(fake, '#!/bin/sh\n', { mode: 0o755 });
    const found = JSON.parse((await resolveIn({ CHROMIUM_PATH: fake })).stdout) as { executablePath: string; source: string };
    expect(found).toMatchObject({ executablePath: fake, source: 'CHROMIUM_PATH' });

    const missing = path.join(folder, 'nope');
    await expect(resolveIn({ CHROMIUM_PATH: missing })).rejects.toMatchObject({ stderr: expect.stringContaining(missing) });
  });

  it('prefers a Chromium on PATH to the bundled one', async () => {
    const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((file) => fs.existsSync(file));
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'path-chromium-'));
    fs.writeFileSync(path.join(folder, 'chromium'), '#!/bin/sh\n', { mode: 0o755 });
    const found = JSON.parse((await resolveIn({ CHROMIUM_PATH: '', PATH: `${folder}:${process.env.PATH}` })).stdout) as {
      executablePath: string;
      source: string;
    };
    expect(found.source).toBe('system');
    // A system browser in a standard place wins over PATH; otherwise ours on PATH is found.
    expect(found.executablePath).toBe(systemChromium ?? path.join(folder, 'chromium'));
  });

  it.runIf(process.platform === 'linux' && process.arch === 'x64')(
    'unpacks the bundled Chromium once, whole, when several processes race, and its libraries come from the unpacked folder',
    async () => {
      const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-cache-'));
      const results = await Promise.all(
        [1, 2].map(async () => {
          const script = `import { unpackBundledChromium } from ${JSON.stringify(resolver)};
            process.stdout.write(JSON.stringify(unpackBundledChromium()));`;
          const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
            env: { ...process.env, MOBPROC_CHROMIUM_CACHE: cache },
            maxBuffer: 1024 * 1024,
          });
          return JSON.parse(stdout) as { executablePath: string; env: Record<string, string> };
        }),
      );
      const paths = new Set(results.map((result) => result.executablePath));
      expect(paths.size).toBe(1);
      const [first] = results;
      expect(path.basename(path.dirname(first!.executablePath))).toMatch(/^mobproc-chromium-\d+\.\d+\.\d+$/);
      // Losers discard their copies: only the finished folder is left.
      expect(fs.readdirSync(cache)).toEqual([path.basename(path.dirname(first!.executablePath))]);

      const env = { ...process.env, ...first!.env };
      const version = execFileSync(first!.executablePath, ['--headless', '--no-sandbox', '--version'], { env }).toString();
      expect(version).toMatch(/Chromium \d+/);
      const libraries = execFileSync('ldd', [first!.executablePath], { env }).toString();
      const folder = path.dirname(first!.executablePath);
      for (const library of ['libnss3.so', 'libnspr4.so']) {
        expect(libraries).toMatch(new RegExp(`${library} => ${folder.replaceAll('.', '\\.')}/lib/${library}`));
      }
      expect(libraries).not.toContain('not found');
      fs.rmSync(cache, { recursive: true, force: true });
    },
    120_000,
  );
});
