import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiClientProvider } from './api-context.tsx';
import { createApiClient } from './api-client.ts';

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
