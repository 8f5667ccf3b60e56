import { queryOptions } from '@tanstack/react-query';
import { acceptPing } from '../../../../contract/accept.ts';
import type { ApiClient } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export const pingQueryOptions = (client: ApiClient, echoText = 'hello from the order wizard') =>
  queryOptions({
    queryKey: queryKeys.ping(echoText),
    queryFn: ({ signal }) => client.get('/ping', { schema: acceptPing, query: { echoText }, signal }),
    staleTime: 30_000,
  });
