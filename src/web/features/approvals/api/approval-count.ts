import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiClient } from '../../../lib/api-client.ts';
import { useApiClient } from '../../../lib/api-context.tsx';
import { usePollInterval } from '../../../lib/live-context.tsx';
import { queryKeys } from '../../../lib/query-keys.ts';

/** How often queue and badge are asked again when no event stream tells them of changes. */
export const APPROVALS_POLL_MS = 60_000;

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
    refetchInterval: APPROVALS_POLL_MS,
    refetchIntervalInBackground: false,
    // No event tells a delegate's browser of a delegation made or ended: coming back to the tab asks again.
    refetchOnWindowFocus: true,
  });

/**
 * The badge count for the navigation; undefined while unknown or when there is no approver. Asked
 * again on every event of the server's stream, and polled only while there is none.
 */
export function useApprovalCount(approverId: string | null): number | undefined {
  const client = useApiClient();
  const refetchInterval = usePollInterval(APPROVALS_POLL_MS);
  const count = useQuery({ ...approvalCountQueryOptions(client, approverId ?? ''), refetchInterval, enabled: Boolean(approverId) });
  return approverId ? count.data : undefined;
}
