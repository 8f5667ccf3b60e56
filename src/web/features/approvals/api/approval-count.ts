import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../../lib/api-client.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { queryKeys } from '../../../lib/query-keys.ts';

// The badge sits in the app shell, which every page loads (the sign-in page too): read only the
// page's `_meta`, with zod loaded when the query first runs rather than with the shell.
async function countAnswerSchema() {
  return (await import('./approval-count-answer.ts')).countAnswer;
}

/** Just the number waiting for this approver; one item per page is enough to read `totalCount`. */
export const approvalCountQueryOptions = (client: ApiClient, approverId: string) =>
  queryOptions({
    queryKey: queryKeys.approvals.count(approverId),
    queryFn: async ({ signal }) =>
      client.get('/orders', {
        schema: await countAnswerSchema(),
        signal,
        query: { eligibleToApproveEmployeeId: approverId, status: 'AWAITING_APPROVAL', limit: 1, offset: 0 },
      }),
    select: (answer) => answer.orders._meta.totalCount,
    staleTime: 0,
    refetchInterval: 60_000,
    refetchIntervalInBackground: false,
  });

/** The badge count for the navigation; undefined while unknown or when there is no approver. */
export function useApprovalCount(approverId: string | null): number | undefined {
  const client = useApiClient();
  const count = useQuery({ ...approvalCountQueryOptions(client, approverId ?? ''), enabled: Boolean(approverId) });
  return approverId ? count.data : undefined;
}
