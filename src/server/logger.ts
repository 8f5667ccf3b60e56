import pino from 'pino';
import type { ServerConfig } from './config.ts';

export type Logger = pino.Logger;

/**
 * JSON lines on stdout. Written asynchronously in blocks of at least 4 KiB: a synchronous write
 * per line was an eighth of the CPU time of `/ping` under load (decision 16). Call `flush` before
 * the process exits so the last lines are not lost.
 */
export function createLogger(level: ServerConfig['logLevel']): Logger {
  return pino(
    { level, base: { service: 'mobproc' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 1, sync: false, minLength: 4096 }),
  );
}

/** Writes out what the logger still holds; resolves when it is written (or could not be). */
export const flushLog = (log: Logger) => new Promise<void>((resolve) => log.flush(() => resolve()));
