/**
 * Confirm and submit (MOBPROC §4.5): the same validation for both; a confirm stores nothing, a
 * submit stores the order, its segments, its approval and its first history entry in one
 * `BEGIN IMMEDIATE` transaction, re-checking "one open order per service" inside it.
 */
import { typesOnService, type OrderConfirmation, type OrderRequest, type OrderStatus } from '../../../contract/index.ts';
import type { AuthContext } from '../auth-context.ts';
import { ApiError, badRequest } from '../errors.ts';
import { transaction, type Db } from '../../storage/db.ts';
import { statement } from '../../storage/statements.ts';
import { policyFacts, resolveLevels, type ResolvedLevel } from './approval-policy.ts';
import { checkAcknowledgements, checkCurrencies, checkNumberCountry, checkPreferredDates, checkProperties, checkRegion, checkService, checkShipTo, checkTypeAllowed, emptyDraft, type Draft } from './common.ts';
import { buildConfirmation, expandShipTo, segmentBody } from './confirmation.ts';
import { hasOpenOrder, Problems, type OrderContext } from './context.ts';
import { effectiveDateOf, startOfDayIn, tenantTimeZone } from './effective-date.ts';
import { scheduleStep } from './fulfillment.ts';
import { effectsOf } from './module.ts';
import { secretsOf, storeSecrets } from './secrets.ts';
import { addHistory, presentOrderDetail, type OrderRow } from './store.ts';
import { transactionModules } from './types/index.ts';

export type Evaluated = { ctx: OrderContext; draft: Draft; levels: ResolvedLevel[]; confirmation: OrderConfirmation };

/** Whether any resolved level waits for a decision (a SKIPPED group does not). */
/** A level someone decides: every person level, and a group level with someone left in it. */
const isWaiting = (level: ResolvedLevel) => level.kind === 'PERSON' || !level.skipped;

export const needsApproval = (levels: ResolvedLevel[]) => levels.some(isWaiting);

const levelName = (level: ResolvedLevel) => (level.kind === 'PERSON' ? `${level.employee.firstName} ${level.employee.lastName}` : level.group.name);

export function orderContext(db: Db, auth: AuthContext, origin: string, now: Date, request: OrderRequest): OrderContext {
  return { db, auth, tenantId: auth.tenantId, actor: auth.actor, user: auth.user, origin, now, type: request.transactionType, problems: new Problems() };
}

/** Validates and prices an order; throws an ApiError listing every problem. Reads only. */
export async function evaluateOrder(ctx: OrderContext, request: OrderRequest): Promise<Evaluated> {
  const draft = emptyDraft(ctx.type);
  const typeAllowed = await checkTypeAllowed(ctx);
  await checkService(ctx, request, draft, typeAllowed);
  await checkRegion(ctx, request, draft);
  await transactionModules[ctx.type].resolve(ctx, request, draft);
  await checkNumberCountry(ctx, request, draft, transactionModules[ctx.type].bringsNumberIn);
  checkCurrencies(ctx, request, draft);
  await checkProperties(ctx, request, draft);
  checkPreferredDates(ctx, request, draft);
  await checkAcknowledgements(ctx, request, draft);
  await checkShipTo(ctx, request, draft);
  if (ctx.problems.count > 0) throw new ApiError(ctx.problems.list);
  const levels = await resolveLevels(ctx.db, await policyFacts(ctx.db, ctx.type, draft, ctx.now), ctx.actor, ctx.user);
  return { ctx, draft, levels, confirmation: await buildConfirmation(ctx, draft, levels, request) };
}

const submittedDescription = async (evaluated: Evaluated) => {
  const { ctx, levels } = evaluated;
  const forWhom = ctx.user.id === ctx.actor.id ? '' : ` for ${ctx.actor.firstName} ${ctx.actor.lastName}`;
  const by = `${ctx.user.firstName} ${ctx.user.lastName}`;
  const effectiveDate = effectiveDateOf(evaluated.draft.properties);
  const waits = effectiveDate !== undefined && startOfDayIn(effectiveDate, await tenantTimeZone(ctx.db, ctx.tenantId)) > ctx.now;
  const takesEffect = waits ? ` It takes effect on ${effectiveDate}.` : '';
  const waiting = levels.filter(isWaiting);
  const skipped = levels.filter((level) => level.kind === 'GROUP' && level.skipped).map(levelName);
  const skippedNote = skipped.length > 0 ? ` No one else in ${skipped.join(', ')} may decide it, so that level is skipped.` : '';
  if (waiting.length === 0) return `Submitted by ${by}${forWhom} and sent to the carrier.${skippedNote}${takesEffect}`;
  const next = waiting.length > 1 ? `, then ${waiting.slice(1).map(levelName).join(', then ')}` : '';
  return `Submitted by ${by}${forWhom}; awaiting approval by ${levelName(waiting[0]!)}${next}.${skippedNote}${takesEffect}`;
};

/**
 * Stores a validated order. Runs inside the caller's write transaction; throws a 400 when the
 * service got another open order since validation (two submits at the same moment). Returns the
 * order's row as stored, built from the values written rather than read back: reading it would
 * parse again the kilobytes of JSON just serialised (every JSON column holds `JSON.stringify` of
 * the value here, so the row serialises to the same text).
 */
export async function insertOrder(evaluated: Evaluated, delayMs: number): Promise<OrderRow> {
  const { ctx, draft, levels, confirmation } = evaluated;
  const { db } = ctx;
  if (draft.service && typesOnService.includes(ctx.type) && await hasOpenOrder(db, draft.service.id)) {
    throw new ApiError(badRequest('BUSINESS_RULE', `Service ${draft.service.serviceNumber} already has an open order; wait until it completes.`, 'orderRequest.serviceId'));
  }
  const at = ctx.now.toISOString();
  const waits = needsApproval(levels);
  const status: OrderStatus = waits ? 'AWAITING_APPROVAL' : 'ORDER_SUBMITTED';
  const first = levels.find(isWaiting);
  const stored = {
    tenantId: ctx.tenantId,
    transactionType: ctx.type,
    status,
    externalOrderNumber: confirmation.externalOrderNumber ?? null,
    accountHolderId: ctx.actor.id,
    requestedById: ctx.user.id,
    serviceId: draft.service?.id ?? null,
    serviceNumber: draft.service?.serviceNumber ?? null,
    effects: effectsOf(draft) as OrderRow['effects'],
    confirmation: confirmation as unknown as OrderRow['confirmation'],
    properties: confirmation.properties as OrderRow['properties'],
    shipTo: (expandShipTo(ctx.origin, draft) ?? { address: [] }) as OrderRow['shipTo'],
    approverId: first?.kind === 'PERSON' ? first.employee.id : null,
    dateSubmitted: at,
    updatedAt: at,
  };
  const orderId = (
    (await statement(
      db,
      `INSERT INTO orders (tenant_id, transaction_type, status, external_order_number, account_holder_id, requested_by_id, service_id,
         service_number, effects, confirmation, properties, ship_to, approver_id, date_submitted, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    ).get(
      stored.tenantId,
      stored.transactionType,
      stored.status,
      stored.externalOrderNumber,
      stored.accountHolderId,
      stored.requestedById,
      stored.serviceId,
      stored.serviceNumber,
      JSON.stringify(stored.effects),
      JSON.stringify(stored.confirmation),
      JSON.stringify(stored.properties),
      JSON.stringify(stored.shipTo),
      stored.approverId,
      stored.dateSubmitted,
      stored.updatedAt,
    )) as { id: number }
  ).id;
  const body = JSON.stringify(segmentBody(ctx, draft, confirmation.shoppingCart));
  const insertSegment = statement(db, 'INSERT INTO order_segments (order_id, position, status, body) VALUES (?, ?, ?, ?)');
  for (let position = 0; position < Math.max(draft.quantity, 1); position += 1) await insertSegment.run(orderId, position, status, body);
  await storeSecrets(db, orderId, secretsOf(draft));
  const insertLevel = statement(db, 'INSERT INTO order_approvals (order_id, level, approver_id, approver_group_id, decision, date_time) VALUES (?, ?, ?, ?, ?, ?)');
  for (const [index, level] of levels.entries()) {
    if (level.kind === 'PERSON') await insertLevel.run(orderId, index + 1, level.employee.id, null, 'PENDING', null);
    else await insertLevel.run(orderId, index + 1, null, level.group.id, level.skipped ? 'SKIPPED' : 'PENDING', level.skipped ? at : null);
  }
  await addHistory(db, { orderId, status, description: await submittedDescription(evaluated), actorId: ctx.actor.id, requestedById: ctx.user.id, at });
  if (!waits) await scheduleStep(db, orderId, 'IN_PROGRESS', new Date(ctx.now.getTime() + delayMs));
  return { id: orderId, ...stored };
}

/** Submit without an idempotency key: validate, then store in one write transaction. */
export async function submitOrder(ctx: OrderContext, request: OrderRequest, delayMs: number) {
  const evaluated = await evaluateOrder(ctx, request);
  return await transaction(ctx.db, async (db) => {
    const inTransaction = { ...ctx, db };
    return await presentSubmitted(inTransaction, await insertOrder({ ...evaluated, ctx: inTransaction }, delayMs));
  });
}

/** The answer to a submit: `{ status: SUCCESS, order }` with the order in its detail form. */
export async function presentSubmitted(ctx: Pick<OrderContext, 'db' | 'origin'>, order: OrderRow) {
  return { status: 'SUCCESS' as const, order: await presentOrderDetail(ctx.db, ctx.origin, order) };
}
