/**
 * The approval policy applied to an order (MOBPROC §4.6, extension approval-rules): which rules
 * match, and the chain of levels they make, resolved to people and groups at submit. The policy's
 * data format and semantics are in storage/seed/approval-policy.ts; why it is resolved this way is
 * docs/decisions/0012-approval-rules-levels-and-delegates.md.
 */
import { transactionCategory, transactionType, type TransactionType } from '../../../contract/index.ts';
import type { EmployeeRow } from '../auth-context.ts';
import type { Db } from '../../storage/db.ts';
import { approvalPolicy, type ApprovalLevel, type ApprovalPolicy } from '../../storage/seed/approval-policy.ts';
import { findEmployee } from '../employees.ts';
import { all, one } from '../../storage/statements.ts';
import type { Draft } from './common.ts';
import { chargeLines } from './pricing.ts';

const policyCache = new WeakMap<Db, Map<number, { text: string; policy: ApprovalPolicy | null }>>();

/**
 * The tenant's approval policy, parsed again only when its stored text changed. A policy row that
 * does not parse requires no approval, so a bad row cannot block every order.
 */
export async function tenantPolicy(db: Db, tenantId: number): Promise<ApprovalPolicy | null> {
  let perDb = policyCache.get(db);
  if (!perDb) {
    perDb = new Map();
    policyCache.set(db, perDb);
  }
  const row = await one<{ text: string }>(db, 'SELECT approval_policy AS text FROM tenants WHERE id = ?', tenantId);
  if (!row) return null;
  const cached = perDb.get(tenantId);
  if (cached?.text === row.text) return cached.policy;
  let stored: unknown;
  try {
    stored = JSON.parse(row.text);
  } catch {
    stored = undefined;
  }
  const parsed = approvalPolicy.safeParse(stored);
  const policy = parsed.success ? parsed.data : null;
  perDb.set(tenantId, { text: row.text, policy });
  return policy;
}

const managesAnyone = async (db: Db, employee: EmployeeRow) =>
  await one(db, 'SELECT 1 FROM employees WHERE tenant_id = ? AND manager_id = ? LIMIT 1', employee.tenantId, employee.id) !== undefined;

/** What of an order the policy's conditions look at. */
export type PolicyFacts = {
  type: TransactionType;
  /** The fulfilling carrier's vendor id. */
  carrierId: number | null;
  shipsDevice: boolean;
  oneTimeCents: number;
  monthlyChangeCents: number;
  /** An UPGRADE before the line's upgrade eligibility date. */
  earlyUpgrade: boolean;
};

/** The facts of a validated draft at `now`. */
export async function policyFacts(db: Db, type: TransactionType, draft: Draft, now: Date): Promise<PolicyFacts> {
  const charges = chargeLines(draft);
  const sum = (recurrence: 'ONETIME' | 'MONTHLY') => charges.reduce((total, line) => total + (line.recurrence === recurrence ? line.cents : 0), 0);
  // A new plan replaces the line's current one: only the difference is a change in the monthly bill.
  const currentPlanCents =
    draft.plan && draft.service?.planId != null
      ? ((await one<{ cents: number }>(db, 'SELECT price_cents AS cents FROM catalog_plans WHERE id = ?', draft.service.planId))?.cents ?? 0)
      : 0;
  const eligibleFrom = draft.service?.upgradeEligibilityDate;
  return {
    type,
    carrierId: draft.fulfillingVendor?.id ?? null,
    shipsDevice: draft.device !== undefined,
    oneTimeCents: sum('ONETIME'),
    monthlyChangeCents: sum('MONTHLY') - currentPlanCents * Math.max(draft.quantity, 1),
    earlyUpgrade: type === transactionType.enum.UPGRADE && !!eligibleFrom && new Date(eligibleFrom).getTime() > now.getTime(),
  };
}

/** The levels of every matching rule, in rule order, each kind (and group) once. */
async function matchingLevels(db: Db, policy: ApprovalPolicy, facts: PolicyFacts, accountHolder: EmployeeRow): Promise<ApprovalLevel[]> {
  const category = transactionCategory(facts.type);
  let isManager: boolean | undefined;
  const levels: ApprovalLevel[] = [];
  for (const rule of policy.rules) {
    const matches =
      (!rule.categories || rule.categories.includes(category)) &&
      (!rule.transactionTypes || rule.transactionTypes.includes(facts.type)) &&
      (!rule.carrierIds || (facts.carrierId !== null && rule.carrierIds.includes(facts.carrierId))) &&
      (rule.shipsDevice === undefined || rule.shipsDevice === facts.shipsDevice) &&
      (rule.minOneTimeCents === undefined || facts.oneTimeCents >= rule.minOneTimeCents) &&
      (rule.minMonthlyChangeCents === undefined || facts.monthlyChangeCents >= rule.minMonthlyChangeCents) &&
      (rule.earlyUpgrade === undefined || rule.earlyUpgrade === facts.earlyUpgrade) &&
      !(rule.unlessAccountHolderIsManager && (isManager ??= await managesAnyone(db, accountHolder)));
    if (!matches) continue;
    for (const level of rule.levels) {
      const known = levels.some((other) => other.type === level.type && (other.type !== 'APPROVER_GROUP' || level.type !== 'APPROVER_GROUP' || other.group === level.group));
      if (!known) levels.push(level);
    }
  }
  return levels;
}

export type ApproverGroupRow = { id: number; name: string };

/** A level resolved at submit: a person, a group with members left to decide, or SKIPPED (a group with none). */
export type ResolvedLevel =
  | { kind: 'PERSON'; employee: EmployeeRow }
  | { kind: 'GROUP'; group: ApproverGroupRow; skipped: boolean };

/**
 * The first person from `startId` up the management chain who is not excluded and can decide (an
 * active person, not a service account: an order sent to someone who left would wait for ever), or
 * null when the chain runs out (or loops, which bad data could make it do).
 */
async function firstUpTheChain(db: Db, tenantId: number, startId: number | null, excluded: Set<number>): Promise<EmployeeRow | null> {
  const seen = new Set<number>();
  let candidateId = startId;
  while (candidateId !== null && !seen.has(candidateId)) {
    seen.add(candidateId);
    const candidate = await findEmployee(db, tenantId, candidateId);
    if (!candidate) return null;
    if (!excluded.has(candidate.id) && candidate.status === 'ACTIVE' && !candidate.isServiceAccount) return candidate;
    candidateId = candidate.managerId;
  }
  return null;
}

/** Members of a group who may decide an order: active people, not its requester or account holder. */
const eligibleGroupMembers = async (db: Db, groupId: number, excluded: { accountHolderId: number; requestedById: number }) =>
  (await all<{ id: number }>(
    db,
    `SELECT m.employee_id AS id FROM approver_group_members m JOIN employees e ON e.id = m.employee_id
     WHERE m.group_id = ? AND e.status = 'ACTIVE' AND e.is_service_account = FALSE`,
    groupId,
  ))
    .map((row) => row.id)
    .filter((id) => id !== excluded.accountHolderId && id !== excluded.requestedById);

/**
 * The order's approval levels (MOBPROC §4.6), in order; empty when none is needed. The
 * self-decision rule: nobody decides an order they requested or that is for them, so a person
 * level that would land on the requester or the account holder goes to the next person up that
 * person's management chain; a person already deciding an earlier level is not asked twice (the
 * later level is dropped); a person level with nobody left is dropped (as for an account holder
 * without a manager). A group level counts neither requester nor account holder as a member; a
 * group with nobody left stays in the chain as SKIPPED, so the order shows the policy asked for it.
 */
export async function resolveLevels(db: Db, facts: PolicyFacts, accountHolder: EmployeeRow, requester: EmployeeRow): Promise<ResolvedLevel[]> {
  const policy = await tenantPolicy(db, accountHolder.tenantId);
  if (!policy) return [];
  const parties = new Set([accountHolder.id, requester.id]);
  const resolved: ResolvedLevel[] = [];
  const deciding = new Set<number>();
  for (const level of await matchingLevels(db, policy, facts, accountHolder)) {
    if (level.type === 'APPROVER_GROUP') {
      const group = await one<ApproverGroupRow>(db, 'SELECT id, name FROM approver_groups WHERE tenant_id = ? AND code = ?', accountHolder.tenantId, level.group);
      // A policy naming a group the tenant does not have: nobody could ever decide it, so it is left out.
      if (!group) continue;
      const members = await eligibleGroupMembers(db, group.id, { accountHolderId: accountHolder.id, requestedById: requester.id });
      resolved.push({ kind: 'GROUP', group, skipped: members.length === 0 });
      continue;
    }
    let startId = accountHolder.managerId;
    if (level.type === 'MANAGERS_MANAGER') {
      const manager = startId === null ? undefined : await findEmployee(db, accountHolder.tenantId, startId);
      startId = manager?.managerId ?? null;
    }
    const person = await firstUpTheChain(db, accountHolder.tenantId, startId, parties);
    if (!person || deciding.has(person.id)) continue;
    deciding.add(person.id);
    resolved.push({ kind: 'PERSON', employee: person });
  }
  return resolved;
}

/** Whether `person` (as signed-in user or as actor) requested the order or is its account holder. */
export const isPartyToOrder = (order: { accountHolderId: number; requestedById: number }, ...people: { id: number }[]) =>
  people.some((person) => person.id === order.accountHolderId || person.id === order.requestedById);
