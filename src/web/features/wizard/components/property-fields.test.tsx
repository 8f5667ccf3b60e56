import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { propertiesSchema } from '../../../../contract/dynamic.ts';
import type { OrderPropertyFieldGroup } from '../../../../contract/properties.ts';
import { FormHarness } from './form-harness.test-utils.tsx';
import { PropertyFields, propertyDefaults, propertyInputName } from './property-fields.tsx';

afterEach(cleanup);

/** Definitions in the shape `/orders/properties` sends (MOBPROC §4.3). */
const groups: OrderPropertyFieldGroup[] = [
  {
    groupId: 'ORDER_DETAILS',
    fields: [
      { id: 'PREFERRED_SUSPENSION_DATE', label: 'Preferred suspension date', type: 'DATE', validation: 'REQUIRED', pattern: 'mm/dd/yyyy' },
      {
        id: 'Reason',
        label: 'Reason for suspension',
        type: 'CHOICE',
        validation: 'REQUIRED',
        choices: [
          { id: 'LEAVE', label: 'Leave of absence', isOther: false },
          { id: 'OTHER', label: 'Other (please describe)', isOther: true },
        ],
      },
      {
        id: 'HOLD_SERVICE',
        label: 'Keep the number',
        type: 'CHOICE',
        validation: 'OPTIONAL',
        choice: { id: 'HOLD' },
        choices: [
          { id: 'HOLD', label: 'Yes, hold it', isOther: false },
          { id: 'RELEASE', label: 'Release it', isOther: false },
        ],
      },
    ],
  },
  {
    groupId: 'CONTACT_DETAILS',
    fields: [
      { id: 'CONTACT_NUMBER', label: 'Contact number', type: 'TEXT', validation: 'REQUIRED', regEx: '^\\+?(?:\\d ?){9,14}\\d$', pattern: '+1 206 555 0142', text: '+1 206 555 0100' },
      { id: 'CONTACT_NUMBER_EXT', label: 'Extension', type: 'TEXT', validation: 'OPTIONAL', maxLength: 6, regEx: '^\\d{1,6}$' },
    ],
  },
];

function renderForm(onValid = vi.fn()) {
  render(
    <FormHarness schema={z.object({ properties: propertiesSchema(groups) })} defaultValues={{ properties: propertyDefaults(groups, undefined) }} onValid={onValid}>
      {(control) => <PropertyFields groups={groups} control={control} />}
    </FormHarness>,
  );
  return onValid;
}

describe('PropertyFields', () => {
  it('renders every definition with its label, the right input, required marks and defaults', () => {
    renderForm();
    const date = screen.getByLabelText(/Preferred suspension date/);
    expect(date).toHaveProperty('type', 'date');
    expect(date).toHaveProperty('required', true);
    expect(screen.getByRole('combobox', { name: /Reason for suspension/ })).toBeTruthy();
    // The server's default choice and text are prefilled.
    expect(screen.getByRole('combobox', { name: /Keep the number/ }).textContent).toContain('Yes, hold it');
    expect(screen.getByLabelText(/Contact number/)).toHaveProperty('value', '+1 206 555 0100');
    expect(screen.getByLabelText(/Extension/)).toHaveProperty('required', false);
  });

  it('shows the contract’s problems at their fields and submits the wire form once they are fixed', async () => {
    const user = userEvent.setup();
    const onValid = renderForm();
    await user.clear(screen.getByLabelText(/Contact number/));
    await user.type(screen.getByLabelText(/Contact number/), '12');
    await user.type(screen.getByLabelText(/Extension/), 'abc');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    expect(await screen.findByText('Preferred suspension date is required.')).toBeTruthy();
    expect(screen.getByText('Reason for suspension is required.')).toBeTruthy();
    expect(screen.getByText(/Contact number is not in the expected form \(for example \+1 206 555 0142\)/)).toBeTruthy();
    expect(screen.getByText(/Extension is not in the expected form/)).toBeTruthy();
    expect(screen.getByLabelText(/Contact number/).getAttribute('aria-invalid')).toBe('true');
    expect(onValid).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText(/Preferred suspension date/), '2026-12-22');
    await user.click(screen.getByRole('combobox', { name: /Reason for suspension/ }));
    await user.click(await screen.findByRole('option', { name: 'Leave of absence' }));
    await user.clear(screen.getByLabelText(/Contact number/));
    await user.type(screen.getByLabelText(/Contact number/), '+1 206 555 0199');
    await user.clear(screen.getByLabelText(/Extension/));
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onValid).toHaveBeenCalledTimes(1));
    const { properties } = onValid.mock.calls[0]![0] as { properties: { groupId: string; fields: Record<string, unknown>[] }[] };
    expect(properties[0]!.fields).toEqual([
      { id: 'PREFERRED_SUSPENSION_DATE', type: 'DATE', date: '2026-12-22T00:00:00Z' },
      { id: 'Reason', type: 'CHOICE', choice: { id: 'LEAVE' } },
      { id: 'HOLD_SERVICE', type: 'CHOICE', choice: { id: 'HOLD' } },
    ]);
    expect(properties[1]!.fields[0]).toEqual({ id: 'CONTACT_NUMBER', type: 'TEXT', text: '+1 206 555 0199' });
  });

  it('reveals a required text field for the "other" choice', async () => {
    const user = userEvent.setup();
    const onValid = renderForm();
    expect(screen.queryByLabelText(/please describe/)).toBeNull();
    await user.type(screen.getByLabelText(/Preferred suspension date/), '2026-12-22');
    await user.click(screen.getByRole('combobox', { name: /Reason for suspension/ }));
    await user.click(await screen.findByRole('option', { name: 'Other (please describe)' }));
    // Labelled once: an option that already asks for a description is not asked about twice.
    const other = await screen.findByRole('textbox', { name: /^Reason for suspension: Other \(please describe\)\s*\*?$/ });
    expect(other).toHaveProperty('required', true);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Reason for suspension: describe "Other (please describe)".')).toBeTruthy();

    await user.type(other, 'Sabbatical');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onValid).toHaveBeenCalledTimes(1));
    const { properties } = onValid.mock.calls[0]![0] as { properties: { fields: Record<string, unknown>[] }[] };
    expect(properties[0]!.fields[1]).toEqual({ id: 'Reason', type: 'CHOICE', choice: { id: 'OTHER', otherText: 'Sabbatical' } });
  });

  it('keeps earlier answers over defaults and names each value’s input for server errors', () => {
    const values = propertyDefaults(groups, [{ groupId: 'CONTACT_DETAILS', fields: [{ id: 'CONTACT_NUMBER', type: 'TEXT', text: '+44 7700 900123' }] }]);
    expect(values[1]!.fields[0]!.text).toBe('+44 7700 900123');
    expect(propertyInputName(groups, 'CONTACT_DETAILS', 'CONTACT_NUMBER')).toBe('properties.1.fields.0.text');
    expect(propertyInputName(groups, 'ORDER_DETAILS', 'Reason')).toBe('properties.0.fields.1.choice.id');
    expect(propertyInputName(groups, 'ORDER_DETAILS', 'NOPE')).toBeNull();
  });
});
