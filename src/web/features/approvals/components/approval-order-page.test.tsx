import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { Route, Routes } from 'react-router';
import { transactionType } from '../../../../contract/reference.ts';
import { errorAnswer, fakeServerProviders, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { ApprovalOrderPage } from './approval-order-page.tsx';

afterEach(cleanup);

const barbara = { id: '1002', firstName: 'Barbara', lastName: 'Andrews' };
const nina = { id: '1005', firstName: 'Nina', lastName: 'Patel' };
const ines = { id: '2001', firstName: 'Ines', lastName: 'Okoro' };
const itMobility = { id: 'g1', name: 'IT Mobility' };
const meAs = (person: typeof barbara) => ({ authenticatedUser: person, actor: person, transactionTypes: [], isApprover: true });

/** A $1,249 phone: Barbara approved level 1, level 2 (IT Mobility) is open. */
const secondLevel = {
  orderId: '701',
  transactionType: transactionType.enum.NEW_ACTIVATION,
  status: 'AWAITING_APPROVAL',
  accountHolder: ines,
  requestedBy: ines,
  dateSubmitted: new Date(Date.now() - 86_400_000).toISOString(),
  pendingApprovalLevel: 2,
  approvers: [
    { level: 1, employee: barbara, decision: 'APPROVED', decidedBy: barbara, dateTime: new Date(Date.now() - 3_600_000).toISOString() },
    { level: 2, approverGroup: itMobility, decision: 'PENDING' },
  ],
};

function serve(me: ReturnType<typeof meAs>, order: unknown, eligible: unknown[]): FakeServer {
  return ({ url }) => {
    if (url.pathname.endsWith('/me')) return { status: 200, body: me };
    if (url.pathname.endsWith('/orders/701')) return { status: 200, body: { status: 'SUCCESS', order } };
    if (url.pathname.endsWith('/orders') && url.searchParams.get('eligibleToApproveEmployeeId') === me.actor.id) {
      return { status: 200, body: { orders: { _meta: { totalCount: eligible.length, limit: 100, offset: 0 }, items: eligible } } };
    }
    if (url.pathname.endsWith('/orders')) return { status: 200, body: { orders: { _meta: { totalCount: 0, limit: 50, offset: 0 }, items: [] } } };
    return errorAnswer(404, 'Not here');
  };
}

const renderPage = (server: FakeServer) =>
  render(
    <Routes>
      <Route path="/approvals/:orderId" element={<ApprovalOrderPage />} />
    </Routes>,
    { wrapper: fakeServerProviders({ server, extensions: ['approval-rules', 'request-info'], path: '/approvals/701' }) },
  );

it('offers no decision once the signed-in approver’s level is decided, and says what the order waits for', async () => {
  renderPage(serve(meAs(barbara), secondLevel, []));
  expect(await screen.findByText('Approved by Barbara Andrews: that level is decided. It now waits for IT Mobility.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Reject' })).toBeNull();
  expect(screen.queryByRole('button', { name: 'Ask a question' })).toBeNull();
});

it('offers the decision to whoever decides the open level now (a member of the group)', async () => {
  renderPage(serve(meAs(nina), secondLevel, [secondLevel]));
  expect(await screen.findByRole('button', { name: 'Approve' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Reject' })).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Ask a question' })).toBeTruthy();
});

it('says who decided a finished order instead of offering a decision', async () => {
  const rejected = {
    ...secondLevel,
    status: 'REJECTED',
    pendingApprovalLevel: null,
    approvers: [{ ...secondLevel.approvers[0], decision: 'REJECTED' }, secondLevel.approvers[1]],
  };
  renderPage(serve(meAs(nina), rejected, []));
  expect(await screen.findByText('This order is not waiting for approval any more: rejected by Barbara Andrews.')).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
});
