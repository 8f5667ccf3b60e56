import path from 'node:path';
import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const environmentSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z.string().min(1).default('file:./data/mobproc.db'),
  MOBPROC_SEED: z.enum(['demo', 'none']).default('demo'),
  MOBPROC_FULFILLMENT_DELAY_MS: positiveInt(4000),
  MOBPROC_CHECKPOINT_MS: positiveInt(250),
  MOBPROC_TOKEN_TTL_S: z.coerce.number().int().min(1).default(3600),
  MOBPROC_REFRESH_TTL_S: z.coerce.number().int().min(1).default(30 * 24 * 3600),
  MOBPROC_LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  MOBPROC_LOCKOUT_WINDOW_S: z.coerce.number().int().min(1).default(15 * 60),
  MOBPROC_LOCKOUT_DURATION_S: z.coerce.number().int().min(1).default(15 * 60),
  MOBPROC_LOCKOUT_CEILING: z.coerce.number().int().min(1).default(50),
  MOBPROC_FAILED_SIGN_IN_DELAY_MS: positiveInt(500),
  MOBPROC_WEB_REDIRECT_URIS: z.string().default(''),
  MOBPROC_AUTHORIZE_URL: z.string().default(''),
  MOBPROC_CORS_ORIGINS: z.string().default(''),
  MOBPROC_CONNECT_ORIGINS: z.string().default(''),
  MOBPROC_IMAGE_ORIGINS: z.string().default(''),
  MOBPROC_PUBLIC_BASE_URL: z.string().default(''),
  MOBPROC_CLIENT_ID: z.string().min(1).default('mobproc-web'),
  MOBPROC_DEFAULT_TENANT: z.string().min(1).default('ACME'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MOBPROC_STATIC_DIR: z.string().default('dist'),
  MOBPROC_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|1|0|)$/i, 'Use true or false.')
    .default('false')
    .transform((value) => /^(true|1)$/i.test(value)),
  MOBPROC_SMTP_URL: z
    .string()
    .default('')
    .refine((value) => value === '' || /^smtps?:\/\/[^/]/i.test(value), 'Use smtp://[user:password@]host[:port] or smtps://…'),
  MOBPROC_PUBLIC_APP_URL: z
    .string()
    .default('')
    .refine((value) => value === '' || /^https?:\/\/[^/]/i.test(value), 'Use the web app\'s origin, e.g. https://phones.example.com'),
  MOBPROC_MAIL_FROM: z.string().min(3).default('"MOBPROC Order Wizard" <no-reply@localhost>'),
  MOBPROC_OUTBOX_DIR: z.string().default(''),
  MOBPROC_MAIL_CLAIM_S: z.coerce.number().int().min(1).default(120),
  MOBPROC_MAIL_RETRY_BASE_S: z.coerce.number().min(0.01).default(30),
  MOBPROC_MAIL_RETRY_CAP_S: z.coerce.number().min(0.01).default(3600),
  MOBPROC_MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(12),
  MOBPROC_EVENTS_HEARTBEAT_S: z.coerce.number().min(0.01).default(15),
  MOBPROC_SERVE_SOURCE_MAPS: z
    .string()
    .regex(/^(true|false|1|0|)$/i, 'Use true or false.')
    .default('false')
    .transform((value) => /^(true|1)$/i.test(value)),
});

export type ServerConfig = {
  host: string;
  port: number;
  /** The SQLite file (or `:memory:`); empty when the database is PostgreSQL. */
  databasePath: string;
  /** The PostgreSQL database (`postgres://user:pass@host:port/db`) when `DATABASE_URL` names one; else null (SQLite). */
  postgresUrl: string | null;
  seed: 'demo' | 'none';
  fulfillmentDelayMs: number;
  /** How often a worker thread checkpoints the WAL (storage/checkpointer.ts); 0: the connection does, as SQLite by default. */
  checkpointMs: number;
  tokenTtlSeconds: number;
  refreshTtlSeconds: number;
  /**
   * `attempts` failures of an account in `windowSeconds` lock it at the addresses they came from;
   * `ceiling` failures lock the account everywhere, or an address for every account. Locks last
   * `durationSeconds`.
   */
  lockout: { attempts: number; windowSeconds: number; durationSeconds: number; ceiling: number };
  /**
   * How long a refused sign-in (wrong password or client secret, a locked one) waits before it is
   * answered. The wait holds no thread, so a guesser's connections slow down and nobody else does.
   */
  failedSignInDelayMs: number;
  /** Redirect URIs registered for the web client on top of the loopback ones the seed registers. */
  webRedirectUris: string[];
  /** The sign-in page the web app uses by default (`/config.json`); empty: the app asks the server's announcement. */
  authorizeUrl: string;
  corsOrigins: string[];
  /** Other MOBPROC servers the served web app may call (the CSP's connect-src). */
  connectOrigins: string[];
  /** Hosts of the catalog images of those servers the served web app may show (the CSP's img-src). */
  imageOrigins: string[];
  /** Base URL the web app should call; empty means "the origin that served the app". */
  publicBaseUrl: string;
  webClientId: string;
  defaultTenant: string;
  logLevel: z.infer<typeof environmentSchema>['LOG_LEVEL'];
  staticDir: string;
  /**
   * Behind a reverse proxy: X-Forwarded-For/-Host/-Proto name the client. Off, those headers are
   * ignored and the socket and Host header count, so a client cannot forge its address or links.
   */
  trustProxy: boolean;
  /** Serve the build's `*.map` files and `.vite/manifest.json` (off: they answer 404). */
  serveSourceMaps: boolean;
  /**
   * Milestone email: over SMTP to `smtpUrl`, else as `.eml` files in `outboxDir`; links go to
   * `publicAppUrl` (empty: the server's own URL). Claims and retry delays in milliseconds.
   */
  mail: { smtpUrl: string | null; outboxDir: string; publicAppUrl: string; from: string; claimMs: number; retryBaseMs: number; retryCapMs: number; maxAttempts: number };
  /** Seconds between the comment lines that keep an idle `/events` stream open. */
  eventsHeartbeatSeconds: number;
};

/** `file:./data/x.db`, `file:/abs/x.db`, a plain path, or `:memory:` → a path better-sqlite3 opens (`postgres://` URLs are not paths: see `loadConfig`). */
export function databasePathFromUrl(url: string): string {
  if (url === ':memory:' || url === 'file::memory:') return ':memory:';
  const withoutScheme = url.startsWith('file://') ? url.slice('file://'.length) : url.replace(/^file:/, '');
  return path.resolve(withoutScheme);
}

const originList = (value: string) =>
  value
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);

export class ConfigurationError extends Error {}

export function loadConfig(environment: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration — ${problems.join('; ')}`);
  }
  const env = parsed.data;
  const postgresUrl = /^postgres(ql)?:\/\//i.test(env.DATABASE_URL) ? env.DATABASE_URL : null;
  const databasePath = postgresUrl ? '' : databasePathFromUrl(env.DATABASE_URL);
  return {
    host: env.HOST,
    port: env.PORT,
    databasePath,
    postgresUrl,
    seed: env.MOBPROC_SEED,
    fulfillmentDelayMs: env.MOBPROC_FULFILLMENT_DELAY_MS,
    checkpointMs: env.MOBPROC_CHECKPOINT_MS,
    tokenTtlSeconds: env.MOBPROC_TOKEN_TTL_S,
    refreshTtlSeconds: env.MOBPROC_REFRESH_TTL_S,
    lockout: {
      attempts: env.MOBPROC_LOCKOUT_ATTEMPTS,
      windowSeconds: env.MOBPROC_LOCKOUT_WINDOW_S,
      durationSeconds: env.MOBPROC_LOCKOUT_DURATION_S,
      ceiling: env.MOBPROC_LOCKOUT_CEILING,
    },
    failedSignInDelayMs: env.MOBPROC_FAILED_SIGN_IN_DELAY_MS,
    webRedirectUris: originList(env.MOBPROC_WEB_REDIRECT_URIS),
    authorizeUrl: env.MOBPROC_AUTHORIZE_URL.trim(),
    corsOrigins: originList(env.MOBPROC_CORS_ORIGINS),
    connectOrigins: originList(env.MOBPROC_CONNECT_ORIGINS),
    imageOrigins: originList(env.MOBPROC_IMAGE_ORIGINS),
    publicBaseUrl: env.MOBPROC_PUBLIC_BASE_URL.replace(/\/$/, ''),
    webClientId: env.MOBPROC_CLIENT_ID,
    defaultTenant: env.MOBPROC_DEFAULT_TENANT,
    logLevel: env.LOG_LEVEL,
    staticDir: path.resolve(env.MOBPROC_STATIC_DIR),
    trustProxy: env.MOBPROC_TRUST_PROXY,
    serveSourceMaps: env.MOBPROC_SERVE_SOURCE_MAPS,
    mail: {
      smtpUrl: env.MOBPROC_SMTP_URL.trim() || null,
      // Beside the database by default (data/outbox/ for data/mobproc.db), so a scratch database gets a scratch outbox.
      outboxDir: env.MOBPROC_OUTBOX_DIR.trim()
        ? path.resolve(env.MOBPROC_OUTBOX_DIR.trim())
        : path.join(databasePath === ':memory:' || postgresUrl ? path.resolve('data') : path.dirname(databasePath), 'outbox'),
      publicAppUrl: env.MOBPROC_PUBLIC_APP_URL.trim().replace(/\/+$/, ''),
      from: env.MOBPROC_MAIL_FROM,
      claimMs: env.MOBPROC_MAIL_CLAIM_S * 1000,
      retryBaseMs: Math.round(env.MOBPROC_MAIL_RETRY_BASE_S * 1000),
      retryCapMs: Math.round(env.MOBPROC_MAIL_RETRY_CAP_S * 1000),
      maxAttempts: env.MOBPROC_MAIL_MAX_ATTEMPTS,
    },
    eventsHeartbeatSeconds: env.MOBPROC_EVENTS_HEARTBEAT_S,
  };
}
