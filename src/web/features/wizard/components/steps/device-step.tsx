import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AcceptCatalogDevice as CatalogDevice, AcceptCatalogDeviceDetail as CatalogDeviceDetail } from '../../../../../contract/accept.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { formatMoney } from '../../../../lib/format.ts';
import { carriersQueryOptions, catalogDevicesQueryOptions, manufacturersQueryOptions, type DeviceSearch } from '../../api/queries.ts';
import type { Draft } from '../../model/draft.ts';
import { fixedCarrier, typeModule } from '../../model/types/index.ts';
import { CatalogPicker, useCatalogList } from '../catalog-picker.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';
import { DeviceComparisonDialog, maxCompared } from './device-comparison.tsx';
import { byline, DeviceDetailDialog, DeviceImage } from './device-detail-dialog.tsx';

const sorts = {
  'NAME-asc': { label: 'Name (A–Z)', sort: 'NAME', sortAscending: true },
  'PRICE-asc': { label: 'Price (low to high)', sort: 'PRICE', sortAscending: true },
  'PRICE-desc': { label: 'Price (high to low)', sort: 'PRICE', sortAscending: false },
} as const;
type SortKey = keyof typeof sorts;


/** Why a device cannot be chosen for this draft, or null. */
function unavailableReason(draft: Draft, device: CatalogDevice): string | null {
  if (typeModule(draft.transactionType).carrier === 'moves-away' && device.vendor && device.vendor.id === draft.carrierId) {
    return `Your number is moving away from ${device.vendor.name}.`;
  }
  return null;
}

export function DeviceStep() {
  const { draft, complete } = useWizard();
  const client = useApiClient();
  const problems = useStepProblems();
  const [manufacturer, setManufacturer] = useState('');
  const [vendor, setVendor] = useState('');
  const [sortKey, setSortKey] = useState<SortKey>('NAME-asc');
  const [openId, setOpenId] = useState<string | null>(null);
  // Kept across searches and pages, so devices found apart can be compared together.
  const [compared, setCompared] = useState<{ id: string; name: string }[]>([]);
  const [comparing, setComparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const type = typeModule(draft.transactionType);
  const carrier = fixedCarrier(draft);
  const optional = type.deviceOptional;

  const filters: Omit<DeviceSearch, 'search' | 'offset'> = {
    manufacturer: manufacturer || undefined,
    vendor: carrier ?? (vendor || undefined),
    sort: sorts[sortKey].sort,
    sortAscending: sorts[sortKey].sortAscending,
    region: draft.regionId ?? draft.serviceRegionId,
    transactionType: draft.transactionType,
    // A port asks whether the line's own device works on the new carrier.
    service: type.carrier === 'moves-to' ? draft.serviceId : undefined,
  };
  const devices = useCatalogList(
    { what: 'devices', skeleton: { count: 3, height: 260, size: { sm: 6, lg: 4 } } },
    (paging) => catalogDevicesQueryOptions(client, { ...filters, ...paging }),
    (data) => data.devices,
  );
  const { search, refine } = devices.searcher;
  const manufacturers = useQuery(manufacturersQueryOptions(client));
  const carriers = useQuery(carriersQueryOptions(client, draft.regionId ?? draft.serviceRegionId));

  function choose(device: CatalogDeviceDetail, optionIds: string[], quantity: number) {
    const options = (device.deviceFeatures ?? []).flatMap((feature) => feature.options.filter((option) => optionIds.includes(option.id)));
    complete(
      (current) => ({
        ...current,
        deviceId: device.id,
        deviceVendorId: device.vendor?.id,
        deviceFeatureOptionIds: optionIds,
        quantity: type.linePerDevice ? quantity : undefined,
        noDevice: false,
        display: {
          ...current.display,
          device: {
            id: device.id,
            name: device.name,
            price: device.price,
            options: options.map((option) => ({ id: option.id, name: option.label ?? option.id, price: option.price })),
          },
        },
      }),
      { changed: draft.deviceId !== device.id || draft.noDevice === true },
    );
  }

  function continueWithCurrent() {
    if (draft.deviceId && !draft.noDevice) complete((current) => current, { changed: false });
    else setError(optional ? 'Choose a device, or go on with “No new device”.' : 'Choose a device: this order needs one.');
  }

  const message = error ?? problems.get('shoppingCart.deviceId') ?? problems.get('shoppingCart.quantity') ?? problems.get('shoppingCart.deviceFeatureOptionIds') ?? null;
  const items = devices.items;

  return (
    <StepFrame
      title="Choose a device"
      intro={type.deviceIntro ?? 'Search and filter, compare up to three devices side by side, and open one for its details and options.'}
      onContinue={continueWithCurrent}
      continueLabel={draft.deviceId && !draft.noDevice ? `Continue with ${draft.display.device?.name ?? 'this device'}` : 'Continue'}
      extraActions={
        optional ? (
          <Button
            variant="text"
            onClick={() =>
              complete(
                (current) => ({ ...current, noDevice: true, deviceId: undefined, deviceFeatureOptionIds: undefined, quantity: undefined }),
                { changed: !draft.noDevice },
              )
            }
          >
            No new device
          </Button>
        ) : undefined
      }
    >
      <Stack spacing={2}>
        <CatalogPicker
          list={devices}
          message={message}
          empty={search || manufacturer || vendor ? 'No device matches these filters.' : 'There are no devices you can order here.'}
          filters={
            <>
              <TextField select label="Manufacturer" size="small" value={manufacturer} onChange={(event) => refine(() => setManufacturer(event.target.value))}>
                <MenuItem value="">All manufacturers</MenuItem>
                {(manufacturers.data ?? [])
                  .filter((candidate) => candidate.name !== 'Other')
                  .map((candidate) => (
                    <MenuItem key={candidate.id} value={candidate.id}>
                      {candidate.name}
                    </MenuItem>
                  ))}
              </TextField>
              <TextField select label="Carrier" size="small" disabled={Boolean(carrier)} value={carrier ?? vendor} onChange={(event) => refine(() => setVendor(event.target.value))}>
                <MenuItem value="">All carriers</MenuItem>
                {(carriers.data ?? []).map((candidate) => (
                  <MenuItem key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </MenuItem>
                ))}
              </TextField>
              <TextField select label="Sort by" size="small" value={sortKey} onChange={(event) => setSortKey(event.target.value as SortKey)}>
                {Object.entries(sorts).map(([key, sort]) => (
                  <MenuItem key={key} value={key}>
                    {sort.label}
                  </MenuItem>
                ))}
              </TextField>
            </>
          }
        >
          {/* The last list stays at full contrast while the next loads (dimmed, its text failed WCAG
              contrast); a bar says it is being replaced, and the list is marked busy. */}
          {devices.query.isPlaceholderData && <LinearProgress aria-label="Loading devices" sx={{ mb: 1 }} />}
          <Grid container spacing={2} component="ul" aria-label="Devices" aria-busy={devices.query.isPlaceholderData} sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {items.map((device) => {
              const reason = unavailableReason(draft, device);
              const selected = draft.deviceId === device.id && !draft.noDevice;
              return (
                <Grid key={device.id} size={{ xs: 12, sm: 6, lg: 4 }} component="li">
                  <Card variant="outlined" sx={{ height: '100%', display: 'flex', flexDirection: 'column', borderColor: selected ? 'primary.main' : undefined, borderWidth: selected ? 2 : 1 }}>
                    <DeviceImage src={device.imageUrl} height={140} />
                    <CardContent sx={{ flexGrow: 1, pb: 1 }}>
                      <Typography component="h2" sx={{ fontWeight: 600 }}>
                        {device.name}
                      </Typography>
                      <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                        {byline(device)}
                      </Typography>
                      <Typography sx={{ mt: 1, fontWeight: 600 }}>{formatMoney(device.price)}</Typography>
                      {reason && (
                        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                          {reason}
                        </Typography>
                      )}
                    </CardContent>
                    <CardActions sx={{ justifyContent: 'space-between', flexWrap: 'wrap' }}>
                      <FormControlLabel
                        label="Compare"
                        control={
                          <Checkbox
                            size="small"
                            checked={compared.some((candidate) => candidate.id === device.id)}
                            disabled={Boolean(reason) || (compared.length >= maxCompared && !compared.some((candidate) => candidate.id === device.id))}
                            onChange={(event) =>
                              setCompared((current) =>
                                event.target.checked ? [...current, { id: device.id, name: device.name }] : current.filter((candidate) => candidate.id !== device.id),
                              )
                            }
                            slotProps={{ input: { 'aria-label': `Compare ${device.name}${device.vendor ? ` on ${device.vendor.name}` : ''}` } }}
                          />
                        }
                      />
                      <Button onClick={() => setOpenId(device.id)} disabled={Boolean(reason)} aria-label={`${selected ? 'Selected: ' : ''}View ${device.name}${device.vendor ? ` on ${device.vendor.name}` : ''}`}>
                        {selected ? 'Selected · change options' : 'View details'}
                      </Button>
                    </CardActions>
                  </Card>
                </Grid>
              );
            })}
          </Grid>
        </CatalogPicker>
        {/* Stays in view while the list scrolls, so the devices ticked far down a phone's page can be compared at once. */}
        <Stack
          direction="row"
          spacing={1.5}
          useFlexGap
          sx={{ alignItems: 'center', flexWrap: 'wrap', position: 'sticky', bottom: 0, zIndex: 2, bgcolor: 'background.paper', py: 1, borderTop: 1, borderColor: 'divider' }}
        >
          <Button variant="outlined" disabled={compared.length < 2} onClick={() => setComparing(true)}>
            Compare {compared.length > 0 ? `${compared.length} ` : ''}devices
          </Button>
          <Typography variant="body2" sx={{ color: 'text.secondary' }} role="status">
            {compared.length === 0
              ? `Tick “Compare” on two or three devices to see them side by side.`
              : compared.length < maxCompared
                ? `Comparing ${compared.map((device) => device.name).join(', ')}.${compared.length < 2 ? ' Tick one more.' : ''}`
                : `Comparing ${compared.map((device) => device.name).join(', ')} (at most ${maxCompared}).`}
          </Typography>
          {compared.length > 0 && (
            <Button variant="text" onClick={() => setCompared([])}>
              Clear comparison
            </Button>
          )}
        </Stack>
      </Stack>
      {comparing && (
        <DeviceComparisonDialog
          deviceIds={compared.map((device) => device.id)}
          onClose={() => setComparing(false)}
          onView={(deviceId) => {
            setComparing(false);
            setOpenId(deviceId);
          }}
        />
      )}
      {openId && (
        <DeviceDetailDialog
          deviceId={openId}
          draft={draft}
          onClose={() => setOpenId(null)}
          onChoose={(device, optionIds, quantity) => {
            setOpenId(null);
            choose(device, optionIds, quantity);
          }}
        />
      )}
    </StepFrame>
  );
}
