import { describe, expect, it } from 'vitest';
import { pollDelay } from './order-detail.ts';

describe('order polling', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  it('stops once the order is final', () => {
    for (const status of ['COMPLETE', 'REJECTED', 'CANCELLED'] as const) expect(pollDelay({ status, updated: '2026-11-26T11:59:59Z' }, now)).toBe(false);
  });
  it('asks quickly right after a change and backs off to half a minute', () => {
    expect(pollDelay({ status: 'IN_PROGRESS', updated: '2026-11-26T11:59:59Z' }, now)).toBe(2_000);
    expect(pollDelay({ status: 'AWAITING_APPROVAL', updated: '2026-11-26T11:59:00Z' }, now)).toBe(12_000);
    expect(pollDelay({ status: 'AWAITING_APPROVAL', updated: '2026-11-26T09:00:00Z' }, now)).toBe(30_000);
  });
});
