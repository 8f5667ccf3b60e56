/**
 * Sensitive order properties (extension sensitive-properties, MOBPROC §4.3): a value such as a
 * port-out PIN is stored apart from the order, which keeps only a redacted echo, and is erased as
 * soon as fulfilment has handed it to the carrier or the order ended without reaching it. No answer,
 * history entry or log line carries it.
 */
import type { Db } from '../../storage/db.ts';
import { all, statement } from '../../storage/statements.ts';
import type { Draft } from './common.ts';
import { jsonFieldText, jsonFlagText } from '../sql.ts';

export type OrderSecret = { groupId: string; fieldId: string; value: string };

/** The values of the draft's sensitive fields, by group and field id. */
export function secretsOf(draft: Pick<Draft, 'properties' | 'propertyDefinitions'>): OrderSecret[] {
  return draft.properties.flatMap((group) => {
    const definitions = draft.propertyDefinitions.find((candidate) => candidate.groupId === group.groupId);
    return group.fields.flatMap((value) => {
      const sensitive = definitions?.fields.find((field) => field.id === value.id)?.sensitive === true;
      return sensitive && 'text' in value && value.text ? [{ groupId: group.groupId, fieldId: value.id, value: value.text }] : [];
    });
  });
}

/** Stores an order's secrets; runs inside the submit's write transaction. */
export async function storeSecrets(db: Db, orderId: number, secrets: OrderSecret[]): Promise<void> {
  const insert = statement(db, 'INSERT INTO order_secrets (order_id, group_id, field_id, value) VALUES (?, ?, ?, ?)');
  for (const secret of secrets) await insert.run(orderId, secret.groupId, secret.fieldId, secret.value);
}

/**
 * Reads and erases an order's secrets in one go: what fulfilment hands to the carrier. Runs inside
 * the caller's write transaction, so a step that rolls back keeps them for its retry.
 */
export async function takeSecrets(db: Db, orderId: number): Promise<OrderSecret[]> {
  const secrets = await all<OrderSecret>(db, 'SELECT group_id AS groupId, field_id AS fieldId, value FROM order_secrets WHERE order_id = ?', orderId);
  await eraseSecrets(db, orderId);
  return secrets;
}

/** Erases an order's secrets (rejected or cancelled before they were used). */
export async function eraseSecrets(db: Db, orderId: number): Promise<void> {
  await statement(db, 'DELETE FROM order_secrets WHERE order_id = ?').run(orderId);
}

const sensitiveIdCache = new WeakMap<Db, Map<number, Set<string>>>();

/** Ids of the tenant's sensitive property fields (any type, any carrier); only the seed writes them. */
export async function sensitiveFieldIds(db: Db, tenantId: number): Promise<Set<string>> {
  let perDb = sensitiveIdCache.get(db);
  if (!perDb) {
    perDb = new Map();
    sensitiveIdCache.set(db, perDb);
  }
  let ids = perDb.get(tenantId);
  if (!ids) {
    ids = new Set(
      (await all<{ id: string }>(
        db,
        `SELECT DISTINCT ${jsonFieldText(db, 'definition', 'id')} AS id FROM order_property_definitions
         WHERE tenant_id = ? AND ${jsonFlagText(db, 'definition', 'sensitive')}`,
        tenantId,
      )).map((row) => row.id),
    );
    perDb.set(tenantId, ids);
  }
  return ids;
}

/**
 * The body as sent, with the values of sensitive fields left out: what an idempotency key's body
 * hash is made of, so not even a hash of a PIN (a few digits, easily guessed back) is kept. Only
 * `orderRequest.properties[].fields[]` is looked at; anything else is returned as it came.
 */
export function withoutSensitiveValues(raw: unknown, ids: ReadonlySet<string>): unknown {
  if (ids.size === 0 || !isObject(raw) || !isObject(raw.orderRequest) || !Array.isArray(raw.orderRequest.properties)) return raw;
  const properties = raw.orderRequest.properties.map((group: unknown) =>
    isObject(group) && Array.isArray(group.fields)
      ? {
          ...group,
          fields: group.fields.map((field: unknown) => {
            if (!isObject(field) || typeof field.id !== 'string' || !ids.has(field.id)) return field;
            const { text: _secret, ...rest } = field;
            return rest;
          }),
        }
      : group,
  );
  return { ...raw, orderRequest: { ...raw.orderRequest, properties } };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
