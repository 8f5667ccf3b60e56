import { describe, expect, it, vi } from 'vitest';
import { LOOKUP_WINDOW_MS, lookUntilFound, nextLookupDelay, settleRefusal, type FoundOrder } from './submit-outcome.ts';

const order: FoundOrder = { orderId: '7001', externalOrderNumber: 'WZ-ABCDEFGHJKMNPQ' };

/** A clock that only moves when the code under test sleeps. */
function fakeTime(start: number) {
  let now = start;
  const pauses: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      pauses.push(ms);
      now += ms;
    },
    pauses,
  };
}

describe('nextLookupDelay', () => {
  it('asks at once, then doubles its pauses up to 15 s, and ends with a look-up at the end of the window', () => {
    const sentAt = 1_000_000;
    let now = sentAt + 1_000;
    const delays: number[] = [];
    for (let attempt = 0; ; attempt += 1) {
      const delay = nextLookupDelay(sentAt, now, attempt);
      if (delay === null) break;
      delays.push(delay);
      now += delay;
    }
    expect(delays).toEqual([0, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 14_000]);
    expect(now).toBe(sentAt + LOOKUP_WINDOW_MS);
  });

  it('looks once more, but waits no longer, for a draft sent longer ago than the window', () => {
    const sentAt = 1_000_000;
    expect(nextLookupDelay(sentAt, sentAt + LOOKUP_WINDOW_MS + 5_000, 0)).toBe(0);
    expect(nextLookupDelay(sentAt, sentAt + LOOKUP_WINDOW_MS + 5_000, 1)).toBeNull();
  });
});

describe('lookUntilFound', () => {
  it('does not take one empty look-up soon after sending as proof: it finds an order stored seconds later', async () => {
    const sentAt = 5_000_000;
    const time = fakeTime(sentAt + 1_000);
    // The server stores the slow submit 6 s after it was sent.
    const lookup = vi.fn(async () => (time.now() >= sentAt + 6_000 ? order : null));
    const result = await lookUntilFound({ sentAt, lookup, sleep: time.sleep, now: time.now });
    expect(result).toEqual({ kind: 'found', order });
    expect(lookup.mock.calls.length).toBeGreaterThan(1);
  });

  it('says not-found only once the window after the send is over', async () => {
    const sentAt = 5_000_000;
    const time = fakeTime(sentAt + 500);
    const lookup = vi.fn(async () => null);
    const result = await lookUntilFound({ sentAt, lookup, sleep: time.sleep, now: time.now });
    expect(result).toEqual({ kind: 'not-found' });
    expect(time.now()).toBeGreaterThanOrEqual(sentAt + LOOKUP_WINDOW_MS);
    expect(lookup).toHaveBeenCalledTimes(8);
  });

  it('stops at a failed look-up: nobody can tell yet', async () => {
    const time = fakeTime(0);
    const lookup = vi.fn().mockResolvedValueOnce(null).mockRejectedValueOnce(new Error('offline'));
    expect(await lookUntilFound({ sentAt: 0, lookup, sleep: time.sleep, now: time.now })).toEqual({ kind: 'failed' });
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it('answers nothing once its page is left', async () => {
    let left = false;
    const time = fakeTime(0);
    const lookup = vi.fn(async () => {
      left = true;
      return null;
    });
    expect(await lookUntilFound({ sentAt: 0, lookup, sleep: time.sleep, now: time.now, stopped: () => left })).toBeNull();
    expect(lookup).toHaveBeenCalledTimes(1);
  });
});

describe('settleRefusal', () => {
  it('shows the order a refused re-submit finds under its reference: the earlier send placed it', async () => {
    expect(await settleRefusal(true, async () => order)).toEqual({ kind: 'found', order });
  });

  it('keeps the refusal when nothing is found, the look-up fails, or the draft was never sent before', async () => {
    expect(await settleRefusal(true, async () => null)).toEqual({ kind: 'refused' });
    expect(await settleRefusal(true, () => Promise.reject(new Error('offline')))).toEqual({ kind: 'refused' });
    const lookup = vi.fn(async () => order);
    expect(await settleRefusal(false, lookup)).toEqual({ kind: 'refused' });
    expect(lookup).not.toHaveBeenCalled();
  });
});
