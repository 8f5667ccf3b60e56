import Alert from '@mui/material/Alert';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo } from 'react';
import { Controller, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { earliestTodayIn, propertiesSchema } from '../../../../../contract/dynamic.ts';
import type { OrderPropertyFieldGroup } from '../../../../../contract/properties.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { orderPropertiesQueryOptions, regionQueryOptions, type PropertiesQuery } from '../../api/queries.ts';
import { PERSONAL_REFERENCE_MAX, type Draft, type PropertyGroupValues } from '../../model/draft.ts';
import { keepSecrets, secretKey, secretsOf, withSecrets } from '../../model/secrets.ts';
import { PropertyFields, propertyDefaults, propertyInputName } from '../property-fields.tsx';
import { LoadError } from '../../../../components/query-states.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';
import { useStepForm, type StepSecrets } from '../use-step-form.ts';
import { typeModule } from '../../model/types/index.ts';

type Values = { properties: PropertyGroupValues; externalOrderNumber: string };

/** Which carrier's property definitions apply: the one that fulfils the order (§4.3). */
export function propertiesQueryFor(draft: Draft): PropertiesQuery {
  // Fields that only apply with a device (or plan) are left out when the order has none.
  const flags = {
    orderExcludesDevice: !(draft.deviceId && !draft.noDevice) || undefined,
    orderExcludesPlan: !(draft.planId && !draft.noPlan) || undefined,
  };
  return { transactionType: draft.transactionType, ...typeModule(draft.transactionType).propertiesFrom(draft), ...flags };
}

function schemaFor(groups: OrderPropertyFieldGroup[], today: string) {
  return z.object({
    properties: propertiesSchema(groups, { today }),
    externalOrderNumber: z.string().trim().max(PERSONAL_REFERENCE_MAX, `Your reference may have at most ${PERSONAL_REFERENCE_MAX} characters.`),
  });
}

export function DetailsStep() {
  const { draft } = useWizard();
  const client = useApiClient();
  const query = propertiesQueryFor(draft);
  const definitions = useQuery({ ...orderPropertiesQueryOptions(client, query), enabled: Boolean(query.vendor || query.service) });

  return (
    <StepFrame title="Order details" intro="What the carrier needs to know. Fields marked * are required." formId="details-form" continueDisabled={!definitions.isSuccess}>
      {definitions.isPending && (
        <Stack spacing={2} role="status" aria-label="Loading the order details form">
          <Skeleton variant="rounded" height={56} />
          <Skeleton variant="rounded" height={56} />
        </Stack>
      )}
      {definitions.isError && <LoadError error={definitions.error} onRetry={() => void definitions.refetch()} what="the order details form" />}
      {definitions.isSuccess && <DetailsForm definitions={definitions.data} />}
    </StepFrame>
  );
}

/**
 * Text fields the wizard already has the answer to start with it, so nobody is asked twice: a
 * server asked by carrier rather than by line cannot know the line's number (`SERVICE_NUMBER`),
 * and the carrier a personal number comes from was chosen on the carrier step (`CURRENT_CARRIER`).
 */
function withKnownAnswers(definitions: OrderPropertyFieldGroup[], known: Record<string, string | undefined>): OrderPropertyFieldGroup[] {
  return definitions.map((group) => ({
    ...group,
    fields: group.fields.map((field) => (field.type === 'TEXT' && !field.text && known[field.id] ? { ...field, text: known[field.id] } : field)),
  }));
}

/** Which fields the form has: typed values are restored only into the same fields. */
const definitionsBasis = (groups: OrderPropertyFieldGroup[]) => groups.map((group) => `${group.groupId}:${group.fields.map((field) => field.id).join(',')}`).join('|');

function DetailsForm({ definitions: given }: { definitions: OrderPropertyFieldGroup[] }) {
  const { draft, complete } = useWizard();
  const consequences = typeModule(draft.transactionType).consequences;
  const lineNumber = draft.serviceId ? draft.serviceNumber : undefined;
  const currentCarrier = typeModule(draft.transactionType).carrier === 'moves-away' ? draft.display.carrier : undefined;
  const definitions = useMemo(
    () => withKnownAnswers(given, { SERVICE_NUMBER: lineNumber, CURRENT_CARRIER: currentCarrier }),
    [given, lineNumber, currentCarrier],
  );
  const problems = useStepProblems();
  // A past preferred date is caught here, on the server's own "today" for the order's country
  // (unknown country: the most lenient today, so nothing the server would take is refused).
  const regionId = draft.regionId ?? draft.serviceRegionId ?? '';
  const region = useQuery({ ...regionQueryOptions(useApiClient(), regionId), enabled: Boolean(regionId) });
  const today = earliestTodayIn(region.data?.countryCode, new Date());
  const resolver = useMemo(() => zodResolver(schemaFor(definitions, today)) as unknown as Resolver<Values>, [definitions, today]);
  const sensitive = useMemo(
    () => definitions.flatMap((group) => group.fields.filter((field) => field.sensitive).map((field) => ({ key: secretKey(group.groupId, field.id), label: field.label }))),
    [definitions],
  );
  // Typed values are stored in the draft as the person types: sensitive ones never are.
  const secrets = useMemo<StepSecrets<Values>>(() => {
    const keys = new Set(sensitive.map((field) => field.key));
    return {
      strip: (values) => ({ ...values, properties: keepSecrets(draft, values.properties, keys) }),
      restore: (values) => ({ ...values, properties: withSecrets(values.properties, secretsOf(draft)) ?? values.properties }),
    };
  }, [draft, sensitive]);
  const form = useStepForm<Values>(
    {
      defaultValues: { properties: propertyDefaults(definitions, withSecrets(draft.properties, secretsOf(draft))), externalOrderNumber: draft.externalOrderNumber ?? '' },
      resolver,
    },
    definitionsBasis(definitions),
    secrets,
  );

  // The server's problems, at their fields, when the step opens.
  useEffect(() => {
    for (const [key, message] of problems) {
      const match = /^properties\/([^/]+)\/(.+)$/.exec(key);
      const name = match ? propertyInputName(definitions, match[1]!, match[2]!) : key === 'externalOrderNumber' ? key : null;
      if (name) form.setError(name as 'externalOrderNumber', { type: 'server', message });
    }
    // Once: later edits belong to the person.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  function onSubmit(values: Values) {
    const properties = keepSecrets(draft, values.properties, new Set(sensitive.map((field) => field.key)));
    const given = secretsOf(draft);
    complete(
      (current) => ({
        ...current,
        properties,
        sensitiveFields: sensitive.filter((field) => given.has(field.key)),
        externalOrderNumber: values.externalOrderNumber,
        // The stored key's body leaves secrets out, so it cannot tell a changed PIN: a new key then.
        ...(sensitive.length > 0 ? { idempotency: undefined } : {}),
      }),
      { changed: true },
    );
  }

  return (
    <Stack component="form" id="details-form" noValidate spacing={3} onSubmit={form.handleSubmit(onSubmit)}>
      {consequences && (
        <Alert severity="warning" role="note" aria-label="What this order means">
          {consequences}
        </Alert>
      )}
      {definitions.length === 0 && <Typography>The carrier needs nothing more for this order.</Typography>}
      <PropertyFields groups={definitions} control={form.control} />
      <Controller
        control={form.control}
        name="externalOrderNumber"
        render={({ field, fieldState }) => (
          <TextField
            label="Your reference (optional)"
            {...field}
            error={Boolean(fieldState.error)}
            helperText={fieldState.error?.message ?? 'E.g. a purchase order or ticket number; added after the reference the app gives every order.'}
          />
        )}
      />
    </Stack>
  );
}
