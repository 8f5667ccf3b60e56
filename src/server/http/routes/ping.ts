import { pingQuery, pingResponse } from '../../../contract/index.ts';
import type { RouteRegistry } from '../route.ts';

export const SERVER_VERSION = '1.0.0';

export function registerPingRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/ping',
    tag: 'Connectivity',
    summary: 'Connectivity check',
    description: 'Echoes `echoText` back; needs no token and no MOBPROC headers.',
    isPublic: true,
    query: pingQuery,
    response: pingResponse,
    handler: ({ query, c }) => ({
      echoText: query.echoText ?? '',
      sourceSystem: 'MOBPROC',
      version: SERVER_VERSION,
      dateTime: c.var.deps.now().toISOString(),
    }),
  });
}
