import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { formatMoney } from '../../../../lib/format.ts';
import { catalogPlanQueryOptions, catalogPlansQueryOptions, type PlanSearch } from '../../api/queries.ts';
import type { AcceptCatalogPlanDetail as CatalogPlanDetail } from '../../../../../contract/accept.ts';
import type { Draft } from '../../model/draft.ts';
import { fixedCarrier, typeModule } from '../../model/types/index.ts';
import { CatalogPicker, useCatalogList } from '../catalog-picker.tsx';
import { LoadError } from '../../../../components/query-states.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';

/** Whether the order may go on without a plan (the type's other half, a device, is there). */
function planOptional(draft: Draft): boolean {
  return Boolean(typeModule(draft.transactionType).skipPlanLabel) && Boolean(draft.deviceId) && !draft.noDevice;
}

/** The draft with this plan and those of its optional features that are ticked. */
function withPlan(current: Draft, plan: CatalogPlanDetail, optionalIds: string[]): Draft {
  const chosen = (plan.optionalFeatures ?? []).filter((feature) => optionalIds.includes(feature.id));
  return {
    ...current,
    planId: plan.id,
    planVendorId: plan.vendor?.id,
    optionalFeatureIds: chosen.map((feature) => feature.id),
    noPlan: false,
    display: {
      ...current.display,
      plan: {
        id: plan.id,
        name: plan.name,
        price: plan.price,
        optionalFeatures: chosen.map((feature) => ({ id: feature.id, name: feature.description ?? feature.id, price: feature.price })),
      },
    },
  };
}

export function PlanStep() {
  const { draft, complete, preview } = useWizard();
  const client = useApiClient();
  const problems = useStepProblems();
  const [sort, setSort] = useState<PlanSearch['sort']>('PRICE');
  const [planId, setPlanId] = useState(draft.noPlan ? '' : (draft.planId ?? ''));
  const [optional, setOptional] = useState<string[]>(draft.optionalFeatureIds ?? []);
  const [error, setError] = useState<string | null>(null);
  const hasDevice = Boolean(draft.deviceId) && !draft.noDevice;
  const plans = useCatalogList(
    { what: 'plans', skeleton: { count: 3, height: 56 } },
    (paging) =>
      catalogPlansQueryOptions(client, {
        device: hasDevice ? draft.deviceId : undefined,
        vendor: fixedCarrier(draft),
        region: draft.regionId ?? draft.serviceRegionId,
        ...paging,
        sort,
      }),
    (data) => ({
      ...data.plans,
      // A number moving away from its carrier needs a plan on another one.
      items: data.plans.items.filter((plan) => typeModule(draft.transactionType).carrier !== 'moves-away' || plan.vendor?.id !== draft.carrierId),
    }),
  );
  const { search } = plans.searcher;
  const detail = useQuery({ ...catalogPlanQueryOptions(client, planId), enabled: Boolean(planId) });
  const items = plans.items;

  // The summary follows the plan and features as they are ticked, before Continue saves them.
  const chosenPlan = detail.data && detail.data.id === planId ? detail.data : undefined;
  useEffect(() => preview(chosenPlan ? (current) => withPlan(current, chosenPlan, optional) : null), [preview, chosenPlan, optional]);

  function save() {
    if (!planId) {
      setError('Choose a plan.');
      return;
    }
    if (!detail.data || detail.data.id !== planId) {
      setError('Wait until the plan’s details have loaded.');
      return;
    }
    const plan = detail.data;
    complete(
      (current) => withPlan(current, plan, optional),
      { changed: draft.planId !== plan.id || draft.noPlan === true },
    );
  }

  const message = error ?? problems.get('shoppingCart.planId') ?? null;
  const featureProblem = [...problems].find(([key]) => key.startsWith('shoppingCart.optionalFeatureIds'))?.[1];

  return (
    <StepFrame
      title="Choose a plan"
      intro={hasDevice ? `Plans that work with ${draft.display.device?.name ?? 'your device'}.` : 'Monthly plans you can order here.'}
      onContinue={save}
      extraActions={
        planOptional(draft) ? (
          <Button
            onClick={() =>
              complete((current) => ({ ...current, noPlan: true, planId: undefined, planVendorId: undefined, optionalFeatureIds: undefined }), {
                changed: !draft.noPlan,
              })
            }
          >
            {typeModule(draft.transactionType).skipPlanLabel}
          </Button>
        ) : undefined
      }
    >
      <Stack spacing={2}>
        <CatalogPicker
          list={plans}
          message={message}
          empty={`No plan fits this order${search ? ` and “${search}”` : ''}.`}
          filters={
            <TextField
              select
              label="Sort by"
              size="small"
              value={sort}
              onChange={(event) => setSort(event.target.value as PlanSearch['sort'])}
              slotProps={{ select: { native: true } }}
            >
              <option value="PRICE">Price</option>
              <option value="NAME">Name</option>
            </TextField>
          }
        >
          <RadioGroup
            aria-label="Plans"
            value={planId}
            onChange={(event) => {
              setPlanId(event.target.value);
              setOptional([]);
              setError(null);
            }}
          >
            <Stack spacing={1}>
              {items.map((plan) => (
                <FormControlLabel
                  key={plan.id}
                  value={plan.id}
                  control={<Radio />}
                  sx={{ m: 0, p: 1, border: 1, borderRadius: 1, borderColor: planId === plan.id ? 'primary.main' : 'divider', '& .MuiFormControlLabel-label': { flexGrow: 1 } }}
                  label={
                    <Stack direction="row" sx={{ justifyContent: 'space-between', gap: 1 }}>
                      <span>
                        <Typography component="span" sx={{ fontWeight: 600, display: 'block' }}>
                          {plan.name}
                        </Typography>
                        <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
                          {plan.vendor?.name}
                        </Typography>
                        {plan.id === draft.servicePlanId && (
                          <Typography component="span" variant="body2" sx={{ display: 'block', fontWeight: 600, color: 'success.dark' }}>
                            Your current plan
                          </Typography>
                        )}
                      </span>
                      <Typography component="span" sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>
                        {formatMoney(plan.price)}/mo
                      </Typography>
                    </Stack>
                  }
                />
              ))}
            </Stack>
          </RadioGroup>
        </CatalogPicker>
        {planId && detail.isPending && <Skeleton variant="rounded" height={120} role="status" aria-label="Loading the plan" />}
        {planId && detail.isError && <LoadError error={detail.error} onRetry={() => void detail.refetch()} what="the plan" />}
        {detail.isSuccess && detail.data.id === planId && (
          <Stack spacing={1.5} component="section" aria-labelledby="plan-detail-heading">
            <Typography id="plan-detail-heading" variant="h2" sx={{ fontSize: '1.15rem' }}>
              {detail.data.name}
            </Typography>
            {detail.data.includedFeatures && detail.data.includedFeatures.length > 0 && (
              <div>
                <Typography sx={{ fontWeight: 500 }}>Included</Typography>
                <Typography component="ul" variant="body2" sx={{ my: 0.5, pl: 2.5 }}>
                  {detail.data.includedFeatures.map((feature) => (
                    <li key={feature.description}>{feature.description}</li>
                  ))}
                </Typography>
              </div>
            )}
            {detail.data.optionalFeatures && detail.data.optionalFeatures.length > 0 && (
              <FormGroup aria-label="Optional features">
                <Typography sx={{ fontWeight: 500 }}>Optional features</Typography>
                {detail.data.optionalFeatures.map((feature) => (
                  <FormControlLabel
                    key={feature.id}
                    control={
                      <Checkbox
                        checked={optional.includes(feature.id)}
                        onChange={(event) =>
                          setOptional((current) => (event.target.checked ? [...current, feature.id] : current.filter((id) => id !== feature.id)))
                        }
                      />
                    }
                    label={`${feature.description ?? feature.id}${feature.price?.amount ? ` (+${formatMoney(feature.price)}/mo)` : feature.price ? ' (no extra charge)' : ''}`}
                  />
                ))}
              </FormGroup>
            )}
            {featureProblem && (
              <Typography role="alert" sx={{ color: 'error.main' }}>
                {featureProblem}
              </Typography>
            )}
          </Stack>
        )}
      </Stack>
    </StepFrame>
  );
}
