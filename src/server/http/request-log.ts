import type { Logger } from '../logger.ts';

type Fields = Record<string, unknown>;

/**
 * A request's logger: lines carry its `correlationId` (and `activityId`). The pino child that adds
 * them is made only when the request logs something besides its access line — most requests never
 * do, and making a child on every request was measurable on `/ping` (decision 16).
 */
export class RequestLog {
  #child: Logger | undefined;

  constructor(
    private readonly root: Logger,
    private readonly correlationId: string,
    private readonly activityId: string | undefined,
  ) {}

  get logger(): Logger {
    return (this.#child ??= this.root.child({ correlationId: this.correlationId, ...(this.activityId ? { activityId: this.activityId } : {}) }));
  }

  info(fields: Fields, message: string): void {
    this.logger.info(fields, message);
  }

  warn(fields: Fields, message: string): void {
    this.logger.warn(fields, message);
  }

  error(fields: Fields, message: string): void {
    this.logger.error(fields, message);
  }
}
