import type { ServerConfig } from './config.ts';
import type { Logger } from './logger.ts';
import type { SqliteDb } from './storage/db.ts';

/** Everything a request handler may use; built once at start-up. */
export type ServerDeps = {
  config: ServerConfig;
  /** Opened by start-up; the domain sees it as the driver-free `Db`. */
  db: SqliteDb;
  log: Logger;
  /** Injected so tests can move time forward (token expiry, lockout windows) without sleeping. */
  now: () => Date;
};
