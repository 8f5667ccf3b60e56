import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { REASON_MAX_LENGTH } from '../../../../contract/index.ts';
import { description, errorAnswer, fakeServerProviders, longPastedReason, type FakeServer } from '../../../lib/api-providers.test-utils.tsx';
import { DecisionDialog } from './decision-dialog.tsx';

afterEach(cleanup);

it('keeps a pasted reason whole and says it is too long, instead of cutting it', async () => {
  expect(longPastedReason.length).toBeGreaterThan(REASON_MAX_LENGTH);
  render(<DecisionDialog orderId="42" summary="Peter — Suspend a line." action="REJECT" onClose={() => {}} onDecided={() => {}} />, {
    wrapper: fakeServerProviders({ server: () => errorAnswer(404, 'Not here') }),
  });
  const reason = screen.getByRole('textbox', { name: /Reason/ });
  await userEvent.click(reason);
  await userEvent.paste(longPastedReason);
  expect(reason).toHaveProperty('value', longPastedReason);
  expect(description(reason)).toBe(`Up to 1,000 characters; this is ${longPastedReason.length.toLocaleString('en-US')}.`);
  expect(reason.getAttribute('aria-invalid')).toBe('true');
});

it('when the server refuses a delegate’s decision, says why (the window ended) beside the server’s own words', async () => {
  const barbara = { id: '1002', firstName: 'Barbara', lastName: 'Andrews' };
  const peter = { id: '1001', firstName: 'Peter', lastName: 'Edwards' };
  const server: FakeServer = ({ url, method }) => {
    if (url.pathname.endsWith('/me')) return { status: 200, body: { authenticatedUser: peter, actor: peter, transactionTypes: [], isApprover: true } };
    if (url.pathname.endsWith('/orders/42/approval') && method === 'POST') return errorAnswer(403, 'Only an approver of this order may decide it.');
    // Barbara ended the delegation: Peter is nobody's delegate any more.
    if (url.pathname.endsWith('/me/approval-delegate')) return { status: 200, body: { delegateEmployeeId: null, from: null, until: null, delegate: null, active: false, delegateFor: [] } };
    return errorAnswer(404, 'Not here');
  };
  render(<DecisionDialog orderId="42" summary="Ines — New line." action="APPROVE" behalf={barbara} onClose={() => {}} onDecided={() => {}} />, {
    wrapper: fakeServerProviders({ server, extensions: ['approval-rules', 'approval-delegates'] }),
  });
  await userEvent.click(screen.getByRole('button', { name: 'Approve order' }));
  await waitFor(() =>
    expect(screen.getByRole('alert').textContent).toBe(
      'Barbara Andrews no longer has you as their approval delegate, so their orders are not yours to decide. The server said: Only an approver of this order may decide it.',
    ),
  );
});
