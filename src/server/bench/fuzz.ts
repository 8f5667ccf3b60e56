/**
 * `npm run fuzz`: the hostile-request property of robustness-fuzz.test.ts at length. Starts the
 * real server on a scratch database, sends FUZZ_RUNS (default 10,000) generated requests over HTTP
 * to every registered route, and fails on a 5xx, a status or a content type the OpenAPI document
 * does not give the route's answer, an error body that is not its documented schema, or a control
 * character left in the database. Prints the count, the
 * time and the statuses seen. `FUZZ_SEED` replays a run.
 */
import fc from 'fast-check';
import { startTestServer } from '../tests/harness.ts';
import { checkAnswer, fuzzRequest, prepareFuzz, send, storedControlCharacters, type OpenApiDocument } from '../tests/fuzz-requests.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 10_000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647);
const print = (line: string) => process.stdout.write(`${line}\n`);

const server = await startTestServer(process.env.LOG_LEVEL ? { LOG_LEVEL: process.env.LOG_LEVEL } : {});
let exitCode = 0;
try {
  const target = await prepareFuzz(server);
  const document = (await (await fetch(`${server.url}/mobproc/v1/openapi.json`)).json()) as OpenApiDocument;
  const statuses = new Map<number, number>();
  let sent = 0;
  const started = performance.now();
  print(`fuzz: ${runs} requests over ${target.routes.length} routes, seed ${seed}`);
  await fc.assert(
    fc.asyncProperty(fuzzRequest(target), async (request) => {
      const answer = await send(request);
      sent += 1;
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      checkAnswer(request, answer, document);
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  const seconds = (performance.now() - started) / 1000;
  print(`fuzz: ${sent} requests in ${seconds.toFixed(1)} s (${Math.round(sent / seconds)}/s), no 5xx`);
  print(`fuzz: statuses ${[...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(', ')}`);
  const stored = await storedControlCharacters(server);
  if (stored.length > 0) {
    exitCode = 1;
    print(`fuzz: FAILED, control characters stored:\n${stored.slice(0, 20).join('\n')}`);
  } else {
    print('fuzz: no control character or lone surrogate stored');
  }
} catch (error) {
  exitCode = 1;
  const cause = error instanceof Error && error.cause instanceof Error ? `\ncaused by: ${error.cause.message.slice(0, 2000)}` : '';
  print(`fuzz: FAILED (seed ${seed}): ${error instanceof Error ? error.message.slice(0, 3000) : String(error)}${cause}`);
} finally {
  await server.close();
}
process.exit(exitCode);
