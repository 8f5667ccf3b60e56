/**
 * `Idempotency-Key` on submit (MOBPROC §4.5 extension): scoped to tenant, signed-in user and actor,
 * kept 24 hours. The same key with the same body (compared as canonical JSON) answers the first
 * answer and creates nothing; with another body it is a 400. The key's row is claimed first inside
 * the write transaction, so two requests with one key at the same moment (even on two instances)
 * store one order. The actor is part of the stored key (`<actorId>:<key>`), so one person's key acting
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

/** Thrown inside the submit transaction to roll it back: another request holds the key and committed first. */
class KeyTaken extends Error {}

/**
 * A submit with an `Idempotency-Key`. The key's row is written first in the transaction, with
 * `INSERT … ON CONFLICT DO NOTHING RETURNING`: a second request with the same key at the same
 * moment (on any instance) waits on that row until the first commits, inserts nothing, rolls its
 * own work back and answers what the first stored — byte for byte the first answer, or 400
 * `IDEMPOTENCY_KEY_REUSED` for another body. Written before the order, so the second request
 * never reaches the order's own checks (its service would already have the first's open order).
 */
export async function submitIdempotently(ctx: OrderContext, request: OrderRequest, key: string, hash: string, delayMs: number): Promise<Submitted> {
  const earlier = await remembered(ctx, key, hash);
  if (earlier) return earlier;
  let evaluated: Awaited<ReturnType<typeof evaluateOrder>>;
  try {
    evaluated = await evaluateOrder(ctx, request);
  } catch (error) {
    // A request with the same key that committed since the look above took what this one
    // validates against (its service now has that open order): its answer is this one's.
    if (error instanceof ApiError) {
      const raced = await remembered(ctx, key, hash);
      if (raced) return raced;
    }
    throw error;
  }
  try {
    return await transaction(ctx.db, async (db) => {
      const inTransaction = { ...ctx, db };
      const raced = await remembered(inTransaction, key, hash);
      if (raced) return raced;
      // Keys older than a day are forgotten; this user's are cleared here, where their rows are touched anyway.
      await statement(db, 'DELETE FROM idempotency_keys WHERE tenant_id = ? AND employee_id = ? AND created_at <= ?').run(
        ctx.tenantId,
        ctx.user.id,
        new Date(ctx.now.getTime() - KEEP_MS).toISOString(),
      );
      const mine = await statement(
        db,
        `INSERT INTO idempotency_keys (tenant_id, employee_id, key, body_hash, http_status, response, created_at) VALUES (?, ?, ?, ?, 200, 'null', ?)
         ON CONFLICT (tenant_id, employee_id, key) DO NOTHING RETURNING key`,
      ).all(ctx.tenantId, ctx.user.id, scopedKey(ctx, key), hash, ctx.now.toISOString());
      if (mine.length === 0) throw new KeyTaken();
      const answer = await presentSubmitted(inTransaction, await insertOrder({ ...evaluated, ctx: inTransaction }, delayMs));
      await statement(db, 'UPDATE idempotency_keys SET response = ? WHERE tenant_id = ? AND employee_id = ? AND key = ?').run(
        JSON.stringify(answer),
        ctx.tenantId,
        ctx.user.id,
        scopedKey(ctx, key),
      );
      return answer;
    });
  } catch (error) {
    if (!(error instanceof KeyTaken)) throw error;
    const first = await remembered(ctx, key, hash);
    if (!first) throw new Error('an Idempotency-Key row that conflicted was not found after its transaction committed');
    return first;
  }
}
