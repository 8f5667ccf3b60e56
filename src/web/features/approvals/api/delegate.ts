import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { acceptApprovalDelegateResponse, type AcceptApprovalDelegateResponse } from '../../../../contract/accept.ts';
import { MobprocError, type ApiClient } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** The caller's approval delegate and window (none named: `delegate` undefined), and whom they decide for. */
export type ApprovalDelegate = {
  delegate?: { id: string; firstName?: string; lastName?: string; companyEmployeeId?: string; email?: string };
  from?: string;
  until?: string;
  active?: boolean;
  delegateFor: { approver: { id: string; firstName?: string; lastName?: string }; from: string; until: string }[];
};

function read(answer: AcceptApprovalDelegateResponse): ApprovalDelegate {
  const id = answer.delegate?.id ?? answer.delegateEmployeeId ?? undefined;
  return {
    delegate: id ? { ...answer.delegate, id } : undefined,
    from: answer.from ?? undefined,
    until: answer.until ?? undefined,
    active: answer.active ?? undefined,
    delegateFor: answer.delegateFor ?? [],
  };
}

/**
 * `GET /me/approval-delegate` (extension `approval-delegates`): who decides the signed-in person's
 * approvals while they are away, from when until when (calendar dates, inclusive), and whose
 * approvals they decide as someone's delegate. A server answering 404 has nobody named.
 */
export const approvalDelegateQueryOptions = (client: ApiClient, personId: string) =>
  queryOptions({
    queryKey: queryKeys.approvals.delegate(personId),
    queryFn: async ({ signal }): Promise<ApprovalDelegate> => {
      try {
        return read(await client.get('/me/approval-delegate', { schema: acceptApprovalDelegateResponse, signal }));
      } catch (error) {
        if (error instanceof MobprocError && error.status === 404) return { delegateFor: [] };
        throw error;
      }
    },
    staleTime: 30_000,
  });

export type DelegateRequest = { delegateEmployeeId: string; from: string; until: string };

/** Names the delegate for a window (replacing any other); answers the window as the server stored it. */
export async function setApprovalDelegate(client: ApiClient, request: DelegateRequest): Promise<ApprovalDelegate> {
  return read(await client.put('/me/approval-delegate', { schema: acceptApprovalDelegateResponse, body: request }));
}

/** Ends the delegation now; answers what is left (nobody named). */
export async function endApprovalDelegate(client: ApiClient): Promise<ApprovalDelegate> {
  const answer = await client.delete('/me/approval-delegate', { schema: acceptApprovalDelegateResponse.optional().catch(undefined) });
  return answer ? read(answer) : { delegateFor: [] };
}

/** A new or ended delegation changes the person's window and the delegate's queue. */
export async function afterDelegateChange(queryClient: QueryClient, personId: string, delegate: ApprovalDelegate) {
  queryClient.setQueryData(queryKeys.approvals.delegate(personId), delegate);
  await queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all() });
}
