import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { REASON_MAX_LENGTH } from '../../../../contract/index.ts';
import { ApiClientProvider } from '../../../lib/api-context.tsx';
import { createApiClient } from '../../../lib/api-client.ts';
import { WithdrawDialog } from '../../order-detail/components/withdraw-dialog.tsx';
import { DecisionDialog } from './decision-dialog.tsx';

afterEach(cleanup);

/** The dialogs' providers. Nothing here reaches a server: every submit below is refused in the form. */
function Providers({ children }: { children: ReactNode }) {
  const client = createApiClient({ getConnection: () => ({ baseUrl: 'http://127.0.0.1:9', tokenUrl: '/oauth/token', tenant: 'ACME', clientId: 'mobproc-web' }) });
  return (
    <QueryClientProvider client={new QueryClient()}>
      <ApiClientProvider value={client}>{children}</ApiClientProvider>
    </QueryClientProvider>
  );
}

/** The text an input's `aria-describedby` points at (its helper text). */
const description = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;

// What a person pastes: a reason longer than the server takes, ending in words that must not vanish.
const pasted = `${'The phone was stolen on the train and the police report is attached. '.repeat(15)}Last words.`;

describe('reasons are never cut', () => {
  it('the decision dialog keeps a pasted reason whole and says it is too long', async () => {
    expect(pasted.length).toBeGreaterThan(REASON_MAX_LENGTH);
    render(<DecisionDialog orderId="42" summary="Peter — Suspend a line." action="REJECT" onClose={() => {}} onDecided={() => {}} />, { wrapper: Providers });
    const reason = screen.getByRole('textbox', { name: /Reason/ });
    await userEvent.click(reason);
    await userEvent.paste(pasted);
    expect(reason).toHaveProperty('value', pasted);
    expect(description(reason)).toBe(`Up to 1,000 characters; this is ${pasted.length.toLocaleString('en-US')}.`);
    expect(reason.getAttribute('aria-invalid')).toBe('true');
  });

  it('the withdraw dialog keeps a pasted reason whole and says it is too long', async () => {
    render(<WithdrawDialog orderId="42" open onClose={() => {}} onDone={() => {}} />, { wrapper: Providers });
    const reason = screen.getByRole('textbox', { name: /Reason/ });
    await userEvent.click(reason);
    await userEvent.paste(pasted);
    expect(reason).toHaveProperty('value', pasted);
    expect(description(reason)).toMatch(/^Up to 1,000 characters/);
    await userEvent.click(screen.getByRole('button', { name: 'Withdraw order' }));
    // Refused in the form: still open, nothing sent, the text as pasted.
    expect(screen.getByRole('dialog', { name: 'Withdraw order 42?' })).toBeTruthy();
    expect(reason).toHaveProperty('value', pasted);
  });
});
