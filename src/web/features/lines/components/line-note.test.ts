import { describe, expect, it } from 'vitest';
import { lineNote } from './line-note.ts';
import { transactionType } from '../../../../contract/index.ts';

describe('lineNote', () => {
  it('does not claim an open order when a line offers nothing: restrictions or unknown types look the same', () => {
    const note = lineNote({ status: 'ACTIVE', orderActions: [] });
    expect(note).toBe('Nothing can be ordered for this line right now.');
    expect(note).not.toMatch(/open/i);
  });

  it('says nothing when the line offers an order, or is deactivated', () => {
    expect(lineNote({ status: 'ACTIVE', orderActions: [transactionType.enum.SUSPEND] })).toBeNull();
    expect(lineNote({ status: 'ACTIVE' })).toBeNull();
    expect(lineNote({ status: 'DEACTIVATED', orderActions: [] })).toBeNull();
  });
});
