import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import type { AcceptOrder as Order, AcceptShipment as Shipment } from '../../../../contract/accept.ts';
import { finalOrderStatuses } from '../../../../contract/orders.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { ApprovalLevels } from '../../../components/approval-levels.tsx';
import { OrderStatusChip } from '../../../components/order-status-chip.tsx';
import { LoadError } from '../../../components/query-states.tsx';
import { OrderSummary } from '../../../components/order-summary.tsx';
import { PageHeading } from '../../../components/page-heading.tsx';
import { MobprocError } from '../../../lib/api-client.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { eligibleOrdersQueryOptions } from '../../../lib/api/orders.ts';
import { levelWho, pendingLevelOf } from '../../../lib/approval-levels.ts';
import { formatWhen } from '../../../lib/format.ts';
import { useLive } from '../../../lib/live-context.tsx';
import { useMe } from '../../../lib/me.ts';
import { orderStatusWords } from '../../../lib/order-status.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { typeWords } from '../../../lib/transaction-type-words.ts';
import { orderDetailQueryOptions, orderHistoryQueryOptions, orderShipmentsQueryOptions, withdrawableStatuses } from '../api/order-detail.ts';
import { OrderTimeline } from './order-timeline.tsx';
import { QuestionPanel } from './question-panel.tsx';
import { WithdrawDialog } from './withdraw-dialog.tsx';

function Panel({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-label={title} sx={{ p: { xs: 2, sm: 3 } }}>
      <Typography variant="h2" sx={{ fontSize: '1.15rem', mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

const isFinalStatus = (status: string | undefined) => (finalOrderStatuses as readonly string[]).includes(status ?? '');

function ApprovalPanel({ order }: { order: Order }) {
  if ((order.approvers ?? []).length === 0) return null;
  return (
    <Panel title="Approval">
      <ApprovalLevels order={order} />
    </Panel>
  );
}

function ShipmentList({ shipments }: { shipments: Shipment[] }) {
  return (
    <Stack spacing={2}>
      {shipments.map((shipment, index) => (
        <Box key={shipment.id ?? index}>
          <Typography sx={{ fontWeight: 500 }}>
            {shipment.carrier ?? 'Shipment'} · tracking{' '}
            {shipment.trackingUrl && /^https?:\/\//.test(shipment.trackingUrl) ? (
              <Link href={shipment.trackingUrl} target="_blank" rel="noopener noreferrer">
                {shipment.trackingNumber}
              </Link>
            ) : (
              (shipment.trackingNumber ?? 'not given')
            )}
          </Typography>
          {shipment.dateShipped && (
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              Shipped {formatWhen(shipment.dateShipped, 'moment-day')}
            </Typography>
          )}
          <Typography variant="body2">{(shipment.items ?? []).map((item) => `${item.quantity ?? 1} × ${item.name ?? item.type ?? 'item'}`).join(', ')}</Typography>
        </Box>
      ))}
    </Stack>
  );
}

/** Order detail: status in words that keeps itself current, timeline, items, shipments, approval, and withdrawal. */
export function OrderDetailPage() {
  const { orderId = '' } = useParams();
  const client = useApiClient();
  const queryClient = useQueryClient();
  const me = useMe();
  const extensions = useExtensions();
  const order = useQuery(orderDetailQueryOptions(client, orderId, useLive()));
  // Without `updated` (another server may leave it out) the lists are asked once, with the order.
  const updated = order.data ? (order.data.updated ?? order.data.dateSubmitted ?? 'once') : '';
  const history = useQuery({ ...orderHistoryQueryOptions(client, orderId, updated), enabled: Boolean(updated) });
  const shipments = useQuery({ ...orderShipmentsQueryOptions(client, orderId, updated), enabled: Boolean(updated) });
  // A server without these resources answers 404: their cards are left out rather than shown broken.
  const absent = (error: unknown) => error instanceof MobprocError && error.status === 404;
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawn, setWithdrawn] = useState(false);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  const listSearch = (location.state as { ordersSearch?: unknown } | null)?.ordersSearch;
  const backTo = typeof listSearch === 'string' && listSearch ? `/orders?${listSearch}` : '/orders';

  // Announce status changes that arrive by an event or by polling, not the first one shown.
  const [announcement, setAnnouncement] = useState('');
  const lastStatus = useRef<string | null>(null);
  const status = order.data?.status;
  useEffect(() => {
    if (!status) return;
    if (lastStatus.current === status) return;
    if (lastStatus.current) setAnnouncement(`Order status changed: ${orderStatusWords(status)}.`);
    // A finished order changed lines and devices (and the lists it is in): what was cached before may be stale.
    if (isFinalStatus(status)) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.assets.all() });
      void queryClient.invalidateQueries({ queryKey: queryKeys.orders.lists() });
    }
    lastStatus.current = status;
  }, [status, queryClient]);

  // A group member or someone's approval delegate decides too; only the server's queue knows who
  // (asked only of people who approve anything, while the order waits for a decision).
  const holderId = order.data?.accountHolder?.id ?? '';
  const eligible = useQuery({
    ...eligibleOrdersQueryOptions(client, me.data?.actor.id ?? '', holderId),
    enabled: extensions.has('approval-rules') && me.data?.isApprover === true && Boolean(holderId) && status === 'AWAITING_APPROVAL',
  });

  if (order.isPending) {
    return (
      <Stack spacing={2} role="status" aria-label="Loading the order">
        <Skeleton width="40%" height={48} />
        <Skeleton variant="rounded" height={120} />
        <Skeleton variant="rounded" height={240} />
      </Stack>
    );
  }
  if (order.isError) {
    return (
      <Stack spacing={2}>
        <PageHeading>{`Order ${orderId}`}</PageHeading>
        <LoadError what="the order" error={order.error} onRetry={() => void order.refetch()} goneText="There is no such order, or you may not see it." />
        <Button component={RouterLink} to="/orders" sx={{ alignSelf: 'flex-start' }}>
          Back to my orders
        </Button>
      </Stack>
    );
  }

  const data = order.data;
  const openLevel = pendingLevelOf(data);
  const pendingApprover = openLevel?.employee;
  const isFinal = isFinalStatus(data.status);
  // The account holder or the requester may withdraw (a manager who only sees the order may not),
  // and only where the server announced `cancel`.
  const mine = me.data ? [me.data.actor.id, me.data.authenticatedUser.id].some((id) => id === data.accountHolder?.id || id === data.requestedBy?.id) : false;
  const canWithdraw = extensions.has('cancel') && mine && (withdrawableStatuses as readonly string[]).includes(data.status ?? '');
  const asked = extensions.has('request-info') && data.status === 'INFO_REQUESTED';
  const awaitsMyDecision =
    data.status === 'AWAITING_APPROVAL' && ((Boolean(pendingApprover) && pendingApprover?.id === me.data?.actor.id) || eligible.data?.has(data.orderId) === true);
  const shipmentList = shipments.data ?? data.shipments ?? [];
  const lastChange = data.updated ?? data.dateSubmitted;

  return (
    <Stack spacing={2.5}>
      <Box>
        <Button component={RouterLink} to={backTo} size="small" sx={{ mb: 1, ml: -1 }}>
          ← My orders
        </Button>
        {data.transactionType && <Typography sx={{ color: 'text.secondary' }}>{typeWords(data.transactionType)}</Typography>}
        <PageHeading>{`Order ${data.orderId}`}</PageHeading>
        <Stack direction="row" spacing={1.5} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Box aria-label="Status" role="group">
            {data.status && <OrderStatusChip status={data.status} approver={openLevel ? levelWho(openLevel) : null} size="medium" />}
          </Box>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            {isFinal ? '' : 'Updates automatically'}
            {lastChange ? `${isFinal ? '' : ' · '}${isFinal ? 'Last change' : 'last change'} ${formatWhen(lastChange, 'moment')}` : ''}
          </Typography>
          {awaitsMyDecision && (
            <Button component={RouterLink} to={`/approvals/${encodeURIComponent(data.orderId)}`} variant="contained" sx={{ ml: { sm: 'auto' } }}>
              Approve or reject
            </Button>
          )}
          {canWithdraw && (
            <Button ref={withdrawButton} variant="outlined" color="error" onClick={() => setWithdrawing(true)} sx={{ ml: { sm: 'auto' } }}>
              Withdraw order
            </Button>
          )}
        </Stack>
        <Box role="status" aria-live="polite" sx={{ position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
          {announcement}
        </Box>
      </Box>
      {withdrawn && data.status === 'CANCELLED' && (
        <Alert severity="success" onClose={() => setWithdrawn(false)}>
          The order was withdrawn. Nothing will be sent or charged.
        </Alert>
      )}
      {asked && <QuestionPanel order={data} canAnswer={mine} />}
      <Grid container spacing={2.5}>
        <Grid size={{ xs: 12, md: 7 }}>
          <OrderSummary order={data} />
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2.5}>
            <ApprovalPanel order={data} />
            {!absent(history.error) && (
              <Panel title="Status history">
                {history.isError ? (
                  <Alert severity="warning" action={<Button color="inherit" size="small" onClick={() => void history.refetch()}>Retry</Button>}>
                    Could not load the history: {history.error.message}
                  </Alert>
                ) : (
                  <OrderTimeline history={history.data ?? data.history ?? []} />
                )}
              </Panel>
            )}
            {!absent(shipments.error) && (
              <Panel title="Shipments">
                {shipmentList.length > 0 ? (
                  <ShipmentList shipments={shipmentList} />
                ) : (
                  <Typography sx={{ color: 'text.secondary' }}>
                    {(data.orderSegments?.items ?? []).some((segment) => segment.device || (segment.accessories ?? []).length > 0) && !isFinal
                      ? 'Nothing has shipped yet; tracking appears here when it does.'
                      : 'Nothing ships for this order.'}
                  </Typography>
                )}
              </Panel>
            )}
          </Stack>
        </Grid>
      </Grid>
      <WithdrawDialog
        orderId={data.orderId}
        open={withdrawing}
        onClose={() => {
          setWithdrawing(false);
          withdrawButton.current?.focus();
        }}
        onDone={() => {
          setWithdrawing(false);
          setWithdrawn(true);
        }}
      />
    </Stack>
  );
}
