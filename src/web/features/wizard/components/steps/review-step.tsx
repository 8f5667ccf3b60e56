import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ErrorItem } from '../../../../../contract/common.ts';
import { orderMemberProblems } from '../../../../../contract/orders.ts';
import { MobprocError } from '../../../../lib/api-client.ts';
import { useApiClient } from '../../../../lib/api-context.tsx';
import { useWebAppConfig } from '../../../../lib/config-context.tsx';
import { announcedExtensions } from '../../../../lib/extensions.ts';
import { personName } from '../../../../lib/format.ts';
import { useExtensions } from '../../../../lib/use-extensions.ts';
import { confirmOrderQueryOptions, findPlacedOrder, submitOrder } from '../../api/orders.ts';
import { idempotencyFor, loadDraftFresh, type Draft } from '../../model/draft.ts';
import type { OrderRequestBody } from '../../../../../contract/orders.ts';
import { buildOrderRequest, fieldKey } from '../../model/request.ts';
import { stepOwningField, type StepId } from '../../model/steps.ts';
import { StepFrame } from '../step-frame.tsx';
import { useWizard, type FieldProblem } from '../wizard-context.tsx';
import { ConfirmationView } from './confirmation-view.tsx';
import { ProblemList, SendingCheck, type CheckState } from './review-notices.tsx';

function toFieldProblems(items: ErrorItem[], body: OrderRequestBody, steps: StepId[]): FieldProblem[] {
  return items.flatMap((item) => {
    const step = stepOwningField(item.field, steps);
    return step && item.field ? [{ step, key: fieldKey(item.field, body), message: item.message }] : [];
  });
}

/** A described device (existing or new) in words, as far as the server described it. */
export function ReviewStep() {
  const { draft, steps, setProblems, saveNow, goTo, scope, me } = useWizard();
  const client = useApiClient();
  const config = useWebAppConfig();
  const extensions = useExtensions();
  const body = buildOrderRequest(draft, extensions.set);
  const localProblems = orderMemberProblems(body.orderRequest);
  const confirmation = useQuery({ ...confirmOrderQueryOptions(client, body), enabled: localProblems.length === 0 && !extensions.isPending });
  const [submitError, setSubmitError] = useState<MobprocError | Error | null>(null);
  // The POST itself; what its outcome means for the draft is decided in `submit`, in order.
  const submission = useMutation({
    mutationFn: async ({ key }: { key: string }) => submitOrder(client, body, key, await announcedExtensions(config.baseUrl)),
  });
  const [check, setCheck] = useState<CheckState>('idle');
  const inFlight = useRef(false);

  const errorItems = (error: unknown): ErrorItem[] =>
    error instanceof MobprocError ? error.problems : error instanceof Error ? [{ status: 0, id: '', errorCode: 'ERROR', message: error.message }] : [];
  const confirmItems = confirmation.isError ? errorItems(confirmation.error) : [];
  const allItems = [...confirmItems, ...(submitError ? errorItems(submitError) : [])];
  const placed = toFieldProblems(allItems, body, steps);
  const unplaced = allItems.filter((item) => !stepOwningField(item.field, steps));

  /** The draft closed for good: the server has the order, readable or not. */
  function closeAsPlaced(base: Draft, submitted: NonNullable<Draft['submitted']>) {
    saveNow({ ...base, sending: undefined, submitted });
    goTo('done');
  }

  async function lookForOrder(base: Draft) {
    setCheck('checking');
    try {
      const found = await findPlacedOrder(client, { employeeId: me.actor.id, reference: base.orderReference, extensions: await announcedExtensions(config.baseUrl) });
      if (found) {
        closeAsPlaced(base, { orderId: found.orderId, status: found.status, dateSubmitted: found.dateSubmitted });
        return;
      }
      saveNow({ ...base, sending: undefined });
      setCheck('not-found');
    } catch {
      setCheck('failed');
    }
  }

  async function submit() {
    // A second click while the first is on its way must not send a second order.
    if (inFlight.current) return;
    const stored = loadDraftFresh(draft, scope);
    // Another tab submitted it, or an earlier submit got no answer: that must be settled first.
    if (stored.submitted || stored.sending) return;
    inFlight.current = true;
    setSubmitError(null);
    setCheck('idle');
    try {
      const serialized = JSON.stringify(body);
      // The key and the "sending" mark are stored before the request, so a reload finds them.
      const idempotency = idempotencyFor(stored, serialized);
      const base: Draft = { ...stored, idempotency, sending: { body: serialized, at: new Date().toISOString() } };
      saveNow(base);
      const outcome = await submission.mutateAsync({ key: idempotency.key });
      const previewApprover = confirmation.data?.orderConfirmation.approval?.approver;
      switch (outcome.kind) {
        case 'placed':
          closeAsPlaced(base, {
            orderId: outcome.orderId,
            status: outcome.status,
            approverName: outcome.approverName ?? (previewApprover ? personName(previewApprover) : undefined),
            dateSubmitted: outcome.dateSubmitted,
          });
          break;
        case 'placed-unreadable':
          closeAsPlaced(base, { unreadable: true, dateSubmitted: new Date().toISOString() });
          break;
        case 'refused':
          saveNow({ ...base, sending: undefined });
          setSubmitError(outcome.error);
          setProblems(toFieldProblems(outcome.error.problems, body, steps));
          break;
        case 'unknown':
          await lookForOrder(base);
          break;
      }
    } finally {
      inFlight.current = false;
    }
  }

  // A draft reloaded while its submit had no answer yet: look for the order first, once.
  const looked = useRef(false);
  useEffect(() => {
    if (draft.sending && !looked.current && !inFlight.current) {
      looked.current = true;
      void lookForOrder(draft);
    }
    // Once per mount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Confirm-mode problems belong at their fields too, so the Fix links land on them.
  const confirmFailedAt = confirmation.isError ? confirmation.errorUpdatedAt : 0;
  useEffect(() => {
    if (confirmFailedAt && confirmation.error instanceof MobprocError) setProblems(toFieldProblems(confirmation.error.problems, body, steps));
    // Once per failed answer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [confirmFailedAt]);

  const unsettled = Boolean(draft.sending);

  return (
    <StepFrame
      title="Review your order"
      intro="Prices and approval as the carrier confirmed them. Nothing is ordered until you submit."
      onContinue={() => void submit()}
      continueLabel="Submit order"
      continueDisabled={!confirmation.isSuccess || unsettled}
      continuePending={submission.isPending || check === 'checking'}
    >
      <Stack spacing={2}>
        {(unsettled || check === 'not-found') && <SendingCheck state={check} onCheck={() => void lookForOrder(loadDraftFresh(draft, scope))} />}
        {localProblems.length > 0 && (
          <Alert severity="error" role="alert">
            {localProblems.map((problem) => problem.message).join(' ')}
          </Alert>
        )}
        {(placed.length > 0 || unplaced.length > 0) && <ProblemList problems={placed} unplaced={unplaced} />}
        {confirmation.isError && (
          <Button variant="outlined" onClick={() => void confirmation.refetch()} sx={{ alignSelf: 'flex-start' }}>
            Check again
          </Button>
        )}
        {confirmation.isPending && localProblems.length === 0 && (
          <Stack spacing={1} role="status" aria-label="Checking your order with the carrier">
            <Skeleton width="50%" />
            <Skeleton variant="rounded" height={120} />
            <Skeleton variant="rounded" height={80} />
          </Stack>
        )}
        {confirmation.isSuccess && <ConfirmationView confirmation={confirmation.data.orderConfirmation} showApproval={extensions.has('approval-preview')} />}
      </Stack>
    </StepFrame>
  );
}
