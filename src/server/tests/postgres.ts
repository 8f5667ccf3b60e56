/**
 * A real PostgreSQL for tests (decision record 0017). With `TEST_DATABASE_URL` set (a `postgres://`
 * URL of a role that may create databases) each call makes a fresh database there. Without it, a
 * throwaway server is started from the PostgreSQL binaries found on this machine (PATH, then
 * /usr/lib/postgresql/<version>/bin, where Debian puts them): a temporary folder, a free loopback
 * port, its socket in that folder, stopped and removed by `stop`. `initdb` refuses to run as root,
 * so as root the server runs as an existing unprivileged user (`postgres`, else `nobody`) through
 * `runuser`. Neither available: PostgreSQL tests are skipped with one line, except under `CI=true`,
 * where that is an error (`.ci/run` installs PostgreSQL).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

/** A fresh, empty database and how to drop it (and the throwaway server, if one was started). */
export type TestDatabase = { url: string; stop: () => Promise<void> };

type Binaries = { initdb: string; pgCtl: string };

const executable = (file: string) => {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The folder holding `initdb`, `pg_ctl` and `postgres`: on PATH first, then Debian's versioned folders, newest first. */
function findBinaries(): Binaries | undefined {
  const debian = '/usr/lib/postgresql';
  const versioned = fs.existsSync(debian)
    ? fs
        .readdirSync(debian)
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => path.join(debian, version, 'bin'))
    : [];
  const folders = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...versioned];
  const folder = folders.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((name) => executable(path.join(dir, name))));
  return folder ? { initdb: path.join(folder, 'initdb'), pgCtl: path.join(folder, 'pg_ctl') } : undefined;
}

/** An existing user other than root to own and run the server when we are root. */
function unprivilegedUser(): { name: string; uid: number; gid: number } | undefined {
  const passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n');
  for (const name of ['postgres', 'nobody']) {
    const fields = passwd.find((line) => line.startsWith(`${name}:`))?.split(':');
    if (fields) return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
  }
  return undefined;
}

/**
 * Whether PostgreSQL tests can run here, decided without starting anything (so a test file can
 * skip at collection time), and if not, the one line that says why. Under `CI=true` "cannot" throws.
 */
export function postgresAvailability(): { available: true } | { available: false; reason: string } {
  if (process.env.TEST_DATABASE_URL || findBinaries()) return { available: true };
  const reason = 'PostgreSQL tests skipped: TEST_DATABASE_URL is unset and no initdb/pg_ctl/postgres was found (PATH, /usr/lib/postgresql/*/bin).';
  if (process.env.CI === 'true') throw new Error(`${reason} Under CI=true PostgreSQL is required; .ci/run installs it.`);
  return { available: false, reason };
}

/** `file args`, as `user` through runuser when one is given (we are root). */
const commandFor = (user: { name: string } | undefined, file: string, args: string[]): [string, string[]] =>
  user ? ['runuser', ['-u', user.name, '--', file, ...args]] : [file, args];

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Creates an empty database with binary (C) collation, as decision 0017 requires, on the server at `adminUrl`. */
async function createDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mobproc_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

/**
 * Starts a throwaway server (or uses `TEST_DATABASE_URL`) and returns a fresh database on it.
 * Call only when {@link postgresAvailability} said yes. Rejects with initdb's or pg_ctl's output
 * if the server cannot be started.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const database = await createDatabase(external);
    return { url: database.url, stop: database.drop };
  }
  const binaries = findBinaries();
  if (!binaries) throw new Error('No PostgreSQL binaries found; check postgresAvailability() first.');

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-pg-'));
  const dataDir = path.join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? unprivilegedUser() : undefined;
  if (asRoot && !user) throw new Error('Running as root and no unprivileged user (postgres, nobody) to run PostgreSQL as.');
  if (user) fs.chownSync(root, user.uid, user.gid);
  const run = (file: string, args: string[]) => execFileSync(...commandFor(user, file, args), { cwd: root, stdio: 'pipe' });

  let started = false;
  const stopNow = () => {
    process.off('exit', stopNow);
    if (started) {
      // Immediate: the data is thrown away, so nothing needs a clean checkpoint.
      spawnSync(...commandFor(user, binaries.pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w']), { cwd: root, stdio: 'ignore' });
      started = false;
    }
    fs.rmSync(root, { recursive: true, force: true });
  };
  // A test process that ends without calling `stop` (a failed hook, an interrupted run) must not leave a server behind.
  process.once('exit', stopNow);
  const stop = async () => stopNow();
  try {
    run(binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    // Durability is pointless for a database thrown away after the run: off, for speed. The API
    // suite's servers (a pool of up to ten each, two test files at a time, some with several
    // servers) need more than the default 100 connections.
    const options = [
      `-p ${port}`,
      `-k ${root}`,
      "-c listen_addresses='127.0.0.1'",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=400',
    ].join(' ');
    // Set first: if pg_ctl gives up waiting, the server it launched may still be running.
    started = true;
    run(binaries.pgCtl, ['start', '-D', dataDir, '-l', path.join(root, 'server.log'), '-o', options, '-w', '-t', '60']);
    const database = await createDatabase(`postgres://postgres@127.0.0.1:${port}/postgres`);
    return { url: database.url, stop };
  } catch (error) {
    const log = path.join(root, 'server.log');
    const detail = [error instanceof Error ? error.message : String(error), (error as { stderr?: Buffer }).stderr?.toString(), fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '']
      .filter(Boolean)
      .join('\n');
    await stop();
    throw new Error(`Could not start a throwaway PostgreSQL: ${detail}`);
  }
}

