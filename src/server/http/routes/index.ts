import type { RouteRegistry } from '../route.ts';
import { registerPingRoutes } from './ping.ts';

/** Every MOBPROC and OAuth route; each resource module registers its own. */
export function registerRoutes(api: RouteRegistry, _oauth: RouteRegistry): void {
  registerPingRoutes(api);
}
