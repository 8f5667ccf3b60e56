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
