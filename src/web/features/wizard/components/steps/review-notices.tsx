import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { ErrorItem } from '../../../../../contract/common.ts';
import { stepTitles } from '../../model/steps.ts';
import { useWizard, type FieldProblem } from '../wizard-context.tsx';

export function ProblemList({ problems, unplaced }: { problems: FieldProblem[]; unplaced: ErrorItem[] }) {
  const { goTo } = useWizard();
  return (
    <Alert severity="error" role="alert">
      <Typography sx={{ fontWeight: 500 }}>The order cannot be placed yet:</Typography>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {problems.map((problem, index) => (
          <li key={`p${index}`}>
            {problem.message}{' '}
            <Link component="button" type="button" onClick={() => goTo(problem.step)}>
              Fix in “{stepTitles[problem.step]}”
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

/**
 * A submit whose outcome is not known (no answer, or a 5xx): the app looks for the order among
 * the account holder's recent orders by the draft's own reference before anything else, and
 * never submits again by itself. Found: the order page. Not there: the person may submit again.
 * The look-up failed: it cannot tell yet, and offers to look again.
 */
export function SendingCheck({ state, onCheck }: { state: CheckState; onCheck: () => void }) {
  if (state === 'not-found') {
    return (
      <Alert severity="warning" role="alert">
        The order did not reach the server: it is not among your orders, so nothing was ordered. You can submit it again.
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
      {state === 'failed'
        ? 'No answer came back to your order, and the app cannot tell yet whether it was placed. It will not be sent again until that is known.'
        : 'No answer came back to your order. Looking for it among your orders…'}
    </Alert>
  );
}

