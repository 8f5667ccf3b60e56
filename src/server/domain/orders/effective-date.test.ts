import { describe, expect, it } from 'vitest';
import { effectiveDateOf, startOfDayIn } from './effective-date.ts';

describe('startOfDayIn', () => {
  it('is local midnight of that calendar day, in and out of daylight-saving time', () => {
    expect(startOfDayIn('2026-12-22', 'America/Los_Angeles').toISOString()).toBe('2026-12-22T08:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'America/Los_Angeles').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    // The day clocks go forward (at 02:00) still began at 00:00 standard time.
    expect(startOfDayIn('2026-03-08', 'America/Los_Angeles').toISOString()).toBe('2026-03-08T08:00:00.000Z');
    // …and the day after, in daylight time.
    expect(startOfDayIn('2026-03-09', 'America/Los_Angeles').toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(startOfDayIn('2026-07-01', 'Europe/London').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfDayIn('2026-01-15', 'Asia/Kolkata').toISOString()).toBe('2026-01-14T18:30:00.000Z');
  });
});

describe('effectiveDateOf', () => {
  it('takes the date of a PREFERRED_* DATE property and ignores other dates', () => {
    const date = (id: string, value: string) => ({ id, type: 'DATE' as const, date: `${value}T00:00:00Z` });
    expect(effectiveDateOf([{ groupId: 'G', fields: [date('CONTRACT_END', '2026-01-01'), date('PREFERRED_SUSPENSION_DATE', '2026-12-22')] }])).toBe('2026-12-22');
    expect(effectiveDateOf([{ groupId: 'G', fields: [date('CONTRACT_END', '2026-01-01')] }])).toBeUndefined();
  });
});
