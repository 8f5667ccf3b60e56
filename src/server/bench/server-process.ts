import { spawn, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A MOBPROC server in a child process, on its own scratch database, as a benchmark measures it. */
/** `stop()` resolves once the process has exited and its scratch folder is gone. */
export type ServerProcess = { url: string; port: number; pid: number; stop: () => Promise<void> };

export function freePort(): Promise<number> {
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
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server at ${url} did not come up`);
}

export type ServerProcessOptions = {
  cwd?: string;
  stdio?: StdioOptions;
  /**
   * `tsx`: `src/server/main.ts` through the TypeScript loader (what any checkout has); `compiled`:
   * `build/server/main.js`, as production runs (needs `npm run build:server`); or the path of
   * another compiled script (the bare-Hono baseline).
   */
  entry?: 'tsx' | 'compiled' | string;
  /** An existing database file to serve; default: a fresh one in a temporary folder. */
  databasePath?: string;
  /** Extra Node options (`--cpu-prof`, …). */
  nodeOptions?: string[];
};

/**
 * Starts the server of the checkout at `cwd` (default: this one) on a free loopback port, with
 * `environment` on top of LOG_LEVEL=silent and the scratch database, and resolves once `/ping`
 * answers (120 s at most). `stop()` ends the process (SIGTERM, so a `--cpu-prof` is written) and
 * removes the scratch folder.
 */
export async function startServerProcess(environment: Record<string, string>, options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-bench-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const entry = options.entry ?? 'tsx';
  const script = entry === 'tsx' ? ['--import', 'tsx', 'src/server/main.ts'] : [entry === 'compiled' ? 'build/server/main.js' : entry];
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), ...script], {
    cwd: options.cwd,
    stdio: options.stdio ?? ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: `file:${options.databasePath ?? path.join(directory, 'bench.db')}`,
      LOG_LEVEL: 'silent',
      ...environment,
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(directory, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, Date.now() + 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: child.pid!, stop };
}
