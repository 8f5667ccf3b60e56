import type { ServerConfig } from './config.ts';
import type { Logger } from './logger.ts';
import type { Db } from './storage/db.ts';

/** Everything a request handler may use; built once at start-up. */
export type ServerDeps = {
  config: ServerConfig;
  /** Opened by start-up (SQLite or PostgreSQL); the driver-free `Db` the domain sees. */
  db: Db;
  log: Logger;
  /** Injected so tests can move time forward (token expiry, lockout windows) without sleeping. */
  now: () => Date;
};
