import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cancelRequest, orderRequestBody } from './index.ts';
import { fieldWords } from './messages.ts';

const messages = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];

describe('plain-words validation messages (every contract schema, and any schema a client builds)', () => {
  it('name the field in words and say what is expected', () => {
    expect(messages(cancelRequest, { reason: 'x'.repeat(1001) })).toEqual([['reason', 'Reason must be 1000 characters or fewer.']]);
    expect(messages(cancelRequest, { reason: false })).toEqual([['reason', 'Reason must be text.']]);
    const cart = messages(orderRequestBody, { orderRequest: { transactionType: 'nope', shoppingCart: { quantity: 2.5, accessoryIds: [''] } } });
    expect(cart).toContainEqual(['orderRequest.shoppingCart.quantity', 'Quantity must be a whole number.']);
    expect(cart).toContainEqual(['orderRequest.shoppingCart.accessoryIds.0', 'Accessory IDs (item 1) must not be empty.']);
    expect(cart.find(([field]) => field === 'orderRequest.transactionType')?.[1]).toMatch(/^Transaction type must be one of NEW_ACTIVATION, /);
  });

  it('apply to a form schema of the web app too', () => {
    const form = z.object({ carrierId: z.string(), quantity: z.number().int().min(1).max(50) });
    expect(messages(form, { quantity: 51 })).toEqual([
      ['carrierId', 'Carrier ID is required.'],
      ['quantity', 'Quantity must be 50 or less.'],
    ]);
    expect(messages(form, { carrierId: 'x', quantity: 0 })).toEqual([['quantity', 'Quantity must be 1 or more.']]);
  });

  it('turn member names into words', () => {
    expect(fieldWords('featureRequestComment')).toBe('Feature request comment');
    expect(fieldWords('simId')).toBe('SIM ID');
    expect(fieldWords('POSTAL_CODE')).toBe('Postal code');
  });
});
