import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { acceptServiceDetail } from '../../../../contract/accept.ts';
import type { MoveServiceRequest } from '../../../../contract/assets.ts';
import type { ApiClient } from '../../../lib/api-client.ts';
import { servicesQueryOptions } from '../../../lib/api/assets.ts';
import { queryKeys } from '../../../lib/query-keys.ts';
import { serviceNumberSearch } from '../../../lib/format.ts';

export const LINES_PAGE_SIZE = 10;

export type LinesFilter = { employeeId: string | null; search: string; offset: number };

/** A page of the lines page's services; the number search runs on the server. */
export const linesQueryOptions = (client: ApiClient, filter: LinesFilter) =>
  queryOptions({
    ...servicesQueryOptions(client, { limit: LINES_PAGE_SIZE, offset: filter.offset, employee: filter.employeeId, search: serviceNumberSearch(filter.search) || undefined }),
    select: (answer) => answer.services,
  });

export async function moveLine(client: ApiClient, serviceId: string, request: MoveServiceRequest) {
  return client.post(`/assets/services/${encodeURIComponent(serviceId)}/move`, { schema: acceptServiceDetail, body: request });
}

export async function afterMove(queryClient: QueryClient) {
  await queryClient.invalidateQueries({ queryKey: queryKeys.assets.all() });
}
