import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { notificationSettings, type NotificationSettings } from '../../../../contract/events.ts';
import type { ApiClient } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/**
 * `GET /me/notification-settings` (extension `notification-settings`): the signed-in person's own
 * choices, `{ email: boolean }` — never the actor's, acting for someone does not change theirs.
 */
export const notificationSettingsQueryOptions = (client: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.notificationSettings(),
    queryFn: ({ signal }) => client.get('/me/notification-settings', { schema: notificationSettings, signal }),
    staleTime: 0,
  });

/**
 * `PUT /me/notification-settings`: stores the choices and answers what the server now keeps
 * (which is what the screen then shows). Rejects with a `MobprocError` (400 naming `email`, 401…).
 */
export async function saveNotificationSettings(client: ApiClient, queryClient: QueryClient, settings: NotificationSettings): Promise<NotificationSettings> {
  const kept = await client.put('/me/notification-settings', { schema: notificationSettings, body: settings });
  queryClient.setQueryData(queryKeys.notificationSettings(), kept);
  return kept;
}
