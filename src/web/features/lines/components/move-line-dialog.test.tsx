import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { employeeItem, errorAnswer, fakeServerProviders, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { MoveLineDialog } from './move-line-dialog.tsx';

afterEach(cleanup);

it('offers as new owner only people still with the company: not the service account (which holds no lines), nobody who left', async () => {
  const items = [employeeItem('1001', 'Owner'), employeeItem('2001', 'Ines'), employeeItem('9001', 'Service', { serviceAccount: true }), employeeItem('2002', 'Gone', { status: 'INACTIVE' })];
  const server: FakeServer = ({ url }) =>
    url.pathname.endsWith('/employees') ? { status: 200, body: { employees: { _meta: { totalCount: items.length, limit: 20, offset: 0 }, items } } } : errorAnswer(404, 'Not here');
  const line = { id: '5001', serviceNumber: '2065550120', employee: { id: '1001', firstName: 'Owner', lastName: 'Tester' } };
  render(<MoveLineDialog line={line} onClose={() => {}} onMoved={() => {}} />, { wrapper: fakeServerProviders({ server, extensions: [] }) });
  await userEvent.type(screen.getByRole('combobox', { name: /New owner/ }), 'te');
  await screen.findByRole('option', { name: /Ines Tester/ });
  expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Ines Tester']);
});
