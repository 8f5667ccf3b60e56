import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Skeleton from '@mui/material/Skeleton';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { carriersQueryOptions, vendorQueryOptions } from '../../api/queries.ts';
import { LoadError } from '../../../../components/query-states.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useWizard } from '../wizard-context.tsx';
import { useStepForm } from '../use-step-form.ts';
import { useServerErrors } from '../use-server-errors.ts';
import { typeModule } from '../../model/types/index.ts';

/** PORT_NUMBER: the carrier to move to. XFER_SERVICE_IN types: the carrier the personal number is with. */
type Values = { carrierId: string };

const schemaFor = (isPort: boolean) =>
  z.object({ carrierId: z.string().min(1, isPort ? 'Choose the carrier to move to.' : 'Choose the carrier your number is with.') });

export function CarrierStep() {
  const { draft, complete } = useWizard();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const carriers = useQuery(carriersQueryOptions(client, draft.regionId ?? draft.serviceRegionId));
  const role = typeModule(draft.transactionType).carrier;
  const isPort = role === 'moves-to';
  const form = useStepForm<Values>({ defaultValues: { carrierId: draft.carrierId ?? '' }, resolver: zodResolver(schemaFor(isPort)) });
  useServerErrors(form, { currentVendorId: 'carrierId' });
  const options = (carriers.data ?? []).filter((carrier) => !isPort || carrier.id !== draft.serviceVendorId);
  const serviceRegion = draft.serviceRegionId;
  // A port stays in the line's country.
  const shown = isPort && serviceRegion ? options.filter((carrier) => !carrier.region || carrier.region.id === serviceRegion) : options;

  async function save({ carrierId }: Values) {
    try {
      const vendor = await queryClient.fetchQuery(vendorQueryOptions(client, carrierId));
      complete(
        (current) => ({
          ...current,
          carrierId: vendor.id,
          carrierAccessMethod: vendor.accessMethod,
          regionId: current.regionId ?? vendor.region?.id,
          display: { ...current.display, carrier: vendor.name },
        }),
        { changed: draft.carrierId !== vendor.id },
      );
    } catch (cause) {
      form.setError('carrierId', { type: 'load', message: cause instanceof Error ? cause.message : 'Could not load this carrier.' });
    }
  }

  const title = isPort ? 'Which carrier should the line move to?' : 'Which carrier is your personal number with?';
  const intro = isPort
    ? 'Your number stays the same; the new carrier may need a new SIM or device.'
    : role === 'stays-on'
      ? 'The company plan will be on the same carrier.'
      : 'The company plan will be on a different carrier, with a new device.';

  return (
    <StepFrame title={title} intro={intro} formId="carrier-form" continuePending={form.formState.isSubmitting}>
      {carriers.isPending && <Skeleton variant="rounded" height={56} role="status" aria-label="Loading carriers" />}
      {carriers.isError && <LoadError error={carriers.error} onRetry={() => void carriers.refetch()} what="the carriers" />}
      {carriers.isSuccess && (
        <form id="carrier-form" noValidate onSubmit={form.handleSubmit(save)}>
          <Controller
            control={form.control}
            name="carrierId"
            render={({ field, fieldState }) => (
              <FormControl fullWidth error={Boolean(fieldState.error)} sx={{ maxWidth: 420 }}>
                <InputLabel id="carrier-label">{isPort ? 'New carrier' : 'Current carrier'}</InputLabel>
                <Select labelId="carrier-label" label={isPort ? 'New carrier' : 'Current carrier'} {...field}>
                  {shown.map((carrier) => (
                    <MenuItem key={carrier.id} value={carrier.id}>
                      {carrier.name}
                      {carrier.region ? ` (${carrier.region.name})` : ''}
                    </MenuItem>
                  ))}
                </Select>
                {fieldState.error && <FormHelperText role="alert">{fieldState.error.message}</FormHelperText>}
              </FormControl>
            )}
          />
        </form>
      )}
    </StepFrame>
  );
}
