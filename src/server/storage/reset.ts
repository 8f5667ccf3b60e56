import fs from 'node:fs';
import { loadConfig } from '../config.ts';
import { closeDatabase, openDatabase } from './db.ts';
import { seedDatabase } from './seed/index.ts';

const config = loadConfig();
if (config.postgresUrl) {
  // Dropping a PostgreSQL database is its owner's decision, not a script's.
  process.stderr.write('npm run db:reset deletes SQLite files only; for PostgreSQL, drop and create the database, and the server migrates and seeds it on start.\n');
  process.exit(1);
}
if (config.databasePath !== ':memory:') {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(config.databasePath + suffix, { force: true });
}
const db = openDatabase(config.databasePath);
const outcome = await seedDatabase(db, config.seed, new Date());
await closeDatabase(db);
process.stdout.write(`Database re-created at ${config.databasePath} (${outcome === 'seeded' ? 'demo data seeded' : 'empty'}).\n`);
