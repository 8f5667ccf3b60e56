/**
 * `npm run bench`: the server as production runs it — compiled (`build/server/main.js`),
 * LOG_LEVEL=info with its logs going to /dev/null, every middleware on — on a scratch database
 * with the demo seed and the large tenant (seed/large.ts), against a bare Hono app on
 * @hono/node-server (baseline.ts) measured in the same run. Each scenario is driven by autocannon
 * for BENCH_DURATION_S seconds (default 5) per connection count; the table gives req/s, the share
 * of the req/s of the baseline measured just before it, p50 and p99 in ms, the CPU time per request
 * of the server process and of autocannon (this process) in µs, the baseline server's CPU time per
 * request over the scenario's, and, for the large-tenant scenarios, their p99 over the demo-size one.
 *
 * `npm run bench -- <text>` runs only scenarios whose name contains the text. BENCH_LARGE=0 skips
 * the large tenant (and its scenarios); BENCH_DATABASE=<file> serves that database instead of
 * seeding a fresh one (the bench's submits add orders to it); BENCH_DATABASE=postgres runs the
 * same scenarios against the server on PostgreSQL: a throwaway server and database from
 * `tests/postgres.ts` (or `TEST_DATABASE_URL`'s), into which seed/large-pg.ts loads the large
 * tenant (unless BENCH_LARGE=0) and which the server migrates and seeds itself;
 * BENCH_DATABASE=postgres://… serves that database as it is (the server seeds it when empty).
 * BENCH_SERVER=tsx runs the server
 * through the TypeScript loader instead of compiled; BENCH_CPU_PROF=<dir> writes the server's
 * `--cpu-prof` profile there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { closeDatabase, openDatabase } from '../storage/db.ts';
import { seedDemoData } from '../storage/seed/demo.ts';
import { seedDatabase } from '../storage/seed/index.ts';
import { seedLargeTenant } from '../storage/seed/large.ts';
import { describeLoadPhases, loadLargeTenantIntoPostgres } from '../storage/seed/large-pg.ts';
import { startTestDatabase } from '../tests/postgres.ts';
import { scenarios, type BenchRequest, type BenchSetup } from './scenarios.ts';
import { startServerProcess } from './server-process.ts';

const durationSeconds = Number(process.env.BENCH_DURATION_S ?? 5);
const benchDatabase = process.env.BENCH_DATABASE ?? '';
const onPostgres = benchDatabase === 'postgres' || /^postgres(?:ql)?:\/\//i.test(benchDatabase);
const withLarge = process.env.BENCH_LARGE !== '0';
const only = process.argv.slice(2).join(' ');
const print = (text: string) => process.stdout.write(`${text}\n`);

async function measureSeed(): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const db = openDatabase(':memory:');
    const started = performance.now();
    await seedDemoData(db, new Date());
    times.push(performance.now() - started);
    await closeDatabase(db);
  }
  return times.sort((a, b) => a - b)[2]!;
}

/** The demo seed runs on the first start of `npm start`; a person waits for it. */
const SEED_BUDGET_MS = 1000;

/** Where the server under measurement keeps its data, and how to throw it away afterwards. */
type BenchDatabase = { url: string; drop: () => Promise<void> };

/**
 * A fresh database with the demo seed and, unless BENCH_LARGE=0, the large tenant; or the one
 * BENCH_DATABASE names. On PostgreSQL the server process migrates and seeds the demo data itself
 * at start, as in production.
 */
async function prepareDatabase(directory: string): Promise<BenchDatabase> {
  const keep = async () => Promise.resolve();
  if (benchDatabase === 'postgres') {
    const database = await startTestDatabase();
    if (withLarge) {
      // As `npm run seed:large` does with a postgres:// URL.
      const outcome = await loadLargeTenantIntoPostgres(database.url, new Date()).catch(async (error: unknown) => {
        await database.stop();
        throw error;
      });
      if (outcome.seeded) {
        print(`large tenant loaded into PostgreSQL in ${(outcome.milliseconds / 1000).toFixed(1)} s (${describeLoadPhases(outcome)})`);
      }
    }
    return { url: database.url, drop: database.stop };
  }
  if (onPostgres) return { url: benchDatabase, drop: keep };
  if (benchDatabase) return { url: `file:${path.resolve(benchDatabase)}`, drop: keep };
  const file = path.join(directory, 'bench.db');
  // One connection: nothing else has the file open, so a rollback journal can replace the log.
  const db = openDatabase(file, { connections: 1 });
  await seedDatabase(db, 'demo', new Date());
  if (withLarge) {
    // As `npm run seed:large` does.
    db.$client.pragma('journal_mode = DELETE');
    const { milliseconds } = await seedLargeTenant(db, new Date());
    db.$client.pragma('journal_mode = WAL');
    print(`large tenant seeded in ${(milliseconds / 1000).toFixed(1)} s`);
  }
  await closeDatabase(db);
  return { url: `file:${file}`, drop: keep };
}

/**
 * CPU time per request, µs: `server` of the process answering, `generator` of this process
 * (autocannon). On a shared machine req/s follow the load of others; these do not, and the two
 * together are what a request costs the machine (decision 16, 2026-11-30, third pass).
 */
type Measured = { requestsPerSecond: number; p50: number; p99: number; failures: number; serverCpu?: number; generatorCpu: number };

/** User + system CPU time of a process in ms, from /proc (Linux); undefined elsewhere. */
function processCpuMs(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks (USER_HZ, 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

async function drive(url: string, request: BenchRequest, connections: number, pid: number): Promise<Measured> {
  const serverBefore = processCpuMs(pid);
  const generatorBefore = process.cpuUsage();
  const result = await autocannon({
    url: `${url}${request.path}`,
    method: request.method,
    headers: request.headers,
    body: request.body,
    requests: request.requests,
    connections,
    duration: durationSeconds,
  });
  const generator = process.cpuUsage(generatorBefore);
  const serverAfter = processCpuMs(pid);
  const requests = Math.max(result.requests.total, 1);
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
    ...(serverBefore !== undefined && serverAfter !== undefined ? { serverCpu: ((serverAfter - serverBefore) * 1000) / requests } : {}),
    generatorCpu: (generator.user + generator.system) / requests,
  };
}

async function main(): Promise<void> {
  if (!only || 'seed'.includes(only)) {
    const seedMs = await measureSeed();
    print(`demo seed: median ${seedMs.toFixed(0)} ms of 5 (budget ${SEED_BUDGET_MS} ms: ${seedMs <= SEED_BUDGET_MS ? 'within' : 'OVER'})`);
  }
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'mobproc-bench-db-'));
  const database = await prepareDatabase(directory);
  print(`database: ${onPostgres ? 'PostgreSQL' : 'SQLite'}`);
  const entry = process.env.BENCH_SERVER === 'tsx' ? 'tsx' : 'compiled';
  const baseline = await startServerProcess({}, { entry: 'build/server/bench-baseline.js' });
  const startedAt = performance.now();
  const server = await startServerProcess(
    // The production log level, its lines written to /dev/null (the child's stdout is ignored).
    { LOG_LEVEL: 'info', MOBPROC_SEED: 'demo', DATABASE_URL: database.url },
    { entry, nodeOptions: process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [] },
  ).catch(async (error: unknown) => {
    // Nothing left running when the server does not come up (a throwaway PostgreSQL among it).
    await baseline.stop();
    await database.drop();
    fs.rmSync(directory, { recursive: true, force: true });
    throw error;
  });
  print(`server (${entry}) answered its first /ping ${Math.round(performance.now() - startedAt)} ms after it was started`);
  const stopAll = async () => {
    await Promise.all([server.stop(), baseline.stop()]);
    await database.drop();
    fs.rmSync(directory, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    const setup: BenchSetup = {
      url: server.url,
      signIn: async (username, tenant = 'ACME') => {
        const form = new URLSearchParams({ grant_type: 'password', client_id: 'mobproc-web', username, password: 'demo', tenant, scope: 'MOBPROC' });
        const response = await fetch(`${server.url}/oauth/token`, { method: 'POST', body: form });
        if (!response.ok) throw new Error(`sign-in of ${username} (${tenant}) failed: ${response.status}`);
        const { access_token: token } = (await response.json()) as { access_token: string };
        return { Authorization: `Bearer ${token}`, 'X-TNGO-TENANT': tenant, client_id: 'mobproc-web' };
      },
    };
    const chosen = scenarios.filter((scenario) => scenario.name.includes(only) && (withLarge || !/at 100k/.test(scenario.name)));
    const baselinePing: BenchRequest = { method: 'GET', path: '/mobproc/v1/ping?echoText=bench' };
    const rows: string[][] = [];
    const byName = new Map<string, Measured>();
    const baselines: (Measured & { connections: number })[] = [];
    const row = (name: string, connections: number, measured: Measured, reference: Measured | undefined, note: string) => {
      rows.push([
        name,
        String(connections),
        measured.requestsPerSecond.toFixed(0),
        reference ? `${((measured.requestsPerSecond / reference.requestsPerSecond) * 100).toFixed(1)} %` : '',
        reference ? reference.requestsPerSecond.toFixed(0) : '',
        `${measured.p50}`,
        `${measured.p99}`,
        measured.serverCpu === undefined ? '' : measured.serverCpu.toFixed(0),
        measured.generatorCpu.toFixed(0),
        reference?.serverCpu === undefined || measured.serverCpu === undefined ? '' : `${((reference.serverCpu / measured.serverCpu) * 100).toFixed(1)} %`,
        String(measured.failures),
        note,
      ]);
      print(rows.at(-1)!.join('  |  '));
    };
    for (const scenario of chosen) {
      const request = await scenario.request(setup);
      for (const connections of scenario.connections) {
        // The baseline is measured right before each scenario, not once: on a shared machine the
        // load moves within a run, and a share against a baseline taken minutes earlier measures that.
        const reference = await drive(baseline.url, baselinePing, connections, baseline.pid);
        baselines.push({ ...reference, connections });
        const measured = await drive(server.url, request, connections, server.pid);
        byName.set(`${scenario.name}|${connections}`, measured);
        const demo = scenario.atScaleOf ? byName.get(`${scenario.atScaleOf}|${connections}`) : undefined;
        row(scenario.name, connections, measured, reference, demo ? `p99 ${(measured.p99 / Math.max(demo.p99, 1)).toFixed(2)}× demo` : '');
      }
    }
    const sortedBaselines = baselines.map((measured) => measured.requestsPerSecond).sort((a, b) => a - b);
    if (sortedBaselines.length > 0) {
      const median = baselines.find((measured) => measured.requestsPerSecond === sortedBaselines[Math.floor(sortedBaselines.length / 2)])!;
      row(`bare Hono baseline: GET /ping (median of ${baselines.length}; ${sortedBaselines[0]!.toFixed(0)}–${sortedBaselines.at(-1)!.toFixed(0)} req/s)`, median.connections, median, undefined, '');
    }
    const header = ['scenario', 'conn.', 'req/s', 'of baseline', 'baseline req/s', 'p50 ms', 'p99 ms', 'server µs/req', 'autocannon µs/req', 'baseline server µs/req over this', 'non-2xx/errors', 'at scale'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((cells) => cells[column]!.length)));
    const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
    print(`\n${line(header)}\n${line(widths.map((width) => '-'.repeat(width)))}\n${rows.map(line).join('\n')}`);
    print(`\n${durationSeconds} s per run, ${os.cpus().length} CPU(s), load average ${os.loadavg().map((value) => value.toFixed(1)).join(' ')}, Node ${process.version}`);
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
