import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatMoney, sumMoney, type MoneyLike } from '../../../lib/format.ts';
import type { Draft } from '../model/draft.ts';
import { typeModule } from '../model/types/index.ts';

function Line({ label, value, price }: { label: string; value: string; price?: string }) {
  return (
    <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between', alignItems: 'baseline' }}>
      <Typography variant="body2" sx={{ minWidth: 0 }}>
        <Typography component="span" variant="body2" sx={{ color: 'text.secondary', display: 'block' }}>
          {label}
        </Typography>
        {value}
      </Typography>
      {price && (
        <Typography variant="body2" sx={{ whiteSpace: 'nowrap', fontWeight: 500 }}>
          {price}
        </Typography>
      )}
    </Stack>
  );
}

/** The running totals of a draft: one-time (device, options, accessories) and monthly (plan, features). */
function draftTotals(draft: Draft): { oneTime: MoneyLike[]; monthly: MoneyLike[] } {
  const quantity = typeModule(draft.transactionType).linePerDevice && draft.display.device ? (draft.quantity ?? 1) : 1;
  const times = (money: MoneyLike | undefined) => (money ? [{ ...money, amount: money.amount * quantity }] : []);
  const oneTime: MoneyLike[] = [];
  const monthly: MoneyLike[] = [];
  const { device, plan, accessories, features } = draft.display;
  if (device && draft.deviceId && !draft.noDevice) {
    oneTime.push(...times(device.price));
    for (const option of device.options) oneTime.push(...times(option.price));
  }
  if (plan && draft.planId && !draft.noPlan) {
    monthly.push(...times(plan.price));
    for (const feature of plan.optionalFeatures) monthly.push(...times(feature.price));
  }
  for (const accessory of accessories ?? []) oneTime.push(...times(accessory.price));
  for (const feature of features ?? []) if (feature.action === 'ADD' && feature.price) monthly.push(feature.price);
  return { oneTime: sumMoney(oneTime), monthly: sumMoney(monthly) };
}

/** What is chosen so far, beside the form (under it on a phone). */
export function SummaryPanel({ draft }: { draft: Draft }) {
  const { display } = draft;
  const info = typeModule(draft.transactionType);
  const quantity = info.linePerDevice && display.device ? (draft.quantity ?? 1) : 1;
  const { oneTime, monthly } = draftTotals(draft);
  const each = quantity > 1 ? ` × ${quantity}` : '';
  // With a quantity the prices are per piece, as the review and order page say; the totals count all.
  const per = (price: string) => (quantity > 1 ? `${price} each` : price);

  return (
    <Paper component="aside" aria-labelledby="summary-heading" variant="outlined" sx={{ p: 2.5, position: { md: 'sticky' }, top: { md: 16 } }}>
      <Typography id="summary-heading" variant="h2" sx={{ fontSize: '1.15rem', mb: 1.5 }}>
        Your order
      </Typography>
      <Stack spacing={1.25} divider={<Divider flexItem />}>
        <Line label="Order type" value={info.title} />
        {display.service && draft.serviceId && <Line label="Line" value={display.service} />}
        {display.carrier && draft.carrierId && (
          <Line label={info.carrier === 'moves-to' ? 'New carrier' : 'Current carrier'} value={display.carrier} />
        )}
        {display.region && draft.regionId && <Line label="Location" value={`${display.region}${draft.postalCode ? `, ${draft.postalCode}` : ''}`} />}
        {display.device && draft.deviceId && !draft.noDevice && (
          <Line label="Device" value={`${display.device.name}${each}`} price={per(formatMoney(display.device.price))} />
        )}
        {display.device &&
          draft.deviceId &&
          !draft.noDevice &&
          display.device.options
            .filter((option) => option.price?.amount !== 0)
            .map((option) => <Line key={option.id} label="Option" value={`${option.name}${each}`} price={per(formatMoney(option.price))} />)}
        {display.plan && draft.planId && !draft.noPlan && (
          <Line label="Plan" value={`${display.plan.name}${each}`} price={per(`${formatMoney(display.plan.price)}/mo`)} />
        )}
        {display.plan &&
          draft.planId &&
          !draft.noPlan &&
          display.plan.optionalFeatures.map((feature) => (
            <Line key={feature.id} label="Plan feature" value={`${feature.name}${each}`} price={per(`${formatMoney(feature.price)}/mo`)} />
          ))}
        {(display.accessories ?? []).map((accessory) => (
          <Line key={accessory.id} label="Accessory" value={`${accessory.name}${each}`} price={per(formatMoney(accessory.price))} />
        ))}
        {(display.features ?? []).map((feature) => (
          <Line
            key={feature.id}
            label={feature.action === 'ADD' ? 'Add feature' : 'Remove feature'}
            value={feature.name}
            price={feature.action === 'ADD' ? `${formatMoney(feature.price)}/mo` : undefined}
          />
        ))}
        <Stack spacing={0.5}>
          <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
            <Typography sx={{ fontWeight: 500 }}>Due now</Typography>
            <Typography sx={{ fontWeight: 700 }} data-testid="total-one-time">
              {oneTime.length ? oneTime.map(formatMoney).join(' + ') : formatMoney({ amount: 0, currencyCode: 'USD' })}
            </Typography>
          </Stack>
          <Stack direction="row" sx={{ justifyContent: 'space-between' }}>
            <Typography sx={{ fontWeight: 500 }}>Monthly</Typography>
            <Typography sx={{ fontWeight: 700 }} data-testid="total-monthly">
              {monthly.length ? monthly.map((money) => `${formatMoney(money)}/mo`).join(' + ') : '—'}
            </Typography>
          </Stack>
          <Typography variant="caption" sx={{ color: 'text.secondary' }}>
            Estimated; the review step shows the carrier’s confirmed prices.
          </Typography>
        </Stack>
      </Stack>
    </Paper>
  );
}
