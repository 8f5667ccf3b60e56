import type { RouteRegistry } from '../route.ts';
import { registerPingRoutes } from './ping.ts';
import { registerOAuthRoutes } from './oauth.ts';
import { registerApprovalDelegateRoutes, registerMeRoutes } from './me.ts';
import { registerEmployeeRoutes } from './employees.ts';
import { registerRegionRoutes } from './regions.ts';
import { registerVendorRoutes } from './vendors.ts';
import { registerManufacturerRoutes } from './manufacturers.ts';
import { registerCatalogRoutes } from './catalog.ts';
import { registerAssetRoutes } from './assets.ts';
import { registerPropertyRoutes } from './properties.ts';
import { registerAcknowledgementRoutes } from './acknowledgements.ts';
import { registerOrderRoutes } from './orders.ts';

/** Every MOBPROC and OAuth route; each resource module registers its own. */
export function registerRoutes(api: RouteRegistry, oauth: RouteRegistry): void {
  registerPingRoutes(api);
  registerOAuthRoutes(oauth);
  registerMeRoutes(api);
  registerApprovalDelegateRoutes(api);
  registerEmployeeRoutes(api);
  registerRegionRoutes(api);
  registerVendorRoutes(api);
  registerManufacturerRoutes(api);
  registerCatalogRoutes(api);
  registerAssetRoutes(api);
  // Before the orders routes: the static /orders/properties must win over /orders/:id.
  registerPropertyRoutes(api);
  registerAcknowledgementRoutes(api);
  registerOrderRoutes(api);
}
