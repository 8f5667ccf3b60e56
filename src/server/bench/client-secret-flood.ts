/**
 * `npm run bench:secrets`: how much a flood of wrong client secrets slows everyone else.
 *
 * Starts the real server in a child process (scratch database, demo seed, logs off), then measures
 * `GET /ping` latency one request at a time, first idle, then while 16 concurrent clients post
 * wrong `client_secret`s for `servicedesk-app` without pause. Prints median, p95 and max in
 * milliseconds, the flood's request rate and statuses, and the ratio of the medians (target ≤ 2).
 * Two runs: the default lockout (the flood is locked out after five guesses and answered 429),
 * and every guess checked and recorded (lockout thresholds out of reach, a one-second window so
 * the failure table stays the size a real window holds).
 *
 * BENCH_PINGS (default 300) pings per phase; BENCH_SERVER_ROOT runs the server of another
 * checkout (e.g. an older commit unpacked elsewhere) to compare.
 */
import http from 'node:http';
import path from 'node:path';
import { startServerProcess } from './server-process.ts';

const PINGS = Number(process.env.BENCH_PINGS ?? 300);
const FLOODERS = 16;
const serverRoot = path.resolve(process.env.BENCH_SERVER_ROOT ?? '.');

const agent = new http.Agent({ keepAlive: true, maxSockets: FLOODERS + 2 });

function send(port: number, method: 'GET' | 'POST', requestPath: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: requestPath,
        method,
        agent,
        headers: body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {},
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

async function pingLatencies(port: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < PINGS; index += 1) {
    const started = performance.now();
    await send(port, 'GET', '/mobproc/v1/ping?echoText=bench');
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const at = (sorted: number[], fraction: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
const summary = (sorted: number[]) => `median ${at(sorted, 0.5).toFixed(2)} ms, p95 ${at(sorted, 0.95).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`;

async function run(label: string, lockout: Record<string, string>): Promise<void> {
  const { port, stop } = await startServerProcess(lockout, { cwd: serverRoot, stdio: 'ignore' });
  try {
    await pingLatencies(port); // warm-up
    const idle = await pingLatencies(port);

    let flooding = true;
    let guesses = 0;
    const statuses = new Map<number, number>();
    const flooders = Array.from({ length: FLOODERS }, async (_, flooder) => {
      while (flooding) {
        const body = new URLSearchParams({
          grant_type: 'password',
          client_id: 'servicedesk-app',
          client_secret: `wrong-${flooder}-${guesses}`,
          scope: 'MOBPROC',
          username: 'svc.servicedesk',
          password: 'demo',
          tenant: 'ACME',
        }).toString();
        // A connection the server closed counts as status 0; the flood goes on.
        const status = await send(port, 'POST', '/oauth/token', body).catch(() => 0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        guesses += 1;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const floodStarted = performance.now();
    const guessesBefore = guesses;
    const busy = await pingLatencies(port);
    const rate = ((guesses - guessesBefore) / (performance.now() - floodStarted)) * 1000;
    flooding = false;
    await Promise.all(flooders);

    const ratio = at(busy, 0.5) / at(idle, 0.5);
    process.stdout.write(
      [
        `${label} (server: ${serverRoot})`,
        `/ping idle:                               ${summary(idle)}`,
        `/ping under ${FLOODERS} concurrent wrong secrets: ${summary(busy)}`,
        `wrong secrets answered: ${Math.round(rate)}/s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
        `median ratio busy/idle: ${ratio.toFixed(2)} (target ≤ 2)`,
        '',
      ].join('\n'),
    );
  } finally {
    await stop();
  }
}

async function main(): Promise<void> {
  try {
    await run('default lockout', {});
    await run('every guess checked', {
      MOBPROC_LOCKOUT_ATTEMPTS: '1000000',
      MOBPROC_LOCKOUT_CEILING: '1000000',
      MOBPROC_LOCKOUT_WINDOW_S: '1',
      MOBPROC_LOCKOUT_DURATION_S: '1',
    });
  } finally {
    agent.destroy();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
