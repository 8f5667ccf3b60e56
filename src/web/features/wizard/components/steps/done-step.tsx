import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import { Link as RouterLink } from 'react-router';
import { formatDateTime } from '../../../../lib/format.ts';
import { orderStatusWords } from '../../../../lib/order-status.ts';
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
      <div>
        <Typography sx={{ color: 'text.secondary' }}>Order number</Typography>
        <Typography data-testid="order-id" sx={{ fontSize: '2.25rem', fontWeight: 700, letterSpacing: 1 }}>
          {submitted.orderId}
        </Typography>
      </div>
      <Typography sx={{ fontSize: '1.15rem' }} role="status">
        {transactionTypeInfo[draft.transactionType].title}: <strong>{orderStatusWords(submitted.status, submitted.approverName)}</strong>
        {submitted.dateSubmitted ? ` · submitted ${formatDateTime(submitted.dateSubmitted)}` : ''}
      </Typography>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1.5} sx={{ alignSelf: 'stretch' }}>
        <Button component={RouterLink} to={`/orders/${encodeURIComponent(submitted.orderId)}`} variant="contained">
          View the order
        </Button>
        <Button variant="outlined" onClick={discard}>
          Start another order
        </Button>
      </Stack>
    </Stack>
  );
}
