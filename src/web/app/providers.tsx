import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { WebAppConfig } from '../../contract/index.ts';
import { createApiClient, MobprocError } from '../lib/api-client.ts';
import { ApiClientProvider } from '../lib/api-context.tsx';
import { theme } from './theme.ts';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not get better by asking again; network trouble and 5xx might.
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof MobprocError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: false,
      },
    },
  });
}

export function AppProviders({ config, children }: { config: WebAppConfig; children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [apiClient] = useState(() => createApiClient({ getConnection: () => config }));
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <QueryClientProvider client={queryClient}>
        <ApiClientProvider client={apiClient}>{children}</ApiClientProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
