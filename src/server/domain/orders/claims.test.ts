import { describe, expect, it } from 'vitest';
import { numberTakenMessage } from './claims.ts';

describe('a number taken by an open order', () => {
  it('names the order to its own company only: another company’s order numbers are not the caller’s to see', () => {
    const open = { id: 4711, tenantId: 2 };
    expect(numberTakenMessage('(206) 555-0199', open, 2)).toBe('(206) 555-0199 is already being brought in by open order 4711; a number can be brought in once.');
    const elsewhere = numberTakenMessage('(206) 555-0199', open, 1);
    expect(elsewhere).toBe('(206) 555-0199 is already being brought in by another open order; a number can be brought in once.');
    expect(elsewhere).not.toContain('4711');
  });
});
