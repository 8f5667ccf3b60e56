/**
 * What several instances on one PostgreSQL race for (decision 17, "Transactions"), raced on a real
 * server with the migrations applied: two connections, each standing for an instance, run the SQL
 * the server runs — the fulfilment step claim and the outbox batch claim (`FOR UPDATE SKIP
 * LOCKED`), the refresh-token rotation (`UPDATE … WHERE revoked_at IS NULL RETURNING`) — and every
 * row is taken exactly once; the partial unique indexes refuse a second open order on one service,
 * spare device or incoming number with the error the submit turns into a 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { PgDialect } from 'drizzle-orm/pg-core';
import { orderStatus, transactionType, type OrderStatus, type TransactionType } from '../../contract/index.ts';
import { useRefreshTokenSql } from '../domain/auth.ts';
import { claimViolation } from '../domain/orders/claims.ts';
import { emptyDraft } from '../domain/orders/common.ts';
import { claimDueJobSql } from '../domain/orders/fulfillment.ts';
import { claimOutboxSql } from '../domain/notifications/mail-worker.ts';
import { migratePostgres } from '../storage/pg.ts';
import { postgresAvailability, startTestDatabase, type TestDatabase } from './postgres.ts';

const availability = postgresAvailability();
if (!availability.available) process.stderr.write(`${availability.reason}\n`);

const dialect = new PgDialect();
type Client = postgres.Sql | postgres.TransactionSql;

/** Runs a Drizzle query as the server would send it (its SQL text and parameters) on one connection. */
async function run<T>(client: Client, query: SQL): Promise<T[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return [...(await client.unsafe(text, params as postgres.ParameterOrJSON<never>[]))] as T[];
}

const NOW = new Date('2026-11-30T12:00:00.000Z');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A promise and the function that settles it: one side of a race waits on the other's step. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.skipIf(!availability.available)('several instances on one PostgreSQL', () => {
  let database: TestDatabase;
  // Two instances' connections, and one to set rows up.
  let first: postgres.Sql;
  let second: postgres.Sql;
  let setup: postgres.Sql;
  let tenantId: number;
  let personId: number;

  const addOrder = async (values: { status?: OrderStatus; type?: TransactionType; serviceId?: number; deviceId?: number; number?: string } = {}) =>
    (
      await setup<{ id: number }[]>`
        INSERT INTO orders (tenant_id, transaction_type, status, account_holder_id, requested_by_id, service_id, new_device_asset_id, incoming_number,
          effects, confirmation, properties, ship_to, date_submitted, updated_at)
        VALUES (${tenantId}, ${values.type ?? transactionType.enum.NEW_ACTIVATION}, ${values.status ?? orderStatus.enum.ORDER_SUBMITTED}, ${personId}, ${personId},
          ${values.serviceId ?? null}, ${values.deviceId ?? null}, ${values.number ?? null}, '{}', '{}', '[]', '{}', ${NOW.toISOString()}, ${NOW.toISOString()})
        RETURNING id`
    )[0]!.id;

  beforeAll(async () => {
    database = await startTestDatabase();
    await migratePostgres(database.url);
    const connect = () => postgres(database.url, { max: 1, onnotice: () => {} });
    [first, second, setup] = [connect(), connect(), connect()];
    tenantId = (await setup<{ id: number }[]>`INSERT INTO tenants (code, name, approval_policy) VALUES ('RACE', 'Race', '{}') RETURNING id`)[0]!.id;
    personId = (
      await setup<{ id: number }[]>`
        INSERT INTO employees (tenant_id, company_employee_id, first_name, last_name, email, first_name_folded, last_name_folded, email_folded, status, custom_attributes, updated_at)
        VALUES (${tenantId}, 'R1', 'Grace', 'Hopper', 'grace@example.test', lower('Grace'), lower('Hopper'), lower('grace@example.test'), 'ACTIVE', '[]', ${NOW.toISOString()}) RETURNING id`
    )[0]!.id;
  }, 120_000);

  afterAll(async () => {
    await Promise.all([first, second, setup].map(async (client) => await client?.end()));
    await database?.stop();
  }, 60_000);

  describe('the fulfilment step claim', () => {
    const addJobs = async (count: number) => {
      const orderId = await addOrder({ status: orderStatus.enum.IN_PROGRESS });
      const rows = await setup<{ id: number }[]>`
        INSERT INTO fulfillment_jobs (order_id, next_status, due_at)
        SELECT ${orderId}, 'COMPLETE', ${new Date(NOW.getTime() - 1000).toISOString()} FROM generate_series(1, ${count}) RETURNING id`;
      return rows.map((row) => row.id);
    };
    const claim = async (client: Client) => (await run<{ id: number }>(client, claimDueJobSql('postgres', NOW)))[0]?.id;

    it('gives a second instance another due step at once while the first holds one', async () => {
      const jobs = await addJobs(2);
      const held = gate();
      const claimed = gate();
      let mine: number | undefined;
      const holder = first.begin(async (tx) => {
        mine = await claim(tx);
        claimed.open();
        await held.opened;
      });
      await claimed.opened;
      // Waiting for the first instance's row would fail here instead of hanging.
      const theirs = await second.begin(async (tx) => {
        await tx`SET LOCAL lock_timeout = '2s'`;
        return await claim(tx);
      });
      held.open();
      await holder;
      expect([mine, theirs].sort()).toEqual(jobs);
      await setup`UPDATE fulfillment_jobs SET done_at = ${NOW.toISOString()} WHERE done_at IS NULL`;
    });

    it('runs every due step exactly once when two instances claim side by side', async () => {
      const jobs = await addJobs(60);
      const takenBy = async (client: postgres.Sql) => {
        const taken: number[] = [];
        for (;;) {
          const id = await client.begin(async (tx) => {
            const job = await claim(tx);
            // The step's work, while the claim is held.
            await pause(Math.random() * 3);
            return job;
          });
          if (id === undefined) return taken;
          taken.push(id);
        }
      };
      const [a, b] = await Promise.all([takenBy(first), takenBy(second)]);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(jobs);
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
    });

    it('gives a step back when the instance running it dies: its transaction rolls back', async () => {
      const [job] = await addJobs(1);
      await first
        .begin(async (tx) => {
          expect(await claim(tx)).toBe(job);
          throw new Error('killed mid-step');
        })
        .catch(() => undefined);
      expect(await second.begin(async (tx) => await claim(tx))).toBe(job);
    });
  });

  describe('the email outbox claim', () => {
    const addMessages = async (count: number) => {
      const orderId = await addOrder();
      const rows = await setup<{ id: number }[]>`
        INSERT INTO email_outbox (tenant_id, order_id, milestone, recipient_id, to_address, to_name, subject, body, link_path, created_at, next_attempt_at)
        SELECT ${tenantId}, ${orderId}, 'SUBMITTED', ${personId}, 'grace@example.test', 'Grace Hopper', 'Subject ' || n, 'Body', '/orders/1',
          ${NOW.toISOString()}, ${new Date(NOW.getTime() - 1000).toISOString()}
        FROM generate_series(1, ${count}) AS n RETURNING id`;
      return rows.map((row) => row.id);
    };
    const lease = new Date(NOW.getTime() + 120_000);
    const claimBatch = async (client: Client) =>
      (await run<{ id: number; attempts: number }>(client, claimOutboxSql('postgres', NOW, lease))).map((row) => row.id);

    it('gives two instances claiming at the same moment different messages, each at most 20', async () => {
      const messages = await addMessages(30);
      const held = gate();
      const claimed = gate();
      let mine: number[] = [];
      const holder = first.begin(async (tx) => {
        mine = await claimBatch(tx);
        claimed.open();
        await held.opened;
      });
      await claimed.opened;
      const theirs = await second.begin(async (tx) => {
        await tx`SET LOCAL lock_timeout = '2s'`;
        return await claimBatch(tx);
      });
      held.open();
      await holder;
      expect(mine).toHaveLength(20);
      expect(theirs).toHaveLength(10);
      expect([...mine, ...theirs].sort((a, b) => a - b)).toEqual(messages);
      const attempts = await setup<{ attempts: number }[]>`SELECT attempts FROM email_outbox WHERE id IN ${setup(messages)}`;
      expect(attempts.every((row) => row.attempts === 1)).toBe(true);
    });

    it('claims every due message exactly once when two instances claim side by side', async () => {
      await setup`UPDATE email_outbox SET sent_at = ${NOW.toISOString()}`;
      const messages = await addMessages(200);
      const takenBy = async (client: postgres.Sql) => {
        const taken: number[] = [];
        for (;;) {
          // One statement, as the worker runs it: no transaction held while the messages are sent.
          const batch = await claimBatch(client);
          if (batch.length === 0) return taken;
          taken.push(...batch);
          await pause(Math.random() * 2);
        }
      };
      const [a, b] = await Promise.all([takenBy(first), takenBy(second)]);
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(messages);
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
    });
  });

  describe('refresh-token rotation', () => {
    const addRefreshToken = async (label: string) =>
      (
        await setup<{ id: number }[]>`
          INSERT INTO auth_tokens (token_hash, kind, grant_id, tenant_id, client_id, employee_id, scope, issued_at, expires_at)
          VALUES (${`hash-${label}`}, 'refresh', ${`grant-${label}`}, ${tenantId}, 'mobproc-web', ${personId}, 'mobproc', ${NOW.toISOString()}, '2099-01-01T00:00:00.000Z')
          RETURNING id`
      )[0]!.id;
    const rotate = async (client: Client, id: number) => (await run<{ id: number }>(client, useRefreshTokenSql(id, NOW))).length;

    it('lets exactly one of two refreshes that overlap use the token; the other waits, then finds it used', async () => {
      const token = await addRefreshToken('overlap');
      const held = gate();
      const rotated = gate();
      let firstGot = 0;
      const holder = first.begin(async (tx) => {
        firstGot = await rotate(tx, token);
        rotated.open();
        await held.opened;
      });
      await rotated.opened;
      const secondGets = second.begin(async (tx) => await rotate(tx, token));
      // The second is blocked on the first's row lock until the first commits.
      await pause(100);
      held.open();
      await holder;
      expect([firstGot, await secondGets]).toEqual([1, 0]);
    });

    it('lets exactly one of two simultaneous refreshes use each token', async () => {
      const tokens = await Promise.all(Array.from({ length: 20 }, async (_, index) => await addRefreshToken(`same-time-${index}`)));
      for (const token of tokens) {
        const outcomes = await Promise.all([rotate(first, token), rotate(second, token)]);
        expect(outcomes.sort()).toEqual([0, 1]);
      }
    });
  });

  describe('the partial unique indexes on open orders', () => {
    it('refuse a second open order on one service, spare device or number, answered as the 400 of that field; final orders and other values pass', async () => {
      const [region] = await setup<{ id: number }[]>`INSERT INTO regions (type, name) VALUES ('COUNTRY', 'Raceland') RETURNING id`;
      const [vendor] = await setup<{ id: number }[]>`INSERT INTO vendors (name, type, access_method) VALUES ('Carrier', 'CARRIER', 'GSM') RETURNING id`;
      const [service] = await setup<{ id: number }[]>`
        INSERT INTO services (tenant_id, service_number, status, billing_vendor_id, current_vendor_id, region_id, updated_at)
        VALUES (${tenantId}, '2065550100', 'ACTIVE', ${vendor!.id}, ${vendor!.id}, ${region!.id}, ${NOW.toISOString()}) RETURNING id`;
      const [maker] = await setup<{ id: number }[]>`INSERT INTO manufacturers (name) VALUES ('Maker') RETURNING id`;
      const [model] = await setup<{ id: number }[]>`INSERT INTO models (manufacturer_id, name) VALUES (${maker!.id}, 'Phone') RETURNING id`;
      const [device] = await setup<{ id: number }[]>`
        INSERT INTO device_assets (tenant_id, manufacturer_id, model_id, serial_type, serial_value, access_method, updated_at)
        VALUES (${tenantId}, ${maker!.id}, ${model!.id}, 'IMEI', '356938035643809', 'GSM', ${NOW.toISOString()}) RETURNING id`;
      // Through Drizzle, as the server inserts: its error wraps the driver's.
      const db = drizzle(setup);
      const refusal = async (values: Parameters<typeof addOrder>[0], draft: ReturnType<typeof emptyDraft>) => {
        const error = await db.execute(
          sql`INSERT INTO orders (tenant_id, transaction_type, status, account_holder_id, requested_by_id, service_id, new_device_asset_id, incoming_number,
            effects, confirmation, properties, ship_to, date_submitted, updated_at)
            VALUES (${tenantId}, ${values!.type}, ${orderStatus.enum.AWAITING_APPROVAL}, ${personId}, ${personId}, ${values!.serviceId ?? null}, ${values!.deviceId ?? null},
            ${values!.number ?? null}, '{}', '{}', '[]', '{}', ${NOW.toISOString()}, ${NOW.toISOString()})`,
        ).then(
          () => undefined,
          (failure: unknown) => failure,
        );
        expect(error, JSON.stringify(values)).toBeDefined();
        return claimViolation(error, draft)?.problems.map((problem) => ({ status: problem.status, errorCode: problem.errorCode, field: problem.field }));
      };

      const onService = { ...emptyDraft(transactionType.enum.SUSPEND), service: { id: service!.id, serviceNumber: '(206) 555-0100' } as never };
      await addOrder({ type: transactionType.enum.SUSPEND, serviceId: service!.id, status: orderStatus.enum.COMPLETE });
      await addOrder({ type: transactionType.enum.SUSPEND, serviceId: service!.id });
      expect(await refusal({ type: transactionType.enum.SUSPEND, serviceId: service!.id }, onService)).toEqual([
        { status: 400, errorCode: '400-BUSINESS_RULE', field: 'orderRequest.serviceId' },
      ]);

      await addOrder({ type: transactionType.enum.SWAP_DEVICES, deviceId: device!.id, status: orderStatus.enum.CANCELLED });
      await addOrder({ type: transactionType.enum.SWAP_DEVICES, deviceId: device!.id, status: orderStatus.enum.INFO_REQUESTED });
      expect(await refusal({ type: transactionType.enum.SWAP_DEVICES, deviceId: device!.id }, emptyDraft(transactionType.enum.SWAP_DEVICES))).toEqual([
        { status: 400, errorCode: '400-BUSINESS_RULE', field: 'orderRequest.newDevice.serialNumber.value' },
      ]);

      const field = 'orderRequest.properties.0.fields.0.text';
      const bringsIn = { ...emptyDraft(transactionType.enum.XFER_SERVICE_IN), incomingNumber: { text: '425 555 0199', national: '4255550199', field } };
      await addOrder({ type: transactionType.enum.XFER_SERVICE_IN, number: '4255550199', status: orderStatus.enum.REJECTED });
      await addOrder({ type: transactionType.enum.XFER_SERVICE_IN_AND_PORT, number: '4255550199', status: orderStatus.enum.SHIPPED });
      expect(await refusal({ type: transactionType.enum.XFER_SERVICE_IN, number: '4255550199' }, bringsIn)).toEqual([{ status: 400, errorCode: '400-BUSINESS_RULE', field }]);

      // Orders that take nothing (NULLs) never clash, however many are open.
      await addOrder();
      await addOrder();
      await addOrder({ type: transactionType.enum.XFER_SERVICE_IN, number: '4255550198' });
    });
  });
});
