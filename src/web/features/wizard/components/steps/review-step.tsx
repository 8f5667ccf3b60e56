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
import type { AcceptOrderConfirmation } from '../../../../../contract/accept.ts';
import { orderMemberProblems } from '../../../../../contract/orders.ts';
import { MobprocError } from '../../../../lib/api-client.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { useWebAppConfig } from '../../../../lib/config-context.tsx';
import { announcedExtensions } from '../../../../lib/extensions.ts';
import { formatDate, formatMoney, formatMonthly, personName } from '../../../../lib/format.ts';
import { totalsFromCart, totalsFromCostSummary } from '../../../../lib/order-totals.ts';
import { useExtensions } from '../../../../lib/use-extensions.ts';
import { confirmOrderQueryOptions, findPlacedOrder, submitOrder } from '../../api/orders.ts';
import { idempotencyFor, loadDraftFresh, type Draft } from '../../model/draft.ts';
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

/** A described device (existing or new) in words, as far as the server described it. */
function describedDevice(device: NonNullable<AcceptOrderConfirmation['existingDevice']>): string {
  const name = device.otherMakeModelName ?? [device.manufacturer?.name ?? device.manufacturer?.id, device.model?.name ?? device.model?.id].filter(Boolean).join(' ');
  const serial = device.serialNumber ? `${device.serialNumber.type ?? ''} ${device.serialNumber.value ?? ''}`.trim() : '';
  return [name, serial].filter(Boolean).join(' · ');
}

/**
 * The confirmation as a readable order (MOBPROC §4.5), with an Edit link per section. Shows what
 * the answer holds: a section whose member is missing is left out, a field without a label shows
 * its id, totals missing from the answer are computed from the item prices (and say so), and the
 * approval line appears only with an announced approval preview.
 */
function ConfirmationView({ confirmation, showApproval }: { confirmation: AcceptOrderConfirmation; showApproval: boolean }) {
  const cart = confirmation.shoppingCart;
  const accessories = cart?.accessories ?? [];
  const features = cart?.features ?? [];
  const quantity = cart?.quantity && cart.quantity > 1 ? cart.quantity : 1;
  const each = quantity > 1 ? ` × ${quantity}` : '';
  const holder = confirmation.accountHolder;
  const forSomeoneElse = holder && confirmation.requestedBy && holder.id !== confirmation.requestedBy.id;
  const computed = confirmation.costSummary === undefined;
  const totals = computed ? totalsFromCart(cart) : totalsFromCostSummary(confirmation.costSummary ?? []);
  const hasItems = cart && (cart.device || cart.plan || accessories.length > 0 || features.length > 0);
  const fields = (confirmation.properties ?? []).flatMap((group) => group.fields ?? []).filter((field) => field.text || field.date || field.choice);
  const service = confirmation.service;
  const serviceDevice = confirmation.device;

  return (
    <Stack spacing={2} divider={<Divider flexItem />}>
      {(holder || confirmation.externalOrderNumber) && (
        <Section title="For">
          {holder && <Row value={`${personName(holder)}${holder.email ? ` (${holder.email})` : ''}`} />}
          {forSomeoneElse && <Row label="Requested by" value={personName(confirmation.requestedBy)} />}
          {confirmation.externalOrderNumber && <Row label="Order reference" value={confirmation.externalOrderNumber} />}
        </Section>
      )}
      {service && (
        <Section title="Line" step="service">
          <Row value={service.serviceNumber} />
          {service.plan !== undefined && <Row label="Plan" value={service.plan?.name ?? 'None'} />}
          {service.vendor?.current?.name && <Row label="Carrier" value={service.vendor.current.name} />}
          {serviceDevice && (
            <Row
              label="Device"
              value={[
                [serviceDevice.manufacturer?.name, serviceDevice.model].filter(Boolean).join(' '),
                serviceDevice.serialNumber ? `(${serviceDevice.serialNumber.type ?? ''} ${serviceDevice.serialNumber.value ?? ''})` : '',
              ]
                .filter(Boolean)
                .join(' ')}
            />
          )}
        </Section>
      )}
      {confirmation.currentVendor && (
        <Section title="Current carrier" step="carrier">
          <Row value={confirmation.currentVendor.name ?? confirmation.currentVendor.id ?? ''} />
        </Section>
      )}
      {confirmation.region && !service && (
        <Section title="Location" step="location">
          <Row value={`${confirmation.region.name ?? confirmation.region.id}${confirmation.postalCode ? `, ${confirmation.postalCode}` : ''}`} />
        </Section>
      )}
      {hasItems && (
        <Section title="Items">
          {cart.device && (
            <>
              <Row label="Device" value={`${cart.device.name ?? cart.device.id ?? ''}${cart.device.vendor?.name ? ` (${cart.device.vendor.name})` : ''}${each}`} price={formatMoney(cart.device.price)} />
              {(cart.device.deviceFeatureOptions ?? []).map((option) => (
                <Row key={option.id} label={option.featureLabel ?? option.featureId} value={option.label ?? option.id} price={option.price?.amount ? formatMoney(option.price) : undefined} />
              ))}
              <EditLink step="device" what="device" />
            </>
          )}
          {cart.plan && (
            <>
              <Row label="Plan" value={`${cart.plan.name ?? cart.plan.id ?? ''}${cart.plan.vendor?.name ? ` (${cart.plan.vendor.name})` : ''}${each}`} price={formatMonthly(cart.plan.price)} />
              {cart.plan.includedFeatures && cart.plan.includedFeatures.length > 0 && (
                <Row label="Includes" value={cart.plan.includedFeatures.map((feature) => feature.description).filter(Boolean).join(', ')} />
              )}
              {(cart.plan.optionalFeatures ?? []).map((feature, index) => (
                <Row key={feature.id ?? index} label="Plan feature" value={feature.description ?? feature.id ?? ''} price={formatMonthly(feature.price)} />
              ))}
              <EditLink step="plan" what="plan" />
            </>
          )}
          {accessories.map((accessory, index) => (
            <Row key={accessory.id ?? index} label="Accessory" value={accessory.name ?? accessory.id ?? ''} price={formatMoney(accessory.price)} />
          ))}
          {accessories.length > 0 && <EditLink step="accessories" what="accessories" />}
          {features.map((feature, index) => (
            <Row
              key={feature.id ?? index}
              label={feature.action === 'ADD' ? 'Add' : feature.action === 'REMOVE' ? 'Remove' : (feature.action ?? 'Change')}
              value={feature.description ?? feature.id ?? ''}
              price={feature.action === 'ADD' ? formatMonthly(feature.price) : undefined}
            />
          ))}
          {cart.featureRequestComment && <Row label="Comment" value={cart.featureRequestComment} />}
          {features.length > 0 && <EditLink step="features" what="features" />}
        </Section>
      )}
      {(confirmation.existingDevice || confirmation.newDevice) && (
        <Section title="Devices" step="devices">
          {confirmation.existingDevice && <Row label="Current device" value={describedDevice(confirmation.existingDevice)} />}
          {confirmation.newDevice && <Row label="New device" value={describedDevice(confirmation.newDevice)} />}
        </Section>
      )}
      <Section title="Details" step="details">
        {fields.length === 0 && <Row value="None given" />}
        {fields.map((field) => (
          <Row
            key={field.id}
            label={field.label ?? field.id}
            value={
              field.type === 'DATE' && field.date
                ? formatDate(field.date)
                : field.choice
                  ? `${field.choice.label ?? field.choice.id}${field.choice.otherText ? `: ${field.choice.otherText}` : ''}`
                  : (field.text ?? field.date ?? '')
            }
          />
        ))}
      </Section>
      {confirmation.acknowledgements && confirmation.acknowledgements.length > 0 && (
        <Section title="Confirmed" step="acknowledgements">
          {confirmation.acknowledgements.map((item) => (
            <Row key={item.id} value={`${item.boolean === false ? '✗' : '✓'} ${item.label ?? item.id}`} />
          ))}
        </Section>
      )}
      {confirmation.shipTo?.address && confirmation.shipTo.address.length > 0 && (
        <Section title="Shipping" step="shipping">
          <Row value={confirmation.shipTo.name ?? ''} />
          {confirmation.shipTo.address.map((line) => (
            <Row key={line.id} label={line.label ?? line.id} value={line.value ?? ''} />
          ))}
          {confirmation.shipTo.region && <Row value={confirmation.shipTo.region.name ?? confirmation.shipTo.region.id} />}
          {confirmation.shipTo.expedite !== undefined && <Row value={confirmation.shipTo.expedite ? 'Expedited shipping' : 'Standard shipping'} />}
        </Section>
      )}
      <Section title="Total">
        <Row label="Due now" value="" price={totals.oneTime.length ? totals.oneTime.map(formatMoney).join(' + ') : computed ? '—' : formatMoney({ amount: 0, currencyCode: 'USD' })} />
        <Row label="Monthly" value="" price={totals.monthly.length ? totals.monthly.map(formatMonthly).join(' + ') : '—'} />
        {computed && (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            Computed by this app from the item prices: the server sent no totals for this order.
          </Typography>
        )}
      </Section>
      {showApproval && confirmation.approval && (
        <Alert severity={confirmation.approval.required ? 'info' : 'success'}>
          {confirmation.approval.required
            ? `This order will wait for ${confirmation.approval.approver ? personName(confirmation.approval.approver) : 'your manager'} to approve it before it goes to the carrier.`
            : 'No approval is needed: the order goes straight to the carrier.'}
        </Alert>
      )}
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

type CheckState = 'idle' | 'checking' | 'not-found' | 'failed';

/**
 * A submit whose outcome is not known (no answer, or a 5xx): the app looks for the order among
 * the account holder's recent orders by the draft's own reference before anything else, and
 * never submits again by itself. Found: the order page. Not there: the person may submit again.
 * The look-up failed: it cannot tell yet, and offers to look again.
 */
function SendingCheck({ state, onCheck }: { state: CheckState; onCheck: () => void }) {
  if (state === 'not-found') {
    return (
      <Alert severity="warning" role="alert">
        The order did not reach the server: it is not among your orders, so nothing was ordered. You can submit it again.
      </Alert>
    );
  }
  return (
    <Alert
      severity={state === 'failed' ? 'warning' : 'info'}
      role={state === 'failed' ? 'alert' : 'status'}
      action={
        state === 'failed' ? (
          <Button color="inherit" onClick={onCheck}>
            Check again
          </Button>
        ) : undefined
      }
    >
      {state === 'failed'
        ? 'No answer came back to your order, and the app cannot tell yet whether it was placed. It will not be sent again until that is known.'
        : 'No answer came back to your order. Looking for it among your orders…'}
    </Alert>
  );
}

export function ReviewStep() {
  const { draft, steps, setProblems, saveNow, goTo, scope, me } = useWizard();
  const client = useApiClient();
  const config = useWebAppConfig();
  const extensions = useExtensions();
  const body = buildOrderRequest(draft, extensions.set);
  const localProblems = orderMemberProblems(body.orderRequest);
  const confirmation = useQuery({ ...confirmOrderQueryOptions(client, body), enabled: localProblems.length === 0 && !extensions.isPending });
  const [submitError, setSubmitError] = useState<MobprocError | Error | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [check, setCheck] = useState<CheckState>('idle');
  const inFlight = useRef(false);

  const errorItems = (error: unknown): ErrorItem[] =>
    error instanceof MobprocError ? error.problems : error instanceof Error ? [{ status: 0, id: '', errorCode: 'ERROR', message: error.message }] : [];
  const confirmItems = confirmation.isError ? errorItems(confirmation.error) : [];
  const allItems = [...confirmItems, ...(submitError ? errorItems(submitError) : [])];
  const placed = toFieldProblems(allItems, body, steps);
  const unplaced = allItems.filter((item) => !stepOwningField(item.field, steps));

  /** The draft closed for good: the server has the order, readable or not. */
  function closeAsPlaced(base: Draft, submitted: NonNullable<Draft['submitted']>) {
    saveNow({ ...base, sending: undefined, submitted });
    goTo('done');
  }

  async function lookForOrder(base: Draft) {
    setCheck('checking');
    try {
      const found = await findPlacedOrder(client, { employeeId: me.actor.id, reference: base.orderReference, extensions: await announcedExtensions(config.baseUrl) });
      if (found) {
        closeAsPlaced(base, { orderId: found.orderId, status: found.status, dateSubmitted: found.dateSubmitted });
        return;
      }
      saveNow({ ...base, sending: undefined });
      setCheck('not-found');
    } catch {
      setCheck('failed');
    }
  }

  async function submit() {
    // A second click while the first is on its way must not send a second order.
    if (inFlight.current) return;
    const stored = loadDraftFresh(draft, scope);
    // Another tab submitted it, or an earlier submit got no answer: that must be settled first.
    if (stored.submitted || stored.sending) return;
    inFlight.current = true;
    setSubmitting(true);
    setSubmitError(null);
    setCheck('idle');
    try {
      const serialized = JSON.stringify(body);
      // The key and the "sending" mark are stored before the request, so a reload finds them.
      const idempotency = idempotencyFor(stored, serialized);
      const base: Draft = { ...stored, idempotency, sending: { body: serialized, at: new Date().toISOString() } };
      saveNow(base);
      const outcome = await submitOrder(client, body, idempotency.key, await announcedExtensions(config.baseUrl));
      const previewApprover = confirmation.data?.orderConfirmation.approval?.approver;
      switch (outcome.kind) {
        case 'placed':
          closeAsPlaced(base, {
            orderId: outcome.orderId,
            status: outcome.status,
            approverName: outcome.approverName ?? (previewApprover ? personName(previewApprover) : undefined),
            dateSubmitted: outcome.dateSubmitted,
          });
          break;
        case 'placed-unreadable':
          closeAsPlaced(base, { unreadable: true, dateSubmitted: new Date().toISOString() });
          break;
        case 'refused':
          saveNow({ ...base, sending: undefined });
          setSubmitError(outcome.error);
          setProblems(toFieldProblems(outcome.error.problems, body, steps));
          break;
        case 'unknown':
          await lookForOrder(base);
          break;
      }
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  // A draft reloaded while its submit had no answer yet: look for the order first, once.
  const looked = useRef(false);
  useEffect(() => {
    if (draft.sending && !looked.current && !inFlight.current) {
      looked.current = true;
      void lookForOrder(draft);
    }
    // Once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Confirm-mode problems belong at their fields too, so the Fix links land on them.
  const confirmFailedAt = confirmation.isError ? confirmation.errorUpdatedAt : 0;
  useEffect(() => {
    if (confirmFailedAt && confirmation.error instanceof MobprocError) setProblems(toFieldProblems(confirmation.error.problems, body, steps));
    // Once per failed answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [confirmFailedAt]);

  const unsettled = Boolean(draft.sending);

  return (
    <StepFrame
      title="Review your order"
      intro="Prices and approval as the carrier confirmed them. Nothing is ordered until you submit."
      onContinue={() => void submit()}
      continueLabel="Submit order"
      continueDisabled={!confirmation.isSuccess || unsettled}
      continuePending={submitting || check === 'checking'}
    >
      <Stack spacing={2}>
        {(unsettled || check === 'not-found') && <SendingCheck state={check} onCheck={() => void lookForOrder(loadDraftFresh(draft, scope))} />}
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
        {confirmation.isSuccess && <ConfirmationView confirmation={confirmation.data.orderConfirmation} showApproval={extensions.has('approval-preview')} />}
      </Stack>
    </StepFrame>
  );
}
