import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CardActionArea from '@mui/material/CardActionArea';
import Chip from '@mui/material/Chip';
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import type { AcceptOrderItem as OrderItem } from '../../../../contract/accept.ts';
import { orderStatuses, type OrderStatus } from '../../../../contract/orders.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { transactionTypes, type TransactionType } from '../../../../contract/reference.ts';
import { OrderStatusChip, tones } from '../../../components/order-status-chip.tsx';
import { levelWho, pendingLevelOf } from '../../../lib/approval-levels.ts';
import { PageHeading } from '../../../components/page-heading.tsx';
import { EmptyState, LoadError, ListSkeleton, UnreadableNote } from '../../../components/query-states.tsx';
import { Pager } from '../../../components/pager.tsx';
import { useApiClient } from '../../../lib/api-context.tsx';
import { formatMoney, formatMonthly, formatServiceNumber, formatWhen, personName } from '../../../lib/format.ts';
import { useMe } from '../../../lib/me.ts';
import { orderStatusWords } from '../../../lib/order-status.ts';
import { totalsFromSegments } from '../../../lib/order-totals.ts';
import { transactionTypeWords, typeWords } from '../../../lib/transaction-type-words.ts';
import { orderListQueryOptions } from '../api/orders.ts';

function OrderRow({ order, people, listSearch }: { order: OrderItem; people: { actor: string; user: string }; listSearch: string }) {
  const actorId = people.actor;
  const totals = totalsFromSegments(order.orderSegments?.items ?? []);
  const openLevel = pendingLevelOf(order);
  // A question waits for the account holder or the requester (extension `request-info`).
  const needsAnswer =
    order.status === 'INFO_REQUESTED' && [people.actor, people.user].some((id) => id === order.accountHolder?.id || id === order.requestedBy?.id);
  const forSomeoneElse = order.accountHolder !== undefined && order.accountHolder.id !== actorId;
  const costs = [...totals.oneTime.filter((money) => money.amount !== 0).map(formatMoney), ...totals.monthly.filter((money) => money.amount !== 0).map(formatMonthly)];
  return (
    <Paper variant="outlined" component="li" sx={{ listStyle: 'none' }}>
      <CardActionArea
        component={RouterLink}
        to={`/orders/${encodeURIComponent(order.orderId)}`}
        // The detail page's way back returns to this list with the same filters and page.
        state={{ ordersSearch: listSearch }}
        sx={{ p: 2, borderRadius: 1 }}>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={{ xs: 1, sm: 2 }} sx={{ justifyContent: 'space-between', alignItems: { sm: 'center' } }}>
          <Box sx={{ minWidth: 0 }}>
            <Typography component="h2" sx={{ fontWeight: 600 }}>
              {order.transactionType ? `${typeWords(order.transactionType)} · order` : 'Order'} {order.orderId}
            </Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              {[order.dateSubmitted && formatWhen(order.dateSubmitted, 'moment'), order.serviceNumber && `line ${formatServiceNumber(order.serviceNumber)}`].filter(Boolean).join(' · ')}
              {order.externalOrderNumber ? ` · ref ${order.externalOrderNumber}` : ''}
              {forSomeoneElse ? ` · for ${personName(order.accountHolder)}` : ''}
              {order.requestedBy && order.accountHolder && order.requestedBy.id !== order.accountHolder.id ? ` · requested by ${personName(order.requestedBy)}` : ''}
            </Typography>
          </Box>
          <Stack direction="row" sx={{ alignItems: 'center', flexShrink: 0, justifyContent: 'space-between', flexWrap: 'wrap', columnGap: 1.5, rowGap: 0.5 }}>
            {/* A price never breaks inside itself; a long one moves the status chip to the next line instead. */}
            <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums' }}>
              {costs.length
                ? costs.map((cost, index) => (
                    <Box component="span" key={index} sx={{ whiteSpace: 'nowrap' }}>
                      {index > 0 ? ' + ' : ''}
                      {cost}
                    </Box>
                  ))
                : 'No charge'}
            </Typography>
            {needsAnswer ? (
              <Chip size="small" label="Needs your answer" sx={{ ...tones.refused, fontWeight: 600 }} />
            ) : (
              order.status && <OrderStatusChip status={order.status} approver={openLevel ? levelWho(openLevel) : null} />
            )}
          </Stack>
        </Stack>
      </CardActionArea>
    </Paper>
  );
}

/** The actor's orders: filters and page live in the URL, so back, forward and reload keep them. */
export function MyOrdersPage() {
  const client = useApiClient();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const statusParam = params.get('status');
  const typeParam = params.get('type');
  const status = orderStatuses.includes(statusParam as OrderStatus) ? (statusParam as OrderStatus) : null;
  const transactionType = transactionTypes.includes(typeParam as TransactionType) ? (typeParam as TransactionType) : null;
  const everyone = params.get('whose') === 'all';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const actorId = me.data?.actor.id ?? '';
  const extensions = useExtensions();
  const orders = useQuery({
    ...orderListQueryOptions(client, { employeeId: everyone ? null : actorId, status, transactionType, offset, bySubmitted: extensions.has('submitted-date-sort') }),
    enabled: Boolean(actorId) && !extensions.isPending,
  });

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    if (!('offset' in changes)) next.delete('offset');
    setParams(next);
  };

  const filtered = Boolean(status || transactionType);
  return (
    <Stack spacing={2.5}>
      <PageHeading>{me.data && me.data.actor.id !== me.data.authenticatedUser.id ? `Orders of ${personName(me.data.actor)}` : 'My orders'}</PageHeading>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} component="form" aria-label="Filter orders" onSubmit={(event) => event.preventDefault()}>
        <FormControl size="small" sx={{ minWidth: 200 }}>
          <InputLabel id="orders-status-label">Status</InputLabel>
          <Select labelId="orders-status-label" label="Status" value={status ?? ''} onChange={(event) => update({ status: event.target.value || null })}>
            <MenuItem value="">Any status</MenuItem>
            {orderStatuses.map((value) => (
              <MenuItem key={value} value={value}>
                {orderStatusWords(value)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl size="small" sx={{ minWidth: 220 }}>
          <InputLabel id="orders-type-label">Type</InputLabel>
          <Select labelId="orders-type-label" label="Type" value={transactionType ?? ''} onChange={(event) => update({ type: event.target.value || null })}>
            <MenuItem value="">Any type</MenuItem>
            {transactionTypes.map((value) => (
              <MenuItem key={value} value={value}>
                {transactionTypeWords[value]}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl size="small" sx={{ minWidth: 220 }}>
          <InputLabel id="orders-whose-label">Whose</InputLabel>
          <Select labelId="orders-whose-label" label="Whose" value={everyone ? 'all' : 'mine'} onChange={(event) => update({ whose: event.target.value === 'all' ? 'all' : null })}>
            <MenuItem value="mine">{me.data && me.data.actor.id !== me.data.authenticatedUser.id ? `${personName(me.data.actor)}’s` : 'Mine'}</MenuItem>
            <MenuItem value="all">Every order I can see</MenuItem>
          </Select>
        </FormControl>
      </Stack>
      <UnreadableNote count={orders.data?.unreadable} what={{ one: 'order', other: 'orders' }} />
      <Box sx={{ minHeight: 4 }}>{orders.isFetching && !orders.isPending && <LinearProgress aria-label="Refreshing orders" />}</Box>
      {me.isError ? (
        <LoadError what="your profile" error={me.error} onRetry={() => void me.refetch()} />
      ) : orders.isError ? (
        <LoadError what="orders" error={orders.error} onRetry={() => void orders.refetch()} />
      ) : orders.isPending ? (
        <ListSkeleton label="Loading orders" />
      ) : orders.data.items.length === 0 ? (
        <EmptyState title={filtered ? 'No orders match these filters' : 'No orders yet'}>
          {filtered ? (
            <Button onClick={() => update({ status: null, type: null })}>Clear filters</Button>
          ) : (
            <>
              Orders you place appear here.{' '}
              <Button component={RouterLink} to="/">
                Start an order
              </Button>
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <Stack component="ul" spacing={1} sx={{ m: 0, p: 0 }} aria-label="Orders">
            {orders.data.items.map((order) => (
              <OrderRow key={order.orderId} order={order} people={{ actor: actorId, user: me.data?.authenticatedUser.id ?? '' }} listSearch={params.toString()} />
            ))}
          </Stack>
          <Pager meta={orders.data._meta} what="orders" onOffset={(next) => update({ offset: next ? String(next) : null })} />
        </>
      )}
    </Stack>
  );
}
