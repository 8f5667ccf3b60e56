import { beforeAll, describe, expect, it } from 'vitest';
import type * as Format from './format.ts';

let format: typeof Format;

beforeAll(async () => {
  // A reader west of UTC, where an instant late in the UTC evening is still the day before;
  // set before the module makes its formatters.
  process.env.TZ = 'America/Los_Angeles';
  format = await import('./format.ts');
});

describe('formatWhen', () => {
  it('shows the day of a moment where the reader is', () => {
    // 03:00 UTC on 1 December is 19:00 on 30 November in Los Angeles.
    expect(format.formatWhen('2026-12-01T03:00:00Z', 'moment-day')).toBe('Nov 30, 2026');
    expect(format.formatWhen('2026-12-01T03:00:00Z', 'moment')).toMatch(/^Nov 30, 2026.*7:00\sPM$/);
  });

  it('shows a calendar date as written, whatever its time part or offset', () => {
    expect(format.formatWhen('2026-12-22T00:00:00Z', 'calendar-date')).toBe('Dec 22, 2026');
    expect(format.formatWhen('2026-12-22T00:00:00-05:00', 'calendar-date')).toBe('Dec 22, 2026');
    expect(format.formatWhen('2026-12-22', 'calendar-date')).toBe('Dec 22, 2026');
  });

  it('shows text that is no date as it came', () => {
    expect(format.formatWhen('soon', 'moment')).toBe('soon');
    expect(format.formatWhen('soon', 'calendar-date')).toBe('soon');
  });
});

describe('service numbers', () => {
  it('are written one way: (628) 208-0004 for North American numbers, others as they came', () => {
    for (const written of ['6282080004', '+1 628 208 0004', '1-628-208-0004', '(628) 208-0004']) {
      expect(format.formatServiceNumber(written)).toBe('(628) 208-0004');
    }
    expect(format.formatServiceNumber('07700900123')).toBe('07700900123');
    expect(format.formatServiceNumber('+44 7700 900123')).toBe('+44 7700 900123');
  });

  it('are searched by their digits in either form; a name stays a name', () => {
    expect(format.serviceNumberSearch('(628) 208')).toBe('628208');
    expect(format.serviceNumberSearch(' 628-208-0004 ')).toBe('6282080004');
    expect(format.serviceNumberSearch('+1 628 208 0004')).toBe('6282080004');
    expect(format.serviceNumberSearch('  Peter ')).toBe('Peter');
  });

  it('drop a North American country code however it is written, and keep the digits of a part', () => {
    for (const written of ['+12065550122', '1-206-555-0122', '1 (206) 555-0122', '12065550122']) expect(format.serviceNumberSearch(written), written).toBe('2065550122');
    expect(format.serviceNumberSearch('+1 206')).toBe('206');
    expect(format.serviceNumberSearch('555-01')).toBe('55501');
    // A country code alone narrows nothing yet: every line stays listed while one types on.
    expect(format.serviceNumberSearch('+1')).toBe('');
    expect(format.serviceNumberSearch('+44 20 7946 0958')).toBe('442079460958');
  });
});

describe('formatWaiting', () => {
  const now = Date.parse('2026-12-10T12:00:00Z');
  it('counts whole days since the moment', () => {
    expect(format.formatWaiting('2026-12-10T01:00:00Z', now)).toBe('waiting less than a day');
    expect(format.formatWaiting('2026-12-09T11:00:00Z', now)).toBe('waiting 1 day');
    expect(format.formatWaiting('2026-12-01T12:00:00Z', now)).toBe('waiting 9 days');
  });
  it('says nothing for what is no date, and never counts backwards', () => {
    expect(format.formatWaiting('soon', now)).toBe('');
    expect(format.daysSince('2026-12-11T12:00:00Z', now)).toBe(0);
  });
});
