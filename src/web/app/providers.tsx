import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { WebAppConfig } from '../../contract/common.ts';
import { createActorStore } from '../lib/actor.ts';
import { ActorProvider } from '../lib/actor-context.tsx';
import { createApiClient, worthRetrying } from '../lib/api-client.ts';
import { ApiClientProvider } from '../lib/api-context.tsx';
import { WebAppConfigProvider } from '../lib/config-context.tsx';
import { createLiveEvents, liveChannelName } from '../lib/live-events.ts';
import { LiveEventsProvider } from '../lib/live-context.tsx';
import { withStoredConnection } from '../lib/connection.ts';
import { createSessionStore, type SessionStore } from '../lib/session.ts';
import { SessionProvider, sessionScope, useSession } from '../lib/session-context.tsx';
import { theme } from './theme.ts';

// The event stream matters only to someone signed in: loaded then, not with the sign-in page.
const LiveUpdates = lazy(() => import('../lib/live-updates.tsx'));

function LiveUpdatesWhileSignedIn() {
  return useSession() ? (
    <Suspense fallback={null}>
      <LiveUpdates />
    </Suspense>
  ) : null;
}

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: worthRetrying,
        refetchOnWindowFocus: false,
        staleTime: 60_000,
      },
    },
  });
}

export function AppProviders({
  config,
  children,
  sessionStore,
}: {
  config: WebAppConfig;
  children: ReactNode;
  /** Tests pass their own; the app makes one bound to the configured connection. */
  sessionStore?: SessionStore;
}) {
  const [queryClient] = useState(createQueryClient);
  // The connection this browser chose in the connection settings, if any, over /config.json's.
  const [effectiveConfig] = useState(() => withStoredConnection(config));
  const [session] = useState(() => sessionStore ?? createSessionStore(() => effectiveConfig));
  const [actors] = useState(() =>
    createActorStore(
      () => {
        const current = session.get();
        return current ? sessionScope(current) : null;
      },
      (onChange) => session.subscribe(onChange),
    ),
  );
  const [apiClient] = useState(() =>
    createApiClient({
      // The company the person signed in with, not the connection's default (GLOBEX people sign in to ACME's default).
      getConnection: () => ({ ...effectiveConfig, tenant: session.get()?.tenant ?? effectiveConfig.tenant }),
      getAccessToken: () => session.getAccessToken(),
      getActorId: () => actors.get()?.id ?? null,
      recoverFromUnauthorized: (rejected) => session.recoverFromUnauthorized(rejected),
      onUnauthorized: () => session.forget(),
    }),
  );

  const [liveEvents] = useState(() =>
    createLiveEvents({
      open: (signal) => apiClient.stream('/events', signal),
      locks: typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null,
      name: () => {
        const current = session.get();
        return liveChannelName({ baseUrl: effectiveConfig.baseUrl, tenant: current?.tenant ?? '', username: current?.username ?? '' });
      },
    }),
  );

  // Cached answers belong to the person who asked; a different person starts from nothing.
  useEffect(() => {
    let username = session.get()?.username ?? null;
    return session.subscribe((next) => {
      const nextUsername = next?.username ?? null;
      if (nextUsername !== username) queryClient.clear();
      username = nextUsername;
    });
  }, [session, queryClient]);

  // Every answer depends on the actor: after a switch, ask again rather than show the other person's.
  useEffect(() => {
    let actorId = actors.get()?.id ?? null;
    return actors.subscribe((next) => {
      const nextId = next?.id ?? null;
      if (nextId !== actorId) void queryClient.resetQueries();
      actorId = nextId;
    });
  }, [actors, queryClient]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <WebAppConfigProvider value={effectiveConfig}>
      <SessionProvider value={session}>
      <ActorProvider value={actors}>
        <QueryClientProvider client={queryClient}>
          <ApiClientProvider value={apiClient}>
            <LiveEventsProvider value={liveEvents}>
              <LiveUpdatesWhileSignedIn />
              {children}
            </LiveEventsProvider>
          </ApiClientProvider>
        </QueryClientProvider>
      </ActorProvider>
      </SessionProvider>
      </WebAppConfigProvider>
    </ThemeProvider>
  );
}
