import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Skeleton from '@mui/material/Skeleton';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { carriersQueryOptions, vendorQueryOptions } from '../../api/queries.ts';
import { LoadError, StepFrame } from '../step-frame.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';

/** PORT_NUMBER: the carrier to move to. XFER_SERVICE_IN types: the carrier the personal number is with. */
export function CarrierStep() {
  const { draft, complete } = useWizard();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const problems = useStepProblems();
  const carriers = useQuery(carriersQueryOptions(client));
  const [chosen, setChosen] = useState(draft.carrierId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const isPort = draft.transactionType === 'PORT_NUMBER';
  const options = (carriers.data ?? []).filter((carrier) => !isPort || carrier.id !== draft.serviceVendorId);
  const serviceRegion = draft.serviceRegionId;
  // A port stays in the line's country.
  const shown = isPort && serviceRegion ? options.filter((carrier) => !carrier.region || carrier.region.id === serviceRegion) : options;

  async function save() {
    if (!chosen) {
      setError(isPort ? 'Choose the carrier to move to.' : 'Choose the carrier your number is with.');
      return;
    }
    setPending(true);
    try {
      const vendor = await queryClient.fetchQuery(vendorQueryOptions(client, chosen));
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
      setError(cause instanceof Error ? cause.message : 'Could not load this carrier.');
    } finally {
      setPending(false);
    }
  }

  const message = error ?? problems.get('currentVendorId') ?? null;
  const title = isPort ? 'Which carrier should the line move to?' : 'Which carrier is your personal number with?';
  const intro = isPort
    ? 'Your number stays the same; the new carrier may need a new SIM or device.'
    : draft.transactionType === 'XFER_SERVICE_IN'
      ? 'The company plan will be on the same carrier.'
      : 'The company plan will be on a different carrier, with a new device.';

  return (
    <StepFrame title={title} intro={intro} onContinue={() => void save()} continuePending={pending}>
      {carriers.isPending && <Skeleton variant="rounded" height={56} aria-label="Loading carriers" />}
      {carriers.isError && <LoadError error={carriers.error} retry={() => void carriers.refetch()} what="the carriers" />}
      {carriers.isSuccess && (
        <FormControl fullWidth error={Boolean(message)} sx={{ maxWidth: 420 }}>
          <InputLabel id="carrier-label">{isPort ? 'New carrier' : 'Current carrier'}</InputLabel>
          <Select
            labelId="carrier-label"
            label={isPort ? 'New carrier' : 'Current carrier'}
            value={chosen}
            onChange={(event) => {
              setChosen(event.target.value);
              setError(null);
            }}
          >
            {shown.map((carrier) => (
              <MenuItem key={carrier.id} value={carrier.id}>
                {carrier.name}
                {carrier.region ? ` (${carrier.region.name})` : ''}
              </MenuItem>
            ))}
          </Select>
          {message && <FormHelperText role="alert">{message}</FormHelperText>}
        </FormControl>
      )}
    </StepFrame>
  );
}
