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
  /** The company's today (its time zone), where the server says it. */
  today?: string;
  delegateFor: { approver: { id: string; firstName?: string; lastName?: string }; from: string; until: string }[];
};

function read(answer: AcceptApprovalDelegateResponse): ApprovalDelegate {
  const id = answer.delegate?.id ?? answer.delegateEmployeeId ?? undefined;
  return {
    delegate: id ? { ...answer.delegate, id } : undefined,
    from: answer.from ?? undefined,
    until: answer.until ?? undefined,
    active: answer.active ?? undefined,
    today: answer.today ?? undefined,
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
    // Whom one decides for changes in someone else's browser: coming back to the tab asks again.
    refetchOnWindowFocus: true,
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

/**
 * A new or ended delegation changes the person's window, every approvals query of this browser
 * (queues, badges, which orders may be decided) and `/me` (`isApprover` counts a delegate whose
 * window has not ended). The delegate's own browser hears of it when it next asks: the server
 * sends no event for a delegation, so the desk's queue asks again when its tab is shown.
 */
export async function afterDelegateChange(queryClient: QueryClient, personId: string, delegate: ApprovalDelegate) {
  queryClient.setQueryData(queryKeys.approvals.delegate(personId), delegate);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.approvals.all(), predicate: (query) => query.queryKey[2] !== 'delegate' }),
    queryClient.invalidateQueries({ queryKey: queryKeys.me(), exact: true }),
  ]);
}

type Person = { id: string; firstName?: string; lastName?: string };

/**
 * Why the server refused (`status` 403) a delegate's decision, in the app's words, added to the
 * server's own message: the delegate's window for `approver` as `/me/approval-delegate` now tells it (not yet
 * begun, ended, or no longer named), or null when the refusal is not about a delegation.
 */
export function delegateRefusalWords(
  status: number | undefined,
  approver: Person | null | undefined,
  mine: ApprovalDelegate | undefined,
  today: string,
  name: (person: Person) => string,
  day: (date: string) => string,
): string | null {
  if (status !== 403 || !approver) return null;
  const window = mine?.delegateFor.find((entry) => entry.approver.id === approver.id);
  if (!window) return `${name(approver)} no longer has you as their approval delegate, so their orders are not yours to decide.`;
  if (today < window.from) return `You decide for ${name(approver)} only from ${day(window.from)}; until then the orders are theirs.`;
  if (today > window.until) return `You decided for ${name(approver)} until ${day(window.until)}; that window has ended.`;
  return null;
}
