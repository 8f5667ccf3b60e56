import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { lazy, memo, Suspense, useDeferredValue, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import type { AcceptMe } from '../../../../contract/accept.ts';
import { transactionTypes } from '../../../../contract/transaction-types.ts';
import { PageHeading } from '../../../components/page-heading.tsx';
import { servicesQueryOptions } from '../../../lib/api/assets.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { mayActForOthers, useMe } from '../../../lib/me.ts';
import { useExtensions } from '../../../lib/use-extensions.ts';
import { personName } from '../../../lib/format.ts';
import { sessionScope, useSession } from '../../../lib/session-context.tsx';
import { discardDraft, discardedDraft, draftScope, loadDraft, restoreDiscardedDraft } from '../model/draft.ts';
import { firstOpenStep, transactionTypeInfo } from '../model/steps.ts';

// Only someone with an unfinished order can discard it: the dialog's code loads then.
const DiscardDialog = lazy(() => import('./discard-dialog.tsx').then((module) => ({ default: module.DiscardDialog })));

/** The twelve transaction types as cards, grouped; the ones `/me` does not allow say why. */
export function StartPage() {
  const me = useMe();
  const session = useSession();
  // Twelve cards are the page's heaviest render. Drawn from a deferred copy of /me's answer, they
  // render as a transition, in slices, after the answer arrives, instead of in one long task that
  // would keep a phone from answering a tap (what Lighthouse counts as total blocking time).
  // Everything else drawn from the answer waits for the same copy, so it appears in the same
  // paint as the cards and does not push the placeholders down first.
  const shown = useDeferredValue(me.data);
  const scope = shown ? draftScope(session ? sessionScope(session) : 'anonymous', shown.actor.id) : null;
  // Bumped after a discard or an undo, so the stored state is read again.
  const [, setChanges] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const stored = scope ? loadDraft(scope) : null;
  const draft = stored && !stored.submitted ? stored : null;
  const undoable = scope && !stored ? discardedDraft(scope) : null;
  // Someone who orders for others (the service desk) may have no line of their own: the orders
  // that change a line then need a person chosen first, and say so instead of leading nowhere.
  const extensions = useExtensions();
  const actsForOthers = mayActForOthers(me.data, extensions) && me.data?.actor.id === me.data?.authenticatedUser.id;
  const ownLines = useQuery({ ...servicesQueryOptions(useApiClient(), { employee: me.data?.actor.id ?? '', offset: 0, limit: 1 }), enabled: actsForOthers });
  const noOwnLines = actsForOthers && ownLines.isSuccess && ownLines.data.services.items.length === 0;

  return (
    <Stack spacing={3}>
      <div>
        <PageHeading title="New order">What would you like to do?</PageHeading>
        {shown && (
          <Typography sx={{ color: 'text.secondary' }}>
            Ordering for {personName(shown.actor)}
            {shown.actor.id !== shown.authenticatedUser.id ? ` (signed in as ${personName(shown.authenticatedUser)})` : ''}.
          </Typography>
        )}
      </div>
      {draft && (
        <Alert
          severity="info"
          action={
            <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1}>
              <Button color="inherit" size="small" component={RouterLink} to={`/order/${draft.transactionType}/${firstOpenStep(draft)}`}>
                Resume
              </Button>
              <Button
                color="inherit"
                size="small"
                onClick={() => setConfirming(true)}
              >
                Discard
              </Button>
            </Stack>
          }
        >
          You have an unfinished “{transactionTypeInfo[draft.transactionType].title}” order.
          <Suspense fallback={null}>
            <DiscardDialog
              draft={draft}
              open={confirming}
              onKeep={() => setConfirming(false)}
              onDiscard={() => {
                if (scope) discardDraft(scope);
                setConfirming(false);
                setChanges((count) => count + 1);
              }}
            />
          </Suspense>
        </Alert>
      )}
      {undoable && (
        <Alert
          severity="info"
          action={
            <Button
              color="inherit"
              size="small"
              onClick={() => {
                if (scope) restoreDiscardedDraft(scope);
                setChanges((count) => count + 1);
              }}
            >
              Undo
            </Button>
          }
        >
          Your “{transactionTypeInfo[undoable.transactionType].title}” order was discarded.
        </Alert>
      )}
      {noOwnLines && (
        <Alert severity="info">
          You have no lines of your own. To change someone’s line, choose “Act for…” at the top and pick them first; their lines are then offered here.
        </Alert>
      )}
      {!shown && !me.isError && (
        <Grid container spacing={2} role="status" aria-label="Loading">
          {[0, 1, 2, 3].map((index) => (
            <Grid key={index} size={{ xs: 12, sm: 6, md: 3 }}>
              <Skeleton variant="rounded" height={110} />
            </Grid>
          ))}
        </Grid>
      )}
      {me.isError && (
        <Alert severity="error" action={<Button color="inherit" onClick={() => void me.refetch()}>Retry</Button>}>
          Could not load what you may order: {me.error.message}
        </Alert>
      )}
      {shown && <TransactionTypeCards me={shown} noOwnLines={noOwnLines} />}
    </Stack>
  );
}

/** The transaction types of both categories as cards; those `/me` does not allow say why. */
const TransactionTypeCards = memo(function TransactionTypeCards({ me, noOwnLines }: { me: AcceptMe; noOwnLines: boolean }) {
  return (
    <>
      {(['Procurement', 'Care'] as const).map((category) => (
        <section key={category} aria-labelledby={`category-${category}`}>
          <Typography id={`category-${category}`} variant="h2" sx={{ mb: 1.5 }}>
            {category === 'Procurement' ? 'Get something new' : 'Change a line'}
          </Typography>
          <Grid container spacing={2} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {transactionTypes
              .filter((type) => transactionTypeInfo[type].category === category)
              .map((type) => {
                const info = transactionTypeInfo[type];
                const needsSomeone = noOwnLines && info.onService;
                const allowed = me.transactionTypes.includes(type) && !needsSomeone;
                const reason = needsSomeone
                  ? 'it changes a line, and you have none. Choose “Act for…” at the top first.'
                  : me.transactionTypeRestrictions?.find((restriction) => restriction.transactionType === type)?.reason;
                const content = (
                  <CardContent>
                    <Typography component="h3" sx={{ fontWeight: 600, fontSize: '1.05rem' }}>
                      {info.title}
                    </Typography>
                    <Typography variant="body2" sx={{ color: 'text.secondary', mt: 0.5 }}>
                      {info.explanation}
                    </Typography>
                    {!allowed && (
                      <Typography variant="body2" sx={{ mt: 1, color: 'text.primary', fontStyle: 'italic' }}>
                        Not available: {reason ?? 'your company does not allow it.'}
                      </Typography>
                    )}
                  </CardContent>
                );
                return (
                  <Grid key={type} size={{ xs: 12, sm: 6, md: 4, lg: 3 }} component="li">
                    <Card variant="outlined" sx={{ height: '100%', bgcolor: allowed ? 'background.paper' : 'grey.100' }}>
                      {allowed ? (
                        <CardActionArea component={RouterLink} to={`/order/${type}`} sx={{ height: '100%', alignItems: 'flex-start' }}>
                          {content}
                        </CardActionArea>
                      ) : (
                        <div aria-disabled="true">{content}</div>
                      )}
                    </Card>
                  </Grid>
                );
              })}
          </Grid>
        </section>
      ))}
    </>
  );
});
