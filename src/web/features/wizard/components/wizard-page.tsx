import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { transactionType as transactionTypeSchema, type TransactionType } from '../../../../contract/reference.ts';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useDocumentTitle } from '../../../lib/document-title.ts';
import { useMe } from '../../../lib/me.ts';
import { sessionScope, useSession } from '../../../lib/session-context.tsx';
import { discardDraft, draftScope, draftStorageKey, loadDraft, newDraft, saveDraft, withoutTyping, withTyping, type Draft } from '../model/draft.ts';
import { canOpen, firstOpenStep, isStepId, knownStepCount, markDone, nextStep, previousStep, stepsFor, stepTitle, transactionTypeInfo, type StepId } from '../model/steps.ts';
import { DiscardDialog } from './discard-dialog.tsx';
import { stepComponents } from './step-components.tsx';
import { SummaryPanel } from './summary-panel.tsx';
import { WizardContext, type FieldProblem, type WizardContextValue } from './wizard-context.tsx';

/** When Continue last completed each step (`performance.now()`), per draft scope and step. */
const completedAt = new Map<string, number>();

function orderPath(draft: Draft, step: StepId) {
  return `/order/${draft.transactionType}/${step}`;
}

/** The wizard for one transaction type; the step is in the URL so back and forward work. */
export function WizardPage() {
  const params = useParams();
  const session = useSession();
  const parsedType = transactionTypeSchema.safeParse(params.transactionType);
  const me = useMe();

  if (!parsedType.success) return <Navigate to="/" replace />;
  const type = parsedType.data;

  if (me.isPending) {
    return (
      <Stack spacing={2} role="status" aria-label="Loading">
        <Skeleton variant="text" width="40%" height={48} />
        <Skeleton variant="rounded" height={240} />
      </Stack>
    );
  }
  if (me.isError) {
    return (
      <Alert severity="error" action={<Button color="inherit" onClick={() => void me.refetch()}>Retry</Button>}>
        Could not load your profile: {me.error.message}
      </Alert>
    );
  }
  if (!me.data.transactionTypes.includes(type)) {
    const reason = me.data.transactionTypeRestrictions?.find((restriction) => restriction.transactionType === type)?.reason;
    return (
      <Stack spacing={2}>
        <PageHeading title={`${transactionTypeInfo[type].title} — not available`}>{transactionTypeInfo[type].title}</PageHeading>
        <Alert severity="warning">{reason ?? 'You may not place this kind of order.'}</Alert>
        <Button component={RouterLink} to="/" variant="contained" sx={{ alignSelf: 'flex-start' }}>
          Choose another order
        </Button>
      </Stack>
    );
  }
  // One draft per signed-in person and per whom they order for.
  const scope = draftScope(session ? sessionScope(session) : 'anonymous', me.data.actor.id);
  return <WizardForScope key={scope} scope={scope} type={type} me={me.data} requestedStep={params.stepId} />;
}

function WizardForScope({ scope, type, me, requestedStep }: { scope: string; type: TransactionType; me: WizardContextValue['me']; requestedStep: string | undefined }) {
  const [search] = useSearchParams();
  const preselected = search.get('service');
  const [draft, setDraftState] = useState<Draft | null>(() => loadDraft(scope));
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [leaving, setLeaving] = useState(false);
  const navigate = useNavigate();

  // Another tab sending or placing this same draft: show it here too, so this tab offers no
  // Submit that could only be turned away. Another draft stored there is left alone.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== draftStorageKey(scope)) return;
      const stored = loadDraft(scope);
      if (stored) setDraftState((current) => (current && current.orderReference === stored.orderReference ? stored : current));
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [scope]);

  const setDraft = (update: (draft: Draft) => Draft) => {
    setDraftState((current) => {
      if (!current) return current;
      const next = update(current);
      saveDraft(scope, next);
      return next;
    });
  };

  // Straight to storage (the wizard may be unmounting: leaving it, signing out), then to the screen.
  const keepTyping: WizardContextValue['keepTyping'] = (step, typed) => {
    const stored = loadDraft(scope);
    if (!stored || stored.submitted || stored.sending || (draft && stored.orderReference !== draft.orderReference)) return;
    saveDraft(scope, withTyping(stored, step, typed));
    setDraftState((current) => (current && current.orderReference === stored.orderReference ? withTyping(current, step, typed) : current));
  };

  const start = () => {
    const fresh = withPreselectedService(newDraft(type), preselected);
    saveDraft(scope, fresh);
    setDraftState(fresh);
  };
  if (leaving) return null;
  // A link for another line (from "My lines") does not continue a draft made for a different one.
  const otherLine = Boolean(preselected && draft && draft.serviceId !== preselected);

  // A submitted draft shows its done page until the person starts the type again from its card.
  const finished = Boolean(draft?.submitted) && (requestedStep === undefined || draft?.transactionType !== type);
  if (!draft || draft.transactionType !== type || otherLine || finished) {
    if (draft && !draft.submitted) {
      return (
        <ReplaceDraftPrompt
          existing={draft}
          wanted={type}
          onResume={() => void navigate(orderPath(draft, firstOpenStep(draft)))}
          onReplace={start}
        />
      );
    }
    return <StartFresh onStart={start} />;
  }

  return (
    <WizardSteps
      scope={scope}
      saveNow={(next) => {
        saveDraft(scope, next);
        setDraftState(next);
      }}
      draft={draft}
      setDraft={setDraft}
      keepTyping={keepTyping}
      me={me}
      problems={problems}
      setProblems={setProblems}
      requestedStep={requestedStep}
      onDiscard={() => {
        // Leaving: render nothing until the start page takes over, so no new draft is begun.
        discardDraft(scope);
        setLeaving(true);
        void navigate('/');
      }}
    />
  );
}

/** Starts a new draft once, after render (storing it is a side effect). */
function StartFresh({ onStart }: { onStart: () => void }) {
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    onStart();
  }, [onStart]);
  return null;
}

function withPreselectedService(draft: Draft, serviceId: string | null): Draft {
  return serviceId ? { ...draft, serviceId } : draft;
}

function ReplaceDraftPrompt({
  existing,
  wanted,
  onResume,
  onReplace,
}: {
  existing: Draft;
  wanted: keyof typeof transactionTypeInfo;
  onResume: () => void;
  onReplace: () => void;
}) {
  return (
    <Stack spacing={2} sx={{ maxWidth: 640 }}>
      <PageHeading>You have an unfinished order</PageHeading>
      <Typography>
        Your “{transactionTypeInfo[existing.transactionType].title}” order is not submitted yet. Starting “
        {transactionTypeInfo[wanted].title}” discards it.
      </Typography>
      <Stack direction="row" spacing={1.5}>
        <Button variant="contained" onClick={onResume}>
          Resume “{transactionTypeInfo[existing.transactionType].title}”
        </Button>
        <Button variant="outlined" onClick={onReplace}>
          Discard it and start “{transactionTypeInfo[wanted].title}”
        </Button>
      </Stack>
    </Stack>
  );
}

function WizardSteps({
  scope,
  draft,
  setDraft,
  keepTyping,
  saveNow,
  me,
  problems,
  setProblems,
  requestedStep,
  onDiscard,
}: {
  scope: string;
  draft: Draft;
  setDraft: WizardContextValue['setDraft'];
  keepTyping: WizardContextValue['keepTyping'];
  saveNow: WizardContextValue['saveNow'];
  me: WizardContextValue['me'];
  problems: FieldProblem[];
  setProblems: (problems: FieldProblem[]) => void;
  requestedStep: string | undefined;
  onDiscard: () => void;
}) {
  const navigate = useNavigate();
  const steps = useMemo(() => stepsFor(draft), [draft]);
  const stepId: StepId | null = isStepId(requestedStep) && canOpen(draft, requestedStep) ? requestedStep : null;
  // Unsaved choices of the open step, for the summary panel; tagged with their step so they lapse on leaving it.
  const [preview, setPreview] = useState<{ step: StepId; update: (draft: Draft) => Draft } | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);

  const value = useMemo<WizardContextValue | null>(() => {
    if (!stepId) return null;
    return {
      draft,
      stepId,
      steps,
      me,
      scope,
      setDraft,
      keepTyping: (step, typed, changedAt) => {
        // A step closes while the submit of its Continue still runs; what it flushes then was
        // typed before that Continue and must not come back over the values it confirmed.
        if ((completedAt.get(`${scope}|${step}`) ?? 0) < changedAt) keepTyping(step, typed, changedAt);
      },
      saveNow,
      problems,
      setProblems,
      discard: onDiscard,
      preview: (update) => setPreview(update ? { step: stepId, update } : null),
      complete: (update, options) => {
        completedAt.set(`${scope}|${stepId}`, performance.now());
        const next = withoutTyping(markDone(update(draft), stepId, options?.changed ?? true), stepId);
        setDraft(() => next);
        // The person answered this step: its server problems are handled, others stay.
        setProblems(problems.filter((problem) => problem.step !== stepId));
        void navigate(orderPath(next, nextStep(next, stepId)));
      },
      goBack: () => {
        const previous = previousStep(draft, stepId);
        void navigate(previous ? orderPath(draft, previous) : '/');
      },
      goTo: (step) => void navigate(orderPath(draft, step)),
    };
  }, [draft, stepId, steps, me, scope, setDraft, keepTyping, saveNow, problems, setProblems, onDiscard, navigate]);

  useDocumentTitle(stepId ? stepTitle(stepId, draft.transactionType) : null, transactionTypeInfo[draft.transactionType].title);

  if (!stepId || !value) return <Navigate to={orderPath(draft, draft.submitted ? 'done' : firstOpenStep(draft))} replace />;
  if (draft.submitted && stepId !== 'done') return <Navigate to={orderPath(draft, 'done')} replace />;

  const StepComponent = stepComponents[stepId];
  const visibleSteps = steps.filter((step) => step !== 'done');
  const activeIndex = stepId === 'done' ? visibleSteps.length : visibleSteps.indexOf(stepId);
  const total = knownStepCount(draft);
  const stepOf = `${activeIndex + 1}${total ? ` of ${total}` : ''}`;
  const done = new Set(draft.done ?? []);
  const info = transactionTypeInfo[draft.transactionType];

  return (
    <WizardContext.Provider value={value}>
      <Stack spacing={2}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
          <Typography sx={{ color: 'text.secondary', fontWeight: 500 }}>
            {info.title}
            {stepId !== 'done' && ` · step ${stepOf}`}
          </Typography>
          {stepId !== 'done' && (
            <Button size="small" onClick={() => setConfirmDiscard(true)}>
              Discard this order
            </Button>
          )}
          <DiscardDialog draft={draft} open={confirmDiscard} onKeep={() => setConfirmDiscard(false)} onDiscard={onDiscard} />
        </Stack>
        <Paper variant="outlined" sx={{ p: 2, overflowX: 'auto', display: { xs: 'none', md: stepId === 'done' ? 'none' : 'block' } }}>
          <Stepper activeStep={activeIndex} nonLinear component="nav" aria-label="Order steps">
            {visibleSteps.map((step, index) => (
              <Step key={step} completed={done.has(step) && index !== activeIndex}>
                {(done.has(step) || index === activeIndex) && !draft.submitted && canOpen(draft, step) ? (
                  <StepButton onClick={() => value.goTo(step)} aria-current={index === activeIndex ? 'step' : undefined}>
                    {stepTitle(step, draft.transactionType)}
                  </StepButton>
                ) : (
                  <StepLabel>{stepTitle(step, draft.transactionType)}</StepLabel>
                )}
              </Step>
            ))}
          </Stepper>
        </Paper>
        <LinearProgress
          variant="determinate"
          value={Math.round((activeIndex / visibleSteps.length) * 100)}
          aria-label={`Step ${stepOf}`}
          sx={{ display: { xs: stepId === 'done' ? 'none' : 'block', md: 'none' }, height: 6, borderRadius: 3 }}
        />
        <Grid container spacing={3}>
          <Grid size={{ xs: 12, md: stepId === 'done' ? 12 : 8 }}>
            <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
              <StepComponent key={stepId} />
            </Paper>
          </Grid>
          {stepId !== 'done' && (
            <Grid size={{ xs: 12, md: 4 }}>
              <SummaryPanel draft={preview?.step === stepId ? preview.update(draft) : draft} />
            </Grid>
          )}
        </Grid>
      </Stack>
    </WizardContext.Provider>
  );
}
