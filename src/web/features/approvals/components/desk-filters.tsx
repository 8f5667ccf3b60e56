import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { Controller, useForm } from 'react-hook-form';
import { formatMoney } from '../../../lib/format.ts';
import { transactionTypeWords, typeWords } from '../../../lib/transaction-type-words.ts';
import { ageBands, costBands, deskParams, deskSortWords, deskSorts, type CostBand, type DeskFilters } from '../api/desk.ts';

const filterForm = deskParams.pick({ person: true, type: true, carrier: true, cost: true, age: true, sort: true });

/** A select whose empty choice means "any"; the URL keeps no member for it. */
const ANY = '';

function costWords(band: CostBand, currencyCode: string): string {
  const money = (amount: number) => formatMoney({ amount, currencyCode }).replace(/\.00$/, '');
  if (band === 'under-100') return `Under ${money(100)} one-time`;
  if (band === '100-999') return `${money(100)} to ${money(999)} one-time`;
  return `${money(1000)} or more one-time`;
}

/**
 * The queue's filters and sort. Each change applies at once (the page keeps them in the URL, so
 * back, forward, reload and a shared link show the same queue); the choices are what the queue holds.
 */
export function DeskFiltersForm({
  value,
  choices,
  currencyCode,
  onChange,
}: {
  value: DeskFilters;
  choices: { people: { id: string; name: string }[]; types: string[]; carriers: { id: string; name: string }[] };
  /** The currency the cost bands are written in (the queue's). */
  currencyCode: string;
  onChange: (filters: DeskFilters) => void;
}) {
  const form = useForm<DeskFilters>({ values: value, resolver: zodResolver(filterForm) });
  // `values` makes the form follow the URL when back or forward changes it.
  const apply = form.handleSubmit((filters) => onChange(filters));
  const select = (name: keyof DeskFilters, label: string, options: { value: string; label: string }[], anyLabel?: string, wide = false) => (
    <Controller
      name={name}
      control={form.control}
      render={({ field }) => (
        <TextField
          select
          size="small"
          label={label}
          name={field.name}
          inputRef={field.ref}
          value={field.value ?? ANY}
          onBlur={field.onBlur}
          onChange={(event) => {
            field.onChange(event.target.value === ANY ? undefined : event.target.value);
            void apply();
          }}
          // "Anyone" is shown, not an empty box under a sunk label.
          slotProps={{ inputLabel: { shrink: true }, select: { displayEmpty: true } }}
          sx={{ flex: { xs: '1 1 calc(50% - 12px)', sm: `0 1 ${wide ? 240 : 180}px` }, minWidth: { xs: 140, sm: 160 } }}
        >
          {anyLabel !== undefined && <MenuItem value={ANY}>{anyLabel}</MenuItem>}
          {options.map((option) => (
            <MenuItem key={option.value} value={option.value}>
              {option.label}
            </MenuItem>
          ))}
        </TextField>
      )}
    />
  );
  // A chosen value the queue does not hold (its last order was decided, an old bookmark, a
  // hand-edited link) stays choosable so the select can show it — in words, never as a raw id.
  const withChosen = (options: { value: string; label: string }[], chosen: string | undefined, unknown: string) =>
    chosen && !options.some((option) => option.value === chosen) ? [...options, { value: chosen, label: unknown }] : options;
  const filtered = Boolean(value.person || value.type || value.carrier || value.cost || value.age);

  return (
    <Stack
      component="form"
      aria-label="Filter the queue"
      direction="row"
      useFlexGap
      spacing={1.5}
      sx={{ flexWrap: 'wrap', alignItems: 'center' }}
      onSubmit={(event) => {
        event.preventDefault();
        void apply();
      }}
    >
      {select(
        'person',
        'Person',
        withChosen(
          choices.people.map((person) => ({ value: person.id, label: person.name })),
          value.person,
          'Unknown person',
        ),
        'Anyone',
        true,
      )}
      {select(
        'type',
        'Type',
        withChosen(
          choices.types.map((type) => ({ value: type, label: typeWords(type) })),
          value.type,
          (value.type && (transactionTypeWords as Record<string, string>)[value.type]) || 'Unknown type',
        ),
        'Any type',
      )}
      {select(
        'carrier',
        'Carrier',
        withChosen(
          choices.carriers.map((carrier) => ({ value: carrier.id, label: carrier.name })),
          value.carrier,
          'Unknown carrier',
        ),
        'Any carrier',
      )}
      {select(
        'cost',
        'Cost',
        costBands.map((band) => ({ value: band, label: costWords(band, currencyCode) })),
        'Any cost',
      )}
      {select(
        'age',
        'Waiting',
        ageBands.map((days) => ({ value: days, label: `${days} ${days === '1' ? 'day' : 'days'} or more` })),
        'Any time',
      )}
      {select(
        'sort',
        'Sort',
        deskSorts.map((sort) => ({ value: sort, label: deskSortWords[sort] })),
        undefined,
        true,
      )}
      {filtered && (
        <Button onClick={() => onChange({ sort: value.sort })} sx={{ flexShrink: 0 }}>
          Clear filters
        </Button>
      )}
    </Stack>
  );
}
