import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import type { AcceptOrderItem as OrderItem, AcceptPageMeta as PageMeta } from '../../../../contract/accept.ts';
import { EmptyState, LoadError, ListSkeleton, UnreadableNote } from '../../../components/query-states.tsx';
import { Pager } from '../../../components/pager.tsx';
import { useApiClient } from '../../../lib/api-context.tsx';
import { levelWho, pendingLevelOf } from '../../../lib/approval-levels.ts';
import { formatWaiting, formatWhen, personName } from '../../../lib/format.ts';
import { usePollInterval } from '../../../lib/live-context.tsx';
import { totalsFromSegments } from '../../../lib/order-totals.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { APPROVALS_POLL_MS } from '../api/approval-count.ts';
import { decidedByMeQueryOptions, deskQueueQueryOptions, decisionWords, type Decision } from '../api/approvals.ts';
import { deskParamsFrom, deskSearchOf, filterChoices, filterQueue, justificationOf, myDecision, onBehalfOf, waitingSince, type DeskFilters, type DeskParams } from '../api/desk.ts';
import { AwayPanel } from './away-panel.tsx';
import { BulkDecisionDialog, type BulkAction } from './bulk-dialog.tsx';
import { DecisionDialog, type DecisionOutcome } from './decision-dialog.tsx';
import { DeskFiltersForm } from './desk-filters.tsx';
import { OrderDialog } from './order-dialog.tsx';
import { orderCost, orderWhat, orderWho, ownOrderReason } from './order-words.ts';

export const DESK_PAGE_SIZE = 20;

/** A page of a list held in the page, in the shape the pager reads (links only where they lead elsewhere). */
export function localPageMeta(totalCount: number, offset: number, limit: number): PageMeta {
  const at = (value: number) => `?offset=${value}`;
  const last = Math.max(0, Math.ceil(totalCount / limit) * limit - limit);
  return {
    totalCount,
    offset,
    limit,
    href: at(offset),
    ...(offset > 0 ? { hrefStart: at(0), hrefPrevious: at(Math.max(0, offset - limit)) } : {}),
    ...(offset + limit < totalCount ? { hrefNext: at(offset + limit), hrefEnd: at(last) } : {}),
  };
}

type People = { authenticatedUser: { id: string }; actor: { id: string }; isApprover?: boolean } | undefined;

function DeskRow({
  order,
  approverId,
  people,
  selected,
  canAsk,
  onSelect,
  onOpen,
  onDecide,
}: {
  order: OrderItem;
  approverId: string;
  people: People;
  selected: boolean;
  canAsk: boolean;
  onSelect: (selected: boolean) => void;
  onOpen: () => void;
  onDecide: (action: Decision['action']) => void;
}) {
  const headingId = `approval-${order.orderId}`;
  const notYours = ownOrderReason(order, people);
  const behalf = onBehalfOf(order, approverId);
  const level = pendingLevelOf(order);
  const justification = justificationOf(order);
  const waiting = formatWaiting(waitingSince(order));
  return (
    <Paper variant="outlined" component="li" aria-labelledby={headingId} sx={{ listStyle: 'none', p: 2 }}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={{ xs: 1.5, md: 2 }} sx={{ justifyContent: 'space-between', alignItems: { md: 'center' } }}>
        <Stack direction="row" spacing={1} sx={{ minWidth: 0, alignItems: 'flex-start' }}>
          <Checkbox
            checked={selected}
            disabled={Boolean(notYours)}
            onChange={(event) => onSelect(event.target.checked)}
            slotProps={{ input: { 'aria-label': `Select order ${order.orderId}` } }}
            sx={{ mt: -1, ml: -1 }}
          />
          <Box sx={{ minWidth: 0 }}>
            <Typography component="h2" id={headingId} sx={{ fontWeight: 600 }}>
              <Link component={RouterLink} to={`/approvals/${encodeURIComponent(order.orderId)}`}>
                {orderWho(order)}
              </Link>
            </Typography>
            <Typography>{orderWhat(order)}</Typography>
            {justification && (
              <Typography variant="body2" sx={{ fontStyle: 'italic', overflowWrap: 'anywhere' }}>
                <Box component="span" sx={{ fontStyle: 'normal', color: 'text.secondary' }}>
                  Justification:{' '}
                </Box>
                “{justification}”
              </Typography>
            )}
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              Order {order.orderId} · {orderCost(order)}
              {waiting && (
                <>
                  {' · '}
                  <time dateTime={waitingSince(order)} title={formatWhen(waitingSince(order) ?? '', 'moment')}>
                    {waiting}
                  </time>
                </>
              )}
            </Typography>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mt: behalf || level?.approverGroup ? 0.75 : 0 }}>
              {behalf && <Chip size="small" variant="outlined" label={`On behalf of ${personName(behalf)}`} />}
              {!behalf && level?.approverGroup && <Chip size="small" variant="outlined" label={`For ${levelWho(level)}`} />}
            </Stack>
          </Box>
        </Stack>
        <Stack direction="row" spacing={1} useFlexGap sx={{ flexShrink: 0, flexWrap: 'wrap', '& > .MuiButton-root': { flex: { xs: '1 1 0', md: '0 0 auto' } } }}>
          <Button variant="text" onClick={onOpen} aria-label={`Details of order ${order.orderId}`}>
            Details
          </Button>
          {notYours ? (
            <Typography variant="body2" sx={{ color: 'text.secondary', maxWidth: 280, alignSelf: 'center' }}>
              {notYours}
            </Typography>
          ) : (
            <>
              {canAsk && (
                <Button variant="outlined" onClick={() => onDecide('REQUEST_INFO')} aria-label={`Ask about order ${order.orderId}`}>
                  Ask
                </Button>
              )}
              <Button variant="outlined" color="error" onClick={() => onDecide('REJECT')} aria-label={`Reject order ${order.orderId}`}>
                Reject
              </Button>
              <Button variant="contained" color="success" onClick={() => onDecide('APPROVE')} aria-label={`Approve order ${order.orderId}`}>
                Approve
              </Button>
            </>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

function DecidedList({ approverId }: { approverId: string }) {
  const decided = useQuery(decidedByMeQueryOptions(useApiClient(), approverId));
  if (decided.isPending) return <ListSkeleton label="Loading your decisions" />;
  if (decided.isError) return <LoadError what="your decisions" error={decided.error} onRetry={() => void decided.refetch()} />;
  if (decided.data.length === 0) return <EmptyState title="No decisions yet">Orders you approve, reject or ask about appear here.</EmptyState>;
  const words: Record<string, string> = { APPROVED: 'Approved', REJECTED: 'Rejected', INFO_REQUESTED: 'Asked a question' };
  return (
    <Stack component="ul" spacing={1} sx={{ m: 0, p: 0 }} aria-label="Orders you decided">
      {decided.data.map((order) => {
        const mine = myDecision(order, approverId)!;
        return (
          <Paper key={order.orderId} variant="outlined" component="li" sx={{ listStyle: 'none', p: 2 }}>
            <Typography component="h2" sx={{ fontWeight: 600 }}>
              <Link component={RouterLink} to={`/approvals/${encodeURIComponent(order.orderId)}`}>
                {orderWho(order)}
              </Link>
            </Typography>
            <Typography>{orderWhat(order)}</Typography>
            <Typography variant="body2">
              <strong>{words[mine.decision ?? ''] ?? mine.decision}</strong>
              {mine.onBehalfOf ? ` on behalf of ${personName(mine.onBehalfOf)}` : ''}
              {mine.dateTime ? ` on ${formatWhen(mine.dateTime, 'moment')}` : ''}
              {mine.reason ? ` — “${mine.reason}”` : ''}
            </Typography>
            <Typography variant="body2" sx={{ color: 'text.secondary' }}>
              Order {order.orderId} · {orderCost(order)}
            </Typography>
          </Paper>
        );
      })}
    </Stack>
  );
}

/**
 * The approvals desk of a server that announced `approval-rules`: the queue with filters and sort
 * in the URL, several orders decided at once, the order dialog, "Decided by me", and — where the
 * server announced `approval-delegates` — who decides while the approver is away.
 */
export function DeskPage({ approverId, actingFor, people }: { approverId: string; actingFor: string | null; people: People }) {
  const client = useApiClient();
  const extensions = useExtensions();
  const [search, setSearch] = useSearchParams();
  const state = useMemo(() => deskParamsFrom(search), [search]);
  // While the event stream is open, the queue refetches on events; the poll is only a safety net.
  const pollMs = usePollInterval(APPROVALS_POLL_MS);
  const queue = useQuery({ ...deskQueueQueryOptions(client, approverId), enabled: state.view === 'waiting', refetchInterval: pollMs });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // The orders of a bulk decision are fixed when it starts: the selection changes under it as orders are decided.
  const [bulk, setBulk] = useState<{ action: BulkAction; orders: { orderId: string; summary: string }[] } | null>(null);
  const [opened, setOpened] = useState<OrderItem | null>(null);
  const [deciding, setDeciding] = useState<{ order: OrderItem; action: Decision['action'] } | null>(null);
  const [outcome, setOutcome] = useState<DecisionOutcome | null>(null);
  const canAsk = extensions.has('request-info');

  const go = (next: Partial<DeskParams>) => setSearch(deskSearchOf({ ...state, offset: 0, ...next }));
  const noFilters = { person: undefined, type: undefined, carrier: undefined, cost: undefined, age: undefined };
  const filters: DeskFilters = useMemo(
    () => ({ person: state.person, type: state.type, carrier: state.carrier, cost: state.cost, age: state.age, sort: state.sort }),
    [state],
  );
  const all = useMemo(() => queue.data?.items ?? [], [queue.data]);
  const choices = useMemo(() => filterChoices(all), [all]);
  const shown = useMemo(() => filterQueue(all, filters), [all, filters]);
  const pageItems = shown.slice(state.offset, state.offset + DESK_PAGE_SIZE);
  const decidable = (order: OrderItem) => !ownOrderReason(order, people);
  // Only what is still in the queue can be decided: a selection outlives a refresh without its gone orders.
  const chosen = all.filter((order) => selected.has(order.orderId));
  const allShownChosen = pageItems.length > 0 && pageItems.filter(decidable).every((order) => selected.has(order.orderId));
  const currency = totalsFromSegments(all[0]?.orderSegments?.items ?? []).oneTime[0]?.currencyCode ?? 'USD';
  const filtered = Boolean(state.person || state.type || state.carrier || state.cost || state.age);

  const select = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });

  const startBulk = (action: BulkAction) =>
    setBulk({
      action,
      orders: chosen.map((order) => ({
        orderId: order.orderId,
        summary: `Order ${order.orderId}: ${orderWho(order)} — ${orderWhat(order)} (${orderCost(order)})`,
        behalf: onBehalfOf(order, approverId),
      })),
    });

  let body;
  // The server records who pressed the button (decidedBy), also when they acted for someone or as a delegate.
  if (state.view === 'decided') body = <DecidedList approverId={people?.authenticatedUser.id ?? approverId} />;
  else if (queue.isPending) body = <ListSkeleton label="Loading approvals" />;
  else if (queue.isError) body = <LoadError what="the approvals" error={queue.error} onRetry={() => void queue.refetch()} />;
  // "All caught up" would tell someone who never decides anything that they have been busy.
  else if (all.length === 0 && people?.isApprover === false) {
    body = <EmptyState title="Nothing to approve">{actingFor ? `${actingFor} does not approve orders.` : 'You do not approve orders.'}</EmptyState>;
  } else if (all.length === 0) body = <EmptyState title="All caught up">No orders are waiting for {actingFor ? `${actingFor}’s` : 'your'} decision.</EmptyState>;
  else
    body = (
      <>
        <DeskFiltersForm value={filters} choices={choices} currencyCode={currency} onChange={(next) => go({ ...noFilters, ...next })} />
        <Typography aria-live="polite">
          {all.length === 1 ? '1 order is waiting' : `${all.length} orders are waiting`}
          {filtered ? `; ${shown.length} ${shown.length === 1 ? 'matches' : 'match'} the filters` : ''}.
        </Typography>
        {queue.data.totalCount > all.length && (
          <Alert severity="info">
            The desk shows the first {all.length} of {queue.data.totalCount} waiting orders.
          </Alert>
        )}
        {shown.length === 0 ? (
          <EmptyState title="No orders match these filters">
            <Button onClick={() => go(noFilters)}>Clear filters</Button>
          </EmptyState>
        ) : (
          <>
            <Stack
              direction="row"
              spacing={1}
              useFlexGap
              role="group"
              aria-label="Decide several orders"
              sx={{ alignItems: 'center', flexWrap: 'wrap', position: 'sticky', top: 0, zIndex: 1, bgcolor: 'background.default', py: 1 }}
            >
              <FormControlLabel
                control={
                  <Checkbox
                    checked={allShownChosen}
                    indeterminate={!allShownChosen && pageItems.some((order) => selected.has(order.orderId))}
                    onChange={(event) => select(pageItems.filter(decidable).map((order) => order.orderId), event.target.checked)}
                  />
                }
                label="Select all shown"
              />
              <Typography variant="body2" sx={{ color: 'text.secondary', mr: 'auto' }} aria-live="polite">
                {chosen.length === 0 ? 'None selected' : `${chosen.length} selected`}
              </Typography>
              <Button variant="outlined" color="error" disabled={chosen.length === 0} onClick={() => startBulk('REJECT')}>
                Reject selected
              </Button>
              <Button variant="contained" color="success" disabled={chosen.length === 0} onClick={() => startBulk('APPROVE')}>
                Approve selected
              </Button>
            </Stack>
            <Stack component="ul" spacing={1} sx={{ m: 0, p: 0 }} aria-label="Orders awaiting approval">
              {pageItems.map((order) => (
                <DeskRow
                  key={order.orderId}
                  order={order}
                  approverId={approverId}
                  people={people}
                  selected={selected.has(order.orderId)}
                  canAsk={canAsk}
                  onSelect={(on) => select([order.orderId], on)}
                  onOpen={() => setOpened(order)}
                  onDecide={(action) => setDeciding({ order, action })}
                />
              ))}
            </Stack>
            <Pager meta={localPageMeta(shown.length, state.offset, DESK_PAGE_SIZE)} what="orders" onOffset={(offset) => go({ offset })} />
          </>
        )}
      </>
    );

  return (
    <Stack spacing={2.5}>
      {/* Only someone with approvals of their own has any to hand over (`/me.isApprover`). */}
      {!actingFor && people?.isApprover && extensions.has('approval-delegates') && <AwayPanel selfId={approverId} />}
      <Stack component="nav" aria-label="Approvals views" direction="row" spacing={1}>
        {(['waiting', 'decided'] as const).map((view) => (
          <Button
            key={view}
            component={RouterLink}
            to={view === 'waiting' ? '/approvals' : '/approvals?view=decided'}
            variant={state.view === view ? 'contained' : 'outlined'}
            aria-current={state.view === view ? 'page' : undefined}
          >
            {view === 'waiting' ? 'Waiting for me' : 'Decided by me'}
          </Button>
        ))}
      </Stack>
      {outcome && (
        <Alert severity={decisionWords(outcome.answer, outcome.action, outcome.order).severity} onClose={() => setOutcome(null)}>
          Order {outcome.orderId}: {decisionWords(outcome.answer, outcome.action, outcome.order).text}{' '}
          <Link component={RouterLink} to={`/approvals/${encodeURIComponent(outcome.orderId)}`} color="inherit">
            Open the order
          </Link>
        </Alert>
      )}
      <UnreadableNote count={state.view === 'waiting' ? queue.data?.unreadable : undefined} what={{ one: 'order', other: 'orders' }} />
      <Box sx={{ minHeight: 4 }}>{queue.isFetching && !queue.isPending && <LinearProgress aria-label="Refreshing approvals" />}</Box>
      {body}
      {opened && (
        <OrderDialog
          queued={opened}
          people={people}
          canAsk={canAsk}
          onClose={() => setOpened(null)}
          onDecide={(action) => {
            setDeciding({ order: opened, action });
            setOpened(null);
          }}
        />
      )}
      {deciding && (
        <DecisionDialog
          orderId={deciding.order.orderId}
          summary={`${orderWho(deciding.order)} — ${orderWhat(deciding.order)} (${orderCost(deciding.order)}).`}
          action={deciding.action}
          behalf={onBehalfOf(deciding.order, approverId)}
          onClose={() => setDeciding(null)}
          onDecided={(result) => {
            setDeciding(null);
            select([result.orderId], false);
            setOutcome({ ...result, order: deciding.order });
          }}
        />
      )}
      {bulk && (
        <BulkDecisionDialog
          action={bulk.action}
          orders={bulk.orders}
          onClose={() => setBulk(null)}
          onDone={(undecided) => setSelected(new Set(undecided))}
        />
      )}
    </Stack>
  );
}
