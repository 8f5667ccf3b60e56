import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { acceptApprovalDelegateResponse, type AcceptApprovalDelegate } from '../../../../contract/accept.ts';
import { MobprocError, type ApiClient } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

export type ApprovalDelegate = AcceptApprovalDelegate;

/**
 * `GET /me/approval-delegate` (extension `approval-delegates`): who decides the signed-in person's
 * approvals while they are away, and from when until when (calendar dates, inclusive); null when
 * nobody does (the server answers 404 or an empty delegate).
 */
export const approvalDelegateQueryOptions = (client: ApiClient, personId: string) =>
  queryOptions({
    queryKey: queryKeys.approvals.delegate(personId),
    queryFn: async ({ signal }): Promise<ApprovalDelegate | null> => {
      try {
        const answer = await client.get('/me/approval-delegate', { schema: acceptApprovalDelegateResponse, signal });
        return answer.approvalDelegate ?? null;
      } catch (error) {
        if (error instanceof MobprocError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: 30_000,
  });

export type DelegateRequest = { delegateEmployeeId: string; from: string; until: string };

/** Names the delegate for a window (replacing any other); answers the window as the server stored it. */
export async function setApprovalDelegate(client: ApiClient, request: DelegateRequest): Promise<ApprovalDelegate | null> {
  const answer = await client.put('/me/approval-delegate', { schema: acceptApprovalDelegateResponse, body: request });
  return answer.approvalDelegate ?? null;
}

/** Ends the delegation now. */
export async function endApprovalDelegate(client: ApiClient): Promise<void> {
  await client.delete('/me/approval-delegate', { schema: z.unknown() });
}

/** A new or ended delegation changes the person's window and the delegate's queue. */
export async function afterDelegateChange(queryClient: QueryClient, personId: string, delegate: ApprovalDelegate | null) {
  queryClient.setQueryData(queryKeys.approvals.delegate(personId), delegate);
  await queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all() });
}
