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
import type { AcceptEmployeeSummary, AcceptOrderItem as OrderItem } from '../../../../contract/accept.ts';
import { ApprovalLevels } from '../../../components/approval-levels.tsx';
import { OrderStatusChip } from '../../../components/order-status-chip.tsx';
import { actAsSearchQueryOptions } from '../../../lib/act-as.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { eligibleOrdersQueryOptions, orderQueryOptions } from '../../../lib/api/orders.ts';
import { formatServiceNumber, formatWaiting, formatWhen, personName } from '../../../lib/format.ts';
import { orderStatusWords } from '../../../lib/order-status.ts';
import { typeWords } from '../../../lib/transaction-type-words.ts';
import { MobprocError } from '../../../lib/api-client.ts';
import { useMe } from '../../../lib/me.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import {
  approvalHistoryQueryOptions,
  otherOpenOrdersQueryOptions,
  personLinesQueryOptions,
  questionRounds,
  type Decision,
} from '../api/approvals.ts';
import { offeredDecision } from './offered-decision.ts';
import { justificationAsked, justificationOf, statedReasonOf, waitingSince } from '../api/desk.ts';
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

/**
 * Whether the actor sees `holder`'s lines and orders at all: themselves, the signed-in person,
 * or someone the signed-in person may act for (their team; everyone for the service desk). The
 * server answers a list outside that with nothing, which must not read as "no lines". Known from
 * `/me`'s `actAs` (extension act-as), or, where the server announced act-as-search and `/me` came
 * without the list, from a search of whom one may act for by the person's e-mail. Undefined where
 * it cannot be told (a server with neither, or a search whose first page does not settle it).
 */
function useInSight(holder: AcceptEmployeeSummary | undefined, me: ReturnType<typeof useMe>['data']): boolean | undefined {
  const extensions = useExtensions();
  const client = useApiClient();
  const known = (() => {
    if (!me || !holder?.id) return undefined;
    if (holder.id === me.actor.id || holder.id === me.authenticatedUser.id) return true;
    if (extensions.has('act-as') && me.actAs) return me.actAs.some((person) => person.id === holder.id);
    return undefined;
  })();
  const searchText = holder?.email || personName(holder);
  const search = useQuery({
    ...actAsSearchQueryOptions(client, searchText),
    enabled: known === undefined && Boolean(me && holder?.id && searchText) && extensions.has('act-as-search') && me?.actAs === undefined,
  });
  if (known !== undefined || !search.data) return known;
  if (search.data.items.some((person) => person.id === holder?.id)) return true;
  return search.data.items.length >= search.data._meta.totalCount ? false : undefined;
}

const refused = (error: Error) => error instanceof MobprocError && (error.status === 403 || error.status === 404);

function PersonLines({ employeeId, name, sight }: { employeeId: string; name: string; sight: boolean | undefined }) {
  const lines = useQuery({ ...personLinesQueryOptions(useApiClient(), employeeId), enabled: sight !== false });
  const hidden = `You can’t see ${name}’s lines.`;
  if (sight === false) return <Typography sx={{ color: 'text.secondary' }}>{hidden}</Typography>;
  if (lines.isPending) return <Skeleton variant="rounded" height={48} aria-label="Loading their lines" />;
  if (lines.isError) {
    return <Typography sx={{ color: 'text.secondary' }}>{refused(lines.error) ? hidden : `Their lines could not be loaded: ${lines.error.message}`}</Typography>;
  }
  if (lines.data.items.length === 0) {
    return <Typography sx={{ color: 'text.secondary' }}>{sight ? 'No lines.' : `No lines that you may see.`}</Typography>;
  }
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

function OtherOpenOrders({ employeeId, orderId, sight }: { employeeId: string; orderId: string; sight: boolean | undefined }) {
  const others = useQuery(otherOpenOrdersQueryOptions(useApiClient(), employeeId, orderId));
  // Outside the actor's sight the server lists only the orders they approve: say so.
  const partial = sight !== true;
  if (others.isPending) return <Skeleton variant="rounded" height={48} aria-label="Loading their other orders" />;
  if (others.isError) {
    return (
      <Typography sx={{ color: 'text.secondary' }}>
        {refused(others.error) ? 'You can’t see their other orders.' : `Their other orders could not be loaded: ${others.error.message}`}
      </Typography>
    );
  }
  if (others.data.length === 0) return <Typography sx={{ color: 'text.secondary' }}>{partial ? 'None that you may see.' : 'None.'}</Typography>;
  return (
    <>
      <Stack component="ul" spacing={0.5} sx={{ m: 0, pl: 2.5 }}>
        {others.data.map((other) => (
          <Typography component="li" variant="body2" key={other.orderId}>
            Order {other.orderId} · {orderWhat(other)} · {orderStatusWords(other.status ?? '')}
          </Typography>
        ))}
      </Stack>
      {partial && (
        <Typography variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
          Only the orders you may see are listed.
        </Typography>
      )}
    </>
  );
}

/** Every question an approver asked about the order and the answer it got (extension `request-info`). */
function QuestionsAndAnswers({ order }: { order: OrderItem }) {
  const history = useQuery(approvalHistoryQueryOptions(useApiClient(), order.orderId, order.updated ?? ''));
  if (history.isPending) return <Skeleton variant="rounded" height={48} aria-label="Loading questions and answers" />;
  if (history.isError) return <Typography sx={{ color: 'text.secondary' }}>The questions and answers could not be loaded: {history.error.message}</Typography>;
  const rounds = questionRounds(history.data);
  if (rounds.length === 0) return <Typography sx={{ color: 'text.secondary' }}>No approver has asked a question.</Typography>;
  const line = (entry: (typeof rounds)[number]['question']) => (
    <>
      <Typography variant="body2" sx={{ overflowWrap: 'anywhere' }}>
        {entry.description}
      </Typography>
      {entry.dateTime && (
        <Typography variant="caption" sx={{ color: 'text.secondary' }}>
          {formatWhen(entry.dateTime, 'moment')}
        </Typography>
      )}
    </>
  );
  return (
    <Stack component="ol" spacing={1.5} aria-label="Questions and answers" sx={{ m: 0, p: 0, listStyle: 'none' }}>
      {rounds.map(({ question, answer }, index) => (
        <Box component="li" key={`${question.dateTime ?? index}`} sx={{ pl: 1.5, borderLeft: 3, borderColor: 'divider' }}>
          {line(question)}
          <Box sx={{ mt: 0.75 }}>{answer ? line(answer) : <Typography variant="body2">Not answered yet.</Typography>}</Box>
        </Box>
      ))}
    </Stack>
  );
}

/**
 * What an approver weighs besides the order itself: the requester's justification (where the order
 * asks for one; else the reason it states, such as a deactivation's), every approval level with its
 * state, the person's lines and their other open orders.
 */
export function OrderFacts({ order }: { order: OrderItem }) {
  const justification = justificationOf(order);
  const reason = justificationAsked(order) ? undefined : statedReasonOf(order);
  const holder = order.accountHolder;
  const me = useMe();
  const sight = useInSight(holder, me.data);
  const extensions = useExtensions();
  const asked = extensions.has('request-info') && (order.approvers ?? []).length > 0;
  return (
    <>
      {justificationAsked(order) && (
        <Section title="Justification">
          <Typography sx={justification ? { overflowWrap: 'anywhere' } : { color: 'text.secondary' }}>{justification ?? 'The requester gave none.'}</Typography>
        </Section>
      )}
      {reason && (
        <Section title={reason.label}>
          <Typography sx={{ overflowWrap: 'anywhere' }}>{reason.value}</Typography>
        </Section>
      )}
      <Section title="Approval levels">
        {(order.approvers ?? []).length ? <ApprovalLevels order={order} /> : <Typography sx={{ color: 'text.secondary' }}>The server named no levels.</Typography>}
      </Section>
      {asked && (
        <Section title="Questions and answers">
          <QuestionsAndAnswers order={order} />
        </Section>
      )}
      {holder?.id && (
        <>
          <Section title={`${personName(holder)}’s lines`}>
            <PersonLines employeeId={holder.id} name={personName(holder)} sight={sight} />
          </Section>
          <Section title={`${personName(holder)}’s other open orders`}>
            <OtherOpenOrders employeeId={holder.id} orderId={order.orderId} sight={sight} />
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
  people,
  canAsk,
  onClose,
  onDecide,
}: {
  queued: OrderItem;
  /** Who is signed in and whom they act for (`/me`). */
  people: { authenticatedUser: { id: string }; actor: { id: string } } | undefined;
  canAsk: boolean;
  onClose: () => void;
  onDecide: (action: Decision['action']) => void;
}) {
  const theme = useTheme();
  const phone = useMediaQuery(theme.breakpoints.down('sm'));
  const detail = useQuery(orderQueryOptions(useApiClient(), queued.orderId));
  const order: OrderItem = detail.data ?? queued;
  const waiting = formatWaiting(waitingSince(order));
  const client = useApiClient();
  // The queue row was eligible when listed; whether it still is (a level decided meanwhile) the server's queue says.
  const eligible = useQuery({
    ...eligibleOrdersQueryOptions(client, people?.actor.id ?? '', order.accountHolder?.id ?? ''),
    enabled: Boolean(people && order.accountHolder?.id) && order.status === 'AWAITING_APPROVAL',
  });
  const decision = offeredDecision(order, people, eligible);

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
          {decision.kind === 'no' && <Alert severity="info">{decision.why}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1, '& > .MuiButton-root': { m: 0, flex: { xs: '1 1 40%', sm: '0 0 auto' } } }}>
        <Button onClick={onClose}>Close</Button>
        {decision.kind === 'yes' && (
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
