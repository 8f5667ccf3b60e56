import Box from '@mui/material/Box';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { AcceptOrder as Order, AcceptOrderSegment as OrderSegment } from '../../contract/accept.ts';
import { formatMoney, formatMonthly, formatServiceNumber, formatWhen, personName } from '../lib/format.ts';
import { orderStatusWords } from '../lib/order-status.ts';
import { totalsFromCostSummary, totalsFromSegments, type OrderTotals } from '../lib/order-totals.ts';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="h3" component="h2" sx={{ fontSize: '1.05rem', mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function PriceRow({ label, price, monthly = false, image }: { label: string; price?: { amount: number; currencyCode: string }; monthly?: boolean; image?: string | null }) {
  return (
    <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', minWidth: 0 }}>
        {image && <Box component="img" src={image} alt="" sx={{ width: 40, height: 40, objectFit: 'contain', flexShrink: 0 }} />}
        <Typography sx={{ overflowWrap: 'anywhere' }}>{label}</Typography>
      </Stack>
      {price && <Typography sx={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{monthly ? formatMonthly(price) : formatMoney(price)}</Typography>}
    </Stack>
  );
}

function SegmentItems({ segment }: { segment: OrderSegment }) {
  const rows: ReactNode[] = [];
  // Members another server leaves out (ids, names, prices, options) are skipped, not guessed.
  if (segment.device) {
    const chosen = segment.device.deviceFeatureOptions ?? [];
    const options = chosen.map((option) => option.label ?? option.id).join(', ');
    rows.push(<PriceRow key="device" label={`${segment.device.name ?? 'Device'}${options ? ` (${options})` : ''}`} price={segment.device.price} image={segment.device.imageUrl} />);
    for (const option of chosen.filter((entry) => entry.price && entry.price.amount !== 0)) {
      rows.push(<PriceRow key={`option-${option.id}`} label={`${option.featureLabel ?? option.featureId ?? 'Option'}: ${option.label ?? option.id}`} price={option.price} />);
    }
  }
  if (segment.plan && (segment.plan.name || segment.plan.price)) {
    rows.push(<PriceRow key="plan" label={`Plan: ${segment.plan.name ?? segment.plan.id ?? 'not named'}`} price={segment.plan.price} monthly />);
  }
  (segment.plan?.optionalFeatures ?? []).forEach((feature, index) =>
    rows.push(<PriceRow key={`opt-${feature.id ?? index}`} label={`+ ${feature.description ?? feature.id ?? 'feature'}`} price={feature.price} monthly />),
  );
  (segment.accessories ?? []).forEach((accessory, index) =>
    rows.push(<PriceRow key={`acc-${accessory.id ?? index}`} label={accessory.name ?? accessory.id ?? 'Accessory'} price={accessory.price} image={accessory.imageUrl} />),
  );
  (segment.features ?? []).forEach((feature, index) =>
    rows.push(
      <PriceRow
        key={`feat-${feature.id ?? index}`}
        label={`${feature.action === 'ADD' ? 'Add' : feature.action === 'REMOVE' ? 'Remove' : (feature.action ?? 'Change')} ${feature.description ?? feature.id ?? ''}`}
        price={feature.action === 'ADD' ? feature.price : undefined}
        monthly
      />,
    ),
  );
  if (rows.length === 0) {
    rows.push(
      <Typography key="none" sx={{ color: 'text.secondary' }}>
        Nothing to ship or charge; {segment.vendor?.name ?? 'the carrier'} makes the change.
      </Typography>,
    );
  }
  return <Stack spacing={1}>{rows}</Stack>;
}

export function TotalsBlock({ totals }: { totals: OrderTotals }) {
  const oneTime = totals.oneTime.length > 0 ? totals.oneTime : [];
  // A care order's summary carries a monthly total of zero: "$0.00/mo" would read as the line now
  // costing nothing a month, when the order only leaves the monthly charge as it was.
  const monthly = totals.monthly.filter((money) => money.amount !== 0);
  return (
    <Stack spacing={0.5}>
      <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
        <Typography sx={{ fontWeight: 500 }}>Due now</Typography>
        <Typography sx={{ fontWeight: 500 }}>{oneTime.length ? oneTime.map(formatMoney).join(' + ') : formatMoney({ amount: 0, currencyCode: totals.monthly[0]?.currencyCode ?? 'USD' })}</Typography>
      </Stack>
      <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
        <Typography sx={{ fontWeight: 500 }}>Monthly</Typography>
        <Typography sx={{ fontWeight: 500 }}>{monthly.length ? monthly.map(formatMonthly).join(' + ') : 'No change'}</Typography>
      </Stack>
    </Stack>
  );
}

export function orderTotals(order: Order): OrderTotals {
  return order.confirmation?.costSummary?.length ? totalsFromCostSummary(order.confirmation.costSummary) : totalsFromSegments(order.orderSegments?.items ?? []);
}

/** The order as the wizard's review page shows it: who, the service, every item with its price, details, address, totals. */
export function OrderSummary({ order }: { order: Order }) {
  const segments = order.orderSegments?.items ?? [];
  // A quantity of N gives N identical segments: say "N lines, each:" once rather than list them all.
  const itemsOf = (segment: OrderSegment) => JSON.stringify([segment.device, segment.plan, segment.accessories, segment.features]);
  const sameItems = segments.length > 1 && segments.every((segment) => itemsOf(segment) === itemsOf(segments[0]!));
  const properties = (order.properties ?? []).flatMap((group) => group.fields ?? []).filter((field) => field.text || field.date || field.choice);
  const shipTo = order.shipTo ?? {};
  const address = shipTo.address ?? [];
  const service = order.confirmation?.service;
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
      <Stack spacing={2} divider={<Divider flexItem />}>
        <Section title="Who">
          <Typography>
            For <strong>{personName(order.accountHolder) || 'the account holder'}</strong>
            {order.requestedBy && order.accountHolder && order.requestedBy.id !== order.accountHolder.id && (
              <>
                , requested by <strong>{personName(order.requestedBy)}</strong>
              </>
            )}
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {order.dateSubmitted ? `Submitted ${formatWhen(order.dateSubmitted, 'moment')}` : 'Submitted'}
            {order.externalOrderNumber ? ` · reference ${order.externalOrderNumber}` : ''}
          </Typography>
        </Section>
        {(order.serviceNumber || service) && (
          <Section title="Line">
            <Typography>
              {formatServiceNumber(order.serviceNumber ?? service?.serviceNumber ?? '')}
              {service?.vendor?.current?.name ? ` · ${service.vendor.current.name}` : ''}
              {service?.plan?.name ? ` · ${service.plan.name}` : ''}
            </Typography>
          </Section>
        )}
        <Section title={segments.length > 1 ? `Items (${segments.length} lines)` : 'Items'}>
          {sameItems ? (
            <Stack spacing={1}>
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {segments.length} identical lines ({[...new Set(segments.map((segment) => (segment.status ? orderStatusWords(segment.status) : 'status not given').toLowerCase()))].join(', ')}), each:
              </Typography>
              <SegmentItems segment={segments[0]!} />
            </Stack>
          ) : (
            <Stack spacing={2}>
              {segments.map((segment, index) => (
                <Box key={segment.orderSegmentId ?? index}>
                  {segments.length > 1 && (
                    <Typography variant="body2" sx={{ color: 'text.secondary', mb: 0.5 }}>
                      {[`Line ${index + 1}`, segment.vendor?.name, segment.status && orderStatusWords(segment.status)].filter(Boolean).join(' · ')}
                    </Typography>
                  )}
                  <SegmentItems segment={segment} />
                </Box>
              ))}
              {segments.length === 0 && <Typography sx={{ color: 'text.secondary' }}>No items.</Typography>}
            </Stack>
          )}
        </Section>
        <Section title="Totals">
          <TotalsBlock totals={orderTotals(order)} />
        </Section>
        {properties.length > 0 && (
          <Section title="Details">
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'minmax(10rem, max-content) 1fr' }, columnGap: 2, rowGap: 0.5, m: 0 }}>
              {properties.map((field) => (
                <Box key={field.id} sx={{ display: 'contents' }}>
                  <Typography component="dt" sx={{ color: 'text.secondary' }}>
                    {field.label ?? field.id}
                  </Typography>
                  <Typography component="dd" sx={{ m: 0, mb: { xs: 1, sm: 0 }, overflowWrap: 'anywhere' }}>
                    {field.text ??
                      (field.date
                        ? formatWhen(field.date, 'calendar-date')
                        : field.choice
                          ? `${field.choice.label ?? field.choice.id}${field.choice.otherText ? `: ${field.choice.otherText}` : ''}`
                          : '')}
                  </Typography>
                </Box>
              ))}
            </Box>
          </Section>
        )}
        {address.length > 0 && (
          <Section title="Shipping to">
            <Typography component="address" sx={{ fontStyle: 'normal' }}>
              {shipTo.name && (
                <>
                  {shipTo.name}
                  <br />
                </>
              )}
              {address.map((line) => (
                <span key={line.id}>
                  {line.value}
                  <br />
                </span>
              ))}
              {shipTo.region?.name}
            </Typography>
            {shipTo.expedite && <Typography variant="body2">Expedited shipping</Typography>}
          </Section>
        )}
      </Stack>
    </Paper>
  );
}
