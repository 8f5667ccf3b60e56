import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActions from '@mui/material/CardActions';
import CardContent from '@mui/material/CardContent';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AcceptCatalogDevice as CatalogDevice, AcceptCatalogDeviceDetail as CatalogDeviceDetail } from '../../../../../contract/accept.ts';
import { useExtensions } from '../../../../lib/use-extensions.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { formatMoney } from '../../../../lib/format.ts';
import {
  carriersQueryOptions,
  catalogDeviceQueryOptions,
  catalogDevicesQueryOptions,
  manufacturersQueryOptions,
  type DeviceSearch,
} from '../../api/queries.ts';
import type { Draft } from '../../model/draft.ts';
import { Pager } from '../pager.tsx';
import { LoadError, StepFrame } from '../step-frame.tsx';
import { useDebounced } from '../../../../lib/use-debounced.ts';
import { useStepProblems, useWizard } from '../wizard-context.tsx';

const sorts = {
  'NAME-asc': { label: 'Name (A–Z)', sort: 'NAME', sortAscending: true },
  'PRICE-asc': { label: 'Price (low to high)', sort: 'PRICE', sortAscending: true },
  'PRICE-desc': { label: 'Price (high to low)', sort: 'PRICE', sortAscending: false },
} as const;
type SortKey = keyof typeof sorts;

/** The carrier a type fixes for its device, if any: ports and transfers-in stay on one carrier. */
function fixedCarrier(draft: Draft): string | undefined {
  if (draft.transactionType === 'PORT_NUMBER' || draft.transactionType === 'XFER_SERVICE_IN') return draft.carrierId;
  return undefined;
}

/** Maker and carrier of a catalog item, as far as the server named them. */
function byline(item: Pick<CatalogDevice, 'manufacturer' | 'vendor'>): string {
  return [item.manufacturer?.name ?? item.manufacturer?.id, item.vendor?.name].filter(Boolean).join(' · ');
}

/** Why a device cannot be chosen for this draft, or null. */
function unavailableReason(draft: Draft, device: CatalogDevice): string | null {
  if (draft.transactionType === 'XFER_SERVICE_IN_AND_PORT' && device.vendor && device.vendor.id === draft.carrierId) {
    return `Your number is moving away from ${device.vendor.name}.`;
  }
  return null;
}

function DeviceImage({ src, height }: { src: string | null | undefined; height: number }) {
  return src ? (
    <Box component="img" src={src} alt="" sx={{ height, width: '100%', objectFit: 'contain', display: 'block', bgcolor: 'grey.50' }} />
  ) : (
    <Box sx={{ height, bgcolor: 'grey.100' }} />
  );
}

export function DeviceStep() {
  const { draft, complete } = useWizard();
  const client = useApiClient();
  const problems = useStepProblems();
  const [searchText, setSearchText] = useState('');
  const [manufacturer, setManufacturer] = useState('');
  const [vendor, setVendor] = useState('');
  const [sortKey, setSortKey] = useState<SortKey>('NAME-asc');
  const [offset, setOffset] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const search = useDebounced(searchText.trim(), 300);
  const carrier = fixedCarrier(draft);
  const optional = draft.transactionType === 'NEW_ACTIVATION' || draft.transactionType === 'UPGRADE' || draft.transactionType === 'XFER_SERVICE_IN';

  const query: DeviceSearch = {
    search: search || undefined,
    manufacturer: manufacturer || undefined,
    vendor: carrier ?? (vendor || undefined),
    sort: sorts[sortKey].sort,
    sortAscending: sorts[sortKey].sortAscending,
    offset,
    region: draft.regionId ?? draft.serviceRegionId,
    transactionType: draft.transactionType,
    service: draft.transactionType === 'PORT_NUMBER' ? draft.serviceId : undefined,
  };
  const devices = useQuery(catalogDevicesQueryOptions(client, query));
  const manufacturers = useQuery(manufacturersQueryOptions(client));
  const carriers = useQuery(carriersQueryOptions(client));
  const resetPage = () => setOffset(0);

  function choose(device: CatalogDeviceDetail, optionIds: string[], quantity: number) {
    const options = (device.deviceFeatures ?? []).flatMap((feature) => feature.options.filter((option) => optionIds.includes(option.id)));
    complete(
      (current) => ({
        ...current,
        deviceId: device.id,
        deviceVendorId: device.vendor?.id,
        deviceFeatureOptionIds: optionIds,
        quantity: current.transactionType === 'NEW_ACTIVATION' ? quantity : undefined,
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
    else setError('Choose a device, or go on without one.');
  }

  const message = error ?? problems.get('shoppingCart.deviceId') ?? problems.get('shoppingCart.quantity') ?? problems.get('shoppingCart.deviceFeatureOptionIds') ?? null;
  const items = devices.data?.devices.items ?? [];

  return (
    <StepFrame
      title="Choose a device"
      intro={
        draft.transactionType === 'PORT_NUMBER'
          ? 'Your current phone does not work on the new carrier, so the move needs a new one.'
          : 'Search, filter and compare; open a device for its details and options.'
      }
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
        {message && (
          <Alert severity="error" role="alert">
            {message}
          </Alert>
        )}
        <Grid container spacing={1.5}>
          <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
            <TextField
              label="Search devices"
              type="search"
              size="small"
              fullWidth
              value={searchText}
              onChange={(event) => {
                setSearchText(event.target.value);
                resetPage();
              }}
            />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
            <TextField
              select
              label="Manufacturer"
              size="small"
              fullWidth
              value={manufacturer}
              onChange={(event) => {
                setManufacturer(event.target.value);
                resetPage();
              }}
            >
              <MenuItem value="">All manufacturers</MenuItem>
              {(manufacturers.data ?? [])
                .filter((candidate) => candidate.name !== 'Other')
                .map((candidate) => (
                  <MenuItem key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </MenuItem>
                ))}
            </TextField>
          </Grid>
          <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
            <TextField
              select
              label="Carrier"
              size="small"
              fullWidth
              disabled={Boolean(carrier)}
              value={carrier ?? vendor}
              onChange={(event) => {
                setVendor(event.target.value);
                resetPage();
              }}
            >
              <MenuItem value="">All carriers</MenuItem>
              {(carriers.data ?? []).map((candidate) => (
                <MenuItem key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid size={{ xs: 12, sm: 6, lg: 3 }}>
            <TextField select label="Sort by" size="small" fullWidth value={sortKey} onChange={(event) => setSortKey(event.target.value as SortKey)}>
              {Object.entries(sorts).map(([key, sort]) => (
                <MenuItem key={key} value={key}>
                  {sort.label}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        </Grid>

        {devices.isPending && (
          <Grid container spacing={2} role="status" aria-label="Loading devices">
            {[0, 1, 2].map((index) => (
              <Grid key={index} size={{ xs: 12, sm: 6, lg: 4 }}>
                <Skeleton variant="rounded" height={260} />
              </Grid>
            ))}
          </Grid>
        )}
        {devices.isError && <LoadError error={devices.error} retry={() => void devices.refetch()} what="the devices" />}
        {devices.isSuccess && items.length === 0 && (
          <Typography>{search || manufacturer || vendor ? 'No device matches these filters.' : 'There are no devices you can order here.'}</Typography>
        )}
        {items.length > 0 && (
          <Grid container spacing={2} component="ul" aria-label="Devices" sx={{ listStyle: 'none', p: 0, m: 0, opacity: devices.isPlaceholderData ? 0.6 : 1 }}>
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
                    <CardActions>
                      <Button onClick={() => setOpenId(device.id)} disabled={Boolean(reason)} aria-label={`${selected ? 'Selected: ' : ''}View ${device.name}${device.vendor ? ` on ${device.vendor.name}` : ''}`}>
                        {selected ? 'Selected · change options' : 'View details'}
                      </Button>
                    </CardActions>
                  </Card>
                </Grid>
              );
            })}
          </Grid>
        )}
        {devices.isSuccess && <Pager meta={devices.data.devices._meta} onOffset={setOffset} what="devices" />}
      </Stack>
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

function DeviceDetailDialog({
  deviceId,
  draft,
  onClose,
  onChoose,
}: {
  deviceId: string;
  draft: Draft;
  onClose: () => void;
  onChoose: (device: CatalogDeviceDetail, optionIds: string[], quantity: number) => void;
}) {
  const client = useApiClient();
  const detail = useQuery(catalogDeviceQueryOptions(client, deviceId));
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [quantityText, setQuantityText] = useState(String(draft.deviceId === deviceId ? (draft.quantity ?? 1) : 1));
  const quantity = Number(quantityText);
  const quantityProblem = Number.isInteger(quantity) && quantity >= 1 && quantity <= 50 ? null : 'Enter a whole number from 1 to 50.';
  const withQuantity = draft.transactionType === 'NEW_ACTIVATION';
  // Choices are sent as `deviceFeatureOptionIds`, an extension: without it the catalog item is the
  // variant, and its colour or storage choices are not offered.
  const extensions = useExtensions();
  const features = extensions.has('device-feature-options') ? (detail.data?.deviceFeatures ?? []) : [];

  function optionFor(featureId: string, device: CatalogDeviceDetail): string {
    if (picked[featureId]) return picked[featureId];
    const feature = device.deviceFeatures?.find((candidate) => candidate.id === featureId);
    const previous = feature?.options.find((option) => draft.deviceId === deviceId && draft.deviceFeatureOptionIds?.includes(option.id));
    return previous?.id ?? feature?.options.find((option) => option.isDefault)?.id ?? feature?.options[0]?.id ?? '';
  }

  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="device-dialog-title" scroll="paper">
      <DialogTitle id="device-dialog-title">{detail.data?.name ?? 'Device'}</DialogTitle>
      <DialogContent dividers>
        {detail.isPending && (
          <Stack spacing={1} role="status" aria-label="Loading the device">
            <Skeleton variant="rounded" height={180} />
            <Skeleton width="60%" />
          </Stack>
        )}
        {detail.isError && <LoadError error={detail.error} retry={() => void detail.refetch()} what="this device" />}
        {detail.isSuccess && (
          <Grid container spacing={3}>
            <Grid size={{ xs: 12, sm: 5 }}>
              <DeviceImage src={detail.data.imageUrl} height={220} />
              <Typography sx={{ mt: 1, fontWeight: 600, fontSize: '1.25rem' }}>{formatMoney(detail.data.price)}</Typography>
              <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                {byline(detail.data)}
              </Typography>
            </Grid>
            <Grid size={{ xs: 12, sm: 7 }}>
              <Stack spacing={2}>
                <Typography>{detail.data.description}</Typography>
                {features.map((feature) => (
                  <FormControl key={feature.id} required={feature.validation === 'REQUIRED'}>
                    <FormLabel id={`feature-${feature.id}`}>{feature.label ?? feature.id}</FormLabel>
                    <RadioGroup
                      aria-labelledby={`feature-${feature.id}`}
                      row
                      value={optionFor(feature.id, detail.data)}
                      onChange={(event) => setPicked((current) => ({ ...current, [feature.id]: event.target.value }))}
                    >
                      {feature.options.map((option) => (
                        <FormControlLabel
                          key={option.id}
                          value={option.id}
                          control={<Radio />}
                          label={option.price?.amount ? `${option.label ?? option.id} (+${formatMoney(option.price)})` : (option.label ?? option.id)}
                        />
                      ))}
                    </RadioGroup>
                  </FormControl>
                ))}
                {withQuantity && (
                  <TextField
                    label="Quantity"
                    type="number"
                    value={quantityText}
                    onChange={(event) => setQuantityText(event.target.value)}
                    error={Boolean(quantityProblem)}
                    helperText={quantityProblem ?? 'One new line per device.'}
                    slotProps={{ htmlInput: { min: 1, max: 50, inputMode: 'numeric' } }}
                    sx={{ maxWidth: 160 }}
                  />
                )}
                {detail.data.specifications && detail.data.specifications.length > 0 && (
                  <Box component="dl" sx={{ m: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: 2, rowGap: 0.5 }}>
                    {detail.data.specifications.map((specification) => (
                      <Box key={`${specification.label}:${specification.value}`} sx={{ display: 'contents' }}>
                        <Typography component="dt" variant="body2" sx={{ color: 'text.secondary' }}>
                          {specification.label}
                        </Typography>
                        <Typography component="dd" variant="body2" sx={{ m: 0 }}>
                          {specification.value}
                        </Typography>
                      </Box>
                    ))}
                  </Box>
                )}
              </Stack>
            </Grid>
          </Grid>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
        <Button
          variant="contained"
          disabled={!detail.isSuccess || (withQuantity && Boolean(quantityProblem))}
          onClick={() => {
            if (!detail.data) return;
            const optionIds = features.map((feature) => optionFor(feature.id, detail.data)).filter(Boolean);
            onChoose(detail.data, optionIds, withQuantity ? quantity : 1);
          }}
        >
          Choose this device
        </Button>
      </DialogActions>
    </Dialog>
  );
}
