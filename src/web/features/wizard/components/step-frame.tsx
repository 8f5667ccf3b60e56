import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { INVALID_STEP_EVENT } from './use-step-form.ts';
import { useWizard } from './wizard-context.tsx';

/** Present for screen readers, not drawn. */
const visuallyHidden = { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/**
 * Heading, body and Back / Continue buttons of one step. The heading takes focus when the step
 * opens, so keyboard and screen-reader users start at the top of the new step.
 */
export function StepFrame({
  title,
  intro,
  children,
  onContinue,
  continueLabel = 'Continue',
  continueDisabled,
  continuePending,
  extraActions,
  formId,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  /** Omit when a form (`formId`) submits instead. */
  onContinue?: () => void;
  continueLabel?: string;
  continueDisabled?: boolean;
  continuePending?: boolean;
  extraActions?: ReactNode;
  formId?: string;
}) {
  const { steps, stepId, goBack, problems } = useWizard();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [stepId]);
  const [invalidCount, setInvalidCount] = useState(0);
  useEffect(() => {
    const onInvalid = (event: Event) => setInvalidCount((event as CustomEvent<number>).detail);
    window.addEventListener(INVALID_STEP_EVENT, onInvalid);
    return () => window.removeEventListener(INVALID_STEP_EVENT, onInvalid);
  }, []);
  const isFirst = steps.indexOf(stepId) === 0;
  const stepProblems = problems.filter((problem) => problem.step === stepId);

  return (
    <Stack spacing={2.5} component="section" aria-labelledby="step-heading">
      <div>
        <Typography
          id="step-heading"
          variant="h1"
          component="h1"
          tabIndex={-1}
          ref={heading}
          sx={{ fontSize: { xs: '1.5rem', md: '2rem' }, '&:focus': { outline: 'none' } }}
        >
          {title}
        </Typography>
        {intro && <Typography sx={{ color: 'text.secondary', mt: 0.5 }}>{intro}</Typography>}
      </div>
      {stepProblems.length > 0 && (
        <Alert severity="error" role="alert">
          The server found {stepProblems.length === 1 ? 'a problem' : 'problems'} here:{' '}
          {stepProblems.map((problem) => problem.message).join(' ')}
        </Alert>
      )}
      <Box role="status" sx={invalidCount > 0 ? { color: 'error.main', fontWeight: 500 } : visuallyHidden}>
        {invalidCount > 0 ? `${invalidCount === 1 ? '1 field needs' : `${invalidCount} fields need`} your attention; the first one has the focus.` : ''}
      </Box>
      <Box>{children}</Box>
      <Stack direction="row" spacing={1.5} sx={{ justifyContent: 'space-between', flexWrap: 'wrap', rowGap: 1 }}>
        <Button variant="outlined" onClick={goBack}>
          {isFirst ? 'Cancel' : 'Back'}
        </Button>
        <Stack direction="row" spacing={1.5} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
          {extraActions}
          <Button
            variant="contained"
            type={formId ? 'submit' : 'button'}
            form={formId}
            onClick={(event) => {
              // The second click of a double click lands on the next step's Continue, which would
              // answer a step the person has not seen yet with "Choose a …" errors.
              if (event.detail > 1) event.preventDefault();
              else if (!formId) onContinue?.();
            }}
            disabled={continueDisabled}
            loading={continuePending}
          >
            {continueLabel}
          </Button>
        </Stack>
      </Stack>
    </Stack>
  );
}
