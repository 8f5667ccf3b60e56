import pino from 'pino';
import type { ServerConfig } from './config.ts';

export type Logger = pino.Logger;

export function createLogger(level: ServerConfig['logLevel']): Logger {
  return pino({ level, base: { service: 'mobproc' }, timestamp: pino.stdTimeFunctions.isoTime });
}
