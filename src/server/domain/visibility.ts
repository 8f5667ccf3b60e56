import type { AuthContext, EmployeeRow } from './auth-context.ts';
import type { Db } from '../storage/db.ts';
import { coversWholeTenant, isDelegateOf, subordinateIds } from './actor.ts';

/** Whose assets a call may show: the whole tenant, or these employees. */
export type Scope = { tenantId: number; employeeIds: number[] | null };

async function ownScope(db: Db, person: EmployeeRow): Promise<Set<number> | null> {
  if (await coversWholeTenant(db, person)) return null;
  return new Set([person.id, ...await subordinateIds(db, person.tenantId, person.id)]);
}

/**
 * MOBPROC §2 "who sees what": what the actor sees (own, plus everyone below; a service account or
 * service-desk person the whole tenant), intersected with what the authenticated user sees — which includes the person a
 * delegate acts for, but only while acting for them.
 */
export async function assetScope(db: Db, auth: AuthContext): Promise<Scope> {
  const actorSees = await ownScope(db, auth.actor);
  if (auth.actor.id === auth.user.id) return { tenantId: auth.tenantId, employeeIds: actorSees && [...actorSees] };
  const userSees = await ownScope(db, auth.user);
  if (userSees && await isDelegateOf(db, auth.tenantId, auth.user.id, auth.actor.id)) userSees.add(auth.actor.id);
  if (actorSees === null) return { tenantId: auth.tenantId, employeeIds: userSees && [...userSees] };
  if (userSees === null) return { tenantId: auth.tenantId, employeeIds: [...actorSees] };
  return { tenantId: auth.tenantId, employeeIds: [...actorSees].filter((id) => userSees.has(id)) };
}
