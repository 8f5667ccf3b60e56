import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { acceptDeviceAssetsResponse } from '../../../contract/accept.ts';
import type { ApiClient } from '../api-client.ts';
import { queryKeys } from '../query-keys.ts';

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
      client.get('/assets/devices', { schema: acceptDeviceAssetsResponse, signal, query: { employee: employeeId, limit: 100, offset: 0 } }),
    select: (answer) => answer.devices.items.filter(isSpareDevice),
    staleTime: 10_000,
  });
