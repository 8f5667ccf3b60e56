import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useParams } from 'react-router';
import { MobprocError } from '../../../lib/api-client.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { formatDateTime, formatMoney, personName } from '../../../lib/format.ts';
import { orderStatusWords } from '../../../lib/order-status.ts';
import { orderQueryOptions } from '../api/order.ts';

const typeWords: Record<string, string> = {
  NEW_ACTIVATION: 'New line',
  UPGRADE: 'Upgrade',
  PORT_NUMBER: 'Change carrier',
  ORDER_ACCESSORIES: 'Accessories',
  SUSPEND: 'Suspend a line',
  UNSUSPEND: 'Reactivate a line',
  DEACTIVATE: 'Cancel a line',
  UPDATE_FEATURES: 'Change features',
  SWAP_DEVICES: 'Swap device',
  XFER_SERVICE_OUT: 'Take a line private',
  XFER_SERVICE_IN: 'Bring your number',
  XFER_SERVICE_IN_AND_PORT: 'Bring your number to another carrier',
};

/** A simple order page: status in words and what was ordered. */
export function OrderPage() {
  const { orderId = '' } = useParams();
  const client = useApiClient();
  const order = useQuery(orderQueryOptions(client, orderId));

  if (order.isPending) {
    return (
      <Stack spacing={2} role="status" aria-label="Loading the order">
        <Skeleton width="40%" height={48} />
        <Skeleton variant="rounded" height={200} />
      </Stack>
    );
  }
  if (order.isError) {
    const notFound = order.error instanceof MobprocError && order.error.status === 404;
    return (
      <Stack spacing={2}>
        <Typography variant="h1">Order {orderId}</Typography>
        <Alert
          severity="error"
          action={notFound ? undefined : <Button color="inherit" onClick={() => void order.refetch()}>Retry</Button>}
        >
          {notFound ? 'There is no such order, or you may not see it.' : `Could not load the order: ${order.error.message}`}
        </Alert>
      </Stack>
    );
  }
  const data = order.data;
  const approver = data.approvers.find((entry) => entry.decision === 'PENDING')?.employee;

  return (
    <Stack spacing={2.5}>
      <div>
        <Typography sx={{ color: 'text.secondary' }}>{typeWords[data.transactionType] ?? data.transactionType}</Typography>
        <Typography variant="h1" tabIndex={-1}>
          Order {data.orderId}
        </Typography>
      </div>
      <Paper variant="outlined" sx={{ p: { xs: 2, sm: 3 } }}>
        <Stack spacing={1.5} divider={<Divider flexItem />}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
            <Typography sx={{ fontWeight: 500 }}>Status:</Typography>
            <Chip label={orderStatusWords(data.status, approver ? personName(approver) : null)} color={data.status === 'REJECTED' || data.status === 'CANCELLED' ? 'default' : 'primary'} />
          </Stack>
          <Typography>
            For {personName(data.accountHolder)}
            {data.requestedBy.id !== data.accountHolder.id ? `, requested by ${personName(data.requestedBy)}` : ''} · submitted {formatDateTime(data.dateSubmitted)}
            {data.serviceNumber ? ` · line ${data.serviceNumber}` : ''}
            {data.externalOrderNumber ? ` · your reference ${data.externalOrderNumber}` : ''}
          </Typography>
          {data.orderSegments.items.length > 0 && (
            <Stack spacing={0.5}>
              {data.orderSegments.items.map((segment) => (
                <Typography key={segment.orderSegmentId} variant="body2">
                  {[
                    segment.device ? `${segment.device.name} (${formatMoney(segment.device.price)})` : null,
                    segment.plan ? `${segment.plan.name} (${formatMoney(segment.plan.price)}/mo)` : null,
                    ...segment.accessories.map((accessory) => accessory.name),
                    ...segment.features.map((feature) => `${feature.action === 'ADD' ? 'Add' : 'Remove'} ${feature.description}`),
                  ]
                    .filter(Boolean)
                    .join(' · ') || segment.vendor.name}
                </Typography>
              ))}
            </Stack>
          )}
          {data.history.length > 0 && (
            <Stack component="ol" spacing={0.5} sx={{ m: 0, pl: 2.5 }} aria-label="History">
              {data.history.map((entry, index) => (
                <Typography component="li" variant="body2" key={index}>
                  {formatDateTime(entry.dateTime)} — {entry.description}
                </Typography>
              ))}
            </Stack>
          )}
        </Stack>
      </Paper>
      <Button component={RouterLink} to="/" variant="outlined" sx={{ alignSelf: 'flex-start' }}>
        Start another order
      </Button>
    </Stack>
  );
}
