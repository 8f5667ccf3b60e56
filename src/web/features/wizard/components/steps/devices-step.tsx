import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useWatch, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { manufacturerQueryOptions, manufacturersQueryOptions } from '../../api/queries.ts';
import { spareDevicesQueryOptions } from '../../../../lib/api/assets.ts';
import type { DeviceEntry } from '../../model/draft.ts';
import { LoadError } from '../../../../components/query-states.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useServerErrors } from '../use-server-errors.ts';
import { useWizard } from '../wizard-context.tsx';
import { useStepForm } from '../use-step-form.ts';
import { typeModule } from '../../model/types/index.ts';
import { deviceName } from './service-step.tsx';
import { DeviceFields, deviceEntrySchema, emptyDevice, otherIdsOf, type Values } from './device-fields.tsx';

export function DevicesStep() {
  const { draft, me, complete } = useWizard();
  const client = useApiClient();
  // A swap describes the spare device the line moves to as well.
  const isSwap = typeModule(draft.transactionType).takes.newDevice;
  const manufacturers = useQuery(manufacturersQueryOptions(client));
  const spare = useQuery({ ...spareDevicesQueryOptions(client, me.actor.id), enabled: isSwap });
  const queryClient = useQueryClient();
  const form = useStepForm<Values>({
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
        {manufacturers.isPending && <Skeleton variant="rounded" height={160} role="status" aria-label="Loading manufacturers" />}
        {manufacturers.isError && <LoadError error={manufacturers.error} onRetry={() => void manufacturers.refetch()} what="the manufacturers" />}
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
            {spare.isPending && <Skeleton variant="rounded" height={64} role="status" aria-label="Loading your devices" />}
            {spare.isError && <LoadError error={spare.error} onRetry={() => void spare.refetch()} what="your devices" />}
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
