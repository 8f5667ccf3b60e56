import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ExtensionName } from '../../contract/constants.ts';
import { useWebAppConfig } from './config-context.tsx';
import { announcedExtensions, NONE, type Extensions } from './extensions.ts';
import { queryKeys } from './query-keys.ts';

/** The extensions the server at `baseUrl` announced, as a query: read once per page load and server. */
export const extensionsQueryOptions = (baseUrl: string) =>
  queryOptions({ queryKey: queryKeys.extensions(baseUrl), queryFn: () => announcedExtensions(baseUrl), staleTime: Infinity, gcTime: Infinity });

/** The connected server's announced extensions; none while the ping is on its way. */
export function useExtensions(): { has: (name: ExtensionName) => boolean; isPending: boolean; set: Extensions } {
  const { baseUrl } = useWebAppConfig();
  const answer = useQuery(extensionsQueryOptions(baseUrl));
  const set = answer.data ?? NONE;
  return { has: (name) => set.has(name), isPending: answer.isPending, set };
}
