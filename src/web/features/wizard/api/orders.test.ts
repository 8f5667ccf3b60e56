import { describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../lib/api-client.ts';
import type { Extensions } from '../../../lib/extensions.ts';
import { findByReference, outcomeOfFailure } from '../model/submit-outcome.ts';
import { findPlacedOrder, submitOrder } from './orders.ts';
import { transactionType } from '../../../../contract/index.ts';

const connection = { baseUrl: 'http://server.test', tokenUrl: 'http://server.test/oauth/token', clientId: 'mobproc-web', tenant: 'GLOBEX' };
const body = { orderRequest: { transactionType: transactionType.enum.SUSPEND, serviceId: '4400', externalOrderNumber: 'WZ-ABCDEFGHJKMNPQ', properties: [] } };
const none: Extensions = new Set();
const withKey: Extensions = new Set(['idempotency-key', 'submitted-date-sort']);

function clientAnswering(answer: () => Promise<Response>) {
  const fetch = vi.fn((_input: RequestInfo | URL, _init?: RequestInit) => answer());
  return { fetch, client: createApiClient({ getConnection: () => connection, getAccessToken: async () => 'token', fetch }) };
}

describe('what a submit became', () => {
  it('a readable 2xx is the order, with its number', async () => {
    const { client } = clientAnswering(async () => Response.json({ status: 'SUCCESS', order: { orderId: '7700123', status: 'ORDER_SUBMITTED', shipTo: { address: [] } } }));
    expect(await submitOrder(client, body, 'key-1', none)).toMatchObject({ kind: 'placed', orderId: '7700123', status: 'ORDER_SUBMITTED' });
  });

  it('a 2xx whose answer cannot be read is still an order placed', async () => {
    const garbled = clientAnswering(async () => new Response('<html>ok</html>', { status: 200, headers: { 'Content-Type': 'text/html' } }));
    expect(await submitOrder(garbled.client, body, 'key-1', none)).toEqual({ kind: 'placed-unreadable', httpStatus: 200 });
    const numberless = clientAnswering(async () => Response.json({ status: 'SUCCESS', order: { status: 'ORDER_SUBMITTED' } }, { status: 201 }));
    expect(await submitOrder(numberless.client, body, 'key-1', none)).toEqual({ kind: 'placed-unreadable', httpStatus: 201 });
  });

  it('a 4xx is a refusal with its reasons; no answer or a 5xx is unknown', async () => {
    const refused = clientAnswering(async () => Response.json({ errorCode: '400-MISSING_FIELD', id: 'e1', message: 'A service is required.', status: 400 }, { status: 400 }));
    const outcome = await submitOrder(refused.client, body, 'key-1', none);
    expect(outcome.kind).toBe('refused');
    expect(outcome.kind === 'refused' && outcome.error.problems[0]!.message).toBe('A service is required.');
    const dropped = clientAnswering(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect((await submitOrder(dropped.client, body, 'key-1', none)).kind).toBe('unknown');
    const gateway = clientAnswering(async () => new Response('Bad gateway', { status: 502 }));
    expect((await submitOrder(gateway.client, body, 'key-1', none)).kind).toBe('unknown');
  });

  it('sends Idempotency-Key only to a server that announced it', async () => {
    const { client, fetch } = clientAnswering(async () => Response.json({ order: { orderId: '1' } }));
    await submitOrder(client, body, 'key-1', none);
    await submitOrder(client, body, 'key-2', withKey);
    const headers = fetch.mock.calls.map(([, init]) => init?.headers as Record<string, string>);
    expect(headers[0]).not.toHaveProperty('Idempotency-Key');
    expect(headers[1]).toHaveProperty('Idempotency-Key', 'key-2');
  });

  it('reads a thrown error the same way', () => {
    expect(outcomeOfFailure(new Error('boom')).kind).toBe('unknown');
  });
});

describe('looking for an order whose submit got no answer', () => {
  const orders = (items: unknown[]) => Response.json({ orders: { _meta: { limit: 20, offset: 0, totalCount: items.length }, items } });

  it("finds it among the account holder's newest orders by the draft's reference", async () => {
    const { client, fetch } = clientAnswering(async () =>
      orders([
        { orderId: '7700124', externalOrderNumber: 'WZ-OTHER' },
        { orderId: '7700123', externalOrderNumber: 'WZ-ABCDEFGHJKMNPQ PO-1182', status: 'ORDER_SUBMITTED' },
      ]),
    );
    const found = await findPlacedOrder(client, { employeeId: '5001', reference: 'WZ-ABCDEFGHJKMNPQ', extensions: none });
    expect(found?.orderId).toBe('7700123');
    const url = new URL(String(fetch.mock.calls[0]![0]));
    expect(url.searchParams.get('employee')).toBe('5001');
    // The vendor's own sort, newest first: SUBMITTED_DATE is an extension this server did not announce.
    expect(url.searchParams.get('sort')).toBe('UPDATED_DATE');
    expect(url.searchParams.get('sortAscending')).toBe('false');
  });

  it('says when it is not there, and fails loudly when it cannot ask', async () => {
    const empty = clientAnswering(async () => orders([]));
    expect(await findPlacedOrder(empty.client, { employeeId: '5001', reference: 'WZ-ABCDEFGHJKMNPQ', extensions: withKey })).toBeNull();
    const down = clientAnswering(async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(findPlacedOrder(down.client, { employeeId: '5001', reference: 'WZ-ABCDEFGHJKMNPQ', extensions: none })).rejects.toThrow();
  });

  it('matches only the reference at the start', () => {
    expect(findByReference([{ orderId: '1', externalOrderNumber: 'PO WZ-ABC' }], 'WZ-ABC')).toBeNull();
    expect(findByReference([{ orderId: '2', externalOrderNumber: ' WZ-ABC' }], 'WZ-ABC')?.orderId).toBe('2');
  });
});
