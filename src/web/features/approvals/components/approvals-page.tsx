import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import type { AcceptOrderItem as OrderItem } from '../../../../contract/accept.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { PageHeading } from '../../../components/page-heading.tsx';
import { EmptyState, LoadError, ListSkeleton, UnreadableNote } from '../../../components/query-states.tsx';
import { Pager } from '../../../components/pager.tsx';
import { useApiClient } from '../../../lib/api-context.tsx';
import { formatWhen, personName } from '../../../lib/format.ts';
import { usePollInterval } from '../../../lib/live-context.tsx';
import { useMe } from '../../../lib/me.ts';
import { APPROVALS_POLL_MS } from '../api/approval-count.ts';
import { approvalQueueQueryOptions, decisionWords, type Decision } from '../api/approvals.ts';
import { DecisionDialog, type DecisionOutcome } from './decision-dialog.tsx';
import { DeskPage } from './desk-page.tsx';
import { orderAge, orderCost, orderWhat, orderWho, ownOrderReason } from './order-words.ts';

function QueueRow({ order, notYours, onDecide }: { order: OrderItem; notYours: string | null; onDecide: (order: OrderItem, action: Decision['action']) => void }) {
  const headingId = `approval-${order.orderId}`;
  return (
    <Paper variant="outlined" component="li" aria-labelledby={headingId} sx={{ listStyle: 'none', p: 2 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={{ xs: 1.5, md: 2 }} sx={{ justifyContent: 'space-between', alignItems: { md: 'center' } }}>
        <Box sx={{ minWidth: 0 }}>
          <Typography component="h2" id={headingId} sx={{ fontWeight: 600 }}>
            <Link component={RouterLink} to={`/approvals/${encodeURIComponent(order.orderId)}`}>
              {orderWho(order)}
            </Link>
          </Typography>
          <Typography>{orderWhat(order)}</Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            Order {order.orderId} · {orderCost(order)}
            {order.dateSubmitted && (
              <>
                {' '}
                · submitted <time dateTime={order.dateSubmitted} title={formatWhen(order.dateSubmitted, 'moment')}>{orderAge(order.dateSubmitted)}</time>
              </>
            )}
          </Typography>
        </Box>
        {notYours ? (
          <Typography variant="body2" sx={{ color: 'text.secondary', maxWidth: 280 }}>
            {notYours}
          </Typography>
        ) : (
          <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>
            <Button variant="contained" color="success" onClick={() => onDecide(order, 'APPROVE')} aria-label={`Approve order ${order.orderId}`}>
              Approve
            </Button>
            <Button variant="outlined" color="error" onClick={() => onDecide(order, 'REJECT')} aria-label={`Reject order ${order.orderId}`}>
              Reject
            </Button>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * Orders waiting for the actor's decision. A server that announced `approval-rules` gets the desk
 * (filters, several at once, levels, decided by me); any other the plain queue, oldest first.
 */
export function ApprovalsPage() {
  const me = useMe();
  const extensions = useExtensions();
  const actingFor = me.data && me.data.actor.id !== me.data.authenticatedUser.id ? personName(me.data.actor) : null;
  if (extensions.isPending || me.isPending) {
    return (
      <Stack spacing={2.5}>
        <PageHeading>{actingFor ? `Approvals for ${actingFor}` : 'Approvals'}</PageHeading>
        <ListSkeleton label="Loading approvals" />
      </Stack>
    );
  }
  if (!extensions.has('approval-rules') || !me.data) return <PlainQueue />;
  return (
    <Stack spacing={2.5}>
      <PageHeading>{actingFor ? `Approvals for ${actingFor}` : 'Approvals'}</PageHeading>
      <DeskPage approverId={me.data.actor.id} actingFor={actingFor} people={me.data} />
    </Stack>
  );
}

/** The queue as the vendor's contract allows it: one page at a time, oldest first, one decision at a time. */
function PlainQueue() {
  const client = useApiClient();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const approverId = me.data?.isApprover ? me.data.actor.id : null;
  const extensions = useExtensions();
  const queue = useQuery({
    ...approvalQueueQueryOptions(client, approverId ?? '', offset, extensions.has('submitted-date-sort')),
    // Events from the server's stream refetch the queue; polling is the fallback without one.
    refetchInterval: usePollInterval(APPROVALS_POLL_MS),
    enabled: Boolean(approverId) && !extensions.isPending,
  });
  const [deciding, setDeciding] = useState<{ order: OrderItem; action: Decision['action'] } | null>(null);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const actingFor = me.data && me.data.actor.id !== me.data.authenticatedUser.id ? personName(me.data.actor) : null;

  let body;
  if (me.isPending) body = <ListSkeleton label="Loading approvals" />;
  else if (me.isError) body = <LoadError what="your profile" error={me.error} onRetry={() => void me.refetch()} />;
  else if (!approverId) body = <EmptyState title="Nothing to approve">{actingFor ? `${actingFor} does not approve orders.` : 'You do not approve orders.'}</EmptyState>;
  else if (queue.isPending) body = <ListSkeleton label="Loading approvals" />;
  else if (queue.isError) body = <LoadError what="the approvals" error={queue.error} onRetry={() => void queue.refetch()} />;
  else if (queue.data.items.length === 0) body = <EmptyState title="All caught up">No orders are waiting for {actingFor ? `${actingFor}’s` : 'your'} decision.</EmptyState>;
  else
    body = (
      <>
        <Typography aria-live="polite">
          {queue.data._meta.totalCount === 1 ? '1 order is waiting' : `${queue.data._meta.totalCount} orders are waiting`}, oldest first.
        </Typography>
        <Stack component="ul" spacing={1} sx={{ m: 0, p: 0 }} aria-label="Orders awaiting approval">
          {queue.data.items.map((order) => (
            <QueueRow key={order.orderId} order={order} notYours={ownOrderReason(order, me.data)} onDecide={(chosen, action) => setDeciding({ order: chosen, action })} />
          ))}
        </Stack>
        <Pager meta={queue.data._meta} what="orders" onOffset={(next) => setParams(next ? { offset: String(next) } : {})} />
      </>
    );

  return (
    <Stack spacing={2.5}>
      <PageHeading>{actingFor ? `Approvals for ${actingFor}` : 'Approvals'}</PageHeading>
      {outcome && (
        <Alert severity={decisionWords(outcome.answer, outcome.action, outcome.order).severity} onClose={() => setOutcome(null)}>
          Order {outcome.orderId}: {decisionWords(outcome.answer, outcome.action, outcome.order).text}{' '}
          <Link component={RouterLink} to={`/approvals/${encodeURIComponent(outcome.orderId)}`} color="inherit">
            Open the order
          </Link>
        </Alert>
      )}
      <UnreadableNote count={queue.data?.unreadable} what={{ one: 'order', other: 'orders' }} />
      <Box sx={{ minHeight: 4 }}>{queue.isFetching && !queue.isPending && <LinearProgress aria-label="Refreshing approvals" />}</Box>
      {body}
      {deciding && (
        <DecisionDialog
          orderId={deciding.order.orderId}
          summary={`${orderWho(deciding.order)} — ${orderWhat(deciding.order)} (${orderCost(deciding.order)}).`}
          action={deciding.action}
          onClose={() => setDeciding(null)}
          onDecided={(result) => {
            setDeciding(null);
            setOutcome({ ...result, order: deciding.order });
          }}
        />
      )}
    </Stack>
  );
}
