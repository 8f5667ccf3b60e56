import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch, type Control, type Resolver, type UseFormReturn } from 'react-hook-form';
import { z } from 'zod';
import type { AcceptManufacturer as Manufacturer } from '../../../../../contract/accept.ts';
import {
  normalizeSerialNumber,
  normalizeSimId,
  serialNumberProblem,
  serialNumberTypes,
  simIdProblem,
  type SerialNumberType,
} from '../../../../../contract/serials.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { manufacturerQueryOptions, manufacturersQueryOptions, spareDevicesQueryOptions } from '../../api/queries.ts';
import type { DeviceEntry } from '../../model/draft.ts';
import { LoadError, StepFrame } from '../step-frame.tsx';
import { useServerErrors } from '../use-server-errors.ts';
import { useWizard } from '../wizard-context.tsx';
import { deviceName } from './service-step.tsx';

type Values = { existingDevice: DeviceEntry; newDevice: DeviceEntry };

const emptyDevice: DeviceEntry = { manufacturerId: '', modelId: '', otherMakeModelName: '', serialType: 'IMEI', serialValue: '', simId: '' };

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
function deviceEntrySchema(otherIds: Set<string>, withSim: boolean) {
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

function otherIdsOf(manufacturers: Manufacturer[] | undefined, models: { id: string; name: string }[]): Set<string> {
  const ids = new Set<string>();
  for (const manufacturer of manufacturers ?? []) if (manufacturer.name === 'Other') ids.add(manufacturer.id);
  for (const model of models) if (model.name === 'Other') ids.add(model.id);
  return ids;
}

function DeviceFields({
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
export function DevicesStep() {
  const { draft, me, complete } = useWizard();
  const client = useApiClient();
  const isSwap = draft.transactionType === 'SWAP_DEVICES';
  const manufacturers = useQuery(manufacturersQueryOptions(client));
  const spare = useQuery({ ...spareDevicesQueryOptions(client, me.actor.id), enabled: isSwap });
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    mode: 'onChange',
    defaultValues: { existingDevice: draft.existingDevice ?? emptyDevice, newDevice: draft.newDevice ?? emptyDevice },
    // "Other" manufacturers and models need a free-text name; which ids those are is data (§3).
    resolver: async (values, context, options) => {
      const otherIds = async (entry: DeviceEntry) => {
        const all = await queryClient.ensureQueryData(manufacturersQueryOptions(client));
        const models = entry.manufacturerId ? ((await queryClient.ensureQueryData(manufacturerQueryOptions(client, entry.manufacturerId))).models ?? []) : [];
        return otherIdsOf(all.manufacturers, models);
      };
      const existingDevice = deviceEntrySchema(await otherIds(values.existingDevice), true);
      const schema = isSwap
        ? z.object({
            existingDevice,
            newDevice: deviceEntrySchema(await otherIds(values.newDevice), false).refine((entry) => Boolean(entry.assetId), {
              message: 'Choose the device to move the line to.',
              path: ['assetId'],
            }),
          })
        : z.object({ existingDevice });
      return (zodResolver(schema) as unknown as Resolver<Values>)(values, context, options);
    },
  });
  useServerErrors(form, {
    'existingDevice.manufacturerId': 'existingDevice.manufacturerId',
    'existingDevice.modelId': 'existingDevice.modelId',
    'existingDevice.otherMakeModelName': 'existingDevice.otherMakeModelName',
    'existingDevice.serialNumber': 'existingDevice.serialValue',
    'existingDevice.serialNumber.value': 'existingDevice.serialValue',
    'existingDevice.serialNumber.type': 'existingDevice.serialType',
    'existingDevice.simId': 'existingDevice.simId',
    existingDevice: 'existingDevice.serialValue',
    newDevice: 'newDevice.assetId',
    'newDevice.serialNumber': 'newDevice.assetId',
    'newDevice.serialNumber.value': 'newDevice.assetId',
  });
  const chosenAsset = useWatch({ control: form.control, name: 'newDevice.assetId' });

  function onSubmit(values: Values) {
    complete((current) => ({ ...current, existingDevice: values.existingDevice, newDevice: isSwap ? values.newDevice : undefined }), { changed: true });
  }

  return (
    <StepFrame
      title={isSwap ? 'Which devices?' : 'Your current device'}
      intro={isSwap ? 'The line moves from your current device to one you already have.' : 'Filled in from your line; correct it if it is wrong.'}
      formId="devices-form"
    >
      <Stack component="form" id="devices-form" noValidate spacing={3} onSubmit={form.handleSubmit(onSubmit)}>
        {manufacturers.isPending && <Skeleton variant="rounded" height={160} aria-label="Loading manufacturers" />}
        {manufacturers.isError && <LoadError error={manufacturers.error} retry={() => void manufacturers.refetch()} what="the manufacturers" />}
        {manufacturers.isSuccess && (
          <section aria-labelledby="existing-heading">
            <Typography id="existing-heading" variant="h2" sx={{ fontSize: '1.15rem', mb: 1.5 }}>
              Current device
            </Typography>
            <DeviceFields prefix="existingDevice" control={form.control} form={form} manufacturers={manufacturers.data} withSim />
          </section>
        )}
        {isSwap && manufacturers.isSuccess && (
          <section aria-labelledby="new-heading">
            <Typography id="new-heading" variant="h2" sx={{ fontSize: '1.15rem', mb: 1 }}>
              Move the line to
            </Typography>
            {spare.isPending && <Skeleton variant="rounded" height={64} aria-label="Loading your devices" />}
            {spare.isError && <LoadError error={spare.error} retry={() => void spare.refetch()} what="your devices" />}
            {spare.isSuccess && spare.data.length === 0 && <Typography>You have no spare device to move the line to.</Typography>}
            {spare.isSuccess && spare.data.length > 0 && (
              <Controller
                control={form.control}
                name="newDevice.assetId"
                render={({ field, fieldState }) => (
                  <>
                    <RadioGroup
                      aria-label="Your spare devices"
                      value={field.value ?? ''}
                      onChange={(event) => {
                        const device = spare.data.find((candidate) => candidate.id === event.target.value);
                        if (!device) return;
                        form.setValue(
                          'newDevice',
                          {
                            assetId: device.id,
                            manufacturerId: device.manufacturer?.id ?? '',
                            modelId: device.model?.id ?? '',
                            otherMakeModelName: '',
                            serialType: device.serialNumber?.type ?? '',
                            serialValue: device.serialNumber?.value ?? '',
                            simId: '',
                          },
                          { shouldValidate: true },
                        );
                      }}
                    >
                      {spare.data.map((device) => (
                        <FormControlLabel
                          key={device.id}
                          value={device.id}
                          control={<Radio />}
                          label={`${deviceName(device)}${device.serialNumber ? ` · ${device.serialNumber.type ?? ''} ${device.serialNumber.value ?? ''}` : ''}`}
                        />
                      ))}
                    </RadioGroup>
                    {fieldState.error && <FormHelperText error role="alert">{fieldState.error.message}</FormHelperText>}
                  </>
                )}
              />
            )}
            {chosenAsset && (
              <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
                The carrier moves your number and plan to this device.
              </Typography>
            )}
          </section>
        )}
      </Stack>
    </StepFrame>
  );
}
