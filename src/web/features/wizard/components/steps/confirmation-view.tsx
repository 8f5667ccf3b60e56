import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { type ReactNode } from 'react';
import type { AcceptOrderConfirmation } from '../../../../../contract/accept.ts';
import { formatMoney, formatMonthly, formatServiceNumber, formatWhen, personName } from '../../../../lib/format.ts';
import { confirmationTotals } from '../../../../lib/order-totals.ts';
import { levelWho } from '../../../../lib/approval-levels.ts';
import { type StepId } from '../../model/steps.ts';
import { useWizard } from '../wizard-context.tsx';

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

function describedDevice(device: NonNullable<AcceptOrderConfirmation['existingDevice']>): string {
  const name = device.otherMakeModelName ?? [device.manufacturer?.name ?? device.manufacturer?.id, device.model?.name ?? device.model?.id].filter(Boolean).join(' ');
  const serial = device.serialNumber ? `${device.serialNumber.type ?? ''} ${device.serialNumber.value ?? ''}`.trim() : '';
  return [name, serial].filter(Boolean).join(' · ');
}

/**
 * The confirmation as a readable order (MOBPROC §4.5), with an Edit link per section. Shows what
 * the answer holds: a section whose member is missing is left out, a field without a label shows
 * its id, totals missing from the answer are computed from the item prices (and say so; with no
 * prices at all, it says the server gave none), a "For" section needs a named account holder, and the
 * approval line appears only with an announced approval preview.
 */
export function ConfirmationView({ confirmation, showApproval }: { confirmation: AcceptOrderConfirmation; showApproval: boolean }) {
  const cart = confirmation.shoppingCart;
  const accessories = cart?.accessories ?? [];
  const features = cart?.features ?? [];
  const quantity = cart?.quantity && cart.quantity > 1 ? cart.quantity : 1;
  const each = quantity > 1 ? ` × ${quantity}` : '';
  // With a quantity, every item is ordered that many times and priced per piece (the totals count all).
  // Without a plan or a priced feature added, the order leaves the monthly bill as it is.
  const changesMonthly = Boolean(cart?.plan) || features.some((feature) => feature.action === 'ADD' && feature.price?.amount);
  const priced = (price: string | undefined) => (price && quantity > 1 ? `${price} each` : price);
  const holder = confirmation.accountHolder;
  const forSomeoneElse = holder && confirmation.requestedBy && holder.id !== confirmation.requestedBy.id;
  const totals = confirmationTotals(confirmation);
  const holderName = personName(holder);
  const hasItems = cart && (cart.device || cart.plan || accessories.length > 0 || features.length > 0);
  const fields = (confirmation.properties ?? []).flatMap((group) => group.fields ?? []).filter((field) => field.text || field.date || field.choice || field.redacted);
  const service = confirmation.service;
  const serviceDevice = confirmation.device;

  return (
    <Stack spacing={2} divider={<Divider flexItem />}>
      {holderName && (
        <Section title="For">
          <Row value={`${holderName}${holder?.email ? ` (${holder.email})` : ''}`} />
          {forSomeoneElse && <Row label="Requested by" value={personName(confirmation.requestedBy)} />}
          {confirmation.externalOrderNumber && <Row label="Order reference" value={confirmation.externalOrderNumber} />}
        </Section>
      )}
      {!holderName && confirmation.externalOrderNumber && (
        <Section title="Order">
          <Row label="Order reference" value={confirmation.externalOrderNumber} />
        </Section>
      )}
      {service && (
        <Section title="Line" step="service">
          <Row value={formatServiceNumber(service.serviceNumber ?? '')} />
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
      {/* A line's own country goes without saying; a place typed for it (a port's) is shown. */}
      {confirmation.region && (!service || confirmation.postalCode) && (
        <Section title="Location" step="location">
          <Row value={`${confirmation.region.name ?? confirmation.region.id}${confirmation.postalCode ? `, ${confirmation.postalCode}` : ''}`} />
        </Section>
      )}
      {hasItems && (
        <Section title="Items">
          {quantity > 1 && <Row label="Quantity" value={`${quantity} of everything below; prices are per item, and the totals count all ${quantity}`} />}
          {cart.device && (
            <>
              <Row label="Device" value={`${cart.device.name ?? cart.device.id ?? ''}${cart.device.vendor?.name ? ` (${cart.device.vendor.name})` : ''}${each}`} price={priced(formatMoney(cart.device.price))} />
              {(cart.device.deviceFeatureOptions ?? []).map((option) => (
                <Row key={option.id} label={option.featureLabel ?? option.featureId} value={`${option.label ?? option.id}${each}`} price={option.price?.amount ? priced(formatMoney(option.price)) : undefined} />
              ))}
              <EditLink step="device" what="device" />
            </>
          )}
          {cart.plan && (
            <>
              <Row label="Plan" value={`${cart.plan.name ?? cart.plan.id ?? ''}${cart.plan.vendor?.name ? ` (${cart.plan.vendor.name})` : ''}${each}`} price={priced(formatMonthly(cart.plan.price))} />
              {cart.plan.includedFeatures && cart.plan.includedFeatures.length > 0 && (
                <Row label="Includes" value={cart.plan.includedFeatures.map((feature) => feature.description).filter(Boolean).join(', ')} />
              )}
              {(cart.plan.optionalFeatures ?? []).map((feature, index) => (
                <Row key={feature.id ?? index} label="Plan feature" value={`${feature.description ?? feature.id ?? ''}${each}`} price={priced(formatMonthly(feature.price))} />
              ))}
              <EditLink step="plan" what="plan" />
            </>
          )}
          {accessories.map((accessory, index) => (
            <Row key={accessory.id ?? index} label="Accessory" value={`${accessory.name ?? accessory.id ?? ''}${each}`} price={priced(formatMoney(accessory.price))} />
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
              // A secret (a port-out PIN) is never answered back; saying it was given is all a person needs.
              field.redacted && !field.text
                ? '•••• (hidden)'
                : field.type === 'DATE' && field.date
                ? formatWhen(field.date, 'calendar-date')
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
        <Row label="Due now" value="" price={totals.dueNow} />
        <Row label="Monthly" value="" price={changesMonthly ? totals.monthly : 'No change'} />
        {totals.source !== 'server' && (
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {totals.source === 'computed'
              ? 'Computed by this app from the item prices: the server sent no totals for this order.'
              : 'The server gave no prices for this order.'}
          </Typography>
        )}
      </Section>
      {showApproval && confirmation.approval && (
        <Alert severity={confirmation.approval.required ? 'info' : 'success'}>
          {confirmation.approval.required
            ? (confirmation.approval.levels ?? []).length > 1
              ? `This order will wait for approval by ${(confirmation.approval.levels ?? []).map(levelWho).join(', then ')} before it goes to the carrier.`
              : `This order will wait for ${confirmation.approval.approver ? personName(confirmation.approval.approver) : confirmation.approval.levels?.[0] ? levelWho(confirmation.approval.levels[0]) : 'your manager'} to approve it before it goes to the carrier.`
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

