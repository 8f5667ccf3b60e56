/**
 * A tenant's stored time zone (`tenants.time_zone`), cached per database connection and dropped on
 * every write to it, so it cannot go stale. Nothing in the API changes a tenant's zone: it is set
 * when the tenant is created and otherwise only by hand in the database — possibly while the server
 * runs, and possibly from another process (the sqlite3 shell, a second server). So the cache is
 * invalidated on write, whoever writes:
 * - through this connection: a TEMP trigger on `tenants` calls back into this module;
 * - through any other connection: SQLite's `PRAGMA data_version` differs after another connection
 *   committed (anything), and the cache is dropped then.
 * A value read inside a transaction after such a write is not kept (the transaction may roll back).
 */
import type Database from 'better-sqlite3';
import { clientOf, type Db } from './db.ts';
import { one } from './statements.ts';

type Cache = {
  client: Database.Database;
  /** `PRAGMA data_version` when the cache was last known good. */
  version: number;
  /** A write through this connection happened in a transaction that may not have ended yet. */
  uncertain: boolean;
  zones: Map<number, string | undefined>;
  dataVersion: Database.Statement;
  read: Database.Statement;
};

const caches = new WeakMap<Db, Cache>();

function cacheOf(db: Db): Cache | undefined {
  const existing = caches.get(db);
  if (existing) return existing;
  const client = clientOf(db);
  // The watch is set up outside a transaction only: a TEMP trigger created in one that rolls back
  // would vanish while the cache trusted it.
  if (client.inTransaction) return undefined;
  const cache: Cache = {
    client,
    version: 0,
    uncertain: false,
    zones: new Map(),
    dataVersion: client.prepare('PRAGMA data_version').pluck(),
    read: client.prepare('SELECT time_zone FROM tenants WHERE id = ?').pluck(),
  };
  client.function('mobproc_tenants_changed', { deterministic: false }, () => {
    cache.zones.clear();
    cache.uncertain = true;
    return null;
  });
  for (const [name, event] of [
    ['insert', 'INSERT'],
    ['zone', 'UPDATE OF time_zone'],
    ['delete', 'DELETE'],
  ]) {
    client.exec(`CREATE TEMP TRIGGER IF NOT EXISTS mobproc_tenants_${name} AFTER ${event} ON main.tenants BEGIN SELECT mobproc_tenants_changed(); END`);
  }
  cache.version = cache.dataVersion.get() as number;
  caches.set(db, cache);
  return cache;
}

/** The tenant's `time_zone` as stored (undefined for no such tenant); read from the database only after a write to `tenants`. */
export function storedTimeZone(db: Db, tenantId: number): string | undefined {
  const cache = cacheOf(db);
  // Inside a transaction before the watch is set up: read each time, through a statement compiled once.
  if (!cache) return one<{ zone: string }>(db, 'SELECT time_zone AS zone FROM tenants WHERE id = ?', tenantId)?.zone;
  const version = cache.dataVersion.get() as number;
  if (version !== cache.version) {
    cache.zones.clear();
    cache.version = version;
  }
  if (cache.zones.has(tenantId)) return cache.zones.get(tenantId);
  const zone = cache.read.get(tenantId) as string | undefined;
  if (cache.uncertain && cache.client.inTransaction) return zone;
  cache.uncertain = false;
  cache.zones.set(tenantId, zone);
  return zone;
}
