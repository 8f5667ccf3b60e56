import { useQuery } from '@tanstack/react-query';
import type { ExtensionName } from '../../contract/constants.ts';
import { useWebAppConfig } from './config-context.tsx';
import { announcedExtensions, NONE, type Extensions } from './extensions.ts';
import { queryKeys } from './query-keys.ts';

/** The connected server's announced extensions; none while the ping is on its way. */
export function useExtensions(): { has: (name: ExtensionName) => boolean; isPending: boolean; set: Extensions } {
  const { baseUrl } = useWebAppConfig();
  const answer = useQuery({ queryKey: queryKeys.extensions(baseUrl), queryFn: () => announcedExtensions(baseUrl), staleTime: Infinity, gcTime: Infinity });
  const set = answer.data ?? NONE;
  return { has: (name) => set.has(name), isPending: answer.isPending, set };
}
