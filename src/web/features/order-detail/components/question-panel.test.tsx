import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { errorAnswer, fakeServerProviders, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { QuestionPanel } from './question-panel.tsx';

afterEach(cleanup);

const barbara = { id: '1002', firstName: 'Barbara', lastName: 'Andrews' };
const asked = {
  orderId: '77',
  status: 'INFO_REQUESTED',
  approvers: [
    { level: 1, employee: barbara, decision: 'INFO_REQUESTED', reason: 'Is the case included?', dateTime: '2026-11-30T10:00:00Z', decidedBy: barbara },
    { level: 2, approverGroup: { id: '1', name: 'IT Mobility' }, decision: 'PENDING' },
  ],
};

it('shows the question, refuses an empty answer, and sends the answer to /orders/{id}/info', async () => {
  const sent: unknown[] = [];
  const server: FakeServer = ({ method, url, body }) => {
    if (method === 'POST' && url.pathname.endsWith('/orders/77/info')) {
      sent.push(body);
      return { status: 200, body: { status: 'SUCCESS', order: { ...asked, status: 'AWAITING_APPROVAL' } } };
    }
    return errorAnswer(404, 'Not here');
  };
  render(<QuestionPanel order={asked} canAnswer />, { wrapper: fakeServerProviders({ server, extensions: ['request-info'] }) });

  const panel = screen.getByRole('region', { name: 'Barbara Andrews asks you a question' });
  expect(within(panel).getByText('Is the case included?')).toBeTruthy();
  await userEvent.click(within(panel).getByRole('button', { name: 'Send answer' }));
  expect(await within(panel).findByText('Write your answer to the question.')).toBeTruthy();
  expect(sent).toEqual([]);

  await userEvent.type(within(panel).getByRole('textbox', { name: /Your answer/ }), '  Yes, a rugged case.  ');
  await userEvent.click(within(panel).getByRole('button', { name: 'Send answer' }));
  await waitFor(() => expect(sent).toEqual([{ answer: 'Yes, a rugged case.' }]));
});
