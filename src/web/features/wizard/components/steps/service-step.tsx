import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AcceptServiceItem } from '../../../../../contract/accept.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { formatServiceNumber, formatWhen, serviceNumberSearch } from '../../../../lib/format.ts';
import { PAGE_SIZE, serviceQueryOptions } from '../../api/queries.ts';
import { servicesQueryOptions } from '../../../../lib/api/assets.ts';
import { useDebounced } from '../../../../lib/use-debounced.ts';
import { mayActForOthers } from '../../../../lib/me.ts';
import { useExtensions } from '../../../../lib/use-extensions.ts';
import { Pager } from '../../../../components/pager.tsx';
import { LoadError } from '../../../../components/query-states.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';
import { typeModule } from '../../model/types/index.ts';

const statusWords: Record<string, string> = { ACTIVE: 'Active', SUSPENDED: 'Suspended', DEACTIVATED: 'Cancelled' };
/** A status this app has no word for is shown as the server spells it. */
const statusWord = (status: string) => statusWords[status] ?? status;

/** A device as a line names it; missing names fall back to the raw ids. */
export function deviceName(device: { manufacturer?: { id: string; name?: string }; model?: { id: string; name?: string } }): string {
  return [device.manufacturer?.name ?? device.manufacturer?.id, device.model?.name ?? device.model?.id].filter(Boolean).join(' ') || 'Device';
}

function serviceLabel(service: Pick<AcceptServiceItem, 'serviceNumber' | 'device'>): string {
  const device = service.device ? ` · ${deviceName(service.device)}` : '';
  return `${formatServiceNumber(service.serviceNumber)}${device}`;
}

/**
 * Whether the line can take this type now. A server that sends no `orderActions` is not second-
 * guessed: the line is offered and the confirmation says whether the order is possible.
 */
const lineAllows = (service: Pick<AcceptServiceItem, 'orderActions'>, type: string) => !service.orderActions || service.orderActions.includes(type as never);

function notAvailableReason(service: AcceptServiceItem): string {
  if (service.orderActions?.length === 0 && service.status !== 'DEACTIVATED') return 'has an open order';
  return service.status ? `is ${statusWord(service.status).toLowerCase()}` : 'does not offer it';
}

export function ServiceStep() {
  const { draft, me, complete } = useWizard();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const extensions = useExtensions();
  const problems = useStepProblems();
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const debounced = useDebounced(search.trim(), 300);
  const [chosen, setChosen] = useState(draft.serviceId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const services = useQuery(servicesQueryOptions(client, { employee: me.actor.id, search: serviceNumberSearch(debounced) || undefined, offset, limit: PAGE_SIZE }));

  async function save() {
    if (!chosen) {
      setError('Choose the line this order is for.');
      return;
    }
    setPending(true);
    try {
      const service = await queryClient.fetchQuery(serviceQueryOptions(client, chosen));
      if (!lineAllows(service, draft.transactionType)) {
        setError(`Line ${formatServiceNumber(service.serviceNumber)} cannot take this order now (it ${notAvailableReason(service)}).`);
        return;
      }
      const device = service.device;
      const existing = device
        ? {
            manufacturerId: device.manufacturer?.id ?? '',
            modelId: device.model?.id ?? '',
            otherMakeModelName: '',
            serialType: device.serialNumber?.type ?? '',
            serialValue: device.serialNumber?.value ?? '',
            simId: device.simId ?? '',
          }
        : undefined;
      complete(
        (current) => ({
          ...current,
          serviceId: service.id,
          serviceNumber: service.serviceNumber,
          serviceVendorId: service.vendor?.current?.id,
          serviceAccessMethod: device?.accessMethod,
          serviceRegionId: service.region?.id,
          servicePlanId: service.plan?.id,
          existingDevice: current.serviceId === service.id && current.existingDevice ? current.existingDevice : existing,
          display: { ...current.display, service: serviceLabel(service) },
        }),
        { changed: draft.serviceId !== service.id },
      );
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : 'Could not load this line.');
    } finally {
      setPending(false);
    }
  }

  const message = error ?? problems.get('serviceId') ?? null;
  // With no line at all Continue could only fail; the text above says what to do instead.
  const noLines = services.isSuccess && services.data.services.items.length === 0 && !debounced;
  const actsForOthers = mayActForOthers(me, extensions) && me.actor.id === me.authenticatedUser.id;

  return (
    <StepFrame title="Which line is this for?" intro="Your lines; those that cannot take this order are greyed out." onContinue={() => void save()} continuePending={pending} continueDisabled={noLines}>
      <Stack spacing={2}>
        <TextField
          label="Search by number"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            setOffset(0);
          }}
          type="search"
          size="small"
          sx={{ maxWidth: 320 }}
        />
        {services.isPending && (
          <Stack spacing={1} role="status" aria-label="Loading your lines">
            {[0, 1, 2].map((index) => (
              <Skeleton key={index} variant="rounded" height={72} />
            ))}
          </Stack>
        )}
        {services.isError && <LoadError error={services.error} onRetry={() => void services.refetch()} what="your lines" />}
        {services.isSuccess && services.data.services.items.length === 0 && (
          <Typography role={noLines ? 'alert' : undefined}>
            {debounced
              ? `No line matches “${debounced}”.`
              : actsForOthers
                ? 'You have no lines of your own. To order for someone’s line, choose “Act for…” at the top and pick them first.'
                : 'You have no lines, so there is nothing for this order to change. A new line is ordered with “New line” on the start page.'}
          </Typography>
        )}
        {services.isSuccess && services.data.services.items.length > 0 && (
          <RadioGroup
            aria-label="Your lines"
            value={chosen}
            onChange={(event) => {
              setChosen(event.target.value);
              setError(null);
            }}
          >
            <Stack spacing={1}>
              {services.data.services.items.map((service) => {
                const allowed = lineAllows(service, draft.transactionType);
                const eligible = service.upgradeEligibilityDate ? new Date(service.upgradeEligibilityDate) <= new Date() : false;
                return (
                  <FormControlLabel
                    key={service.id}
                    value={service.id}
                    disabled={!allowed}
                    control={<Radio />}
                    sx={{
                      m: 0,
                      p: 1.5,
                      border: 1,
                      borderColor: chosen === service.id ? 'primary.main' : 'divider',
                      borderRadius: 1,
                      alignItems: 'flex-start',
                      '& .MuiFormControlLabel-label': { width: '100%' },
                    }}
                    label={
                      <Stack spacing={0.25} sx={{ pt: 0.75 }}>
                        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 0.5 }}>
                          <Typography sx={{ fontWeight: 600 }}>{formatServiceNumber(service.serviceNumber)}</Typography>
                          {service.status && (
                            <Chip size="small" label={statusWord(service.status)} color={service.status === 'ACTIVE' ? 'success' : 'default'} variant="outlined" />
                          )}
                          {typeModule(draft.transactionType).showsUpgradeEligibility && service.upgradeEligibilityDate && (
                            <Chip
                              size="small"
                              variant="outlined"
                              // Eligible reads apart from "not eligible" at a glance, not only in words.
                              color={eligible ? 'success' : 'default'}
                              label={eligible ? 'Upgrade eligible' : `Not eligible until ${formatWhen(service.upgradeEligibilityDate, 'calendar-date')}`}
                            />
                          )}
                        </Stack>
                        <Typography variant="body2">
                          {service.device ? deviceName(service.device) : 'No device'} ·{' '}
                          {service.plan?.name ?? 'No plan'}{service.vendor?.current ? ` · ${service.vendor.current.name}` : ''}
                        </Typography>
                        {allowed && typeModule(draft.transactionType).showsUpgradeEligibility && service.upgradeEligibilityDate && !eligible && (
                          <Typography variant="body2" sx={{ fontWeight: 500 }}>
                            Early upgrade: it needs an extra approval (your manager’s manager).
                          </Typography>
                        )}
                        {!allowed && (
                          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
                            Not available: this line {notAvailableReason(service)}.
                          </Typography>
                        )}
                      </Stack>
                    }
                  />
                );
              })}
            </Stack>
          </RadioGroup>
        )}
        {services.isSuccess && <Pager meta={services.data.services._meta} onOffset={setOffset} what="lines" />}
        {message && (
          <Typography role="alert" sx={{ color: 'error.main' }}>
            {message}
          </Typography>
        )}
      </Stack>
    </StepFrame>
  );
}
