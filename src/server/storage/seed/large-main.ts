/**
 * `npm run seed:large`: adds the large tenant (seed/large.ts) to the database of DATABASE_URL
 * (default `data/mobproc.db`; a `postgres://` URL loads it through seed/large-pg.ts), creating it
 * with the demo seed first when it is new. Prints what it did and how long it took. Sign in as
 * `desk.large` or `employee.large`, tenant LARGE, password `demo`.
 */
import { loadConfig } from '../../config.ts';
import { closeDatabase, openDatabase } from '../db.ts';
import { seedDatabase } from './index.ts';
import { LARGE_TENANT_SIZE, largeIds, seedLargeTenant } from './large.ts';
import { describeLoadPhases, loadLargeTenantIntoPostgres } from './large-pg.ts';

const config = loadConfig();
const size = LARGE_TENANT_SIZE;
const seededLine = (where: string, seconds: number) =>
  `large tenant ${largeIds.code} seeded into ${where} in ${seconds.toFixed(1)} s: ` +
  `${size.employees} employees, ${size.lines} services and devices, ${size.catalogItems} catalog items, ${size.orders} orders\n` +
  `sign in as ${largeIds.logins.desk} (whole tenant) or ${largeIds.logins.employee}, tenant ${largeIds.code}, password demo\n`;
if (config.postgresUrl) {
  const outcome = await loadLargeTenantIntoPostgres(config.postgresUrl, new Date());
  const where = 'the PostgreSQL database';
  process.stdout.write(
    outcome.seeded
      ? `${seededLine(where, outcome.milliseconds / 1000)}(${describeLoadPhases(outcome)})\n`
      : `large tenant ${largeIds.code} is already in ${where}\n`,
  );
  process.exit(0);
}
// One connection: the seed turns the write-ahead log off, which no other open connection allows.
const db = openDatabase(config.databasePath, { connections: 1 });
const now = new Date();
await seedDatabase(db, 'demo', now);
// About 1.4 GB in one transaction: through the write-ahead log every page would be written twice
// (log, then checkpoint). A rollback journal only records the few pages that existed before.
// Nothing else may have the database open meanwhile, which a seed script can promise.
db.$client.pragma('journal_mode = DELETE');
db.$client.pragma('cache_size = -262144');
const outcome = await seedLargeTenant(db, now);
db.$client.pragma('journal_mode = WAL');
await closeDatabase(db);
process.stdout.write(
  outcome.seeded ? seededLine(config.databasePath, outcome.milliseconds / 1000) : `large tenant ${largeIds.code} is already in ${config.databasePath}\n`,
);
