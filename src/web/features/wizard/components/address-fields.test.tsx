import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { addressSchema } from '../../../../contract/dynamic.ts';
import type { AddressComponent } from '../../../../contract/reference.ts';
import { AddressFields, addressDefaults } from './address-fields.tsx';
import { FormHarness } from './form-harness.test-utils.tsx';

afterEach(cleanup);

const US_ZIP = '\\d{5}(-\\d{4})?';
const us: AddressComponent[] = [
  { id: 'LINE_1', label: 'Street address', minLength: 1, maxLength: 100, validation: 'REQUIRED' },
  { id: 'LINE_2', label: 'Apartment, suite, etc.', minLength: 0, maxLength: 100, validation: 'OPTIONAL' },
  { id: 'CITY', label: 'City', minLength: 1, maxLength: 50, validation: 'REQUIRED' },
  {
    id: 'STATE',
    label: 'State',
    minLength: 2,
    maxLength: 2,
    validation: 'REQUIRED',
    options: [
      { label: 'Oregon', value: 'OR' },
      { label: 'Washington', value: 'WA' },
    ],
  },
  { id: 'POSTAL_CODE', label: 'ZIP code', minLength: 5, maxLength: 10, validation: 'REQUIRED', pattern: '12345 or 12345-6789', regEx: US_ZIP },
];
const uk: AddressComponent[] = [
  { id: 'LINE_1', label: 'Address line 1', minLength: 1, maxLength: 100, validation: 'REQUIRED' },
  { id: 'CITY', label: 'Town or city', minLength: 1, maxLength: 50, validation: 'REQUIRED' },
  { id: 'POSTAL_CODE', label: 'Postcode', minLength: 5, maxLength: 8, validation: 'REQUIRED', regEx: '[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}' },
];

function renderForm(format: AddressComponent[], previous?: { id: string; value: string }[], onValid = vi.fn()) {
  render(
    <FormHarness schema={z.object({ address: addressSchema(format) })} defaultValues={{ address: addressDefaults(format, previous) }} onValid={onValid}>
      {(control) => <AddressFields format={format} control={control} name="address" />}
    </FormHarness>,
  );
  return onValid;
}

describe('AddressFields', () => {
  it("shows the region's components in its order, with its labels, STATE as a select, required marked", () => {
    renderForm(us);
    const labels = [...document.querySelectorAll('.MuiInputLabel-root')].map((label) => label.textContent?.replace(/[\s*\u2009]+$/, '').trim());
    expect(labels).toEqual(['Street address', 'Apartment, suite, etc.', 'City', 'State', 'ZIP code']);
    expect(screen.getByRole('combobox', { name: /State/ })).toBeTruthy();
    expect(screen.getByLabelText(/Street address/)).toHaveProperty('required', true);
    expect(screen.getByLabelText(/Apartment/)).toHaveProperty('required', false);
  });

  it('reports the contract’s address problems at each field and submits the lines once fixed', async () => {
    const user = userEvent.setup();
    const onValid = renderForm(us);
    await user.type(screen.getByLabelText(/ZIP code/), 'ABCDE');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Street address is required.')).toBeTruthy();
    expect(screen.getByText('City is required.')).toBeTruthy();
    expect(screen.getByText('State is required.')).toBeTruthy();
    expect(screen.getByText('ZIP code is not in the expected form (for example 12345 or 12345-6789).')).toBeTruthy();
    expect(onValid).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/Street address/), '1 Main Street');
    await user.type(screen.getByLabelText(/^City/), 'Seattle');
    await user.click(screen.getByRole('combobox', { name: /State/ }));
    await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: 'Washington' }));
    await user.clear(screen.getByLabelText(/ZIP code/));
    await user.type(screen.getByLabelText(/ZIP code/), '98101');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onValid).toHaveBeenCalledTimes(1));
    expect((onValid.mock.calls[0]![0] as { address: unknown }).address).toEqual([
      { id: 'LINE_1', value: '1 Main Street' },
      { id: 'CITY', value: 'Seattle' },
      { id: 'STATE', value: 'WA' },
      { id: 'POSTAL_CODE', value: '98101' },
    ]);
  });

  it('renders another region’s format (no state) and keeps matching values typed before', () => {
    renderForm(uk, [
      { id: 'LINE_1', value: '10 Downing Street' },
      { id: 'STATE', value: 'WA' },
    ]);
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getByLabelText(/Address line 1/)).toHaveProperty('value', '10 Downing Street');
    expect(screen.getByLabelText(/Postcode/)).toHaveProperty('value', '');
  });
});
