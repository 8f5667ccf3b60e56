
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { Controller, useWatch, type Control, type UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import type { AcceptManufacturer as Manufacturer } from '../../../../../contract/accept.ts';
import { normalizeSerialNumber, normalizeSimId, serialNumberProblem, serialNumberTypes, simIdProblem, type SerialNumberType } from '../../../../../contract/serials.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { manufacturerQueryOptions } from '../../api/queries.ts';
import type { DeviceEntry } from '../../model/draft.ts';

export type Values = { existingDevice: DeviceEntry; newDevice: DeviceEntry };

export const emptyDevice: DeviceEntry = { manufacturerId: '', modelId: '', otherMakeModelName: '', serialType: 'IMEI', serialValue: '', simId: '' };

const serialTypeLabels: Record<SerialNumberType, string> = {
  IMEI: 'IMEI (15 digits)',
  MEID: 'MEID (14 hex characters)',
  ESN: 'ESN (8 hex or 11 digits)',
  CAP_CODE: 'CAP code',
  PIN: 'PIN',
  MSN: 'MSN',
  UNKNOWN: 'Other / unknown',
};

/** The contract's device rules (§4.2) for one entry: serial number by type, ICCID, "Other" needs a name. */
export function deviceEntrySchema(otherIds: Set<string>, withSim: boolean) {
  return z
    .object({
      manufacturerId: z.string().min(1, 'Choose the manufacturer.'),
      modelId: z.string().min(1, 'Choose the model.'),
      otherMakeModelName: z.string().max(100),
      serialType: z.enum(serialNumberTypes),
      serialValue: z.string().max(64),
      simId: z.string().max(40),
      assetId: z.string().optional(),
    })
    .superRefine((entry, ctx) => {
      if ((otherIds.has(entry.manufacturerId) || otherIds.has(entry.modelId)) && entry.otherMakeModelName.trim() === '') {
        ctx.addIssue({ code: 'custom', path: ['otherMakeModelName'], message: 'Enter the make and model.' });
      }
      const serialProblem = serialNumberProblem(entry.serialType, normalizeSerialNumber(entry.serialType, entry.serialValue));
      if (serialProblem) ctx.addIssue({ code: 'custom', path: ['serialValue'], message: serialProblem });
      if (withSim && entry.simId.trim() !== '') {
        const problem = simIdProblem(normalizeSimId(entry.simId));
        if (problem) ctx.addIssue({ code: 'custom', path: ['simId'], message: problem });
      }
    });
}

export function otherIdsOf(manufacturers: Manufacturer[] | undefined, models: { id: string; name: string }[]): Set<string> {
  const ids = new Set<string>();
  for (const manufacturer of manufacturers ?? []) if (manufacturer.name === 'Other') ids.add(manufacturer.id);
  for (const model of models) if (model.name === 'Other') ids.add(model.id);
  return ids;
}

export function DeviceFields({
  prefix,
  control,
  form,
  manufacturers,
  withSim,
  readOnly,
}: {
  prefix: 'existingDevice' | 'newDevice';
  control: Control<Values>;
  form: UseFormReturn<Values>;
  manufacturers: Manufacturer[];
  withSim: boolean;
  readOnly?: boolean;
}) {
  const client = useApiClient();
  const manufacturerId = useWatch({ control, name: `${prefix}.manufacturerId` });
  const modelId = useWatch({ control, name: `${prefix}.modelId` });
  const models = useQuery({ ...manufacturerQueryOptions(client, manufacturerId), enabled: Boolean(manufacturerId) });
  const otherIds = otherIdsOf(manufacturers, models.data?.models ?? []);
  const needsName = otherIds.has(manufacturerId) || otherIds.has(modelId);
  const label = prefix === 'existingDevice' ? 'Current device' : 'New device';

  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, sm: 6 }}>
        <Controller
          control={control}
          name={`${prefix}.manufacturerId`}
          render={({ field, fieldState }) => (
            <TextField
              select
              fullWidth
              required
              label={`${label}: manufacturer`}
              {...field}
              onChange={(event) => {
                field.onChange(event);
                form.setValue(`${prefix}.modelId`, '');
              }}
              disabled={readOnly}
              error={Boolean(fieldState.error)}
              helperText={fieldState.error?.message}
            >
              {manufacturers.map((manufacturer) => (
                <MenuItem key={manufacturer.id} value={manufacturer.id}>
                  {manufacturer.name}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 6 }}>
        <Controller
          control={control}
          name={`${prefix}.modelId`}
          render={({ field, fieldState }) => (
            <TextField
              select
              fullWidth
              required
              label={`${label}: model`}
              {...field}
              value={models.data ? field.value : ''}
              disabled={readOnly || !manufacturerId || !models.data}
              error={Boolean(fieldState.error)}
              helperText={fieldState.error?.message ?? (models.isPending && manufacturerId ? 'Loading models…' : undefined)}
            >
              {(models.data?.models ?? []).map((model) => (
                <MenuItem key={model.id} value={model.id}>
                  {model.name}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Grid>
      {needsName && (
        <Grid size={12}>
          <Controller
            control={control}
            name={`${prefix}.otherMakeModelName`}
            render={({ field, fieldState }) => (
              <TextField fullWidth required label={`${label}: make and model`} {...field} error={Boolean(fieldState.error)} helperText={fieldState.error?.message} />
            )}
          />
        </Grid>
      )}
      <Grid size={{ xs: 12, sm: 5 }}>
        <Controller
          control={control}
          name={`${prefix}.serialType`}
          render={({ field }) => (
            <TextField
              select
              fullWidth
              label={`${label}: serial number type`}
              {...field}
              disabled={readOnly}
              onChange={(event) => {
                field.onChange(event);
                if (form.getValues(`${prefix}.serialValue`)) void form.trigger(`${prefix}.serialValue`);
              }}
            >
              {serialNumberTypes.map((type) => (
                <MenuItem key={type} value={type}>
                  {serialTypeLabels[type]}
                </MenuItem>
              ))}
            </TextField>
          )}
        />
      </Grid>
      <Grid size={{ xs: 12, sm: 7 }}>
        <Controller
          control={control}
          name={`${prefix}.serialValue`}
          render={({ field, fieldState }) => (
            <TextField
              fullWidth
              required
              label={`${label}: serial number`}
              {...field}
              disabled={readOnly}
              autoComplete="off"
              error={Boolean(fieldState.error)}
              helperText={fieldState.error?.message ?? 'On the box, or dial *#06#.'}
              slotProps={{ htmlInput: { spellCheck: false } }}
            />
          )}
        />
      </Grid>
      {withSim && (
        <Grid size={12}>
          <Controller
            control={control}
            name={`${prefix}.simId`}
            render={({ field, fieldState }) => (
              <TextField
                fullWidth
                label={`${label}: SIM ID (ICCID, optional)`}
                {...field}
                autoComplete="off"
                error={Boolean(fieldState.error)}
                helperText={fieldState.error?.message ?? '19 or 20 digits; spaces are fine.'}
                slotProps={{ htmlInput: { inputMode: 'numeric' } }}
              />
            )}
          />
        </Grid>
      )}
    </Grid>
  );
}

/** UPGRADE: the current device (prefilled from the line). SWAP_DEVICES: current device and the spare one to move to. */
