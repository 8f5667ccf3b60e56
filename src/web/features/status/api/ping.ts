import { queryOptions } from '@tanstack/react-query';
import type { ApiClient } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const pingQueryOptions = (client: ApiClient, echoText = 'hello from the order wizard') =>
  queryOptions({
    queryKey: queryKeys.ping(echoText),
    // The schema loads with the query, beside the request, not with this module: the start page
    // shows the server's status only when something is wrong, and its first paint must not wait
    // for every schema.
    queryFn: ({ signal }) => client.get('/ping', { schema: import('../../../../contract/accept.ts').then((module) => module.acceptPing), query: { echoText }, signal }),
    staleTime: 30_000,
  });
