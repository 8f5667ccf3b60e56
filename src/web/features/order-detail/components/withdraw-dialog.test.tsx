import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { ApiProviders, description, longPastedReason } from '../../../lib/api-providers.test-utils.tsx';
import { WithdrawDialog } from './withdraw-dialog.tsx';

afterEach(cleanup);

it('keeps a pasted reason whole, says it is too long, and sends nothing', async () => {
  render(<WithdrawDialog orderId="42" open onClose={() => {}} onDone={() => {}} />, { wrapper: ApiProviders });
  const reason = screen.getByRole('textbox', { name: /Reason/ });
  await userEvent.click(reason);
  await userEvent.paste(longPastedReason);
  expect(reason).toHaveProperty('value', longPastedReason);
  expect(description(reason)).toMatch(/^Up to 1,000 characters/);
  await userEvent.click(screen.getByRole('button', { name: 'Withdraw order' }));
  // Refused in the form: still open, with the text as pasted.
  expect(screen.getByRole('dialog', { name: 'Withdraw order 42?' })).toBeTruthy();
  expect(reason).toHaveProperty('value', longPastedReason);
});
