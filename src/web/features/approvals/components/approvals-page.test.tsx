import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { transactionType } from '../../../../contract/reference.ts';
import { errorAnswer, fakeServerProviders, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { ApprovalsPage } from './approvals-page.tsx';

afterEach(cleanup);

const barbara = { id: '1002', firstName: 'Barbara', lastName: 'Andrews' };
const ines = { id: '2001', firstName: 'Ines', lastName: 'Okoro' };
const me = { authenticatedUser: barbara, actor: barbara, transactionTypes: [], isApprover: true };
const waiting = {
  orderId: '601',
  transactionType: transactionType.enum.DEACTIVATE,
  status: 'AWAITING_APPROVAL',
  accountHolder: ines,
  requestedBy: ines,
  dateSubmitted: new Date(Date.now() - 10 * 86_400_000 - 3_600_000).toISOString(),
  approvers: [{ level: 1, employee: barbara, decision: 'PENDING' }],
};
const server: FakeServer = ({ url }) => {
  if (url.pathname.endsWith('/me')) return { status: 200, body: me };
  if (url.pathname.endsWith('/orders')) return { status: 200, body: { orders: { _meta: { totalCount: 1, limit: 20, offset: 0 }, items: [waiting] } } };
  return errorAnswer(404, 'Not here');
};

it('against a server without approval-rules, shows the plain queue: no filters, no selection, no away panel', async () => {
  render(<ApprovalsPage />, { wrapper: fakeServerProviders({ server, extensions: [], path: '/approvals' }) });
  expect(await screen.findByRole('list', { name: 'Orders awaiting approval' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Approve order 601' })).toBeTruthy();
  expect(screen.queryByRole('form', { name: 'Filter the queue' })).toBeNull();
  expect(screen.queryByRole('checkbox', { name: 'Select order 601' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Ask about order 601' })).toBeNull();
  expect(screen.queryByRole('region', { name: 'Away? Let someone decide for you' })).toBeNull();
});

it('against a server that announces them, shows the desk', async () => {
  render(<ApprovalsPage />, { wrapper: fakeServerProviders({ server, extensions: ['approval-rules', 'request-info'], path: '/approvals' }) });
  expect(await screen.findByRole('form', { name: 'Filter the queue' })).toBeTruthy();
  expect(screen.getByRole('checkbox', { name: 'Select order 601' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Ask about order 601' })).toBeTruthy();
  expect(screen.getByText('waiting 10 days', { exact: false })).toBeTruthy();
});
