import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ErrorItem } from '../../../../../contract/common.ts';
import { orderMemberProblems, type OrderConfirmation } from '../../../../../contract/orders.ts';
import { MobprocError } from '../../../../lib/api-client.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { formatDate, formatMoney, personName } from '../../../../lib/format.ts';
import { confirmOrderQueryOptions, submitOrder } from '../../api/orders.ts';
import { idempotencyFor, loadDraftFresh } from '../../model/draft.ts';
import { buildOrderRequest, fieldKey, type OrderRequestBody } from '../../model/request.ts';
import { stepOwningField, stepTitles, type StepId } from '../../model/steps.ts';
import { StepFrame } from '../step-frame.tsx';
import { useWizard, type FieldProblem } from '../wizard-context.tsx';

function Section({ title, step, children }: { title: string; step?: StepId; children: ReactNode }) {
  const { goTo, steps } = useWizard();
  const editable = step && steps.includes(step);
  return (
    <Box component="section" aria-label={title}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'baseline', mb: 0.5 }}>
        <Typography variant="h2" sx={{ fontSize: '1.1rem' }}>
          {title}
        </Typography>
        {editable && (
          <Link component="button" type="button" onClick={() => goTo(step)} aria-label={`Edit ${title.toLowerCase()}`}>
            Edit
          </Link>
        )}
      </Stack>
      <Stack spacing={0.25}>{children}</Stack>
    </Box>
  );
}

function Row({ label, value, price }: { label?: string; value: ReactNode; price?: string }) {
  return (
    <Stack direction="row" spacing={2} sx={{ justifyContent: 'space-between' }}>
      <Typography variant="body2">
        {label && <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>{label}: </Typography>}
        {value}
      </Typography>
      {price && <Typography variant="body2" sx={{ whiteSpace: 'nowrap', fontWeight: 500 }}>{price}</Typography>}
    </Stack>
  );
}

function toFieldProblems(items: ErrorItem[], body: OrderRequestBody, steps: StepId[]): FieldProblem[] {
  return items.flatMap((item) => {
    const step = stepOwningField(item.field, steps);
    return step && item.field ? [{ step, key: fieldKey(item.field, body), message: item.message }] : [];
  });
}

/** The confirmation as a readable order (MOBPROC §4.5), with an Edit link per section. */
function ConfirmationView({ confirmation }: { confirmation: OrderConfirmation }) {
  const cart = confirmation.shoppingCart;
  const quantity = cart.quantity > 1 ? cart.quantity : 1;
  const each = quantity > 1 ? ` × ${quantity}` : '';
  const forSomeoneElse = confirmation.accountHolder.id !== confirmation.requestedBy.id;
  const oneTime = confirmation.costSummary.filter((money) => money.recurrence === 'ONETIME');
  const monthly = confirmation.costSummary.filter((money) => money.recurrence === 'MONTHLY');
  const hasItems = cart.device || cart.plan || cart.accessories.length > 0 || cart.features.length > 0;

  return (
    <Stack spacing={2} divider={<Divider flexItem />}>
      <Section title="For">
        <Row value={`${personName(confirmation.accountHolder)} (${confirmation.accountHolder.email})`} />
        {forSomeoneElse && <Row label="Requested by" value={personName(confirmation.requestedBy)} />}
        {confirmation.externalOrderNumber && <Row label="Your reference" value={confirmation.externalOrderNumber} />}
      </Section>
      {confirmation.service && (
        <Section title="Line" step="service">
          <Row value={confirmation.service.serviceNumber} />
          <Row label="Plan" value={confirmation.service.plan?.name ?? 'None'} />
          <Row label="Carrier" value={confirmation.service.vendor.current.name} />
          {confirmation.device && (
            <Row label="Device" value={`${confirmation.device.manufacturer.name} ${confirmation.device.model} (${confirmation.device.serialNumber.type} ${confirmation.device.serialNumber.value})`} />
          )}
        </Section>
      )}
      {confirmation.currentVendor && (
        <Section title="Current carrier" step="carrier">
          <Row value={confirmation.currentVendor.name} />
        </Section>
      )}
      {confirmation.region && !confirmation.service && (
        <Section title="Location" step="location">
          <Row value={`${confirmation.region.name}${confirmation.postalCode ? `, ${confirmation.postalCode}` : ''}`} />
        </Section>
      )}
      {hasItems && (
        <Section title="Items">
          {cart.device && (
            <>
              <Row label="Device" value={`${cart.device.name} (${cart.device.vendor.name})${each}`} price={formatMoney(cart.device.price)} />
              {cart.device.deviceFeatureOptions.map((option) => (
                <Row key={option.id} label={option.featureLabel} value={option.label} price={option.price.amount ? formatMoney(option.price) : undefined} />
              ))}
              <EditLink step="device" what="device" />
            </>
          )}
          {cart.plan && (
            <>
              <Row label="Plan" value={`${cart.plan.name} (${cart.plan.vendor.name})${each}`} price={`${formatMoney(cart.plan.price)}/mo`} />
              {cart.plan.includedFeatures.length > 0 && (
                <Row label="Includes" value={cart.plan.includedFeatures.map((feature) => feature.description).join(', ')} />
              )}
              {cart.plan.optionalFeatures.map((feature) => (
                <Row key={feature.id} label="Plan feature" value={feature.description} price={`${formatMoney(feature.price)}/mo`} />
              ))}
              <EditLink step="plan" what="plan" />
            </>
          )}
          {cart.accessories.map((accessory) => (
            <Row key={accessory.id} label="Accessory" value={accessory.name} price={formatMoney(accessory.price)} />
          ))}
          {cart.accessories.length > 0 && <EditLink step="accessories" what="accessories" />}
          {cart.features.map((feature) => (
            <Row
              key={feature.id}
              label={feature.action === 'ADD' ? 'Add' : 'Remove'}
              value={feature.description}
              price={feature.action === 'ADD' ? `${formatMoney(feature.price)}/mo` : undefined}
            />
          ))}
          {cart.featureRequestComment && <Row label="Comment" value={cart.featureRequestComment} />}
          {cart.features.length > 0 && <EditLink step="features" what="features" />}
        </Section>
      )}
      {(confirmation.existingDevice || confirmation.newDevice) && (
        <Section title="Devices" step="devices">
          {confirmation.existingDevice && (
            <Row
              label="Current device"
              value={`${confirmation.existingDevice.otherMakeModelName ?? `${confirmation.existingDevice.manufacturer.name} ${confirmation.existingDevice.model.name}`} · ${confirmation.existingDevice.serialNumber.type} ${confirmation.existingDevice.serialNumber.value}`}
            />
          )}
          {confirmation.newDevice && (
            <Row
              label="New device"
              value={`${confirmation.newDevice.otherMakeModelName ?? `${confirmation.newDevice.manufacturer.name} ${confirmation.newDevice.model.name}`} · ${confirmation.newDevice.serialNumber.type} ${confirmation.newDevice.serialNumber.value}`}
            />
          )}
        </Section>
      )}
      <Section title="Details" step="details">
        {confirmation.properties.flatMap((group) => group.fields).filter((field) => field.text || field.date || field.choice).length === 0 && (
          <Row value="None given" />
        )}
        {confirmation.properties
          .flatMap((group) => group.fields)
          .filter((field) => field.text || field.date || field.choice)
          .map((field) => (
            <Row
              key={field.id}
              label={field.label}
              value={
                field.type === 'DATE' && field.date
                  ? formatDate(field.date)
                  : field.choice
                    ? `${field.choice.label}${field.choice.otherText ? `: ${field.choice.otherText}` : ''}`
                    : (field.text ?? '')
              }
            />
          ))}
      </Section>
      {confirmation.acknowledgements.length > 0 && (
        <Section title="Confirmed" step="acknowledgements">
          {confirmation.acknowledgements.map((item) => (
            <Row key={item.id} value={`${item.boolean ? '✓' : '✗'} ${item.label}`} />
          ))}
        </Section>
      )}
      {confirmation.shipTo && confirmation.shipTo.address.length > 0 && (
        <Section title="Shipping" step="shipping">
          <Row value={confirmation.shipTo.name ?? ''} />
          {confirmation.shipTo.address.map((line) => (
            <Row key={line.id} label={line.label} value={line.value} />
          ))}
          {confirmation.shipTo.region && <Row value={confirmation.shipTo.region.name} />}
          <Row value={confirmation.shipTo.expedite ? 'Expedited shipping' : 'Standard shipping'} />
        </Section>
      )}
      <Section title="Total">
        <Row label="Due now" value="" price={oneTime.length ? oneTime.map(formatMoney).join(' + ') : formatMoney({ amount: 0, currencyCode: 'USD' })} />
        <Row label="Monthly" value="" price={monthly.length ? monthly.map((money) => `${formatMoney(money)}/mo`).join(' + ') : '—'} />
      </Section>
      <Alert severity={confirmation.approval.required ? 'info' : 'success'}>
        {confirmation.approval.required
          ? `This order will wait for ${confirmation.approval.approver ? personName(confirmation.approval.approver) : 'your manager'} to approve it before it goes to the carrier.`
          : 'No approval is needed: the order goes straight to the carrier.'}
      </Alert>
    </Stack>
  );
}

function EditLink({ step, what }: { step: StepId; what: string }) {
  const { goTo, steps } = useWizard();
  if (!steps.includes(step)) return null;
  return (
    <Link component="button" type="button" onClick={() => goTo(step)} sx={{ alignSelf: 'flex-end' }} aria-label={`Edit ${what}`}>
      Edit {what}
    </Link>
  );
}

function ProblemList({ problems, unplaced }: { problems: FieldProblem[]; unplaced: ErrorItem[] }) {
  const { goTo } = useWizard();
  return (
    <Alert severity="error" role="alert">
      <Typography sx={{ fontWeight: 500 }}>The order cannot be placed yet:</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {problems.map((problem, index) => (
          <li key={`p${index}`}>
            {problem.message}{' '}
            <Link component="button" type="button" onClick={() => goTo(problem.step)}>
              Fix in “{stepTitles[problem.step]}”
            </Link>
          </li>
        ))}
        {unplaced.map((problem, index) => (
          <li key={`u${index}`}>{problem.message}</li>
        ))}
      </Box>
    </Alert>
  );
}

export function ReviewStep() {
  const { draft, steps, setProblems, saveNow, goTo, scope } = useWizard();
  const client = useApiClient();
  const body = buildOrderRequest(draft);
  const localProblems = orderMemberProblems(body.orderRequest);
  const confirmation = useQuery({ ...confirmOrderQueryOptions(client, body), enabled: localProblems.length === 0 });
  const [submitError, setSubmitError] = useState<MobprocError | Error | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);

  const errorItems = (error: unknown): ErrorItem[] =>
    error instanceof MobprocError ? error.problems : error instanceof Error ? [{ status: 0, id: '', errorCode: 'ERROR', message: error.message }] : [];
  const confirmItems = confirmation.isError ? errorItems(confirmation.error) : [];
  const allItems = [...confirmItems, ...(submitError ? errorItems(submitError) : [])];
  const placed = toFieldProblems(allItems, body, steps);
  const unplaced = allItems.filter((item) => !stepOwningField(item.field, steps));

  async function submit() {
    // A second click while the first is on its way must not send a second order.
    if (inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setSubmitError(null);
    try {
      const serialized = JSON.stringify(body);
      // The key is stored with the draft before the request, so a reload and retry reuse it.
      const stored = loadDraftFresh(draft, scope);
      const idempotency = idempotencyFor(stored, serialized);
      saveNow({ ...stored, idempotency });
      const answer = await submitOrder(client, body, idempotency.key);
      const order = answer.order;
      const approver = order.approvers.find((entry) => entry.decision === 'PENDING')?.employee ?? confirmation.data?.orderConfirmation.approval.approver;
      saveNow({
        ...stored,
        idempotency,
        submitted: {
          orderId: order.orderId,
          status: order.status,
          approverName: approver ? personName(approver) : undefined,
          dateSubmitted: order.dateSubmitted,
        },
      });
      goTo('done');
    } catch (error) {
      setSubmitError(error instanceof Error ? error : new Error(String(error)));
      if (error instanceof MobprocError) setProblems(toFieldProblems(error.problems, body, steps));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  // Confirm-mode problems belong at their fields too, so the Fix links land on them.
  const confirmFailedAt = confirmation.isError ? confirmation.errorUpdatedAt : 0;
  useEffect(() => {
    if (confirmFailedAt && confirmation.error instanceof MobprocError) setProblems(toFieldProblems(confirmation.error.problems, body, steps));
    // Once per failed answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [confirmFailedAt]);

  return (
    <StepFrame
      title="Review your order"
      intro="Prices and approval as the carrier confirmed them. Nothing is ordered until you submit."
      onContinue={() => void submit()}
      continueLabel="Submit order"
      continueDisabled={!confirmation.isSuccess}
      continuePending={submitting}
    >
      <Stack spacing={2}>
        {localProblems.length > 0 && (
          <Alert severity="error" role="alert">
            {localProblems.map((problem) => problem.message).join(' ')}
          </Alert>
        )}
        {(placed.length > 0 || unplaced.length > 0) && <ProblemList problems={placed} unplaced={unplaced} />}
        {confirmation.isError && (
          <Button variant="outlined" onClick={() => void confirmation.refetch()} sx={{ alignSelf: 'flex-start' }}>
            Check again
          </Button>
        )}
        {confirmation.isPending && localProblems.length === 0 && (
          <Stack spacing={1} role="status" aria-label="Checking your order with the carrier">
            <Skeleton width="50%" />
            <Skeleton variant="rounded" height={120} />
            <Skeleton variant="rounded" height={80} />
          </Stack>
        )}
        {confirmation.isSuccess && <ConfirmationView confirmation={confirmation.data.orderConfirmation} />}
      </Stack>
    </StepFrame>
  );
}
