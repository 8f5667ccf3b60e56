import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { acceptDeviceAssetsResponse } from '../../../contract/accept.ts';
import type { ApiClient } from '../api-client.ts';
import { queryKeys } from '../query-keys.ts';

/**
 * The schemas are imported when a query runs, beside its request, not with this module: the start page uses
 * `servicesQueryOptions`, and its first paint must not wait for (or evaluate) every schema.
 */
const acceptSchemas = () => import('../../../contract/accept.ts');

/** A device asset as `/assets/devices` lists it (with the service it is on, if any). */
export type DeviceAssetItem = z.infer<typeof acceptDeviceAssetsResponse>['devices']['items'][number];

/**
 * Whether a device asset is a spare: one `SWAP_DEVICES` may move a line to (docs/mobproc.md §4.2:
 * on no ACTIVE or SUSPENDED service). A device whose line was deactivated is a spare. A service
 * whose status another server leaves out, or names one this app does not know, counts as live:
 * offering a device the server then refuses is worse than not offering it.
 */
export function isSpareDevice(device: Pick<DeviceAssetItem, 'service'>): boolean {
  return !device.service || device.service.status === 'DEACTIVATED';
}

/**
 * The person's spare devices (see `isSpareDevice`), for the lines page and the device swap of the
 * wizard alike: one rule, one key, one cache entry. The first 100 devices are read; nobody has more.
 */
export const spareDevicesQueryOptions = (client: ApiClient, employeeId: string) =>
  queryOptions({
    queryKey: queryKeys.assets.devices({ employee: employeeId, limit: 100, offset: 0 }),
    queryFn: ({ signal }) =>
      client.get('/assets/devices', {
        schema: acceptSchemas().then((module) => module.acceptDeviceAssetsResponse),
        signal,
        query: { employee: employeeId, limit: 100, offset: 0 },
      }),
    select: (answer) => answer.devices.items.filter(isSpareDevice),
    staleTime: 10_000,
  });

/** `GET /assets/services`' query: whose lines (null: every line the actor may see), a number search, a page. */
type ServicesQuery = { employee: string | null; search?: string; offset: number; limit: number };

/**
 * A page of services (`GET /assets/services`), for every screen that lists lines; the search runs
 * on the server. Keeps the previous page on screen while the next one loads.
 */
export const servicesQueryOptions = (client: ApiClient, query: ServicesQuery) =>
  queryOptions({
    queryKey: queryKeys.assets.services(query),
    queryFn: ({ signal }) => client.get('/assets/services', { schema: acceptSchemas().then((module) => module.acceptServicesResponse), signal, query }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
