import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AcceptMe } from '../../contract/accept.ts';
import type { ExtensionName } from '../../contract/constants.ts';
import type { ApiClient } from './api-client.ts';
import { useApiClient } from './api-context.tsx';
import { useWebAppConfig } from './config-context.tsx';
import { queryKeys } from './query-keys.ts';
import { extensionsQueryOptions } from './use-extensions.ts';

/**
 * `/me`: who is signed in, whom they act for, and what they may order. Shared by every feature
 * (the wizard's start page, the shell, approvals), hence here rather than in one feature. The
 * schema is imported when the query runs, while the request is on its way: the shell uses this on every page, and the sign-in
 * page must not download zod and the employee schemas.
 *
 * Where the server at `baseUrl` announced `act-as-search`, it asks without `actAs` (a service desk
 * may act for 100,000 people) and the act-for picker searches instead (decision 18); so the
 * question waits for `/ping`, which the shell asks at the same moment anyway.
 */
export const meQueryOptions = (client: ApiClient, baseUrl: string) =>
  queryOptions({
    queryKey: queryKeys.me(),
    queryFn: async ({ signal, client: queryClient }) => {
      const schema = import('../../contract/accept.ts').then((module) => module.acceptMe);
      const extensions = await queryClient.ensureQueryData(extensionsQueryOptions(baseUrl));
      return client.get('/me', { schema, signal, query: { includeActAs: extensions.has('act-as-search') ? false : undefined } });
    },
    staleTime: 5 * 60_000,
  });

export function useMe() {
  return useQuery(meQueryOptions(useApiClient(), useWebAppConfig().baseUrl));
}

/**
 * Whether the signed-in person may act for someone besides themselves: what `/me` says in
 * `canActForOthers` where the server announced `act-as-search`, else whether `actAs` names anyone
 * where it announced `act-as`; false before `/me` answers and against a server with neither.
 */
export function mayActForOthers(me: AcceptMe | undefined, extensions: { has: (name: ExtensionName) => boolean }): boolean {
  if (!me) return false;
  if (extensions.has('act-as-search') && me.canActForOthers !== undefined) return me.canActForOthers;
  return extensions.has('act-as') && (me.actAs?.length ?? 0) > 0;
}
