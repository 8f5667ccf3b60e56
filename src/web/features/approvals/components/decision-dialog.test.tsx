import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { REASON_MAX_LENGTH } from '../../../../contract/index.ts';
import { ApiProviders, description, longPastedReason } from '../../../lib/api-providers.test-utils.tsx';
import { DecisionDialog } from './decision-dialog.tsx';

afterEach(cleanup);

it('keeps a pasted reason whole and says it is too long, instead of cutting it', async () => {
  expect(longPastedReason.length).toBeGreaterThan(REASON_MAX_LENGTH);
  render(<DecisionDialog orderId="42" summary="Peter — Suspend a line." action="REJECT" onClose={() => {}} onDecided={() => {}} />, { wrapper: ApiProviders });
  const reason = screen.getByRole('textbox', { name: /Reason/ });
  await userEvent.click(reason);
  await userEvent.paste(longPastedReason);
  expect(reason).toHaveProperty('value', longPastedReason);
  expect(description(reason)).toBe(`Up to 1,000 characters; this is ${longPastedReason.length.toLocaleString('en-US')}.`);
  expect(reason.getAttribute('aria-invalid')).toBe('true');
});
