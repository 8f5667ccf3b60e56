/**
 * An order change that thousands of people may decide (a large approver group) is still announced
 * on PostgreSQL, whose notifications carry less than 8,000 bytes: without the approvers' names
 * rather than failing the change it belongs to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderStatus } from '../../contract/index.ts';
import { publish, type OrderChange } from '../domain/notifications/events.ts';
import { onBroadcast, startBroadcast } from '../storage/broadcast.ts';
import { closeDatabase, openPostgres, transaction, type Db } from '../storage/db.ts';
import { postgresAvailability, startTestDatabase, type TestDatabase } from './postgres.ts';

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

describe.skipIf(!availability.available)('an order change naming thousands of approvers, on PostgreSQL', () => {
  let database: TestDatabase;
  let db: Db;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    database = await startTestDatabase();
    db = await openPostgres(database.url);
    ({ stop } = await startBroadcast(db, { postgresUrl: database.url }));
  });
  afterAll(async () => {
    await stop?.();
    if (db) await closeDatabase(db);
    await database?.stop();
  });

  it('is announced once its transaction commits, without the names, and the transaction commits', async () => {
    const heard = new Promise<OrderChange>((resolve) => {
      const unsubscribe = onBroadcast(db, (message) => {
        if (message.kind === 'order') {
          unsubscribe();
          resolve(message as OrderChange);
        }
      });
    });
    const approverIds = Array.from({ length: 3000 }, (_, index) => 1_000_000 + index);
    const change: OrderChange = {
      kind: 'order',
      id: 41,
      tenantId: 1,
      orderId: 7,
      status: orderStatus.enum.AWAITING_APPROVAL,
      pendingApprovalLevel: 2,
      approverIds,
      accountHolderId: 5,
      requestedById: 5,
    };
    await expect(transaction(db, async (tx) => await publish(tx, change))).resolves.toBeUndefined();
    expect(await heard).toEqual({ ...change, approverIds: [] });
    // The caller's own event (the email's recipients come from it) keeps every name.
    expect(change.approverIds).toHaveLength(3000);
  });
});
