import { pingQuery, pingResponse, type ExtensionName } from '../../../contract/index.ts';
import type { RouteRegistry } from '../route.ts';

export const SERVER_VERSION = '1.0.0';

/**
 * The extensions of MOBPROC §1 this server implements today, announced so clients use them only
 * here. Add a name only together with the code that implements it.
 */
const SERVER_EXTENSIONS: readonly ExtensionName[] = [
  'idempotency-key',
  'cancel',
  'act-as',
  'act-as-search',
  'type-restrictions',
  'cost-summary',
  'approval-preview',
  'device-feature-options',
  'submitted-date-sort',
  'approval-rules',
  'request-info',
  'approval-delegates',
  'revoke',
  'sensitive-properties',
  'authorization-code',
  'events',
  'notification-settings',
];

export function registerPingRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/ping',
    tag: 'Connectivity',
    summary: 'Connectivity check',
    description: 'Echoes `echoText` back and lists the extensions this server supports (`extensions`); needs no token and no MOBPROC headers.',
    isPublic: true,
    query: pingQuery,
    response: pingResponse,
    handler: ({ query, c }) => ({
      echoText: query.echoText ?? '',
      sourceSystem: 'MOBPROC',
      version: SERVER_VERSION,
      dateTime: c.get('deps').now().toISOString(),
      extensions: [...SERVER_EXTENSIONS],
    }),
  });
}
