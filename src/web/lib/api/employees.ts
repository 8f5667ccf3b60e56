import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { acceptEmployeesResponse, type AcceptEmployee } from '../../../contract/accept.ts';
import type { ApiClient } from '../api-client.ts';
import { queryKeys } from '../query-keys.ts';

/** The tenant's directory (`GET /employees?search=`), searched on the server, first 20 matches, for choosing a person. */
export const employeeSearchQueryOptions = (client: ApiClient, search: string) =>
  queryOptions({
    queryKey: queryKeys.employees.search(search),
    queryFn: ({ signal }) => client.get('/employees', { schema: acceptEmployeesResponse, signal, query: { limit: 20, offset: 0, search: search.trim() || undefined } }),
    select: (answer) => answer.employees,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/**
 * Whether a directory entry is someone to hand work to (a line, one's approvals): a person still
 * with the company, not a service account, which never signs in to the app. A server that does not
 * say `status` or `serviceAccount` is taken at its word that everyone listed may be picked.
 */
export const isPickablePerson = (person: Pick<AcceptEmployee, 'status' | 'serviceAccount'>): boolean =>
  person.status !== 'INACTIVE' && person.serviceAccount !== true;
