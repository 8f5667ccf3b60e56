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
import { claimForSending, idempotencyFor, loadDraftFresh, type Draft } from '../../model/draft.ts';
import { lookUntilFound, settleRefusal, type FoundOrder } from '../../model/submit-outcome.ts';
import type { OrderRequestBody } from '../../../../../contract/orders.ts';
import { buildOrderRequest, fieldKey } from '../../model/request.ts';
import { forgetSecrets, forgottenSecrets, secretsOf } from '../../model/secrets.ts';
import { stepOwningField, type StepId } from '../../model/steps.ts';
import { StepFrame } from '../step-frame.tsx';
import { useWizard, type FieldProblem } from '../wizard-context.tsx';
import { ConfirmationView } from './confirmation-view.tsx';
import { ProblemList, SendingCheck, type CheckState, type SendingNotice } from './review-notices.tsx';

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
  const body = buildOrderRequest(draft, extensions.set, secretsOf(draft));
  // What may be stored with the draft: the same body without sensitive values.
  const storableBody = JSON.stringify(buildOrderRequest(draft, extensions.set));
  const localProblems = orderMemberProblems(body.orderRequest);
  const forgotten = forgottenSecrets(draft);
  const confirmation = useQuery({
    ...confirmOrderQueryOptions(client, body),
    enabled: localProblems.length === 0 && forgotten.length === 0 && !extensions.isPending,
  });
  const [submitError, setSubmitError] = useState<MobprocError | Error | null>(null);
  // The POST itself; what its outcome means for the draft is decided in `submit`, in order.
  const submission = useMutation({
    mutationFn: async ({ key }: { key: string }) => submitOrder(client, body, key, await announcedExtensions(config.baseUrl)),
  });
  const [check, setCheck] = useState<CheckState>('idle');
  const inFlight = useRef(false);
  // This tab's own send, so a "sending" mark it did not write reads as another tab's.
  const [sendingHere, setSendingHere] = useState(false);

  const errorItems = (error: unknown): ErrorItem[] =>
    error instanceof MobprocError ? error.problems : error instanceof Error ? [{ status: 0, id: '', errorCode: 'ERROR', message: error.message }] : [];
  const confirmItems = confirmation.isError ? errorItems(confirmation.error) : [];
  const allItems = [...confirmItems, ...(submitError ? errorItems(submitError) : [])];
  const placed = toFieldProblems(allItems, body, steps);
  const unplaced = allItems.filter((item) => !stepOwningField(item.field, steps));

  /** The draft closed for good: the server has the order, readable or not. */
  function closeAsPlaced(base: Draft, submitted: NonNullable<Draft['submitted']>) {
    forgetSecrets(base);
    saveNow({ ...base, sending: undefined, submitted });
    goTo('done');
  }

  const closeAsFound = (base: Draft, found: FoundOrder) => closeAsPlaced(base, { orderId: found.orderId, status: found.status, dateSubmitted: found.dateSubmitted });

  const lookupOnce = async (reference: string) =>
    findPlacedOrder(client, { employeeId: me.actor.id, reference, extensions: await announcedExtensions(config.baseUrl) });

  // Stops the look-ups of a page that is left; a reload starts them again from the draft's mark.
  // A flag, not an AbortSignal: StrictMode unmounts and mounts again once, and the look-up the
  // first mount began must go on.
  const mounted = useRef(false);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /**
   * Keeps looking for the order of a submit without an answer, from the send time in its mark,
   * for `LOOKUP_WINDOW_MS`: a server may store it seconds after the page stopped waiting.
   */
  async function lookForOrder(base: Draft) {
    setCheck('checking');
    const sentAt = base.sending ? Date.parse(base.sending.at) : Date.now();
    const result = await lookUntilFound({
      sentAt: Number.isNaN(sentAt) ? Date.now() : sentAt,
      lookup: () => lookupOnce(base.orderReference),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      stopped: () => !mounted.current,
    });
    if (!result) return;
    if (result.kind === 'found') {
      closeAsFound(base, result.order);
      return;
    }
    if (result.kind === 'failed') {
      setCheck('failed');
      return;
    }
    // The window is over and the order has not appeared: the person may send it again, with the
    // same idempotency key, and a refusal is checked against the orders once more (`settleRefusal`).
    saveNow({ ...base, sending: undefined });
    setCheck('not-found');
  }

  async function submit() {
    // A second click while the first is on its way must not send a second order.
    if (inFlight.current) return;
    inFlight.current = true;
    setSubmitError(null);
    setCheck('idle');
    try {
      const serialized = storableBody;
      let sentBefore = false;
      // The key and the "sending" mark are stored before the request, so a reload finds them; and
      // under a lock, so another tab pressing Submit on this draft finds them too.
      const claim = await claimForSending(scope, draft, (stored) => {
        sentBefore = Boolean(stored.idempotency);
        return { ...stored, idempotency: idempotencyFor(stored, serialized), sending: { body: serialized, at: new Date().toISOString() } };
      });
      if ('stored' in claim) {
        // Another tab is sending it or placed it: show that here instead of a Submit that does nothing.
        saveNow(claim.stored);
        return;
      }
      const base = claim.claimed;
      setSendingHere(true);
      saveNow(base);
      const outcome = await submission.mutateAsync({ key: base.idempotency!.key });
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
        case 'refused': {
          const settled = await settleRefusal(sentBefore, () => lookupOnce(base.orderReference));
          if (settled.kind === 'found') {
            closeAsFound(base, settled.order);
            break;
          }
          saveNow({ ...base, sending: undefined });
          setSubmitError(outcome.error);
          setProblems(toFieldProblems(outcome.error.problems, body, steps));
          break;
        }
        case 'unknown':
          await lookForOrder(base);
          break;
      }
    } finally {
      inFlight.current = false;
      setSendingHere(false);
    }
  }

  // A draft reloaded while its submit had no answer yet: look for the order first.
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
  const notice: SendingNotice | null =
    check !== 'idle' ? check : unsettled ? (sendingHere ? 'sending' : 'elsewhere') : null;

  return (
    <StepFrame
      title="Review your order"
      intro="Prices and approval as the carrier confirmed them. Nothing is ordered until you submit."
      onContinue={() => void submit()}
      continueLabel={check === 'not-found' ? 'Submit again' : 'Submit order'}
      continueDisabled={!confirmation.isSuccess || unsettled}
      continuePending={submission.isPending || check === 'checking'}
    >
      <Stack spacing={2}>
        {notice && <SendingCheck state={notice} onCheck={() => void lookForOrder(loadDraftFresh(draft, scope))} />}
        {forgotten.length > 0 && (
          <Alert
            severity="warning"
            action={
              <Button color="inherit" onClick={() => goTo('details')}>
                Enter again
              </Button>
            }
          >
            For your security, {forgotten.join(' and ')} {forgotten.length === 1 ? 'is' : 'are'} not kept when the page reloads. Enter{' '}
            {forgotten.length === 1 ? 'it' : 'them'} again in Order details.
          </Alert>
        )}
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
        {confirmation.isPending && localProblems.length === 0 && forgotten.length === 0 && (
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
