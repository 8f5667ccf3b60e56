import { spawn, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A MOBPROC server in a child process, on its own scratch database, as a benchmark measures it. */
export type ServerProcess = { url: string; port: number; stop: () => void };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/mobproc/v1/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server at ${url} did not come up`);
}

/**
 * Starts `src/server/main.ts` of the checkout at `cwd` (default: this one) on a free loopback port
 * with a fresh database in a temporary folder, `environment` on top, and resolves once `/ping`
 * answers (60 s at most). `stop()` ends the process and removes the folder.
 */
export async function startServerProcess(environment: Record<string, string>, options: { cwd?: string; stdio?: StdioOptions } = {}): Promise<ServerProcess> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: options.cwd,
    stdio: options.stdio ?? ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: `file:${path.join(directory, 'bench.db')}`, LOG_LEVEL: 'silent', ...environment },
  });
  const stop = () => {
    child.kill('SIGTERM');
    fs.rmSync(directory, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, Date.now() + 60_000);
  } catch (error) {
    stop();
    throw error;
  }
  return { url, port, stop };
}
