import { dialectOf, transaction, type Db } from '../db.ts';
import { one } from '../statements.ts';
import { tenants } from '../schema.ts';
import { seedDemoData } from './demo.ts';

export type SeedOutcome = 'seeded' | 'already-seeded' | 'disabled';

/** Any fixed number: the session lock under which one of several instances starting together seeds. */
const SEED_LOCK = 0x6d6f6273;

/**
 * Seeds the demo company into an empty database; a database that has tenants is left alone. On
 * PostgreSQL several instances may start at once: they take turns on an advisory lock, so the
 * first seeds and the others find the tenants there.
 */
export async function seedDatabase(db: Db, mode: 'demo' | 'none', seededAt: Date): Promise<SeedOutcome> {
  if (mode === 'none') return 'disabled';
  if (dialectOf(db) !== 'postgres') {
    if (await hasTenants(db)) return 'already-seeded';
    await seedDemoData(db, seededAt);
    return 'seeded';
  }
  return await transaction(db, async (tx) => {
    // Under READ COMMITTED the check after the lock sees the tenants an instance before us committed.
    await one(tx, 'SELECT pg_advisory_xact_lock(?)', SEED_LOCK);
    if (await hasTenants(tx)) return 'already-seeded';
    await seedDemoData(tx, seededAt);
    return 'seeded';
  });
}

const hasTenants = async (db: Db) => (await db.select({ id: tenants.id }).from(tenants).limit(1)).length > 0;
