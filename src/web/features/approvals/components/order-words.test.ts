import { expect, it } from 'vitest';
import { transactionType } from '../../../../contract/reference.ts';
import { orderWhat } from './order-words.ts';

it('names the line once: a type that says "line" is followed by the number, others say "for line"', () => {
  expect(orderWhat({ orderId: '1', transactionType: transactionType.enum.DEACTIVATE, serviceNumber: '2065550122' })).toBe('Cancel line (206) 555-0122');
  expect(orderWhat({ orderId: '2', transactionType: transactionType.enum.UPGRADE, serviceNumber: '2065550122' })).toBe('Upgrade for line (206) 555-0122');
});
