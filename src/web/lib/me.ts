import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from './api-client.ts';
import { useApiClient } from './api-context.tsx';
import { queryKeys } from './query-keys.ts';

/**
 * `/me`: who is signed in, whom they act for, and what they may order. Shared by every feature
 * (the wizard's start page, the shell, approvals), hence here rather than in one feature. The
 * schema is imported when the query runs, while the request is on its way: the shell uses this on every page, and the sign-in
 * page must not download zod and the employee schemas.
 */
export const meQueryOptions = (client: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.me(),
    queryFn: ({ signal }) => client.get('/me', { schema: import('../../contract/accept.ts').then((module) => module.acceptMe), signal }),
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(meQueryOptions(useApiClient()));
}
