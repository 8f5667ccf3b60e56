import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AcceptOrderConfirmation } from '../../../../../contract/accept.ts';
import { ConfirmationView } from './confirmation-view.tsx';
import { transactionType } from '../../../../../contract/index.ts';

// Sections read the wizard only for their Edit links; none of these confirmations need one.
vi.mock('../wizard-context.tsx', () => ({ useWizard: () => ({ goTo: () => undefined, steps: [] }) }));

afterEach(cleanup);

const show = (confirmation: AcceptOrderConfirmation) => render(<ConfirmationView confirmation={confirmation} showApproval={false} />);

describe('ConfirmationView', () => {
  it('leaves out the "For" section when the confirmation names no account holder', () => {
    show({ transactionType: transactionType.enum.SUSPEND, externalOrderNumber: 'WZ-TESTREFERENCE1' });
    expect(screen.queryByRole('region', { name: 'For' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Order' }).textContent).toContain('Order reference: WZ-TESTREFERENCE1');
  });

  it('says the server gave no prices, not that it computed them, when nothing has a price', () => {
    show({ transactionType: transactionType.enum.SUSPEND, accountHolder: { id: '5001', firstName: 'Ada', lastName: 'Quist' } });
    const total = screen.getByRole('region', { name: 'Total' });
    expect(total.textContent).toContain('The server gave no prices for this order.');
    expect(total.textContent).not.toMatch(/computed/i);
    expect(screen.getByRole('region', { name: 'For' }).textContent).toContain('Ada Quist');
  });

  it('shows $0.00 due now, as the summary does, when computed totals have only a monthly price', () => {
    show({
      transactionType: 'CHANGE_PLAN',
      shoppingCart: { plan: { id: '61', name: 'Business Talk 500', price: { amount: 40, currencyCode: 'USD', recurrence: 'MONTHLY' } } },
    });
    const total = screen.getByRole('region', { name: 'Total' });
    expect(total.textContent).toContain('Due now: $0.00');
    expect(total.textContent).toContain('Computed by this app from the item prices');
  });
});
