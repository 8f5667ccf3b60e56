/**
 * `npm run bench`: starts the real server in a child process on a scratch database (seeded, logs
 * off), then drives each scenario with autocannon for BENCH_DURATION_S seconds (default 10) per
 * connection count and prints throughput and latency. `npm run bench -- <text>` runs only the
 * scenarios whose name contains the text.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { openDatabase } from '../storage/db.ts';
import { seedDemoData } from '../storage/seed/demo.ts';
import { scenarios, type BenchSetup } from './scenarios.ts';
import { startServerProcess } from './server-process.ts';

const durationSeconds = Number(process.env.BENCH_DURATION_S ?? 10);
const only = process.argv.slice(2).join(' ');

function measureSeed(): number {
  const times: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const db = openDatabase(':memory:');
    const started = performance.now();
    seedDemoData(db, new Date());
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[2]!;
}

/** The demo seed runs on the first start of `npm start`; a person waits for it. */
const SEED_BUDGET_MS = 1000;

async function main(): Promise<void> {
  if (!only || 'seed'.includes(only)) {
    const seedMs = measureSeed();
    process.stdout.write(`demo seed: median ${seedMs.toFixed(0)} ms of 5 (budget ${SEED_BUDGET_MS} ms: ${seedMs <= SEED_BUDGET_MS ? 'within' : 'OVER'})\n`);
  }
  const server = await startServerProcess({ MOBPROC_SEED: 'demo' });
  const { url, stop } = server;
  process.once('SIGINT', () => {
    stop();
    process.exit(130);
  });

  try {
    const setup: BenchSetup = {
      url,
      signIn: async (username) => {
        const clientId = username === 'svc.servicedesk' ? 'servicedesk-app' : 'mobproc-web';
        const form = new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password: 'demo', tenant: 'ACME', scope: 'MOBPROC' });
        if (clientId === 'servicedesk-app') form.set('client_secret', 'servicedesk-secret');
        const response = await fetch(`${url}/oauth/token`, { method: 'POST', body: form });
        if (!response.ok) throw new Error(`sign-in of ${username} failed: ${response.status}`);
        const { access_token: token } = (await response.json()) as { access_token: string };
        return { Authorization: `Bearer ${token}`, 'X-TNGO-TENANT': 'ACME', client_id: clientId };
      },
    };

    const rows: string[][] = [];
    for (const scenario of scenarios.filter((candidate) => candidate.name.includes(only))) {
      const request = await scenario.request(setup);
      for (const connections of scenario.connections) {
        const result = await autocannon({
          url: `${url}${request.path}`,
          method: request.method,
          headers: request.headers,
          body: request.body,
          requests: request.requests,
          connections,
          duration: durationSeconds,
        });
        const failures = result.errors + result.timeouts + result.non2xx;
        rows.push([
          scenario.name,
          String(connections),
          result.requests.average.toFixed(0),
          `${result.latency.p50} ms`,
          `${result.latency.p99} ms`,
          String(failures),
        ]);
        process.stdout.write(`${rows.at(-1)!.join('  |  ')}\n`);
      }
    }
    const header = ['scenario', 'connections', 'req/s', 'median', 'p99', 'non-2xx/errors'];
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
    const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
    process.stdout.write(`\n${line(header)}\n${line(widths.map((width) => '-'.repeat(width)))}\n${rows.map(line).join('\n')}\n`);
    process.stdout.write(`\n${durationSeconds} s per run, ${os.cpus().length} CPU(s), Node ${process.version}\n`);
  } finally {
    stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
