import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { Link as RouterLink } from 'react-router';
import { formatWhen } from '../../../../lib/format.ts';
import { orderStatusWords } from '../../../../lib/order-status.ts';
import { externalOrderNumberFor } from '../../model/draft.ts';
import { transactionTypeInfo } from '../../model/steps.ts';
import { useWizard } from '../wizard-context.tsx';

export function DoneStep() {
  const { draft, discard } = useWizard();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const submitted = draft.submitted;
  if (!submitted) return null;

  return (
    <Stack spacing={2.5} sx={{ alignItems: 'flex-start' }} component="section" aria-labelledby="done-heading">
      <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
        <CheckCircleOutlined sx={{ color: 'success.main', fontSize: 40 }} aria-hidden />
        <Typography id="done-heading" ref={heading} tabIndex={-1} variant="h1" sx={{ '&:focus': { outline: 'none' } }}>
          Order placed
        </Typography>
      </Stack>
      {submitted.orderId ? (
        <div>
          <Typography sx={{ color: 'text.secondary' }}>Order number</Typography>
          <Typography data-testid="order-id" sx={{ fontSize: '2.25rem', fontWeight: 700, letterSpacing: 1 }}>
            {submitted.orderId}
          </Typography>
        </div>
      ) : (
        <Alert severity="info" role="status" sx={{ alignSelf: 'stretch' }}>
          Your order was placed: the server accepted it. Its answer could not be read, so the order number is not known here yet. Find the order
          in My orders by its reference.
        </Alert>
      )}
      <Typography sx={{ fontSize: '1.15rem' }} role="status">
        {transactionTypeInfo[draft.transactionType].title}
        {submitted.status ? (
          <>
            : <strong>{orderStatusWords(submitted.status, submitted.approverName)}</strong>
          </>
        ) : null}
        {submitted.dateSubmitted ? ` · submitted ${formatWhen(submitted.dateSubmitted, 'moment')}` : ''}
      </Typography>
      <Typography>
        Order reference: <strong>{externalOrderNumberFor(draft)}</strong>
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignSelf: 'stretch' }}>
        {submitted.orderId ? (
          <Button component={RouterLink} to={`/orders/${encodeURIComponent(submitted.orderId)}`} variant="contained">
            View the order
          </Button>
        ) : (
          <Button component={RouterLink} to="/orders" variant="contained">
            Go to my orders
          </Button>
        )}
        <Button variant="outlined" onClick={discard}>
          Start another order
        </Button>
      </Stack>
    </Stack>
  );
}
