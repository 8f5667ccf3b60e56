import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import { TotalsBlock } from './order-summary.tsx';

afterEach(cleanup);

const usd = (amount: number) => ({ amount, currencyCode: 'USD' });

it('says a care order leaves the monthly charge as it was, as the review did, not that the line now costs $0.00 a month', () => {
  render(<TotalsBlock totals={{ oneTime: [usd(0)], monthly: [usd(0)] }} />);
  expect(screen.getByText('No change')).toBeTruthy();
  expect(screen.queryByText(/\/mo/)).toBeNull();
  cleanup();

  render(<TotalsBlock totals={{ oneTime: [usd(799.99)], monthly: [usd(35)] }} />);
  expect(screen.getByText('$35.00/mo')).toBeTruthy();
  expect(screen.getByText('$799.99')).toBeTruthy();
});
