import { z } from 'zod';
import {
  approvalRequest,
  approvalResponse,
  cancelRequest,
  headerNames,
  historyResponse,
  infoAnswerRequest,
  infoAnswerResponse,
  orderDetailResponse,
  orderPostQuery,
  orderPostResponse,
  orderRequestBody,
  orderSegmentQuery,
  ordersQuery,
  ordersResponse,
  parseOrderRequestBody,
  type OrderRequest,
  shipmentsResponse,
} from '../../../contract/index.ts';
import type { Context } from 'hono';
import { pageMeta } from '../../domain/pagination.ts';
import { storageId } from '../../domain/sql.ts';
import { tenantToday } from '../../domain/approval-delegates.ts';
import { answerInfoRequest, cancelOrder, decideApproval } from '../../domain/orders/decisions.ts';
import { evaluateOrder, orderContext, submitOrder } from '../../domain/orders/engine.ts';
import type { OrderContext } from '../../domain/orders/context.ts';
import { bodyHash, submitIdempotently } from '../../domain/orders/idempotency.ts';
import { sensitiveFieldIds, withoutSensitiveValues } from '../../domain/orders/secrets.ts';
import { findVisibleOrder, listOrders } from '../../domain/orders/list.ts';
import { findOrder, orderHistory, orderShipments, presentOrderDetail, presentOrders } from '../../domain/orders/store.ts';
import { pageRequest, type AppEnv } from '../app-env.ts';
import { ApiError, badRequest, notFound, type Problem } from '../../domain/errors.ts';
import { readJsonBody, type RouteRegistry } from '../route.ts';

/**
 * The order rules' problems for the well-shaped part of a malformed request, leaving out fields
 * already named and those of members left out for their shape (`omitted`), so one answer lists
 * every problem once (§4.4).
 */
async function domainProblems(ctx: OrderContext, request: OrderRequest, reported: Problem[], omitted: string[]): Promise<Problem[]> {
  try {
    await evaluateOrder(ctx, request);
    return [];
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const named = new Set(reported.map((problem) => problem.field));
    const inOmitted = (field: string | undefined) => field !== undefined && omitted.some((prefix) => field === prefix || field.startsWith(`${prefix}.`));
    return error.problems.filter((problem) => !named.has(problem.field) && !inOmitted(problem.field));
  }
}

const idempotencyKey = z.string().trim().min(1).max(200);

/**
 * The documented request body. The handler parses the body itself, so the schema is placed here
 * rather than through the registry; its `$defs` stay inside it and its references point there.
 */
function documentedOrderBody() {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(orderRequestBody, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' });
  const here = '#/paths/~1mobproc~1v1~1orders/post/requestBody/content/application~1json/schema/$defs/';
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', `"${here}`)) as Record<string, unknown>;
}

const orderRequestDocumentation = {
  requestBody: { required: true, content: { 'application/json': { schema: documentedOrderBody() } } },
  'x-idempotency-key':
    'Extension: an Idempotency-Key header on a submit makes retries safe. Scoped to tenant, signed-in user and actor and kept 24 hours; the same key with the same body (compared as canonical JSON: member order and whitespace do not matter) returns the first answer and creates nothing new (also for two requests at the same moment); the same key with a different body is a 400 naming header.Idempotency-Key.',
};

/** Today in the caller's tenant (approval-delegate windows). */
const today = async (c: Context<AppEnv>) => await tenantToday(c.var.deps.db, c.var.auth.tenantId, c.var.deps.now());

async function visibleOrder(c: Context<AppEnv>, id: string) {
  const order = await findVisibleOrder(c.var.deps.db, c.var.auth, id);
  if (!order) throw notFound(`Order ${id}`);
  return order;
}

export function registerOrderRoutes(api: RouteRegistry): void {
  api.add({
    method: 'post',
    path: '/orders',
    tag: 'Orders',
    summary: 'Confirm (?confirm=true: validate and price, store nothing) or submit an order',
    description:
      'All twelve transaction types (MOBPROC §4). Validation reports every problem with its field. A submit stores the order, its segments and its first history entry in one transaction and answers with the order; fulfilment follows after it committed. Optional header Idempotency-Key (extension).',
    query: orderPostQuery,
    response: orderPostResponse,
    extensions: orderRequestDocumentation,
    handler: async ({ c, query }) => {
      // Read here rather than through the registry: the shape and the per-type member table are
      // reported together, and the idempotency key hashes what was sent.
      const { value: raw, textProblems } = await readJsonBody(c);
      const parsed = parseOrderRequestBody(raw);
      const { deps, auth, origin } = c.var;
      if (textProblems.length > 0 || !parsed.success) {
        const problems = [...textProblems, ...(parsed.success ? [] : parsed.problems.map((problem) => badRequest(problem.errorCode, problem.message, problem.field)))];
        const wellShaped = parsed.success ? parsed.data.orderRequest : parsed.request;
        if (wellShaped) {
          const ctx = orderContext(deps.db, auth, origin, deps.now(), wellShaped);
          problems.push(...await domainProblems(ctx, wellShaped, problems, parsed.success ? [] : (parsed.omitted ?? [])));
        }
        throw new ApiError(problems);
      }
      const request = parsed.data.orderRequest;
      const ctx = orderContext(deps.db, auth, origin, deps.now(), request);
      if (query.confirm) return { status: 'SUCCESS' as const, orderConfirmation: (await evaluateOrder(ctx, request)).confirmation };
      const keyHeader = c.req.header(headerNames.idempotencyKey);
      let answer;
      if (keyHeader !== undefined) {
        const key = idempotencyKey.safeParse(keyHeader);
        if (!key.success) throw new ApiError(badRequest('INVALID_FIELD', 'An Idempotency-Key has 1 to 200 characters.', 'header.Idempotency-Key'));
        const hashed = withoutSensitiveValues(raw, await sensitiveFieldIds(deps.db, auth.tenantId));
        answer = await submitIdempotently(ctx, request, key.data, bodyHash(hashed), deps.config.fulfillmentDelayMs);
      } else {
        answer = await submitOrder(ctx, request, deps.config.fulfillmentDelayMs);
      }
      return answer;
    },
  });

  api.add({
    method: 'get',
    path: '/orders',
    tag: 'Orders',
    summary: 'Orders visible to the actor: their own, those they requested, those they may approve',
    description:
      'Filters as MOBPROC §3; eligibleToApprove… lists the orders whose open approval level that person may decide now: as its approver, a member of its approver group (extension approval-rules), or the approver’s approval delegate today (extension approval-delegates; such items carry `eligibleOnBehalfOf`). decidedByEmployeeId (extension approval-rules) lists orders with a level that person decided themselves (decidedBy: as approver, group member, approval delegate or acting for someone; onBehalfOf names whose decision it was when not their own). Every item carries `justification` (extension approval-rules). include* flags add members to every item. Sort UPDATED_DATE (default) or SUBMITTED_DATE (extension), newest first unless sortAscending=true.',
    query: ordersQuery,
    response: ordersResponse,
    handler: async ({ c, query }) => {
      const { db } = c.var.deps;
      const day = await today(c);
      const { rows, total } = await listOrders(db, c.var.auth, query, day);
      const items = await presentOrders(
        db,
        c.var.origin,
        rows,
        {
        properties: query.includeOrderProperties ?? false,
        approvers: query.includeApprovers ?? false,
        segments: query.includeOrderSegments ?? false,
        shipments: query.includeOrderShipments ?? false,
        history: query.includeOrderHistory ?? false,
          shipTo: query.includeShipToAddress ?? false,
          confirmation: false,
        },
        { actorId: c.var.auth.actor.id, today: day },
      );
      return { orders: { _meta: pageMeta(pageRequest(c), query.limit, query.offset, total), items } };
    },
  });

  api.add({
    method: 'get',
    path: '/orders/:id',
    tag: 'Orders',
    summary: 'One order with its segments, approvers, shipments, history and ship-to address',
    description: 'Answers { status: SUCCESS, order }; the order also carries the confirmation computed at submit (extension).',
    response: orderDetailResponse,
    handler: async ({ c, params }) => {
      const order = await visibleOrder(c, params.id!);
      return { status: 'SUCCESS' as const, order: await presentOrderDetail(c.var.deps.db, c.var.origin, order) };
    },
  });

  api.add({
    method: 'get',
    path: '/orders/:id/history',
    tag: 'Orders',
    summary: 'Status history of an order, oldest first',
    query: orderSegmentQuery,
    response: historyResponse,
    handler: async ({ c, params, query }) => {
      const order = await visibleOrder(c, params.id!);
      const segment = query.orderSegment === undefined ? null : (storageId(query.orderSegment) ?? -1);
      return { history: await orderHistory(c.var.deps.db, c.var.origin, order, segment) };
    },
  });

  api.add({
    method: 'get',
    path: '/orders/:id/shipments',
    tag: 'Orders',
    summary: 'Shipments of an order with carrier and tracking number',
    query: orderSegmentQuery,
    response: shipmentsResponse,
    handler: async ({ c, params, query }) => {
      const order = await visibleOrder(c, params.id!);
      const segment = query.orderSegment === undefined ? null : (storageId(query.orderSegment) ?? -1);
      return { shipments: await orderShipments(c.var.deps.db, order, segment) };
    },
  });

  for (const path of ['/orders/:id/approval', '/orders/:id/approve']) {
    api.add({
      method: 'post',
      path,
      tag: 'Orders',
      summary: path.endsWith('approve') ? 'Alias of /orders/{id}/approval (the name in one release note)' : 'Approve, reject or ask about an order’s open approval level',
      description:
        'Decides the open level (levels are decided in order, extension approval-rules) by an eligible approver: the level’s approver (checked for the actor, so whoever acts for the approver may decide), any member of its approver group, or the approver’s approval delegate within the window (extension approval-delegates; recorded as decidedBy + onBehalfOf). Answers APPROVAL_QUEUED (the next level opens, or the order goes to the carrier), REJECTION_QUEUED, INFO_REQUESTED (action REQUEST_INFO, extension request-info: the order waits for the requester’s answer), APPROVAL_NOT_NEEDED (already decided, or none applies) or NOT_READY_FOR_APPROVAL (not waiting for this caller’s level now); 403 for anyone else and for the order’s requester or account holder. REJECT and REQUEST_INFO need a reason.',
      body: approvalRequest,
      response: approvalResponse,
      handler: async ({ c, params, body }) => {
        const { deps, auth } = c.var;
        const order = await visibleOrder(c, params.id!);
        return await decideApproval(deps.db, auth, order, body, deps.now(), deps.config.fulfillmentDelayMs);
      },
    });
  }

  api.add({
    method: 'post',
    path: '/orders/:id/info',
    tag: 'Orders',
    summary: 'Extension request-info: answer the approver’s question',
    description:
      'By the requester or the account holder of an INFO_REQUESTED order: the answer goes into history and the order returns to AWAITING_APPROVAL at the level that asked. 400 (field orderId) when no question is open; 403 for anyone else. Answers the order.',
    body: infoAnswerRequest,
    response: infoAnswerResponse,
    handler: async ({ c, params, body }) => {
      const { deps, auth } = c.var;
      const order = await visibleOrder(c, params.id!);
      await answerInfoRequest(deps.db, auth, order, body.answer, deps.now());
      return { status: 'SUCCESS' as const, order: await presentOrderDetail(deps.db, c.var.origin, (await findOrder(deps.db, auth.tenantId, order.id))!) };
    },
  });

  api.add({
    method: 'post',
    path: '/orders/:id/cancel',
    tag: 'Orders',
    summary: 'Extension: withdraw an order that is AWAITING_APPROVAL, INFO_REQUESTED or ORDER_SUBMITTED',
    description: 'By the account holder or the requester; anything later is a 400. Answers the order with status CANCELLED.',
    body: cancelRequest,
    response: orderDetailResponse,
    handler: async ({ c, params, body }) => {
      const { deps, auth } = c.var;
      const order = await visibleOrder(c, params.id!);
      await cancelOrder(deps.db, auth, order, body.reason, deps.now());
      return { status: 'SUCCESS' as const, order: await presentOrderDetail(deps.db, c.var.origin, (await findOrder(deps.db, auth.tenantId, order.id))!) };
    },
  });
}
