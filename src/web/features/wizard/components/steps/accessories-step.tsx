import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { formatMoney } from '../../../../lib/format.ts';
import { accessoriesQueryOptions } from '../../api/queries.ts';
import type { Draft, PricedLine } from '../../model/draft.ts';
import { CatalogPicker, useCatalogList } from '../catalog-picker.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';
import { typeModule } from '../../model/types/index.ts';

export function AccessoriesStep() {
  const { draft, complete, preview } = useWizard();
  const client = useApiClient();
  const problems = useStepProblems();
  const [chosen, setChosen] = useState<PricedLine[]>(draft.display.accessories ?? []);
  const [error, setError] = useState<string | null>(null);
  const newDevice = Boolean(draft.deviceId) && !draft.noDevice;
  const required = typeModule(draft.transactionType).accessoriesRequired;
  const accessories = useCatalogList(
    { what: 'accessories', skeleton: { count: 2, height: 96, size: { sm: 6 } } },
    (paging) =>
      accessoriesQueryOptions(client, {
        device: newDevice ? draft.deviceId : undefined,
        service: newDevice ? undefined : draft.serviceId,
        region: draft.regionId ?? draft.serviceRegionId,
        ...paging,
      }),
    (data) => data.accessories,
  );
  const { search } = accessories.searcher;
  const deviceName = newDevice ? draft.display.device?.name : draft.display.service;
  // The device's currency is the order's: a server that ignored `region` still offers no other.
  const currency = newDevice ? draft.display.device?.price?.currencyCode : undefined;
  const items = accessories.items.filter((item) => !currency || !item.price?.currencyCode || item.price.currencyCode === currency);

  const withChosen = useCallback(
    (current: Draft): Draft => ({ ...current, accessoryIds: chosen.map((line) => line.id), display: { ...current.display, accessories: chosen } }),
    [chosen],
  );
  useEffect(() => preview(withChosen), [preview, withChosen]);

  function save() {
    if (required && chosen.length === 0) {
      setError('Choose at least one accessory.');
      return;
    }
    const ids = chosen.map((line) => line.id);
    const before = draft.accessoryIds ?? [];
    complete(withChosen, {
      changed: ids.length !== before.length || ids.some((id) => !before.includes(id)),
    });
  }

  const message = error ?? [...problems].find(([key]) => key.startsWith('shoppingCart.accessoryIds'))?.[1] ?? null;

  return (
    <StepFrame
      title={required ? 'Choose accessories' : 'Add accessories?'}
      intro={deviceName ? `Accessories that fit ${deviceName}.` : undefined}
      onContinue={save}
      continueLabel={!required && chosen.length === 0 ? 'Continue without accessories' : 'Continue'}
    >
      <Stack spacing={2}>
        <CatalogPicker
          list={accessories}
          message={message}
          empty={search ? `No accessory matches “${search}”.` : 'No accessories fit this device.'}
        >
          <Grid container spacing={1.5} component="ul" aria-label="Accessories" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {items.map((accessory) => {
              const checked = chosen.some((line) => line.id === accessory.id);
              return (
                <Grid key={accessory.id} size={{ xs: 12, sm: 6 }} component="li">
                  <FormControlLabel
                    sx={{ m: 0, p: 1, width: '100%', border: 1, borderRadius: 1, borderColor: checked ? 'primary.main' : 'divider', '& .MuiFormControlLabel-label': { flexGrow: 1 } }}
                    control={
                      <Checkbox
                        checked={checked}
                        onChange={(event) => {
                          setError(null);
                          setChosen((current) =>
                            event.target.checked
                              ? [...current, { id: accessory.id, name: accessory.name, price: accessory.price }]
                              : current.filter((line) => line.id !== accessory.id),
                          );
                        }}
                      />
                    }
                    label={
                      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
                        {accessory.imageUrl ? (
                          <Box component="img" src={accessory.imageUrl} alt="" sx={{ width: 56, height: 56, objectFit: 'contain', flexShrink: 0 }} />
                        ) : null}
                        <span>
                          <Typography component="span" sx={{ display: 'block', fontWeight: 500 }}>
                            {accessory.name}
                          </Typography>
                          <Typography component="span" variant="body2">
                            {formatMoney(accessory.price)}
                          </Typography>
                        </span>
                      </Stack>
                    }
                  />
                </Grid>
              );
            })}
          </Grid>
        </CatalogPicker>
        {chosen.length > 0 && (
          <Typography variant="body2" aria-live="polite">
            {chosen.length} chosen: {chosen.map((line) => line.name).join(', ')}
          </Typography>
        )}
      </Stack>
    </StepFrame>
  );
}
