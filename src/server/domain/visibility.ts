import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AuthContext, EmployeeRow } from './auth-context.ts';
import type { Db } from '../storage/db.ts';
import { coversWholeTenant, isDelegateOf, subordinateIds } from './actor.ts';

/** Whose assets a call may show: the whole tenant, or these employees. */
export type Scope = { tenantId: number; employeeIds: number[] | null };

/** Whom `person` sees: null for the whole tenant, else themselves and everyone below them. */
async function ownScope(db: Db, person: EmployeeRow): Promise<number[] | null> {
  if (await coversWholeTenant(db, person)) return null;
  return [person.id, ...(await subordinateIds(db, person.tenantId, person.id))];
}

/**
 * MOBPROC §2 "who sees what": what the actor sees (own, plus everyone below; a service account or
 * service-desk person the whole tenant), intersected with what the authenticated user sees, which
 * includes the person a delegate acts for, but only while acting for them. `employeeIds` null: the
 * whole tenant; else each ID once.
 */
export async function assetScope(db: Db, auth: AuthContext): Promise<Scope> {
  const actorSees = await ownScope(db, auth.actor);
  if (auth.actor.id === auth.user.id) return { tenantId: auth.tenantId, employeeIds: actorSees };
  const userSees = await ownScope(db, auth.user);
  // A manager acting for someone below them sees them already; only a delegate needs the check.
  if (userSees && !userSees.includes(auth.actor.id) && (await isDelegateOf(db, auth.tenantId, auth.user.id, auth.actor.id))) userSees.push(auth.actor.id);
  if (actorSees === null) return { tenantId: auth.tenantId, employeeIds: userSees };
  if (userSees === null) return { tenantId: auth.tenantId, employeeIds: actorSees };
  const userSeesSet = new Set(userSees);
  return { tenantId: auth.tenantId, employeeIds: actorSees.filter((id) => userSeesSet.has(id)) };
}

/** The row's person (`personId`, e.g. an order's account holder or a line's owner) is `person` or anyone below them: one probe of the kept chain (schema.ts `employeeChain`). */
export const atOrBelow = (person: SQLWrapper | number, personId: SQLWrapper): SQL =>
  sql`EXISTS (SELECT 1 FROM employee_chain c WHERE c.employee_id = ${personId} AND c.ancestor_id = ${person})`;

/**
 * How many more entries of a tenant's date index a walk may read than the list it pages holds
 * before the page is read by sorting that list instead: reading an entry costs its row and a few
 * probes, several times what an entry sorted costs. A walk stops after `total / WALK_COST`
 * entries; a page it leaves short is then read the other way.
 */
export const WALK_COST = 4;

/** Whether a list is unfiltered: paging, sort and what to include narrow nothing; any other member present is a filter. */
export const isUnfiltered = (query: Record<string, unknown>): boolean =>
  Object.entries(query).every(([key, value]) => value === undefined || /^(limit|offset|sort|sortAscending|include\w+)$/.test(key));

/** Whether the caller sees exactly their own subtree (not the whole tenant, not acting for someone), which the kept counts hold. */
export const seesOwnSubtree = async (db: Db, auth: AuthContext): Promise<boolean> => auth.actor.id === auth.user.id && !(await coversWholeTenant(db, auth.actor));
