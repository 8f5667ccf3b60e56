import { queryOptions, useQuery } from '@tanstack/react-query';
import { meResponse } from '../../contract/employees.ts';
import type { ApiClient } from './api-client.ts';
import { useApiClient } from './api-context.tsx';

/**
 * `/me`: who is signed in, whom they act for, and what they may order. Shared by every feature
 * (the wizard's start page, the shell, approvals), hence here rather than in one feature.
 */
export const meQueryOptions = (client: ApiClient) =>
  queryOptions({
    queryKey: ['me'],
    queryFn: ({ signal }) => client.get('/me', { schema: meResponse, signal }),
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(meQueryOptions(useApiClient()));
}
