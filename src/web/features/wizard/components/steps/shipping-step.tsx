import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useQuery } from '@tanstack/react-query';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Controller, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { addressSchema } from '../../../../../contract/dynamic.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { useExtensions } from '../../../../lib/use-extensions.ts';
import { personName } from '../../../../lib/format.ts';
import { lastShipToQueryOptions, regionQueryOptions, regionsQueryOptions, type RegionForm as RegionDetail } from '../../api/queries.ts';
import type { ShipToEntry } from '../../model/draft.ts';
import { AddressFields, addressDefaults } from '../address-fields.tsx';
import { LoadError } from '../../../../components/query-states.tsx';
import { StepFrame } from '../step-frame.tsx';
import { defaultCountry } from './location-step.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';
import { useStepForm } from '../use-step-form.ts';

type Values = { name: string; address: { id: string; value: string }[]; expedite: boolean };

function schemaFor(region: RegionDetail) {
  return z.object({
    name: z.string().trim().min(1, 'Enter the name to ship to.').max(100, 'The name may have at most 100 characters.'),
    // Validated on the form's lines (paths match inputs); the request drops the empty ones.
    address: z
      .array(z.object({ id: z.string(), value: z.string() }))
      .superRefine((lines, ctx) => {
        const checked = addressSchema(region.addressFormat, region.countryCode).safeParse(lines);
        if (!checked.success) for (const issue of checked.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      })
      // Kept line for line (the form's inputs), each in the form the server stores it.
      .transform((lines) => {
        const checked = new Map(addressSchema(region.addressFormat, region.countryCode).parse(lines).map((line) => [line.id, line.value]));
        return lines.map((line) => ({ id: line.id, value: checked.get(line.id) ?? line.value.trim() }));
      }),
    expedite: z.boolean(),
  });
}

export function ShippingStep() {
  const { draft, me } = useWizard();
  const client = useApiClient();
  // Without an address in this draft, start from where the account holder's last order went,
  // else from their work address.
  const extensions = useExtensions();
  const previous = useQuery({
    ...lastShipToQueryOptions(client, me.actor.id, extensions.has('submitted-date-sort')),
    enabled: !draft.shipTo && !extensions.isPending,
  });
  if (!draft.shipTo && previous.isPending) {
    return (
      <StepFrame title="Where should we ship it?" formId="shipping-form" continueDisabled>
        <Stack spacing={2} role="status" aria-label="Loading the address form">
          <Skeleton variant="rounded" height={56} />
          <Skeleton variant="rounded" height={56} />
        </Stack>
      </StepFrame>
    );
  }
  const last = previous.data;
  const work = me.actor.workAddress;
  const saved: ShipToEntry = draft.shipTo ?? {
    name: personName(me.actor) || last?.name || '',
    regionId: last?.regionId ?? work?.regionId ?? draft.regionId ?? draft.serviceRegionId ?? '',
    address: last?.address ?? work?.address ?? [],
    expedite: false,
  };
  // Typed but not yet confirmed: the form opens in the country it was typed for (useStepForm restores the rest).
  const typedFor = draft.typing?.shipping?.basis;
  const initial = typedFor ? { ...saved, regionId: typedFor } : saved;
  return <ShippingBody initial={initial} />;
}

function ShippingBody({ initial }: { initial: ShipToEntry }) {
  const client = useApiClient();
  const regions = useQuery(regionsQueryOptions(client));
  const [regionId, setRegionId] = useState(initial.regionId);
  const effectiveRegion = regionId || (regions.data?.length ? defaultCountry(regions.data).id : '');
  const region = useQuery({ ...regionQueryOptions(client, effectiveRegion), enabled: Boolean(effectiveRegion) });
  // What the person typed survives a change of country (name, expedite and matching components).
  const carry = useRef<ShipToEntry>(initial);

  return (
    <StepFrame title="Where should we ship it?" intro="Filled in for you where we could; change anything that is not right." formId="shipping-form" continueDisabled={!region.isSuccess}>
      <Stack spacing={2}>
        {regions.isError && <LoadError error={regions.error} onRetry={() => void regions.refetch()} what="the countries" />}
        {regions.isSuccess && (
          <TextField select label="Country" required value={effectiveRegion} onChange={(event) => setRegionId(event.target.value)} sx={{ maxWidth: 360 }}>
            {regions.data.map((candidate) => (
              <MenuItem key={candidate.id} value={candidate.id}>
                {candidate.name}
              </MenuItem>
            ))}
          </TextField>
        )}
        {(regions.isPending || region.isPending) && (
          <Stack spacing={2} role="status" aria-label="Loading the address form">
            <Skeleton variant="rounded" height={56} />
            <Skeleton variant="rounded" height={56} />
          </Stack>
        )}
        {region.isError && <LoadError error={region.error} onRetry={() => void region.refetch()} what="the address form" />}
        {region.isSuccess && <ShippingForm key={region.data.id} region={region.data} carry={carry} />}
      </Stack>
    </StepFrame>
  );
}

function ShippingForm({ region, carry }: { region: RegionDetail; carry: { current: ShipToEntry } }) {
  const { draft, complete } = useWizard();
  const problems = useStepProblems();
  const resolver = useMemo(() => zodResolver(schemaFor(region)) as unknown as Resolver<Values>, [region]);
  const form = useStepForm<Values>({
    defaultValues: { name: carry.current.name, address: addressDefaults(region.addressFormat, carry.current.address), expedite: carry.current.expedite },
    resolver,
  }, region.id);

  // Leaving for another country: keep what was typed for the next form.
  useEffect(
    () => () => {
      const values = form.getValues();
      carry.current = { name: values.name, regionId: region.id, address: values.address, expedite: values.expedite };
    },
    [form, region.id, carry],
  );

  useEffect(() => {
    for (const [key, message] of problems) {
      const component = /^shipTo\.address\/(.+)$/.exec(key)?.[1];
      const index = component ? region.addressFormat.findIndex((candidate) => candidate.id === component) : -1;
      if (index >= 0) form.setError(`address.${index}.value`, { type: 'server', message });
      else if (key === 'shipTo.name') form.setError('name', { type: 'server', message });
    }
    // Once, when the step opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onSubmit(values: Values) {
    const shipTo: ShipToEntry = { name: values.name, regionId: region.id, address: values.address, expedite: values.expedite };
    complete((current) => ({ ...current, shipTo }), { changed: JSON.stringify(draft.shipTo) !== JSON.stringify(shipTo) });
  }

  return (
    <Stack component="form" id="shipping-form" noValidate spacing={2} onSubmit={form.handleSubmit(onSubmit)}>
      <Controller
        control={form.control}
        name="name"
        render={({ field, fieldState }) => (
          <TextField label="Name" required autoComplete="name" {...field} error={Boolean(fieldState.error)} helperText={fieldState.error?.message} />
        )}
      />
      <AddressFields format={region.addressFormat} control={form.control} name="address" />
      <Controller
        control={form.control}
        name="expedite"
        render={({ field }) => (
          <FormControlLabel
            control={<Checkbox checked={field.value} onChange={(event) => field.onChange(event.target.checked)} />}
            label="Expedite shipping (faster delivery; the carrier may charge for it)"
          />
        )}
      />
    </Stack>
  );
}
