import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createActorStore } from './actor.ts';
import { ActorProvider } from './actor-context.tsx';
import { WebAppConfigProvider } from './config-context.tsx';
import { forgetAnnouncedExtensions } from './extensions.ts';
import { LiveEventsProvider } from './live-context.tsx';
import { createLiveEvents } from './live-events.ts';
import LiveUpdates from './live-updates.tsx';
import { queryKeys } from './query-keys.ts';
import { createSessionStore } from './session.ts';
import { SessionProvider } from './session-context.tsx';
import { connection, fakeTokenServer } from './session-fakes.test-utils.ts';

let browser = 0;

/** The bridge signed in as Peter, on a server announcing `extensions`, with one open order and the approvals badge cached. */
async function mount(extensions: string[]) {
  const server = fakeTokenServer(extensions);
  vi.stubGlobal('fetch', server.fetch);
  const session = createSessionStore(() => connection);
  await session.signIn({ tenant: 'ACME', username: 'peter.edwards', password: 'demo' });
  const encoder = new TextEncoder();
  let stream: ReadableStreamDefaultController<Uint8Array> | null = null;
  const open = vi.fn(async () => {
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        stream = controller;
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  });
  const events = createLiveEvents({ open, locks: null, name: `bridge-test-${browser++}` });
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  queryClient.setQueryData(queryKeys.orders.detail('42'), { order: { orderId: '42', status: 'AWAITING_APPROVAL' } });
  queryClient.setQueryData(queryKeys.approvals.count('1002'), { orders: { _meta: { totalCount: 0 } } });
  queryClient.setQueryData(queryKeys.orders.detail('43'), { order: { orderId: '43', status: 'AWAITING_APPROVAL' } });
  render(
    <WebAppConfigProvider value={{ ...connection, embeddedServer: false, demoLogins: [] }}>
      <SessionProvider value={session}>
        <ActorProvider value={createActorStore(() => 'ACME/peter.edwards')}>
          <QueryClientProvider client={queryClient}>
            <LiveEventsProvider value={events}>
              <LiveUpdates />
            </LiveEventsProvider>
          </QueryClientProvider>
        </ActorProvider>
      </SessionProvider>
    </WebAppConfigProvider>,
  );
  return {
    open,
    events,
    queryClient,
    session,
    send: (text: string) => stream!.enqueue(encoder.encode(text)),
    invalidated: (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated ?? false,
    status: (orderId: string) => (queryClient.getQueryData(queryKeys.orders.detail(orderId)) as { order: { status: string } }).order.status,
  };
}

describe('live updates from the event stream', () => {
  beforeEach(() => {
    localStorage.clear();
    forgetAnnouncedExtensions();
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it('an order.updated event shows its status at once and marks the order, the lists and the approvals for asking again', async () => {
    const page = await mount(['events']);
    await vi.waitFor(() => expect(page.events.get()).toBe(true));
    expect(page.open).toHaveBeenCalledTimes(1);

    page.send('event: order.updated\ndata: {"orderId":"42","status":"ORDER_SUBMITTED"}\n\n');

    await vi.waitFor(() => expect(page.status('42')).toBe('ORDER_SUBMITTED'));
    await vi.waitFor(() => expect(page.invalidated(queryKeys.orders.detail('42'))).toBe(true), { timeout: 1_000 });
    expect(page.invalidated(queryKeys.approvals.count('1002'))).toBe(true);
    // Another order is left alone.
    expect(page.invalidated(queryKeys.orders.detail('43'))).toBe(false);
    expect(page.status('43')).toBe('AWAITING_APPROVAL');
  });

  it('signing out closes the stream', async () => {
    const page = await mount(['events']);
    await vi.waitFor(() => expect(page.events.get()).toBe(true));
    await page.session.signOut();
    await vi.waitFor(() => expect(page.events.get()).toBe(false));
    expect(page.open).toHaveBeenCalledTimes(1);
  });

  it('a server that does not announce events gets no stream, and nothing is invalidated', async () => {
    const page = await mount(['revoke']);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(page.open).not.toHaveBeenCalled();
    expect(page.events.get()).toBe(false);
    expect(page.invalidated(queryKeys.approvals.count('1002'))).toBe(false);
  });
});
