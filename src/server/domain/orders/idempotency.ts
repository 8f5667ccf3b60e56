/**
 * `Idempotency-Key` on submit (MOBPROC §4.5 extension): scoped to tenant, signed-in user and actor,
 * kept 24 hours. The same key with the same body (compared as canonical JSON) answers the first
 * answer and creates nothing; with another body it is a 400. The key is checked again inside the
 * write transaction, so two requests with one key at the same moment (even in two processes) store
 * one order. The actor is part of the stored key (`<actorId>:<key>`), so one person's key acting
 * for two people names two orders.
 */
import { createHash } from 'node:crypto';
import type { OrderRequest } from '../../../contract/index.ts';
import { ApiError, badRequest } from '../errors.ts';
import { transaction } from '../../storage/db.ts';
import { one, statement } from '../../storage/statements.ts';
import type { OrderContext } from './context.ts';
import { evaluateOrder, insertOrder, presentSubmitted } from './engine.ts';

const KEEP_MS = 24 * 3600 * 1000;

/**
 * Canonical JSON of a parsed body: object members sorted by name, no whitespace, so two texts of the
 * same value serialise alike. Built with an explicit stack, never recursion, so depth cannot
 * overflow it (bodies are also depth-bounded where they are read).
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Either a value still to write, or a literal piece of punctuation.
  const stack: ({ value: unknown } | { text: string })[] = [{ value }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if ('text' in next) {
      out.push(next.text);
      continue;
    }
    const item = next.value;
    if (Array.isArray(item)) {
      const parts: ({ value: unknown } | { text: string })[] = [{ text: '[' }];
      item.forEach((element, index) => parts.push(...(index > 0 ? [{ text: ',' }] : []), { value: element }));
      parts.push({ text: ']' });
      stack.push(...parts.reverse());
    } else if (item !== null && typeof item === 'object') {
      const keys = Object.keys(item).filter((key) => (item as Record<string, unknown>)[key] !== undefined).sort();
      const parts: ({ value: unknown } | { text: string })[] = [{ text: '{' }];
      keys.forEach((key, index) =>
        parts.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: (item as Record<string, unknown>)[key] }),
      );
      parts.push({ text: '}' });
      stack.push(...parts.reverse());
    } else {
      out.push(JSON.stringify(item) ?? 'null');
    }
  }
  return out.join('');
}

/** SHA-256 (base64url) of the body's canonical JSON: what "the same body" means for a key. */
export const bodyHash = (raw: unknown) => createHash('sha256').update(canonicalJson(raw)).digest('base64url');

/** The stored key: the client's key within the actor's scope (the table's own columns scope tenant and user). */
const scopedKey = (ctx: OrderContext, key: string) => `${ctx.actor.id}:${key}`;

type Submitted = ReturnType<typeof presentSubmitted>;

async function remembered(ctx: OrderContext, key: string, hash: string): Promise<Submitted | undefined> {
  const row = await one<{ bodyHash: string; response: string }>(
    ctx.db,
    `SELECT body_hash AS bodyHash, response FROM idempotency_keys WHERE tenant_id = ? AND employee_id = ? AND key = ? AND created_at > ?`,
    ctx.tenantId,
    ctx.user.id,
    scopedKey(ctx, key),
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

export async function submitIdempotently(ctx: OrderContext, request: OrderRequest, key: string, hash: string, delayMs: number): Promise<Submitted> {
  const earlier = await remembered(ctx, key, hash);
  if (earlier) return earlier;
  const evaluated = await evaluateOrder(ctx, request);
  return await transaction(ctx.db, async (db) => {
    const inTransaction = { ...ctx, db };
    const raced = await remembered(inTransaction, key, hash);
    if (raced) return raced;
    const answer = await presentSubmitted(inTransaction, await insertOrder({ ...evaluated, ctx: inTransaction }, delayMs));
    // Keys older than a day are forgotten; this user's are cleared here, where their rows are touched anyway.
    await statement(db, 'DELETE FROM idempotency_keys WHERE tenant_id = ? AND employee_id = ? AND created_at <= ?').run(
      ctx.tenantId,
      ctx.user.id,
      new Date(ctx.now.getTime() - KEEP_MS).toISOString(),
    );
    await statement(
      db,
      `INSERT INTO idempotency_keys (tenant_id, employee_id, key, body_hash, http_status, response, created_at) VALUES (?, ?, ?, ?, 200, ?, ?)
       ON CONFLICT (tenant_id, employee_id, key) DO UPDATE SET body_hash = excluded.body_hash, http_status = excluded.http_status,
         response = excluded.response, created_at = excluded.created_at`,
    ).run(ctx.tenantId, ctx.user.id, scopedKey(ctx, key), hash, JSON.stringify(answer), ctx.now.toISOString());
    return answer;
  });
}
