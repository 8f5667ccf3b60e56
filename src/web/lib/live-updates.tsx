import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useActorStore } from './actor-context.tsx';
import type { LiveEvent } from './live-events.ts';
import { useLiveEvents } from './live-context.tsx';
import { queryKeys } from './query-keys.ts';
import { sessionScope, useSessionStore } from './session-context.tsx';
import { useExtensions } from './use-extensions.ts';

const scopeOf = (session: { tenant: string; username: string } | null) => (session ? sessionScope(session) : null);

/** Events closer together than this are answered with one round of refetches (a bulk decision sends many). */
const BATCH_MS = 100;

/**
 * What events change on screen: the order they name (only its own key; its history and
 * shipments are asked again when its `updated` moves), every order list, and the approvals
 * badges and queues (an order entering or leaving a queue). Invalidation refetches what is on
 * screen and marks the rest stale for when it is shown.
 */
async function invalidateFor(queryClient: QueryClient, events: LiveEvent[]) {
  const orderIds = new Set(events.map((event) => event.orderId));
  const jobs = [
    queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all() }),
    queryClient.invalidateQueries({ queryKey: queryKeys.orders.lists() }),
  ];
  for (const orderId of orderIds) {
    // An event without an order id could be about any order: every open order page asks again.
    if (orderId === null) jobs.push(queryClient.invalidateQueries({ queryKey: ['orders', 'detail'], predicate: (query) => query.queryKey.length === 3 }));
    else jobs.push(queryClient.invalidateQueries({ queryKey: queryKeys.orders.detail(orderId), exact: true }));
  }
  await Promise.all(jobs);
}

/** After the stream was lost and found again, anything may have changed meanwhile. */
async function catchUp(queryClient: QueryClient) {
  await invalidateFor(queryClient, [{ type: 'resumed', orderId: null, status: null }]);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Shows the status an event announces on the cached order at once, rather than after the refetch
 * it also causes (which brings the rest: history, approvers, `updated`). The cache holds the
 * answer of `GET /orders/{id}`, `{ order }`.
 */
function showStatus(queryClient: QueryClient, { orderId, status }: LiveEvent) {
  if (!orderId || !status) return;
  queryClient.setQueryData<unknown>(queryKeys.orders.detail(orderId), (answer: unknown) => {
    if (!isRecord(answer) || !isRecord(answer.order) || answer.order.status === status) return answer;
    return { ...answer, order: { ...answer.order, status } };
  });
}

/**
 * Keeps this tab on the server's event stream while it is mounted (someone is signed in) and the
 * server announces `events`, and refetches what events change. Without `events`, it does
 * nothing: screens poll. Loaded apart from the first page: the sign-in page needs none of it.
 */
export default function LiveUpdates() {
  const events = useLiveEvents();
  const session = useSessionStore();
  const actors = useActorStore();
  const queryClient = useQueryClient();
  const extensions = useExtensions();
  const announced = extensions.has('events');

  useEffect(() => {
    if (!announced) return;
    events.start();
    let batch: LiveEvent[] = [];
    let flush: ReturnType<typeof setTimeout> | undefined;
    const offEvent = events.onEvent((event) => {
      showStatus(queryClient, event);
      batch.push(event);
      flush ??= setTimeout(() => {
        const due = batch;
        batch = [];
        flush = undefined;
        void invalidateFor(queryClient, due);
      }, BATCH_MS);
    });
    let wasLive = events.get();
    let lostAfterLive = false;
    const offState = events.subscribe((live) => {
      if (!live && wasLive) lostAfterLive = true;
      if (live && lostAfterLive) {
        lostAfterLive = false;
        void catchUp(queryClient);
      }
      wasLive = live;
    });
    // The stream carries the token and the actor of the moment it opened: open it again with new ones.
    let token = session.get()?.accessToken;
    let who = scopeOf(session.get());
    const offSession = session.subscribe((next) => {
      // Signed out (here or in another tab): the stream ends now, not when this component goes.
      if (!next) events.stop();
      else {
        // Another person: leave the last one's channel and lock, join this one's.
        if (scopeOf(next) !== who) events.stop();
        events.start();
        if (next.accessToken !== token) events.restart();
      }
      token = next?.accessToken;
      who = scopeOf(next);
    });
    let actorId = actors.get()?.id ?? null;
    const offActor = actors.subscribe((next) => {
      if ((next?.id ?? null) !== actorId) events.restart();
      actorId = next?.id ?? null;
    });
    return () => {
      clearTimeout(flush);
      offEvent();
      offState();
      offSession();
      offActor();
      events.stop();
    };
  }, [announced, events, session, actors, queryClient]);
  return null;
}

