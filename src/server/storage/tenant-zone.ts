/**
 * A tenant's stored time zone (`tenants.time_zone`). On SQLite it is cached per read-only connection and dropped
 * on every commit that could have changed it, so it cannot go stale. Nothing in the API changes a
 * tenant's zone: it is set when the tenant is created and otherwise only by hand in the database —
 * possibly while the server runs, and possibly from another process (the sqlite3 shell, a second
 * server). Every write reaches the file through some other connection than the reader (this
 * server's own writer included, decision 17), and after any other connection committed, SQLite's
 * `PRAGMA data_version` on the reader differs: the cache is dropped then. A connection that writes
 * (a transaction's, a seed script's) reads the row every time: it may see its own uncommitted write.
 */
import type Database from 'better-sqlite3';
import { clientOf, dialectOf, type Db } from './db.ts';
import { one } from './statements.ts';

type Cache = {
  /** `PRAGMA data_version` when the cache was last known good. */
  version: number;
  zones: Map<number, string | undefined>;
  dataVersion: Database.Statement;
  read: Database.Statement;
};

const caches = new WeakMap<Database.Database, Cache>();
const directReads = new WeakMap<Database.Database, Database.Statement>();

function cacheOf(client: Database.Database): Cache {
  let cache = caches.get(client);
  if (!cache) {
    cache = {
      version: 0,
      zones: new Map(),
      dataVersion: client.prepare('PRAGMA data_version').pluck(),
      read: client.prepare('SELECT time_zone FROM tenants WHERE id = ?').pluck(),
    };
    cache.version = cache.dataVersion.get() as number;
    caches.set(client, cache);
  }
  return cache;
}

/** The tenant's `time_zone` as stored (undefined for no such tenant); read from the database only after a commit. */
export async function storedTimeZone(db: Db, tenantId: number): Promise<string | undefined> {
  // PostgreSQL has no counterpart of data_version; the primary-key read is cheap there.
  if (dialectOf(db) === 'postgres') return (await one<{ zone: string }>(db, 'SELECT time_zone AS zone FROM tenants WHERE id = ?', tenantId))?.zone;
  const client = clientOf(db);
  if (!client.readonly) {
    let read = directReads.get(client);
    if (!read) {
      read = client.prepare('SELECT time_zone FROM tenants WHERE id = ?').pluck();
      directReads.set(client, read);
    }
    return read.get(tenantId) as string | undefined;
  }
  const cache = cacheOf(client);
  const version = cache.dataVersion.get() as number;
  if (version !== cache.version) {
    cache.zones.clear();
    cache.version = version;
  }
  if (cache.zones.has(tenantId)) return cache.zones.get(tenantId);
  const zone = cache.read.get(tenantId) as string | undefined;
  cache.zones.set(tenantId, zone);
  return zone;
}
