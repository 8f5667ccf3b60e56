import VisibilityIcon from '@mui/icons-material/Visibility';
import VisibilityOffIcon from '@mui/icons-material/VisibilityOff';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { Controller, useWatch, type Control, type FieldValues, type Path } from 'react-hook-form';
import type { OrderPropertyField, OrderPropertyFieldGroup } from '../../../../contract/properties.ts';
import type { PropertyGroupValues } from '../model/draft.ts';

type WithProperties = { properties: PropertyGroupValues };

/**
 * Form values for a set of property definitions: one entry per field, in definition order (so
 * validation paths and the request's indices match), taking earlier answers, then the server's
 * defaults.
 */
export function propertyDefaults(groups: OrderPropertyFieldGroup[], previous: PropertyGroupValues | undefined): PropertyGroupValues {
  return groups.map((group) => ({
    groupId: group.groupId,
    fields: group.fields.map((field) => {
      const earlier = previous?.find((candidate) => candidate.groupId === group.groupId)?.fields.find((candidate) => candidate.id === field.id);
      if (field.type === 'DATE') return { id: field.id, type: 'DATE' as const, date: (earlier?.date ?? field.date ?? '').slice(0, 10) };
      if (field.type === 'CHOICE') {
        const choice = earlier?.choice ?? field.choice;
        return { id: field.id, type: 'CHOICE' as const, choice: { id: choice?.id ?? '', otherText: choice?.otherText ?? '' } };
      }
      return { id: field.id, type: 'TEXT' as const, text: earlier?.text ?? field.text ?? '' };
    }),
  }));
}

/** The form field name of one property's value, for showing an error at it. */
export function propertyInputName(groups: OrderPropertyFieldGroup[], groupId: string, fieldId: string): string | null {
  const gi = groups.findIndex((group) => group.groupId === groupId);
  const fi = gi < 0 ? -1 : (groups[gi]?.fields.findIndex((field) => field.id === fieldId) ?? -1);
  if (fi < 0) return null;
  const field = groups[gi]!.fields[fi]!;
  const leaf = field.type === 'DATE' ? 'date' : field.type === 'CHOICE' ? 'choice.id' : 'text';
  return `properties.${gi}.fields.${fi}.${leaf}`;
}

function hint(field: OrderPropertyField): string | undefined {
  if (field.pattern) return `For example ${field.pattern}`;
  if (field.maxLength) return `Up to ${field.maxLength} characters`;
  return undefined;
}

function ChoiceField<T extends FieldValues>({ field, base, control }: { field: OrderPropertyField; base: string; control: Control<T> }) {
  const chosen = useWatch({ control, name: `${base}.choice.id` as Path<T> }) as string | undefined;
  const other = field.choices?.find((choice) => choice.isOther);
  return (
    <>
      <Controller
        control={control}
        name={`${base}.choice.id` as Path<T>}
        render={({ field: input, fieldState }) => (
          <TextField
            select
            fullWidth
            label={field.label}
            required={field.validation === 'REQUIRED'}
            {...input}
            value={input.value ?? ''}
            error={Boolean(fieldState.error)}
            helperText={fieldState.error?.message}
          >
            {field.validation === 'OPTIONAL' && (
              <MenuItem value="">
                <em>None</em>
              </MenuItem>
            )}
            {(field.choices ?? []).map((choice) => (
              <MenuItem key={choice.id} value={choice.id}>
                {choice.label}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
      {other && chosen === other.id && (
        <Controller
          control={control}
          name={`${base}.choice.otherText` as Path<T>}
          render={({ field: input, fieldState }) => (
            <TextField
              fullWidth
              required
              label={/describe/i.test(other.label) ? `${field.label}: ${other.label}` : `${field.label}: ${other.label}, please describe`}
              {...input}
              value={input.value ?? ''}
              error={Boolean(fieldState.error)}
              helperText={fieldState.error?.message}
            />
          )}
        />
      )}
    </>
  );
}

/**
 * A `sensitive: true` TEXT field (a PIN): masked while typed, with a labelled toggle button to show
 * it; the browser is asked not to offer or remember it.
 */
function SensitiveField<T extends FieldValues>({ field, name, control }: { field: OrderPropertyField; name: Path<T>; control: Control<T> }) {
  const [shown, setShown] = useState(false);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field: input, fieldState }) => (
        <TextField
          fullWidth
          label={field.label}
          type={shown ? 'text' : 'password'}
          required={field.validation === 'REQUIRED'}
          {...input}
          value={input.value ?? ''}
          error={Boolean(fieldState.error)}
          helperText={fieldState.error?.message ?? 'Kept only until you submit; not saved with your draft.'}
          autoComplete="off"
          slotProps={{
            htmlInput: { autoCapitalize: 'off', spellCheck: false },
            input: {
              endAdornment: (
                <InputAdornment position="end">
                  <IconButton
                    onClick={() => setShown((value) => !value)}
                    aria-label={`Show ${field.label}`}
                    aria-pressed={shown}
                    edge="end"
                  >
                    {shown ? <VisibilityOffIcon /> : <VisibilityIcon />}
                  </IconButton>
                </InputAdornment>
              ),
            },
          }}
        />
      )}
    />
  );
}

/**
 * The order properties form of MOBPROC §4.3, rendered from `/orders/properties`: TEXT, DATE (a
 * date input) and CHOICE (with "other" revealing a text field); required fields marked; sensitive
 * TEXT fields masked. Lives in
 * a react-hook-form whose values have `properties` (see `propertyDefaults`) and which validates
 * with the contract's `propertiesSchema`.
 */
export function PropertyFields<T extends FieldValues & WithProperties>({
  groups,
  control,
}: {
  groups: OrderPropertyFieldGroup[];
  control: Control<T>;
}) {
  return (
    <Stack spacing={2.5}>
      {groups.map((group, gi) => (
        <Stack key={group.groupId} spacing={2} component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
          {group.fields.map((field, fi) => {
            const base = `properties.${gi}.fields.${fi}`;
            if (field.type === 'CHOICE') return <ChoiceField key={field.id} field={field} base={base} control={control} />;
            if (field.type === 'TEXT' && field.sensitive) return <SensitiveField key={field.id} field={field} name={`${base}.text` as Path<T>} control={control} />;
            const isDate = field.type === 'DATE';
            return (
              <Controller
                key={field.id}
                control={control}
                name={`${base}.${isDate ? 'date' : 'text'}` as Path<T>}
                render={({ field: input, fieldState }) => (
                  <TextField
                    fullWidth
                    label={field.label}
                    type={isDate ? 'date' : 'text'}
                    required={field.validation === 'REQUIRED'}
                    {...input}
                    value={input.value ?? ''}
                    error={Boolean(fieldState.error)}
                    helperText={fieldState.error?.message ?? (isDate ? undefined : hint(field))}
                    slotProps={{ inputLabel: isDate ? { shrink: true } : undefined }}
                  />
                )}
              />
            );
          })}
        </Stack>
      ))}
    </Stack>
  );
}
