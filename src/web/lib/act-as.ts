import { queryOptions } from '@tanstack/react-query';
import { acceptEmployeesResponse } from '../../contract/accept.ts';
import type { ApiClient } from './api-client.ts';
import { queryKeys } from './query-keys.ts';

/** How many people one answer of the act-for search shows: enough to pick from, few enough for a phone. */
export const ACT_AS_PAGE = 20;

/**
 * `GET /me/act-as?search=` (extension act-as-search), shared by the act-for picker and the approvals
 * desk (whether a person is within the approver's sight): the first page of the people the signed-in
 * person may act for whose name or e-mail contains `search` (one or two characters: starts with),
 * and how many match in all. An empty search answers the first of everyone, and their number.
 */
export const actAsSearchQueryOptions = (client: ApiClient, search: string) =>
  queryOptions({
    queryKey: queryKeys.actAs.search(search),
    queryFn: ({ signal }) =>
      client.get('/me/act-as', { schema: acceptEmployeesResponse, signal, query: { limit: ACT_AS_PAGE, offset: 0, search: search || undefined } }),
    select: (answer) => answer.employees,
    staleTime: 60_000,
  });
