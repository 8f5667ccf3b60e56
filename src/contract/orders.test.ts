import { describe, expect, it } from 'vitest';
import { approvalRequest, orderMemberRules, parseOrderRequestBody } from './orders.ts';
import { transactionTypes } from './reference.ts';

const fields = (raw: unknown) => {
  const result = parseOrderRequestBody(raw);
  return result.success ? [] : result.problems.map((problem) => `${problem.errorCode} ${problem.field}`);
};

describe('the order request body', () => {
  it('has a member table row for every transaction type', () => {
    expect(Object.keys(orderMemberRules).sort()).toEqual([...transactionTypes].sort());
  });

  it('reports shape errors and the member table together', () => {
    expect(fields({ orderRequest: { transactionType: 'SUSPEND', regionId: 5, shoppingCart: { deviceId: '1' } } })).toEqual([
      'INVALID_FIELD orderRequest.regionId',
      'MISSING_FIELD orderRequest.serviceId',
      'FIELD_NOT_ALLOWED orderRequest.regionId',
      'FIELD_NOT_ALLOWED orderRequest.shoppingCart.deviceId',
    ]);
  });

  it('needs a device or a plan for procurement, a quantity in range, and shipTo when something ships', () => {
    expect(fields({ orderRequest: { transactionType: 'NEW_ACTIVATION', regionId: '1', shoppingCart: { quantity: 0 } } })).toEqual([
      'MISSING_FIELD orderRequest.shoppingCart',
      'INVALID_FIELD orderRequest.shoppingCart.quantity',
    ]);
    expect(fields({ orderRequest: { transactionType: 'NEW_ACTIVATION', regionId: '1', shoppingCart: { deviceId: '1' } } })).toEqual([
      'MISSING_FIELD orderRequest.shipTo',
    ]);
    expect(fields({ orderRequest: { transactionType: 'XFER_SERVICE_IN', regionId: '1', currentVendorId: '1', shoppingCart: { planId: '1', quantity: 2 } } })).toEqual([
      'INVALID_FIELD orderRequest.shoppingCart.quantity',
    ]);
  });

  it('accepts region {id} for shipTo and ignores unknown members', () => {
    const result = parseOrderRequestBody({
      extra: true,
      orderRequest: {
        transactionType: 'ORDER_ACCESSORIES',
        serviceId: '7',
        shoppingCart: { accessoryIds: ['1'] },
        shipTo: { name: 'A', region: { id: '3' }, address: [{ id: 'LINE_1', value: 'x', label: 'ignored' }] },
        somethingElse: 1,
      },
    });
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.orderRequest.shipTo).toMatchObject({ regionId: '3', expedite: false });
  });

  it('names the body when it is not an object', () => {
    expect(fields(null)).toEqual(['INVALID_FIELD body']);
    expect(fields([])).toEqual(['INVALID_FIELD body']);
  });

  it('refuses UPDATE_FEATURES without changes or with one feature twice', () => {
    expect(fields({ orderRequest: { transactionType: 'UPDATE_FEATURES', serviceId: '1', shoppingCart: { features: [] } } })).toEqual([
      'MISSING_FIELD orderRequest.shoppingCart.features',
    ]);
    expect(
      fields({ orderRequest: { transactionType: 'UPDATE_FEATURES', serviceId: '1', shoppingCart: { features: [{ id: '1', action: 'ADD' }, { id: '1', action: 'REMOVE' }] } } }),
    ).toEqual(['INVALID_FIELD orderRequest.shoppingCart.features.1.id']);
  });
});

describe('approval request', () => {
  it('needs a reason to reject, not to approve', () => {
    expect(approvalRequest.safeParse({ action: 'APPROVE' }).success).toBe(true);
    const reject = approvalRequest.safeParse({ action: 'REJECT', reason: ' ' });
    expect(reject.success).toBe(false);
    expect(reject.error!.issues[0]!.path).toEqual(['reason']);
  });
});
