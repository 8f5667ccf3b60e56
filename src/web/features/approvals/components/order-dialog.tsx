import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Link from '@mui/material/Link';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useTheme } from '@mui/material/styles';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router';
import type { AcceptOrderItem as OrderItem } from '../../../../contract/accept.ts';
import { ApprovalLevels } from '../../../components/approval-levels.tsx';
import { OrderStatusChip } from '../../../components/order-status-chip.tsx';
import { useApiClient } from '../../../lib/api-context.tsx';
import { orderQueryOptions } from '../../../lib/api/orders.ts';
import { formatServiceNumber, formatWaiting, personName } from '../../../lib/format.ts';
import { orderStatusWords } from '../../../lib/order-status.ts';
import { typeWords } from '../../../lib/transaction-type-words.ts';
import { otherOpenOrdersQueryOptions, personLinesQueryOptions, type Decision } from '../api/approvals.ts';
import { justificationOf, waitingSince } from '../api/desk.ts';
import { orderCost, orderWhat, orderWho } from './order-words.ts';

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Box component="section" aria-label={title}>
      <Typography variant="h3" sx={{ fontSize: '1rem', fontWeight: 600, mb: 0.75 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function PersonLines({ employeeId }: { employeeId: string }) {
  const lines = useQuery(personLinesQueryOptions(useApiClient(), employeeId));
  if (lines.isPending) return <Skeleton variant="rounded" height={48} aria-label="Loading their lines" />;
  if (lines.isError) return <Typography sx={{ color: 'text.secondary' }}>Their lines could not be loaded: {lines.error.message}</Typography>;
  if (lines.data.items.length === 0) return <Typography sx={{ color: 'text.secondary' }}>No lines yet.</Typography>;
  return (
    <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2.5 }}>
      {lines.data.items.map((line) => (
        <Typography component="li" variant="body2" key={line.id}>
          {formatServiceNumber(line.serviceNumber ?? line.id)}
          {line.status ? ` · ${line.status.toLowerCase()}` : ''}
          {line.plan?.name ? ` · ${line.plan.name}` : ''}
          {line.device?.model?.name ? ` · ${line.device.model.name}` : ''}
        </Typography>
      ))}
    </Stack>
  );
}

function OtherOpenOrders({ employeeId, orderId }: { employeeId: string; orderId: string }) {
  const others = useQuery(otherOpenOrdersQueryOptions(useApiClient(), employeeId, orderId));
  if (others.isPending) return <Skeleton variant="rounded" height={48} aria-label="Loading their other orders" />;
  if (others.isError) return <Typography sx={{ color: 'text.secondary' }}>Their other orders could not be loaded: {others.error.message}</Typography>;
  if (others.data.length === 0) return <Typography sx={{ color: 'text.secondary' }}>None.</Typography>;
  return (
    <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2.5 }}>
      {others.data.map((other) => (
        <Typography component="li" variant="body2" key={other.orderId}>
          Order {other.orderId} · {orderWhat(other)} · {orderStatusWords(other.status ?? '')}
        </Typography>
      ))}
    </Stack>
  );
}

/**
 * What an approver weighs besides the order itself: the requester's justification, every approval
 * level with its state, the person's lines and their other open orders.
 */
export function OrderFacts({ order }: { order: OrderItem }) {
  const justification = justificationOf(order);
  const holder = order.accountHolder;
  return (
    <>
      <Section title="Justification">
        <Typography sx={justification ? undefined : { color: 'text.secondary' }}>{justification ?? 'The requester gave none.'}</Typography>
      </Section>
      <Section title="Approval levels">
        {(order.approvers ?? []).length ? <ApprovalLevels order={order} /> : <Typography sx={{ color: 'text.secondary' }}>The server named no levels.</Typography>}
      </Section>
      {holder?.id && (
        <>
          <Section title={`${personName(holder)}’s lines`}>
            <PersonLines employeeId={holder.id} />
          </Section>
          <Section title={`${personName(holder)}’s other open orders`}>
            <OtherOpenOrders employeeId={holder.id} orderId={order.orderId} />
          </Section>
        </>
      )}
    </>
  );
}

/**
 * One queued order at a glance, without leaving the queue: what it is and costs, why the requester
 * wants it, every approval level with its state, the person's lines and their other open orders,
 * and the decision buttons. The queue's own copy shows at once; the order's detail replaces it.
 */
export function OrderDialog({
  queued,
  canDecide,
  canAsk,
  onClose,
  onDecide,
}: {
  queued: OrderItem;
  /** Why the actor may not decide it, or null when they may. */
  canDecide: string | null;
  canAsk: boolean;
  onClose: () => void;
  onDecide: (action: Decision['action']) => void;
}) {
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const detail = useQuery(orderQueryOptions(useApiClient(), queued.orderId));
  const order: OrderItem = detail.data ?? queued;
  const waiting = formatWaiting(waitingSince(order));
  const awaiting = order.status === 'AWAITING_APPROVAL';

  return (
    <Dialog open onClose={onClose} aria-labelledby="order-dialog-title" fullWidth maxWidth="md" fullScreen={phone} scroll="paper">
      <DialogTitle id="order-dialog-title">
        Order {order.orderId}: {orderWho(order)}
      </DialogTitle>
      <DialogContent dividers>
        <Stack spacing={2.5}>
          <Box>
            <Typography>{orderWhat(order)}</Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {orderCost(order)}
              {waiting ? ` · ${waiting}` : ''}
            </Typography>
            {order.status && (
              <Box sx={{ mt: 1 }}>
                <OrderStatusChip status={order.status} />
              </Box>
            )}
          </Box>
          <OrderFacts order={order} />
          {order.transactionType && (
            <Link component={RouterLink} to={`/approvals/${encodeURIComponent(order.orderId)}`}>
              Open the whole {typeWords(order.transactionType).toLowerCase()} order
            </Link>
          )}
          {!awaiting && <Alert severity="info">This order is not waiting for approval any more.</Alert>}
          {awaiting && canDecide && <Alert severity="info">{canDecide}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1, '& > .MuiButton-root': { m: 0, flex: { xs: '1 1 40%', sm: '0 0 auto' } } }}>
        <Button onClick={onClose}>Close</Button>
        {awaiting && !canDecide && (
          <>
            {canAsk && (
              <Button variant="outlined" onClick={() => onDecide('REQUEST_INFO')}>
                Ask a question
              </Button>
            )}
            <Button variant="outlined" color="error" onClick={() => onDecide('REJECT')}>
              Reject
            </Button>
            <Button variant="contained" color="success" onClick={() => onDecide('APPROVE')}>
              Approve
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
