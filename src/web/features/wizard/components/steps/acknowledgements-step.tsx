import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { acknowledgementsQueryOptions } from '../../api/queries.ts';
import { LoadError, StepFrame } from '../step-frame.tsx';
import { useStepProblems, useWizard } from '../wizard-context.tsx';

/** The fulfilling carrier's information and the statements the person must accept. */
export function AcknowledgementsStep() {
  const { draft, complete } = useWizard();
  const client = useApiClient();
  const problems = useStepProblems();
  const vendor = draft.planVendorId ?? draft.deviceVendorId ?? '';
  const answer = useQuery({ ...acknowledgementsQueryOptions(client, draft.transactionType, vendor), enabled: Boolean(vendor) });
  const [checked, setChecked] = useState<Record<string, boolean>>(draft.acknowledgements ?? {});
  const [missing, setMissing] = useState<string[]>([]);
  const serverProblem = [...problems].find(([key]) => key.startsWith('acknowledgements'))?.[1];

  // Absent lists are read as empty: nothing to read, nothing to confirm.
  const items = (answer.data?.acknowledgements ?? []).map((item) => ({ ...item, label: item.label ?? item.id }));
  const infoblocks = answer.data?.infoblocks ?? [];

  function save() {
    if (!answer.data) return;
    const unanswered = items.filter((item) => item.validation === 'REQUIRED' && !checked[item.id]).map((item) => item.id);
    setMissing(unanswered);
    if (unanswered.length > 0) return;
    const values = Object.fromEntries(items.map((item) => [item.id, Boolean(checked[item.id])]));
    complete((current) => ({ ...current, acknowledgements: values }), { changed: false });
  }

  return (
    <StepFrame title="Before you continue" intro="Please read this and confirm." onContinue={save} continueDisabled={!answer.isSuccess}>
      <Stack spacing={2}>
        {serverProblem && (
          <Alert severity="error" role="alert">
            {serverProblem}
          </Alert>
        )}
        {answer.isPending && <Skeleton variant="rounded" height={160} role="status" aria-label="Loading the terms" />}
        {answer.isError && <LoadError error={answer.error} retry={() => void answer.refetch()} what="the terms" />}
        {answer.isSuccess &&
          infoblocks.map((block, blockIndex) => (
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
        {answer.isSuccess && items.length === 0 && <Typography>There is nothing to confirm for this carrier.</Typography>}
        {answer.isSuccess && items.length > 0 && (
          <FormGroup>
            {items.map((item) => (
              <Stack key={item.id}>
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={Boolean(checked[item.id])}
                      onChange={(event) => setChecked((current) => ({ ...current, [item.id]: event.target.checked }))}
                      slotProps={{ input: { 'aria-describedby': missing.includes(item.id) ? `ack-error-${item.id}` : undefined, required: item.validation === 'REQUIRED' } as object }}
                    />
                  }
                  label={`${item.label}${item.validation === 'REQUIRED' ? ' *' : ''}`}
                />
                {missing.includes(item.id) && (
                  <Typography id={`ack-error-${item.id}`} variant="body2" role="alert" sx={{ color: 'error.main', ml: 4 }}>
                    Please confirm this to continue.
                  </Typography>
                )}
              </Stack>
            ))}
          </FormGroup>
        )}
      </Stack>
    </StepFrame>
  );
}
