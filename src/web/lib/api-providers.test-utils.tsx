import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { ApiClientProvider } from './api-context.tsx';
import { createApiClient } from './api-client.ts';
import { WebAppConfigProvider } from './config-context.tsx';
import { LiveEventsProvider } from './live-context.tsx';
import { createLiveEvents } from './live-events.ts';
import { queryKeys } from './query-keys.ts';

/** The providers a dialog with a mutation needs. Its client points at a closed port: nothing may be sent. */
export function ApiProviders({ children }: { children: ReactNode }) {
  const client = createApiClient({ getConnection: () => ({ baseUrl: 'http://127.0.0.1:9', tokenUrl: '/oauth/token', tenant: 'ACME', clientId: 'mobproc-web' }) });
  return (
    <QueryClientProvider client={new QueryClient()}>
      <ApiClientProvider value={client}>{children}</ApiClientProvider>
    </QueryClientProvider>
  );
}

/** The text an input's `aria-describedby` points at (its helper text). */
export const description = (input: HTMLElement) => document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;

/** What a person pastes: a reason longer than the server takes, ending in words that must not vanish. */
export const longPastedReason = `${'The phone was stolen on the train and the police report is attached. '.repeat(15)}Last words.`;

/** What a fake server answers one request with. */
export type FakeAnswer = { status: number; body?: unknown };
/** A fake MOBPROC server: one answer per request (method, path with query, parsed JSON body). */
export type FakeServer = (request: { method: string; url: URL; body: unknown }) => FakeAnswer;

const FAKE_BASE = 'http://mobproc.test';

/**
 * Providers for a page or dialog that talks to a MOBPROC server, here a function answering each
 * request; `extensions` is what its `/ping` announced, `path` where the router starts. `onLocation`
 * hears every location the page navigates to (its search params included).
 */
let fakeBrowsers = 0;

export function fakeServerProviders({
  server,
  extensions = [],
  path = '/',
  onLocation,
  windowFocusRefetches = true,
}: {
  server: FakeServer;
  extensions?: string[];
  path?: string;
  onLocation?: (location: { pathname: string; search: string }) => void;
  /** False as in the app (providers.tsx): a query then asks again on focus only where it says so. */
  windowFocusRefetches?: boolean;
}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: windowFocusRefetches } } });
  queryClient.setQueryData(queryKeys.extensions(FAKE_BASE), new Set(extensions));
  const client = createApiClient({
    getConnection: () => ({ baseUrl: FAKE_BASE, tokenUrl: '/oauth/token', tenant: 'ACME', clientId: 'mobproc-web' }),
    fetch: async (input, init) => {
      const answer = server({ method: init?.method ?? 'GET', url: new URL(String(input)), body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
    },
  });
  // Never opened here: screens see "no event stream" and poll, as against a server without `events`.
  const liveEvents = createLiveEvents({ open: (signal) => client.stream('/events', signal), locks: null, name: `fake-server-${fakeBrowsers++}` });
  const config = { baseUrl: FAKE_BASE, tokenUrl: '/oauth/token', clientId: 'mobproc-web', tenant: 'ACME', embeddedServer: true, demoLogins: [] };
  function Probe() {
    const location = useLocation();
    onLocation?.(location);
    return null;
  }
  return function FakeServerProviders({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={queryClient}>
        <WebAppConfigProvider value={config}>
          <ApiClientProvider value={client}>
            <LiveEventsProvider value={liveEvents}>
              <MemoryRouter initialEntries={[path]}>
                <Probe />
                {children}
              </MemoryRouter>
            </LiveEventsProvider>
          </ApiClientProvider>
        </WebAppConfigProvider>
      </QueryClientProvider>
    );
  };
}

/** A MOBPROC error answer naming `field`. */
export const errorAnswer = (status: number, message: string, field?: string): FakeAnswer => ({
  status,
  body: { status: 'ERROR', errors: [{ status, id: 'x1', errorCode: `${status}-TEST`, message, ...(field ? { field } : {}) }] },
});

/** An `/employees` list item as a server sends it (Tester by surname); `extra` overrides or adds members (`status`, `serviceAccount`). */
export const employeeItem = (id: string, firstName: string, extra: Record<string, unknown> = {}) => ({
  id,
  companyEmployeeId: `E${id}`,
  firstName,
  lastName: 'Tester',
  email: `${firstName.toLowerCase()}@example.com`,
  status: 'ACTIVE',
  updated: '2026-11-01T00:00:00Z',
  _meta: { href: `/employees/${id}` },
  ...extra,
});
