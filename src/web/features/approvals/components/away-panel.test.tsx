import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { addCalendarDays, APPROVAL_DELEGATE_MAX_DAYS } from '../../../../contract/approvals.ts';
import { employeeItem, errorAnswer, fakeServerProviders, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { AwayPanel, awayForm, localToday } from './away-panel.tsx';

afterEach(cleanup);

const ines = { id: '2001', firstName: 'Ines' };
const today = '2026-11-30';
const problems = (until: string) => {
  const result = awayForm('1002', today).safeParse({ delegate: ines, from: today, until });
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

it('takes a last day up to 366 days from today, as the server does, and says so beyond it', () => {
  expect(APPROVAL_DELEGATE_MAX_DAYS).toBe(366);
  expect(addCalendarDays(today, APPROVAL_DELEGATE_MAX_DAYS)).toBe('2027-12-01');
  expect(problems('2027-12-01')).toEqual([]);
  expect(problems('2027-12-02')).toHaveLength(1);
  expect(problems('2027-12-02')[0]).toMatch(/^until: A delegation lasts at most a year: choose .+ or earlier\.$/);
  expect(problems('2099-01-01')).toHaveLength(1);
});

it('counts calendar days across month and leap-year ends', () => {
  expect(addCalendarDays('2027-02-28', 1)).toBe('2027-03-01');
  expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
  expect(addCalendarDays('2027-12-31', 1)).toBe('2028-01-01');
});

it('counts the window from the company’s today as the server gives it, not the browser’s', async () => {
  // A day the browser is not on: the company is in another time zone.
  const companyToday = addCalendarDays(localToday(), 1);
  const server: FakeServer = ({ url }) => {
    if (url.pathname.endsWith('/me/approval-delegate')) {
      return { status: 200, body: { delegateEmployeeId: null, from: null, until: null, delegate: null, active: false, delegateFor: [], today: companyToday } };
    }
    if (url.pathname.endsWith('/employees')) return { status: 200, body: { employees: { _meta: { totalCount: 0, limit: 20, offset: 0 }, items: [] } } };
    return errorAnswer(404, 'Not here');
  };
  render(<AwayPanel selfId="1002" />, { wrapper: fakeServerProviders({ server, extensions: ['approval-rules', 'approval-delegates'] }) });
  await userEvent.click(await screen.findByRole('button', { name: 'Choose someone' }));
  expect(screen.getByLabelText(/^First day/)).toHaveProperty('value', companyToday);
  expect(screen.getByLabelText(/^Last day/).getAttribute('max')).toBe(addCalendarDays(companyToday, APPROVAL_DELEGATE_MAX_DAYS));
});

it('offers as delegate only colleagues who can sign in and decide: no service account, nobody who left', async () => {
  const items = [employeeItem('2001', 'Ines'), employeeItem('9001', 'Service', { serviceAccount: true }), employeeItem('2002', 'Gone', { status: 'INACTIVE' })];
  const server: FakeServer = ({ url }) => {
    if (url.pathname.endsWith('/me/approval-delegate')) {
      return { status: 200, body: { delegateEmployeeId: null, from: null, until: null, delegate: null, active: false, delegateFor: [], today } };
    }
    if (url.pathname.endsWith('/employees')) return { status: 200, body: { employees: { _meta: { totalCount: items.length, limit: 20, offset: 0 }, items } } };
    return errorAnswer(404, 'Not here');
  };
  render(<AwayPanel selfId="1002" />, { wrapper: fakeServerProviders({ server, extensions: ['approval-rules', 'approval-delegates'] }) });
  await userEvent.click(await screen.findByRole('button', { name: 'Choose someone' }));
  await userEvent.type(screen.getByRole('combobox', { name: /Who decides for you/ }), 'te');
  await screen.findByRole('option', { name: /Ines Tester/ });
  expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Ines Tester']);
});
