/**
 * Global setup of the `server-pg` Vitest project (vite.config.ts): the API tests on PostgreSQL.
 * Starts ONE throwaway PostgreSQL for the whole run (or uses `TEST_DATABASE_URL`; `postgres.ts`),
 * then makes two template databases once — `empty` (migrated) and `seeded` (a real server started
 * on it seeded the demo company, then stopped) — and hands their names to the test files through
 * `provide`. Each test server gets a copy of one (`harness.ts`, `CREATE DATABASE … TEMPLATE`),
 * which costs a file copy instead of migrating and seeding per server. The teardown drops the
 * templates and stops the server.
 */
import type { TestProject } from 'vitest/node';
import postgres from 'postgres';
import { loadConfig } from '../config.ts';
import { startServer } from '../server.ts';
import { migratePostgres } from '../storage/pg.ts';
import type { PostgresTemplates } from './harness.ts';
import { startTestDatabase } from './postgres.ts';

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.slice(1));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = performance.now();
  const database = await startTestDatabase();
  const adminUrl = process.env.TEST_DATABASE_URL ?? Object.assign(new URL(database.url), { pathname: '/postgres' }).toString();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const empty = databaseName(database.url);
  const seeded = `${empty}_seeded`;
  const dropSeeded = async () => void (await admin.unsafe(`DROP DATABASE IF EXISTS "${seeded}" WITH (FORCE)`));
  try {
    await migratePostgres(database.url);
    await admin.unsafe(`CREATE DATABASE "${seeded}" TEMPLATE "${empty}" LC_COLLATE 'C' LC_CTYPE 'C'`);
    const seededUrl = Object.assign(new URL(database.url), { pathname: `/${seeded}` }).toString();
    // The server's own start (migrations, seed), so the template holds what a server would make.
    const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: seededUrl, LOG_LEVEL: 'silent' }));
    await server.close();
    // Read back over PostgreSQL itself: a server that took the URL for a file would also say it seeded.
    const check = postgres(seededUrl, { max: 1, onnotice: () => {} });
    try {
      const [{ tenants }] = await check<[{ tenants: number }]>`SELECT count(*)::int AS tenants FROM tenants`;
      if (server.seeded !== 'seeded' || tenants === 0) throw new Error(`the template server said ${server.seeded} and left ${tenants} tenants`);
    } finally {
      await check.end();
    }
  } catch (error) {
    await dropSeeded().catch(() => {});
    await admin.end();
    await database.stop();
    throw error;
  }
  const templates: PostgresTemplates = { adminUrl, empty, seeded };
  project.provide('postgresTemplates', templates);
  process.stdout.write(`server-pg: PostgreSQL templates ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return async () => {
    await dropSeeded();
    await admin.end();
    await database.stop();
  };
}
