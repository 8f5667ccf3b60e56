import { loadConfig, ConfigurationError } from './config.ts';
import { createLogger, flushLog } from './logger.ts';
import { startServer } from './server.ts';
import { DatabaseCollationError } from './storage/db.ts';
import { demoLogins } from './storage/seed/logins.ts';

/** A database URL fit for a log line: the password, if any, left out. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const running = await startServer(config, { log });
  log.info({ url: running.url, database: config.postgresUrl ? withoutPassword(config.postgresUrl) : config.databasePath, seeded: running.seeded }, 'MOBPROC server listening');

  const lines = [
    '',
    `  MOBPROC Order Wizard is running at ${running.url}`,
    `  API: ${running.url}/mobproc/v1   documentation: ${running.url}/mobproc/v1/docs`,
  ];
  if (running.seeded === 'seeded' || (config.seed === 'demo' && running.seeded === 'already-seeded')) {
    lines.push('', '  Demo logins (password "demo" for all; tenant ACME unless noted):');
    for (const login of demoLogins) lines.push(`    ${login.username.padEnd(18)} ${login.description}`);
    lines.push('  API only: svc.servicedesk, through client servicedesk-app with secret servicedesk-secret.');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    running.close().then(
      () => flushLog(log).then(() => process.exit(0)),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        void flushLog(log).then(() => process.exit(1));
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  // Both say what to change; a stack trace would only bury that.
  if (error instanceof ConfigurationError || error instanceof DatabaseCollationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`MOBPROC server failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
