import { expect, it } from 'vitest';
import { addDays, awayForm, MOST_DAYS_AWAY } from './away-panel.tsx';

const ines = { id: '2001', firstName: 'Ines' };
const today = '2026-11-30';
const problems = (until: string) => {
  const result = awayForm('1002', today).safeParse({ delegate: ines, from: today, until });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

it('takes a last day up to 366 days from today, as the server does, and says so beyond it', () => {
  expect(MOST_DAYS_AWAY).toBe(366);
  expect(addDays(today, MOST_DAYS_AWAY)).toBe('2027-12-01');
  expect(problems('2027-12-01')).toEqual([]);
  expect(problems('2027-12-02')).toHaveLength(1);
  expect(problems('2027-12-02')[0]).toMatch(/^until: A delegation lasts at most a year: choose .+ or earlier\.$/);
  expect(problems('2099-01-01')).toHaveLength(1);
});

it('counts calendar days across month and leap-year ends', () => {
  expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
});
