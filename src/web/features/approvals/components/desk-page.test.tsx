import { QueryClient, focusManager } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { transactionType } from '../../../../contract/reference.ts';
import { errorAnswer, fakeServerProviders, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { queryKeys } from '../../../lib/query-keys.ts';
import { afterDelegateChange } from '../api/delegate.ts';
import { DeskPage } from './desk-page.tsx';

afterEach(cleanup);

// The router applies a navigation in a transition; on a busy machine that takes more than waitFor's default second.
const settle = { timeout: 5000 };

const DAY = 86_400_000;
const person = (id: string, firstName: string, lastName: string) => ({ id, firstName, lastName });
const barbara = person('1002', 'Barbara', 'Andrews');
const ines = person('2001', 'Ines', 'Okoro');
const tomas = person('2002', 'Tomas', 'Lindqvist');
const harbor = { id: 'v1', name: 'Harbor Mobile' };
const ridge = { id: 'v2', name: 'Ridgeline Wireless' };

function queued(orderId: string, holder: typeof ines, type: string, vendor: typeof harbor, price: number, daysAgo: number, justification?: string) {
  return {
    orderId,
    transactionType: type,
    status: 'AWAITING_APPROVAL',
    accountHolder: holder,
    requestedBy: holder,
    dateSubmitted: new Date(Date.now() - daysAgo * DAY).toISOString(),
    justification,
    pendingApprovalLevel: 1,
    approvers: [{ level: 1, employee: barbara, decision: 'PENDING' }],
    orderSegments: {
      items: [{ orderSegmentId: `${orderId}-1`, vendor, device: price ? { id: 'd1', name: 'Fieldphone 7', price: { amount: price, currencyCode: 'USD', recurrence: 'ONETIME' } } : null }],
    },
  };
}

const queue = [
  queued('501', ines, transactionType.enum.NEW_ACTIVATION, harbor, 1249, 10, 'Covers the on-call rota'),
  queued('502', tomas, transactionType.enum.UPGRADE, ridge, 349, 2),
  queued('503', ines, transactionType.enum.DEACTIVATE, harbor, 0, 0),
];

const page = (items: unknown[]) => ({ status: 200, body: { orders: { _meta: { totalCount: items.length, limit: 100, offset: 0 }, items } } });
const people = { authenticatedUser: { id: barbara.id }, actor: { id: barbara.id } };
const rowIds = () =>
  within(screen.getByRole('list', { name: 'Orders awaiting approval' }))
    .getAllByRole('listitem')
    .map((row) => /Order (\d+)/.exec(row.textContent ?? '')?.[1]);

it('reads its filters and sort from the URL and writes each change back to it', async () => {
  let search = '';
  const server: FakeServer = ({ url }) => (url.pathname.endsWith('/orders') ? page(queue) : errorAnswer(404, 'Not here'));
  render(<DeskPage approverId={barbara.id} actingFor={null} people={people} />, {
    wrapper: fakeServerProviders({ server, extensions: ['approval-rules'], path: '/approvals?carrier=v1&sort=cost-high', onLocation: (location) => (search = location.search) }),
  });

  // Harbor Mobile's orders only, dearest first; the justification and the wait are on the row.
  await screen.findByRole('list', { name: 'Orders awaiting approval' });
  expect(rowIds()).toEqual(['501', '503']);
  expect(screen.getByText('“Covers the on-call rota”')).toBeTruthy();
  expect(screen.getAllByText('waiting 10 days')).toHaveLength(1);
  expect(screen.getByText('3 orders are waiting; 2 match the filters.')).toBeTruthy();
  expect(screen.getByRole('combobox', { name: 'Carrier' }).textContent).toBe('Harbor Mobile');

  await userEvent.click(screen.getByRole('combobox', { name: 'Cost' }));
  await userEvent.click(await screen.findByRole('option', { name: '$1,000 or more one-time' }));
  await waitFor(() => expect(new URLSearchParams(search).get('cost')).toBe('1000-plus'), settle);
  expect(new URLSearchParams(search).get('carrier')).toBe('v1');
  expect(new URLSearchParams(search).get('sort')).toBe('cost-high');
  await waitFor(() => expect(rowIds()).toEqual(['501']), settle);

  await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
  await waitFor(() => expect(search).toBe('?sort=cost-high'), settle);
  await waitFor(() => expect(rowIds()).toEqual(['501', '502', '503']), settle);
});

it('rejects several orders with one reason, one request each, and says which failed; those stay selected', async () => {
  const decisions: { orderId: string; body: unknown }[] = [];
  const server: FakeServer = ({ method, url, body }) => {
    if (url.pathname.endsWith('/orders') && method === 'GET') return page(queue);
    const decided = /\/orders\/(\d+)\/approval$/.exec(url.pathname);
    if (decided && method === 'POST') {
      decisions.push({ orderId: decided[1]!, body });
      return decided[1] === '502' ? errorAnswer(403, 'You may not decide this order any more.') : { status: 200, body: { status: 'REJECTION_QUEUED' } };
    }
    return errorAnswer(404, 'Not here');
  };
  render(<DeskPage approverId={barbara.id} actingFor={null} people={people} />, { wrapper: fakeServerProviders({ server, extensions: ['approval-rules'], path: '/approvals' }) });

  await screen.findByRole('list', { name: 'Orders awaiting approval' });
  await userEvent.click(screen.getByRole('checkbox', { name: 'Select all shown' }));
  expect(screen.getByText('3 selected')).toBeTruthy();
  await userEvent.click(screen.getByRole('button', { name: 'Reject selected' }));
  const dialog = screen.getByRole('dialog', { name: 'Reject 3 orders' });
  await userEvent.click(within(dialog).getByRole('button', { name: 'Reject 3 orders' }));
  expect(within(dialog).getByText('Say why, so the requester knows what to change.')).toBeTruthy();
  expect(decisions).toEqual([]);
  await userEvent.type(within(dialog).getByRole('textbox', { name: /Reason/ }), 'Budget frozen until March');
  await userEvent.click(within(dialog).getByRole('button', { name: 'Reject 3 orders' }));

  const outcomes = await within(dialog).findByRole('list', { name: 'What became of each order' });
  expect(within(outcomes).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
    'Order 501: Rejected. The requester sees your reason on the order.',
    'Order 502: Not decided: You may not decide this order any more.',
    'Order 503: Rejected. The requester sees your reason on the order.',
  ]);
  expect(within(dialog).getByRole('status').textContent).toMatch(/^2 of 3 orders rejected; 1 not/);
  expect(decisions.map((decision) => decision.orderId).sort()).toEqual(['501', '502', '503']);
  for (const decision of decisions) expect(decision.body).toEqual({ action: 'REJECT', reason: 'Budget frozen until March' });

  await userEvent.click(within(dialog).getByRole('button', { name: 'Done' }));
  expect(screen.getByText('1 selected')).toBeTruthy();
  expect((screen.getByRole('checkbox', { name: 'Select order 502' }) as HTMLInputElement).checked).toBe(true);
});

it('names a bookmarked person who is not in the queue “Unknown person”, never by raw id, and clears the filter', async () => {
  let search = '';
  const server: FakeServer = ({ url }) => (url.pathname.endsWith('/orders') ? page(queue) : errorAnswer(404, 'Not here'));
  render(<DeskPage approverId={barbara.id} actingFor={null} people={people} />, {
    wrapper: fakeServerProviders({ server, extensions: ['approval-rules'], path: '/approvals?person=99999&carrier=v9', onLocation: (location) => (search = location.search) }),
  });
  expect(await screen.findByText('No orders match these filters')).toBeTruthy();
  expect(screen.getByRole('combobox', { name: 'Person' }).textContent).toBe('Unknown person');
  expect(screen.getByRole('combobox', { name: 'Carrier' }).textContent).toBe('Unknown carrier');
  expect(document.body.textContent).not.toContain('99999');

  await userEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]!);
  await waitFor(() => expect(search).toBe(''), settle);
  await waitFor(() => expect(rowIds()).toEqual(['501', '502', '503']), settle);
});

it('offers “Away? Let someone decide for you” only to someone who approves orders, and tells someone who does not that they do not', async () => {
  const server: FakeServer = ({ url }) =>
    url.pathname.endsWith('/orders') ? page([]) : url.pathname.endsWith('/me/approval-delegate') ? errorAnswer(404, 'None') : errorAnswer(404, 'Not here');
  const extensions = ['approval-rules', 'approval-delegates'];
  const { unmount } = render(<DeskPage approverId="1001" actingFor={null} people={{ ...people, isApprover: false }} />, {
    wrapper: fakeServerProviders({ server, extensions, path: '/approvals' }),
  });
  // Someone who never decides anything is told so, not that they are "all caught up".
  expect(await screen.findByText('Nothing to approve')).toBeTruthy();
  expect(screen.getByText('You do not approve orders.')).toBeTruthy();
  expect(screen.queryByText('All caught up')).toBeNull();
  expect(screen.queryByRole('region', { name: 'Away? Let someone decide for you' })).toBeNull();
  unmount();

  render(<DeskPage approverId={barbara.id} actingFor={null} people={{ ...people, isApprover: true }} />, { wrapper: fakeServerProviders({ server, extensions, path: '/approvals' }) });
  expect(await screen.findByRole('region', { name: 'Away? Let someone decide for you' })).toBeTruthy();
  expect(await screen.findByText('All caught up')).toBeTruthy();
});

it('a delegate’s queue asks again when its tab is shown: no event tells it of a delegation made or ended', async () => {
  let asked = 0;
  const server: FakeServer = ({ url }) => {
    if (url.pathname.endsWith('/orders')) {
      asked += 1;
      return page(asked === 1 ? [] : [{ ...queue[0], eligibleOnBehalfOf: barbara }]);
    }
    return errorAnswer(404, 'Not here');
  };
  render(<DeskPage approverId="1001" actingFor={null} people={{ authenticatedUser: { id: '1001' }, actor: { id: '1001' } }} />, {
    wrapper: fakeServerProviders({ server, extensions: ['approval-rules'], path: '/approvals', windowFocusRefetches: false }),
  });
  expect(await screen.findByText('All caught up')).toBeTruthy();
  // The person comes back to the tab after Barbara named them her delegate elsewhere.
  act(() => {
    focusManager.setFocused(false);
    focusManager.setFocused(true);
  });
  await waitFor(() => expect(rowIds()).toEqual(['501']), settle);
  expect(screen.getByText('On behalf of Barbara Andrews')).toBeTruthy();
  act(() => focusManager.setFocused(undefined));
});

it('a delegation made or ended here asks again for /me and every queue and badge', async () => {
  const queryClient = new QueryClient();
  queryClient.setQueryData(queryKeys.me(), { isApprover: false });
  queryClient.setQueryData(queryKeys.approvals.desk('1002'), { items: [] });
  queryClient.setQueryData(queryKeys.approvals.count('1002'), 0);
  await afterDelegateChange(queryClient, '1002', { delegateFor: [] });
  expect(queryClient.getQueryState(queryKeys.me())?.isInvalidated).toBe(true);
  expect(queryClient.getQueryState(queryKeys.approvals.desk('1002'))?.isInvalidated).toBe(true);
  expect(queryClient.getQueryState(queryKeys.approvals.count('1002'))?.isInvalidated).toBe(true);
  expect(queryClient.getQueryData(queryKeys.approvals.delegate('1002'))).toEqual({ delegateFor: [] });
});

it('a delegate refused in a bulk decision is told why for each order, beside the server’s words', async () => {
  const server: FakeServer = ({ method, url }) => {
    if (url.pathname.endsWith('/me')) return { status: 200, body: { authenticatedUser: { id: '1001' }, actor: { id: '1001' }, transactionTypes: [], isApprover: true } };
    if (url.pathname.endsWith('/orders') && method === 'GET') return page([{ ...queue[0], eligibleOnBehalfOf: barbara }]);
    if (url.pathname.endsWith('/approval') && method === 'POST') return errorAnswer(403, 'Only an approver of this order may decide it.');
    if (url.pathname.endsWith('/me/approval-delegate')) {
      return { status: 200, body: { delegateEmployeeId: null, from: null, until: null, delegate: null, active: false, delegateFor: [{ approver: barbara, from: '2999-01-04', until: '2999-01-08' }] } };
    }
    return errorAnswer(404, 'Not here');
  };
  render(<DeskPage approverId="1001" actingFor={null} people={{ authenticatedUser: { id: '1001' }, actor: { id: '1001' } }} />, {
    wrapper: fakeServerProviders({ server, extensions: ['approval-rules', 'approval-delegates'], path: '/approvals' }),
  });
  await screen.findByRole('list', { name: 'Orders awaiting approval' });
  await userEvent.click(screen.getByRole('checkbox', { name: 'Select order 501' }));
  await userEvent.click(screen.getByRole('button', { name: 'Approve selected' }));
  const dialog = screen.getByRole('dialog', { name: 'Approve 1 order' });
  await userEvent.click(within(dialog).getByRole('button', { name: 'Approve 1 order' }));
  const outcomes = await within(dialog).findByRole('list', { name: 'What became of each order' });
  expect(within(outcomes).getByRole('listitem').textContent).toMatch(
    /^Order 501: Not decided: You decide for Barbara Andrews only from .+2999; until then the orders are theirs\. The server said: Only an approver of this order may decide it\.$/,
  );
});
