import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import type { AddressComponentDefinition as AddressComponent } from '../../../../contract/dynamic.ts';

type Line = { id: string; value: string };

/** One entry per component of the format, in its order, keeping values given before (by id). */
export function addressDefaults(format: AddressComponent[], previous: Line[] | undefined): Line[] {
  return format.map((component) => ({ id: component.id, value: previous?.find((line) => line.id === component.id)?.value ?? '' }));
}

const autoComplete: Record<string, string> = {
  LINE_1: 'address-line1',
  LINE_2: 'address-line2',
  LINE_3: 'address-line3',
  CITY: 'address-level2',
  STATE: 'address-level1',
  POSTAL_CODE: 'postal-code',
};

/**
 * An address in the region's own `addressFormat`: its components in its order, with its labels;
 * a component with options (STATE) is a select. Values live at `<name>.<index>.value` and are
 * validated with the contract's `addressSchema`.
 */
export function AddressFields<T extends FieldValues>({
  format,
  control,
  name,
}: {
  format: AddressComponent[];
  control: Control<T>;
  name: string;
}) {
  return (
    <Grid container spacing={2}>
      {format.map((component, index) => {
        const short = component.id === 'STATE' || component.id === 'POSTAL_CODE';
        return (
          <Grid key={component.id} size={{ xs: 12, sm: short ? 6 : 12 }}>
            <Controller
              control={control}
              name={`${name}.${index}.value` as Path<T>}
              render={({ field, fieldState }) =>
                component.options && component.options.length > 0 ? (
                  <TextField
                    select
                    fullWidth
                    label={component.label}
                    required={component.validation === 'REQUIRED'}
                    {...field}
                    value={field.value ?? ''}
                    error={Boolean(fieldState.error)}
                    helperText={fieldState.error?.message}
                    slotProps={{ htmlInput: { autoComplete: autoComplete[component.id] } }}
                  >
                    {component.options.map((option) => (
                      <MenuItem key={option.value} value={option.value}>
                        {option.label}
                      </MenuItem>
                    ))}
                  </TextField>
                ) : (
                  <TextField
                    fullWidth
                    label={component.label}
                    required={component.validation === 'REQUIRED'}
                    {...field}
                    value={field.value ?? ''}
                    autoComplete={autoComplete[component.id]}
                    error={Boolean(fieldState.error)}
                    helperText={fieldState.error?.message ?? (component.pattern ? `For example ${component.pattern}` : undefined)}
                  />
                )
              }
            />
          </Grid>
        );
      })}
    </Grid>
  );
}
