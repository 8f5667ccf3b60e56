import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { zodResolver } from '@hookform/resolvers/zod';
import { useQuery } from '@tanstack/react-query';
import { Controller, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { formatMoney } from '../../../../lib/format.ts';
import { serviceFeaturesQueryOptions, serviceQueryOptions } from '../../api/queries.ts';
import { LoadError } from '../../../../components/query-states.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';
import { useStepForm } from '../use-step-form.ts';

const schema = z.object({
  changes: z.array(z.string()).min(1, 'Choose at least one feature to add or remove.'),
  comment: z.string().max(500, 'The comment may have at most 500 characters.'),
});
type Values = z.infer<typeof schema>;

/** UPDATE_FEATURES: tick active features to remove them, available ones to add them. */
export function FeaturesStep() {
  const { draft, complete } = useWizard();
  const client = useApiClient();
  const problems = useStepProblems();
  const features = useQuery({ ...serviceFeaturesQueryOptions(client, draft.serviceId ?? ''), enabled: Boolean(draft.serviceId) });
  const form = useStepForm<Values>({
    defaultValues: { changes: (draft.features ?? []).map((change) => change.id), comment: draft.featureRequestComment ?? '' },
    resolver: zodResolver(schema),
  });
  const changes = useWatch({ control: form.control, name: 'changes' });
  const comment = useWatch({ control: form.control, name: 'comment' });
  // `isActiveOnService` is an extension; without it, a feature is active when the line's own
  // detail lists it among its features.
  const service = useQuery({ ...serviceQueryOptions(client, draft.serviceId ?? ''), enabled: Boolean(draft.serviceId) });
  const onLine = new Set((service.data?.features ?? []).map((feature) => feature.id));
  const all = (features.data ?? []).map((feature) => ({
    ...feature,
    description: feature.description ?? feature.id,
    isActiveOnService: feature.isActiveOnService ?? onLine.has(feature.id),
  }));
  const active = all.filter((feature) => feature.isActiveOnService);
  const available = all.filter((feature) => !feature.isActiveOnService);

  function toggle(id: string, on: boolean) {
    const current = form.getValues('changes');
    form.setValue('changes', on ? [...current, id] : current.filter((candidate) => candidate !== id), { shouldValidate: form.formState.isSubmitted });
  }

  function save({ changes, comment }: Values) {
    const lines = all
      .filter((feature) => changes.includes(feature.id))
      .map((feature) => ({ id: feature.id, name: feature.description, price: feature.price, action: feature.isActiveOnService ? ('REMOVE' as const) : ('ADD' as const) }));
    complete(
      (current) => ({
        ...current,
        features: lines.map((line) => ({ id: line.id, action: line.action })),
        featureRequestComment: comment,
        display: { ...current.display, features: lines },
      }),
      { changed: true },
    );
  }

  const { errors } = form.formState;
  const message = errors.changes?.message ?? errors.comment?.message ?? [...problems].find(([key]) => key.startsWith('shoppingCart.features'))?.[1] ?? null;

  return (
    <StepFrame title="Change features" intro={draft.display.service ? `On ${draft.display.service}.` : undefined} formId="features-form">
      <Stack spacing={2.5}>
        {message && (
          <Alert severity="error" role="alert">
            {message}
          </Alert>
        )}
        {features.isPending && <Skeleton variant="rounded" height={160} role="status" aria-label="Loading features" />}
        {features.isError && <LoadError error={features.error} onRetry={() => void features.refetch()} what="the features" />}
        {features.isSuccess && (
          <Stack spacing={2.5} component="form" id="features-form" noValidate onSubmit={form.handleSubmit(save)}>
            <FormGroup aria-labelledby="remove-heading">
              <Typography id="remove-heading" variant="h2" sx={{ fontSize: '1.1rem', mb: 0.5 }}>
                Active now — tick to remove
              </Typography>
              {active.length === 0 && <Typography variant="body2">No optional features are active on this line.</Typography>}
              {active.map((feature) => (
                <FormControlLabel
                  key={feature.id}
                  control={<Checkbox checked={changes.includes(feature.id)} onChange={(event) => toggle(feature.id, event.target.checked)} />}
                  label={`Remove ${feature.description}${feature.price ? ` (${formatMoney(feature.price)}/mo)` : ''}`}
                />
              ))}
            </FormGroup>
            <FormGroup aria-labelledby="add-heading">
              <Typography id="add-heading" variant="h2" sx={{ fontSize: '1.1rem', mb: 0.5 }}>
                Available — tick to add
              </Typography>
              {available.length === 0 && <Typography variant="body2">Every feature is already active.</Typography>}
              {available.map((feature) => (
                <FormControlLabel
                  key={feature.id}
                  control={<Checkbox checked={changes.includes(feature.id)} onChange={(event) => toggle(feature.id, event.target.checked)} />}
                  label={`Add ${feature.description}${feature.price?.amount ? ` (+${formatMoney(feature.price)}/mo)` : feature.price ? ' (no extra charge)' : ''}`}
                />
              ))}
            </FormGroup>
            <Controller
              control={form.control}
              name="comment"
              render={({ field }) => (
                <TextField
                  label="Comment for the carrier (optional)"
                  multiline
                  minRows={2}
                  {...field}
                  error={Boolean(problems.get('shoppingCart.featureRequestComment'))}
                  helperText={problems.get('shoppingCart.featureRequestComment') ?? `${comment.length}/500`}
                />
              )}
            />
          </Stack>
        )}
      </Stack>
    </StepFrame>
  );
}
