import type { Logger } from '../logger.ts';
import type { ServerDeps } from '../deps.ts';

export type AppEnv = {
  Variables: {
    deps: ServerDeps;
    log: Logger;
    correlationId: string;
    activityId: string | undefined;
    /** The origin `_meta` links are built from (honours X-Forwarded-Host/-Proto from a dev proxy). */
    origin: string;
  };
};
