/**
 * The demo seed is deterministic: compared on SQLite databases seeded directly (no server), table by
 * table through SQLite's catalogue, so this file runs on SQLite only. seed.test.ts reads the seeded
 * rows through a server in either dialect.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDb, writerOf } from '../storage/db.ts';
import { seedDemoData } from '../storage/seed/demo.ts';
import { demoIds } from '../storage/seed/ids.ts';

type Row = Record<string, unknown>;

const all = (db: SqliteDb, sql: string, ...params: unknown[]) => writerOf(db).$client.prepare(sql).all(...params) as Row[];
const one = (db: SqliteDb, sql: string, ...params: unknown[]) => writerOf(db).$client.prepare(sql).get(...params) as Row | undefined;

function tableDigests(db: SqliteDb): Record<string, string> {
  const tables = all(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name");
  return Object.fromEntries(
    tables.map(({ name }) => {
      // A search index (device_assets_search) has a single column.
      const columns = all(db, `PRAGMA table_info("${String(name)}")`).length;
      const rows = all(db, `SELECT * FROM "${String(name)}" ORDER BY 1${columns > 1 ? ', 2' : ''}`);
      return [String(name), createHash('sha256').update(JSON.stringify(rows)).digest('hex')];
    }),
  );
}

// How fast the seed is, is measured by `npm run bench` (a timed unit test fails on a busy machine).
describe('the demo seed is deterministic', () => {
  const seededAt = new Date('2026-03-15T09:30:00Z');

  it('gives two fresh databases identical rows in every table', async () => {
    const first = openDatabase(':memory:');
    const second = openDatabase(':memory:');
    await seedDemoData(first, seededAt);
    await seedDemoData(second, seededAt);
    const digests = tableDigests(first);
    expect(Object.keys(digests).length).toBeGreaterThan(20);
    expect(tableDigests(second)).toEqual(digests);
    // A non-empty seed: the digest of an empty table would also be equal.
    expect(one(first, 'SELECT count(*) AS n FROM services')!.n).toBeGreaterThan(40);
  });

  it('keeps the IDs and moves the dates with the moment of seeding', async () => {
    const early = openDatabase(':memory:');
    const late = openDatabase(':memory:');
    await seedDemoData(early, seededAt);
    const later = new Date(seededAt.getTime() + 400 * 86_400_000);
    await seedDemoData(late, later);
    for (const table of ['employees', 'services', 'device_assets', 'catalog_devices', 'catalog_plans', 'features', 'catalog_accessories', 'order_property_definitions']) {
      expect(all(late, `SELECT id FROM ${table} ORDER BY id`)).toEqual(all(early, `SELECT id FROM ${table} ORDER BY id`));
    }
    for (const [db, at] of [[early, seededAt], [late, later]] as const) {
      const peter = one(db, 'SELECT upgrade_eligibility_date AS d FROM services WHERE id = ?', demoIds.services.peterPrimary)!;
      expect(Date.parse(String(peter.d))).toBeLessThan(at.getTime());
      const secondary = one(db, 'SELECT upgrade_eligibility_date AS d FROM services WHERE id = ?', demoIds.services.peterSecondary)!;
      expect(Date.parse(String(secondary.d))).toBeGreaterThan(at.getTime());
    }
  });
});
