import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ErrorItem } from '../../../../../contract/common.ts';
import { stepTitle } from '../../model/steps.ts';
import { useWizard, type FieldProblem } from '../wizard-context.tsx';

export function ProblemList({ problems, unplaced }: { problems: FieldProblem[]; unplaced: ErrorItem[] }) {
  const { goTo, draft } = useWizard();
  return (
    <Alert severity="error" role="alert">
      <Typography sx={{ fontWeight: 500 }}>The order cannot be placed yet:</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {problems.map((problem, index) => (
          <li key={`p${index}`}>
            {problem.message}{' '}
            <Link component="button" type="button" onClick={() => goTo(problem.step)}>
              Fix in “{stepTitle(problem.step, draft.transactionType)}”
            </Link>
          </li>
        ))}
        {unplaced.map((problem, index) => (
          <li key={`u${index}`}>{problem.message}</li>
        ))}
      </Box>
    </Alert>
  );
}

export type CheckState = 'idle' | 'checking' | 'not-found' | 'failed';

/** What the sending notice tells: this tab's own look-up, or a send in flight here or in another tab. */
export type SendingNotice = Exclude<CheckState, 'idle'> | 'sending' | 'elsewhere';

const noticeText: Record<Exclude<SendingNotice, 'not-found'>, string> = {
  sending: 'Sending your order…',
  elsewhere: 'This order is being sent from another tab or window. This page shows what became of it as soon as that is known.',
  checking: 'No answer came back to your order yet. Checking whether your order arrived among your orders…',
  failed: 'No answer came back to your order, and the app cannot tell yet whether it was placed. It will not be sent again until that is known.',
};

/**
 * A submit whose outcome is not known yet (sending, no answer, or a 5xx): the app keeps looking
 * for the order among the account holder's recent orders by the draft's own reference for a while
 * after it was sent, and never submits again by itself. Found: the order page. Still not there
 * when the window is over: the person may submit again, told that it may yet appear. The look-up
 * failed: it cannot tell yet, and offers to look again.
 */
export function SendingCheck({ state, onCheck }: { state: SendingNotice; onCheck: () => void }) {
  if (state === 'not-found') {
    return (
      <Alert severity="warning" role="alert">
        No answer came back to your order, and it has not appeared among your orders since it was sent. It may still have been placed: look in My
        orders before sending it again. If it is not there, you can submit it again; a server that already took it refuses or ignores the repeat.
      </Alert>
    );
  }
  return (
    <Alert
      severity={state === 'failed' ? 'warning' : 'info'}
      role={state === 'failed' ? 'alert' : 'status'}
      action={
        state === 'failed' ? (
          <Button color="inherit" onClick={onCheck}>
            Check again
          </Button>
        ) : undefined
      }
    >
      {noticeText[state]}
    </Alert>
  );
}
