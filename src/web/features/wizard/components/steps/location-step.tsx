import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Controller, useWatch, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { postalCodeSchema, regionRequiresPostalCode } from '../../../../../contract/dynamic.ts';
import type { AcceptRegion } from '../../../../../contract/accept.ts';
import type { RegionForm as RegionDetail } from '../../api/queries.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { addressForm, regionQueryOptions, regionsQueryOptions } from '../../api/queries.ts';
import { useServerErrors } from '../use-server-errors.ts';
import { LoadError } from '../../../../components/query-states.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useWizard } from '../wizard-context.tsx';
import { useStepForm } from '../use-step-form.ts';

type Values = { regionId: string; postalCode: string };

function schemaFor(region: RegionDetail | undefined) {
  return z.object({
    regionId: z.string().min(1, 'Choose a country.'),
    postalCode: region ? postalCodeSchema(region) : z.string().optional(),
  });
}

/** The country of the browser's locale (`en-US` → US) when it is in the list, else the first. */
export function defaultCountry<T extends { abbreviation?: string | null }>(countries: [T, ...T[]] | T[]): T {
  const region = new Intl.Locale(navigator.language).maximize().region;
  return countries.find((country) => country.abbreviation && country.abbreviation === region) ?? countries[0]!;
}

/** Where the line will be used: country and postal code (the carrier's coverage and area code). */
export function LocationStep() {
  const client = useApiClient();
  const regions = useQuery(regionsQueryOptions(client));
  return (
    <StepFrame title="Where will you use the line?" intro="This decides which devices and plans you can choose." formId="location-form" continueDisabled={!regions.isSuccess}>
      {regions.isPending && <Skeleton variant="rounded" height={56} role="status" aria-label="Loading countries" sx={{ maxWidth: 420 }} />}
      {regions.isError && <LoadError error={regions.error} onRetry={() => void regions.refetch()} what="the countries" />}
      {regions.isSuccess && <LocationForm countries={regions.data} />}
    </StepFrame>
  );
}

/** The form starts only once the countries are in, so its defaults are complete before anyone can continue. */
function LocationForm({ countries }: { countries: AcceptRegion[] }) {
  const { draft, complete, me } = useWizard();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const work = me.actor.workAddress;
  // The line's or the person's own country first, else the browser's: one choice less for most people.
  const initialRegionId = draft.regionId ?? draft.serviceRegionId ?? work?.regionId ?? (countries.length > 0 ? defaultCountry(countries).id : '');
  const workPostalCode = work?.regionId === initialRegionId ? work.address.find((line) => line.id === 'POSTAL_CODE')?.value : undefined;
  const form = useStepForm<Values>({
    defaultValues: { regionId: initialRegionId, postalCode: draft.postalCode ?? workPostalCode ?? '' },
    // The postal-code rule is the chosen country's, so validation loads it (from the cache, usually).
    resolver: async (values, context, options) => {
      const region = values.regionId ? addressForm(await queryClient.ensureQueryData(regionQueryOptions(client, values.regionId))) : undefined;
      return (zodResolver(schemaFor(region)) as unknown as Resolver<Values>)(values, context, options);
    },
  });
  const regionId = useWatch({ control: form.control, name: 'regionId' });
  const region = useQuery({ ...regionQueryOptions(client, regionId), enabled: Boolean(regionId) });
  useServerErrors(form, { regionId: 'regionId', postalCode: 'postalCode' });

  function onSubmit(values: Values) {
    // The resolver already checked and normalised the postal code (trimmed, upper case).
    const output = values as { regionId: string; postalCode?: string };
    const name = countries.find((candidate) => candidate.id === output.regionId)?.name;
    complete(
      (current) => ({ ...current, regionId: output.regionId, postalCode: output.postalCode, display: { ...current.display, region: name } }),
      { changed: draft.regionId !== output.regionId || draft.postalCode !== output.postalCode },
    );
  }

  const needsPostal = region.data ? regionRequiresPostalCode(region.data) : false;

  return (
    <Stack component="form" id="location-form" noValidate spacing={2} onSubmit={form.handleSubmit(onSubmit)} sx={{ maxWidth: 420 }}>
      <Controller
        control={form.control}
        name="regionId"
        render={({ field, fieldState }) => (
          <TextField select label="Country" required {...field} error={Boolean(fieldState.error)} helperText={fieldState.error?.message}>
            {countries.map((candidate) => (
              <MenuItem key={candidate.id} value={candidate.id}>
                {candidate.name}
              </MenuItem>
            ))}
          </TextField>
        )}
      />
      <Controller
        control={form.control}
        name="postalCode"
        render={({ field, fieldState }) => (
          <TextField
            // The country's own word, as its shipping address says it (ZIP code, postcode…).
            label={region.data?.addressFormat.find((component) => component.id === 'POSTAL_CODE')?.label ?? 'Postal code'}
            required={needsPostal}
            {...field}
            autoComplete="postal-code"
            error={Boolean(fieldState.error)}
            helperText={fieldState.error?.message ?? (region.data?.postalCodePattern ? `For example ${region.data.postalCodePattern}` : ' ')}
          />
        )}
      />
    </Stack>
  );
}
