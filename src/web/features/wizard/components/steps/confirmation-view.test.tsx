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
  it('shows a secret the server does not answer back (redacted) masked under its label, so people see it was given', () => {
    show({
      transactionType: transactionType.enum.PORT_NUMBER,
      properties: [{ groupId: 'ORDER_DETAILS', fields: [{ id: 'PIN_PASSWORD', label: 'Port-out PIN', type: 'TEXT', redacted: true }] }],
    });
    const details = screen.getByRole('region', { name: 'Details' }).textContent ?? '';
    expect(details).toContain('Port-out PIN: •••• (hidden)');
    expect(details).not.toContain('None given');
  });

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

  it('with quantity 2, says so and marks every item price as each (accessories and plan features too)', () => {
    show({
      transactionType: transactionType.enum.NEW_ACTIVATION,
      shoppingCart: {
        quantity: 2,
        device: { id: '7', name: 'Pixel 9', price: { amount: 799, currencyCode: 'USD' } },
        plan: {
          id: '61',
          name: 'Business Unlimited',
          price: { amount: 60, currencyCode: 'USD', recurrence: 'MONTHLY' },
          optionalFeatures: [{ id: '9', description: 'Hotspot', price: { amount: 10, currencyCode: 'USD', recurrence: 'MONTHLY' } }],
        },
        accessories: [{ id: '3', name: 'Rugged case', price: { amount: 39.99, currencyCode: 'USD' } }],
      },
    });
    const items = screen.getByRole('region', { name: 'Items' }).textContent ?? '';
    expect(items).toContain('Quantity: 2 of everything below');
    expect(items).toContain('Rugged case × 2');
    expect(items).toContain('$39.99 each');
    expect(items).toContain('Hotspot × 2');
    expect(items).toContain('$10.00/mo each');
    expect(items).toContain('$799.00 each');
  });

  it('says "No change" for the monthly total when the order keeps the plan, not $0.00/mo', () => {
    show({ transactionType: transactionType.enum.DEACTIVATE, shoppingCart: {} });
    expect(screen.getByRole('region', { name: 'Total' }).textContent).toContain('Monthly: No change');
    expect(screen.getByRole('region', { name: 'Total' }).textContent).not.toContain('$0.00/mo');
  });
});
