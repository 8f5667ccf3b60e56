import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Grid from '@mui/material/Grid';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AcceptCatalogDevice as CatalogDevice, AcceptCatalogDeviceDetail as CatalogDeviceDetail } from '../../../../../contract/accept.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { formatMoney } from '../../../../lib/format.ts';
import { useExtensions } from '../../../../lib/use-extensions.ts';
import { catalogDeviceQueryOptions } from '../../api/queries.ts';
import type { Draft } from '../../model/draft.ts';
import { typeModule } from '../../model/types/index.ts';
import { LoadError } from '../../../../components/query-states.tsx';

/** Maker and carrier of a catalog item, as far as the server named them. */
export function byline(item: Pick<CatalogDevice, 'manufacturer' | 'vendor'>): string {
  return [item.manufacturer?.name ?? item.manufacturer?.id, item.vendor?.name].filter(Boolean).join(' · ');
}

export function DeviceImage({ src, height }: { src: string | null | undefined; height: number }) {
  return src ? (
    <Box component="img" src={src} alt="" sx={{ height, width: '100%', objectFit: 'contain', display: 'block', bgcolor: 'grey.50' }} />
  ) : (
    <Box sx={{ height, bgcolor: 'grey.100' }} />
  );
}

/** One device's details, its options and (for a type with a line per device) the quantity. */
export function DeviceDetailDialog({
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
  const withQuantity = typeModule(draft.transactionType).linePerDevice;
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
        {detail.isError && <LoadError error={detail.error} onRetry={() => void detail.refetch()} what="this device" />}
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
