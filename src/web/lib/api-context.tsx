import type { ApiClient } from './api-client.ts';
import { requiredContext } from './required-context.tsx';

/** The MOBPROC client of the connection in use, signed in as the current session. */
export const [ApiClientProvider, useApiClient] = requiredContext<ApiClient>('ApiClientProvider');
