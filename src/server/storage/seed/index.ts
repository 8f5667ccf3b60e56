import type { Db } from '../db.ts';
import { tenants } from '../schema.ts';
import { seedDemoData } from './demo.ts';

export type SeedOutcome = 'seeded' | 'already-seeded' | 'disabled';

/** Seeds the demo company into an empty database; a database that has tenants is left alone. */
export function seedDatabase(db: Db, mode: 'demo' | 'none', seededAt: Date): SeedOutcome {
  if (mode === 'none') return 'disabled';
  if (db.select({ id: tenants.id }).from(tenants).limit(1).all().length > 0) return 'already-seeded';
  seedDemoData(db, seededAt);
  return 'seeded';
}
