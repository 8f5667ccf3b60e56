import type { Logger } from '../logger.ts';
import type { ServerDeps } from '../deps.ts';

import type { employees } from '../storage/schema.ts';

export type EmployeeRow = typeof employees.$inferSelect;

/** Who is calling, set by the auth middleware on every non-public route (MOBPROC §2). */
export type AuthContext = {
  tenantId: number;
  tenantCode: string;
  clientId: string;
  /** The signed-in user the token belongs to. */
  user: EmployeeRow;
  /** The person the call is for: the user, or whoever a context header names. */
  actor: EmployeeRow;
};

export type AppEnv = {
  Variables: {
    deps: ServerDeps;
    log: Logger;
    correlationId: string;
    activityId: string | undefined;
    /** The origin `_meta` links are built from (honours X-Forwarded-Host/-Proto from a dev proxy). */
    origin: string;
    auth: AuthContext;
  };
};
