/**
 * `Idempotency-Key` on submit (MOBPROC §4.5 extension): scoped to tenant and signed-in user, kept
 * 24 hours. The same key with the same body answers the first answer and creates nothing; with
 * another body it is a 400. The key is checked again inside the write transaction, so two
 * requests with one key at the same moment (even in two processes) store one order.
 */
import { createHash } from 'node:crypto';
import type { OrderRequest } from '../../../contract/index.ts';
import { ApiError, badRequest } from '../errors.ts';
import { writeTransaction } from '../../storage/db.ts';
import { one, statement } from '../../storage/statements.ts';
import type { OrderContext } from './context.ts';
import { evaluateOrder, insertOrder, presentSubmitted } from './engine.ts';

const KEEP_MS = 24 * 3600 * 1000;

export const bodyHash = (raw: unknown) => createHash('sha256').update(JSON.stringify(raw)).digest('base64url');

type Submitted = ReturnType<typeof presentSubmitted>;

function remembered(ctx: OrderContext, key: string, hash: string): Submitted | undefined {
  const row = one<{ bodyHash: string; response: string }>(
    ctx.db,
    `SELECT body_hash AS bodyHash, response FROM idempotency_keys WHERE tenant_id = ? AND employee_id = ? AND key = ? AND created_at > ?`,
    ctx.tenantId,
    ctx.user.id,
    key,
    new Date(ctx.now.getTime() - KEEP_MS).toISOString(),
  );
  if (!row) return undefined;
  if (row.bodyHash !== hash) {
    throw new ApiError(
      badRequest('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different order; use a new key for a new order.', 'header.Idempotency-Key'),
    );
  }
  return JSON.parse(row.response) as Submitted;
}

export function submitIdempotently(ctx: OrderContext, request: OrderRequest, key: string, hash: string, delayMs: number): Submitted {
  const earlier = remembered(ctx, key, hash);
  if (earlier) return earlier;
  const evaluated = evaluateOrder(ctx, request);
  return writeTransaction(ctx.db, () => {
    const raced = remembered(ctx, key, hash);
    if (raced) return raced;
    const orderId = insertOrder(evaluated, delayMs);
    const answer = presentSubmitted(ctx, orderId);
    // Keys older than a day are forgotten; this user's are cleared here, where their rows are touched anyway.
    statement(ctx.db, 'DELETE FROM idempotency_keys WHERE tenant_id = ? AND employee_id = ? AND created_at <= ?').run(
      ctx.tenantId,
      ctx.user.id,
      new Date(ctx.now.getTime() - KEEP_MS).toISOString(),
    );
    statement(
      ctx.db,
      `INSERT OR REPLACE INTO idempotency_keys (tenant_id, employee_id, key, body_hash, http_status, response, created_at) VALUES (?, ?, ?, ?, 200, ?, ?)`,
    ).run(ctx.tenantId, ctx.user.id, key, hash, JSON.stringify(answer), ctx.now.toISOString());
    return answer;
  });
}
