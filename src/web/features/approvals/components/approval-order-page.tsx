import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import { OrderStatusChip } from '../../../components/order-status-chip.tsx';
import { LoadError } from '../../../components/query-states.tsx';
import { OrderSummary } from '../../../components/order-summary.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { useApiClient } from '../../../lib/api-context.tsx';
import { orderQueryOptions } from '../../../lib/api/orders.ts';
import { formatServiceNumber, personName } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me.ts';
import { levelWho, pendingLevelOf } from '../../../lib/approval-levels.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { typeWords } from '../../../lib/transaction-type-words.ts';
import { decisionWords, type Decision } from '../api/approvals.ts';
import { DecisionDialog, type DecisionOutcome } from './decision-dialog.tsx';
import { OrderFacts } from './order-dialog.tsx';
import { orderAge, ownOrderReason } from './order-words.ts';

/** One order in the queue, in full, with the decision buttons. */
export function ApprovalOrderPage() {
  const { orderId = '' } = useParams();
  const client = useApiClient();
  const order = useQuery(orderQueryOptions(client, orderId));
  const me = useMe();
  const extensions = useExtensions();
  const [action, setAction] = useState<Decision['action'] | null>(null);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);

  const back = (
    <Button component={RouterLink} to="/approvals" size="small" sx={{ alignSelf: 'flex-start', ml: -1 }}>
      ← Approvals
    </Button>
  );
  if (order.isPending) {
    return (
      <Stack spacing={2} role="status" aria-label="Loading the order">
        <Skeleton width="40%" height={48} />
        <Skeleton variant="rounded" height={240} />
      </Stack>
    );
  }
  if (order.isError) {
    return (
      <Stack spacing={2}>
        {back}
        <PageHeading title={`Order ${orderId} — Approvals`}>{`Order ${orderId}`}</PageHeading>
        <LoadError what="the order" error={order.error} onRetry={() => void order.refetch()} goneText="There is no such order, or you may not see it." />
      </Stack>
    );
  }
  const data = order.data;
  const pending = pendingLevelOf(data);
  const desk = extensions.has('approval-rules');
  const awaiting = data.status === 'AWAITING_APPROVAL';
  const notYours = ownOrderReason(data, me.data);
  // Only the server knows here whether the actor decides as a delegate (the queue knows it from the query).
  const behalf = desk ? (data.eligibleOnBehalfOf ?? null) : null;
  const type = data.transactionType ? typeWords(data.transactionType) : 'Order';
  const summary = `${personName(data.accountHolder)} — ${type}${data.serviceNumber ? ` for line ${formatServiceNumber(data.serviceNumber)}` : ''}.`;
  return (
    <Stack spacing={2.5}>
      {back}
      <Box>
        <Typography sx={{ color: 'text.secondary' }}>
          {type}
          {data.dateSubmitted ? ` · submitted ${orderAge(data.dateSubmitted)}` : ''}
        </Typography>
        <PageHeading title={`Order ${data.orderId} — Approvals`}>{`Order ${data.orderId}`}</PageHeading>
        {data.status && <OrderStatusChip status={data.status} approver={pending ? levelWho(pending) : null} size="medium" />}
      </Box>
      {outcome && (
        <Alert severity={decisionWords(outcome.answer, outcome.action).severity} role="status">
          {decisionWords(outcome.answer, outcome.action).text}
        </Alert>
      )}
      {awaiting && !outcome && notYours && <Alert severity="info">{notYours}</Alert>}
      {awaiting && !outcome && !notYours && (
        <Stack direction="row" spacing={1.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
          <Button variant="contained" color="success" onClick={() => setAction('APPROVE')}>
            Approve
          </Button>
          <Button variant="outlined" color="error" onClick={() => setAction('REJECT')}>
            Reject
          </Button>
          {extensions.has('request-info') && (
            <Button variant="outlined" onClick={() => setAction('REQUEST_INFO')}>
              Ask a question
            </Button>
          )}
        </Stack>
      )}
      {awaiting && !outcome && behalf && <Alert severity="info">You decide this order on behalf of {personName(behalf)}, as their approval delegate.</Alert>}
      {!awaiting && !outcome && <Alert severity="info">This order is not waiting for approval any more.</Alert>}
      {desk && (
        <Paper variant="outlined" component="section" aria-label="For your decision" sx={{ p: { xs: 2, sm: 3 } }}>
          <Stack spacing={2.5}>
            <OrderFacts order={data} />
          </Stack>
        </Paper>
      )}
      <OrderSummary order={data} />
      <DecisionDialog
        orderId={data.orderId}
        summary={summary}
        action={action}
        onClose={() => setAction(null)}
        onDecided={(result) => {
          setAction(null);
          setOutcome(result);
        }}
      />
    </Stack>
  );
}
