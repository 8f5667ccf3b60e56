import { queryOptions } from '@tanstack/react-query';
import { pingResponse } from '../../../../contract/index.ts';
import type { ApiClient } from '../../../lib/api-client.ts';

export const pingQueryOptions = (client: ApiClient, echoText = 'hello from the order wizard') =>
  queryOptions({
    queryKey: ['ping', echoText],
    queryFn: ({ signal }) => client.get('/ping', { schema: pingResponse, query: { echoText }, signal }),
    staleTime: 30_000,
  });
