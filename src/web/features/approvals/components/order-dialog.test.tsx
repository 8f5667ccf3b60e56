import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { transactionType } from '../../../../contract/reference.ts';
import { errorAnswer, fakeServerProviders, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { OrderDialog } from './order-dialog.tsx';

afterEach(cleanup);

const barbara = { id: '1002', firstName: 'Barbara', lastName: 'Andrews' };
const nina = { id: '1005', firstName: 'Nina', lastName: 'Patel' };
const ines = { id: '2001', firstName: 'Ines', lastName: 'Okoro', email: 'ines.okoro@example.test' };
const itMobility = { id: 'g1', name: 'IT Mobility' };
const ninaMe = { authenticatedUser: nina, actor: nina, transactionTypes: [], isApprover: true, actAs: [] };
const barbaraMe = { authenticatedUser: barbara, actor: barbara, transactionTypes: [], isApprover: true, actAs: [ines] };

const queued = {
  orderId: '801',
  transactionType: transactionType.enum.NEW_ACTIVATION,
  status: 'AWAITING_APPROVAL',
  updated: '2026-11-30T10:00:00Z',
  accountHolder: ines,
  requestedBy: ines,
  pendingApprovalLevel: 2,
  approvers: [
    { level: 1, employee: barbara, decision: 'APPROVED', decidedBy: barbara, dateTime: '2026-11-30T08:00:00Z' },
    { level: 2, approverGroup: itMobility, decision: 'PENDING' },
  ],
};
const history = [
  { dateTime: '2026-11-29T09:00:00Z', status: 'AWAITING_APPROVAL', description: 'Submitted by Ines Okoro. Awaiting approval by Barbara Andrews.', actor: ines },
  { dateTime: '2026-11-29T12:00:00Z', status: 'INFO_REQUESTED', description: 'Barbara Andrews asked for more information: Why not a refurbished phone?', actor: barbara },
  { dateTime: '2026-11-29T15:00:00Z', status: 'AWAITING_APPROVAL', description: 'Ines Okoro answered: The refurbished ones lack eSIM. Awaiting approval by Barbara Andrews again.', actor: ines },
  { dateTime: '2026-11-30T08:00:00Z', status: 'AWAITING_APPROVAL', description: 'Approved by Barbara Andrews (level 1 of 2). Now awaiting approval by IT Mobility.', actor: barbara },
];

function serve(me: unknown, lines: unknown[]): FakeServer {
  return ({ url }) => {
    if (url.pathname.endsWith('/me')) return { status: 200, body: me };
    if (url.pathname.endsWith('/orders/801/history')) return { status: 200, body: { history } };
    if (url.pathname.endsWith('/orders/801')) return { status: 200, body: { status: 'SUCCESS', order: queued } };
    if (url.pathname.endsWith('/orders')) return { status: 200, body: { orders: { _meta: { totalCount: 1, limit: 100, offset: 0 }, items: [queued] } } };
    if (url.pathname.endsWith('/assets/services')) return { status: 200, body: { services: { _meta: { totalCount: lines.length, limit: 20, offset: 0 }, items: lines } } };
    return errorAnswer(404, 'Not here');
  };
}

const open = (server: FakeServer, people: { authenticatedUser: { id: string }; actor: { id: string } }, extensions = ['approval-rules', 'request-info', 'act-as']) =>
  render(<OrderDialog queued={queued} people={people} canAsk onClose={() => {}} onDecide={() => {}} />, {
    wrapper: fakeServerProviders({ server, extensions }),
  });

it('tells a group member she cannot see the person’s lines rather than that they have none', async () => {
  open(serve(ninaMe, []), ninaMe);
  const lines = await screen.findByRole('region', { name: 'Ines Okoro’s lines' });
  expect(await within(lines).findByText('You can’t see Ines Okoro’s lines.')).toBeTruthy();
  expect(within(lines).queryByText('No lines yet.')).toBeNull();
  expect(within(lines).queryByText('No lines.')).toBeNull();
});

it('says “No lines.” only to someone who sees the person’s lines', async () => {
  open(serve(barbaraMe, []), barbaraMe);
  const lines = await screen.findByRole('region', { name: 'Ines Okoro’s lines' });
  expect(await within(lines).findByText('No lines.')).toBeTruthy();
});

it('where /me comes without actAs (act-as-search), asks the act-for search whether the person is in sight', async () => {
  const { actAs: _left, ...barbaraWithoutList } = barbaraMe;
  const searched: string[] = [];
  const base = serve(barbaraWithoutList, []);
  const server: FakeServer = (request) => {
    if (request.url.pathname.endsWith('/me/act-as')) {
      searched.push(request.url.searchParams.get('search') ?? '');
      return { status: 200, body: { employees: { _meta: { totalCount: 1, limit: 20, offset: 0 }, items: [ines] } } };
    }
    return base(request);
  };
  render(<OrderDialog queued={queued} people={barbaraWithoutList} canAsk onClose={() => {}} onDecide={() => {}} />, {
    wrapper: fakeServerProviders({ server, extensions: ['approval-rules', 'request-info', 'act-as', 'act-as-search'] }),
  });
  const lines = await screen.findByRole('region', { name: 'Ines Okoro’s lines' });
  expect(await within(lines).findByText('No lines.')).toBeTruthy();
  const others = screen.getByRole('region', { name: 'Ines Okoro’s other open orders' });
  expect(await within(others).findByText('None.')).toBeTruthy();
  expect(searched).toEqual(['ines.okoro@example.test']);
});

it('shows each question an approver asked and the answer it got', async () => {
  open(serve(ninaMe, []), ninaMe);
  const rounds = await screen.findByRole('list', { name: 'Questions and answers' });
  const texts = within(rounds)
    .getAllByRole('listitem')
    .map((item) => item.textContent ?? '');
  expect(texts).toHaveLength(1);
  expect(texts[0]).toContain('Barbara Andrews asked for more information: Why not a refurbished phone?');
  expect(texts[0]).toContain('Ines Okoro answered: The refurbished ones lack eSIM.');
  // Nina decides the open level (her group's): the decision is offered.
  expect(await screen.findByRole('button', { name: 'Approve' })).toBeTruthy();
});

it('shows the justification line only for an order that asks for one: a deactivation, which never does, shows the reason it states', async () => {
  const deactivation = {
    ...queued,
    orderId: '802',
    transactionType: transactionType.enum.DEACTIVATE as string,
    pendingApprovalLevel: 1,
    approvers: [{ level: 1, employee: barbara, decision: 'PENDING' }],
    properties: [{ groupId: 'ORDER_DETAILS', fields: [{ id: 'Reason', label: 'Reason for deactivation', type: 'CHOICE', choice: { id: 'NO_LONGER_NEEDED', label: 'Line no longer needed' } }] }],
  };
  const server = (order: typeof deactivation): FakeServer => ({ url }) => {
    if (url.pathname.endsWith('/me')) return { status: 200, body: barbaraMe };
    if (url.pathname.endsWith(`/orders/${order.orderId}/history`)) return { status: 200, body: { history: [] } };
    if (url.pathname.endsWith(`/orders/${order.orderId}`)) return { status: 200, body: { status: 'SUCCESS', order } };
    if (url.pathname.endsWith('/orders')) return { status: 200, body: { orders: { _meta: { totalCount: 1, limit: 100, offset: 0 }, items: [order] } } };
    if (url.pathname.endsWith('/assets/services')) return { status: 200, body: { services: { _meta: { totalCount: 0, limit: 20, offset: 0 }, items: [] } } };
    return errorAnswer(404, 'Not here');
  };
  const show = (order: typeof deactivation) =>
    render(<OrderDialog queued={order} people={barbaraMe} canAsk onClose={() => {}} onDecide={() => {}} />, {
      wrapper: fakeServerProviders({ server: server(order), extensions: ['approval-rules', 'request-info', 'act-as'] }),
    });

  show(deactivation);
  await screen.findByRole('region', { name: 'Approval levels' });
  await screen.findByRole('region', { name: 'Ines Okoro’s lines' });
  expect(screen.queryByRole('region', { name: 'Justification' })).toBeNull();
  expect(screen.queryByText('The requester gave none.')).toBeNull();
  // What it gives instead: the reason the order states for itself.
  expect(within(screen.getByRole('region', { name: 'Reason for deactivation' })).getByText('Line no longer needed')).toBeTruthy();
  cleanup();

  // A new line asks why the company should pay: there, having no answer is worth saying.
  show({ ...deactivation, orderId: '803', transactionType: transactionType.enum.NEW_ACTIVATION });
  const justification = await screen.findByRole('region', { name: 'Justification' });
  expect(within(justification).getByText('The requester gave none.')).toBeTruthy();
});
