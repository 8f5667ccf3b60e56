import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { z } from 'zod';
import { zodResolver } from '@hookform/resolvers/zod';
import type { acceptAcknowledgementsResponse } from '../../../../../contract/accept.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { acknowledgementsQueryOptions } from '../../api/queries.ts';
import { LoadError } from '../../../../components/query-states.tsx';
import { StepFrame } from '../step-frame.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';
import { useStepForm } from '../use-step-form.ts';

type Item = { id: string; label: string; validation?: string | null };
type Values = { answers: boolean[] };

/** Every required statement ticked; `answers` go by the items' order. */
const schemaFor = (items: Item[]) =>
  z.object({
    answers: z.array(z.boolean()).superRefine((answers, ctx) => {
      items.forEach((item, index) => {
        if (item.validation === 'REQUIRED' && !answers[index]) ctx.addIssue({ code: 'custom', path: [index], message: 'Please confirm this to continue.' });
      });
    }),
  });

/** The fulfilling carrier's information and the statements the person must accept. */
export function AcknowledgementsStep() {
  const { draft } = useWizard();
  const client = useApiClient();
  const problems = useStepProblems();
  const vendor = draft.planVendorId ?? draft.deviceVendorId ?? '';
  const answer = useQuery({ ...acknowledgementsQueryOptions(client, draft.transactionType, vendor), enabled: Boolean(vendor) });
  const serverProblem = [...problems].find(([key]) => key.startsWith('acknowledgements'))?.[1];

  return (
    <StepFrame title="Before you continue" intro="Please read this and confirm." formId="acknowledgements-form" continueDisabled={!answer.isSuccess}>
      <Stack spacing={2}>
        {serverProblem && (
          <Alert severity="error" role="alert">
            {serverProblem}
          </Alert>
        )}
        {answer.isPending && <Skeleton variant="rounded" height={160} role="status" aria-label="Loading the terms" />}
        {answer.isError && <LoadError error={answer.error} onRetry={() => void answer.refetch()} what="the terms" />}
        {answer.isSuccess && <AcknowledgementsForm answer={answer.data} />}
      </Stack>
    </StepFrame>
  );
}

/** Starts once the terms are in, so the form's defaults follow their items. */
function AcknowledgementsForm({ answer }: { answer: z.output<typeof acceptAcknowledgementsResponse> }) {
  const { draft, complete } = useWizard();
  // Absent lists are read as empty: nothing to read, nothing to confirm.
  const items: Item[] = (answer.acknowledgements ?? []).map((item) => ({ ...item, label: item.label ?? item.id }));
  const infoblocks = answer.infoblocks ?? [];
  const form = useStepForm<Values>({
    defaultValues: { answers: items.map((item) => Boolean(draft.acknowledgements?.[item.id])) },
    resolver: zodResolver(schemaFor(items)),
  }, items.map((item) => item.id).join(','));

  function save({ answers }: Values) {
    const values = Object.fromEntries(items.map((item, index) => [item.id, Boolean(answers[index])]));
    complete((current) => ({ ...current, acknowledgements: values }), { changed: false });
  }

  return (
    <Stack spacing={2} component="form" id="acknowledgements-form" noValidate onSubmit={form.handleSubmit(save)}>
      {infoblocks.map((block, blockIndex) => (
        <Paper key={`${blockIndex}:${block.header ?? ''}`} variant="outlined" component="section" sx={{ p: 2, bgcolor: 'grey.50' }}>
          <Typography variant="h2" sx={{ fontSize: '1.1rem', mb: 1 }}>
            {block.header}
          </Typography>
          {(block.paragraphs ?? []).map((paragraph, index) => (
            <Typography key={index} variant="body2" sx={{ mb: 0.75 }}>
              {paragraph.text}
            </Typography>
          ))}
        </Paper>
      ))}
      {items.length === 0 && <Typography>There is nothing to confirm for this carrier.</Typography>}
      {items.length > 0 && (
        <FormGroup>
          {items.map((item, index) => (
            <Controller
              key={item.id}
              control={form.control}
              name={`answers.${index}`}
              render={({ field, fieldState }) => (
                <Stack>
                  <FormControlLabel
                    control={
                      <Checkbox
                        checked={Boolean(field.value)}
                        onChange={(event) => field.onChange(event.target.checked)}
                        onBlur={field.onBlur}
                        slotProps={{ input: { 'aria-describedby': fieldState.error ? `ack-error-${item.id}` : undefined, required: item.validation === 'REQUIRED' } as object }}
                      />
                    }
                    label={`${item.label}${item.validation === 'REQUIRED' ? ' *' : ''}`}
                  />
                  {fieldState.error && (
                    <Typography id={`ack-error-${item.id}`} variant="body2" role="alert" sx={{ color: 'error.main', ml: 4 }}>
                      {fieldState.error.message}
                    </Typography>
                  )}
                </Stack>
              )}
            />
          ))}
        </FormGroup>
      )}
    </Stack>
  );
}
