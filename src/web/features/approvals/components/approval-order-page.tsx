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
import { eligibleOrdersQueryOptions, orderQueryOptions } from '../../../lib/api/orders.ts';
import { formatServiceNumber, personName } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me.ts';
import { levelWho, pendingLevelOf } from '../../../lib/approval-levels.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { typeWords } from '../../../lib/transaction-type-words.ts';
import { decisionWords, type Decision } from '../api/approvals.ts';
import { DecisionDialog, type DecisionOutcome } from './decision-dialog.tsx';
import { OrderFacts } from './order-dialog.tsx';
import { offeredDecision } from './offered-decision.ts';
import { orderAge } from './order-words.ts';

/** One order in the queue, in full, with the decision buttons. */
export function ApprovalOrderPage() {
  const { orderId = '' } = useParams();
  const client = useApiClient();
  const order = useQuery(orderQueryOptions(client, orderId));
  const me = useMe();
  const extensions = useExtensions();
  const [action, setAction] = useState<Decision['action'] | null>(null);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  // The server's queue says whether the actor decides the order's open level now.
  const holderId = order.data?.accountHolder?.id ?? '';
  const eligible = useQuery({
    ...eligibleOrdersQueryOptions(client, me.data?.actor.id ?? '', holderId),
    enabled: extensions.has('approval-rules') && Boolean(me.data && holderId) && order.data?.status === 'AWAITING_APPROVAL',
  });

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
  const decision = offeredDecision(data, me.data, desk ? eligible : undefined);
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
        <Alert severity={decisionWords(outcome.answer, outcome.action, outcome.order).severity} role="status">
          {decisionWords(outcome.answer, outcome.action, outcome.order).text}
        </Alert>
      )}
      {!outcome && decision.kind === 'wait' && <Skeleton variant="rounded" height={40} width={280} aria-label="Checking whether you decide this order" />}
      {!outcome && decision.kind === 'no' && <Alert severity="info">{decision.why}</Alert>}
      {!outcome && decision.kind === 'yes' && (
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
      {!outcome && decision.kind === 'yes' && decision.behalf && (
        <Alert severity="info">You decide this order on behalf of {personName(decision.behalf)}, as their approval delegate.</Alert>
      )}
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
        behalf={decision.kind === 'yes' ? decision.behalf : null}
        onClose={() => setAction(null)}
        onDecided={(result) => {
          setAction(null);
          setOutcome({ ...result, order: data });
        }}
      />
    </Stack>
  );
}
