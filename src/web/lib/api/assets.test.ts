import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../api-client.ts';
import { isSpareDevice, spareDevicesQueryOptions } from './assets.ts';

const device = (id: string, service?: { id: string; status?: string }) => ({
  id,
  manufacturer: { id: 'APPLE', name: 'Apple' },
  model: { id: 'IPHONE-15', name: 'iPhone 15' },
  serialNumber: { type: 'IMEI', value: `35209900176148${id.length}` },
  ...(service ? { service: { ...service, serviceNumber: '5551230000' } } : {}),
});

/** An `/assets/devices` answer as a server sends it: one device on no line, one on each kind of line. */
const answer = {
  devices: {
    _meta: { href: '/mobproc/v1/assets/devices?employee=E1', limit: 100, offset: 0, totalCount: 5 },
    items: [
      device('no-line'),
      device('on-active', { id: 's1', status: 'ACTIVE' }),
      device('on-suspended', { id: 's2', status: 'SUSPENDED' }),
      device('on-deactivated', { id: 's3', status: 'DEACTIVATED' }),
      device('on-unknown', { id: 's4' }),
    ],
  },
};

const client = createApiClient({
  getConnection: () => ({ baseUrl: 'http://mobproc.test', tokenUrl: 'http://mobproc.test/oauth/token', tenant: 'ACME', clientId: 'mobproc-web' }),
  fetch: async () => new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } }),
});

describe('spare devices (docs/mobproc.md §4.2: on no ACTIVE or SUSPENDED service)', () => {
  it('counts a device whose line was deactivated as spare, and one on a live line as not', () => {
    expect(isSpareDevice({ service: null })).toBe(true);
    expect(isSpareDevice({ service: { id: 's3', status: 'DEACTIVATED' } })).toBe(true);
    expect(isSpareDevice({ service: { id: 's1', status: 'ACTIVE' } })).toBe(false);
    expect(isSpareDevice({ service: { id: 's2', status: 'SUSPENDED' } })).toBe(false);
  });

  it('lists, from a server answer, the device on no line and the one on a deactivated line', async () => {
    const options = spareDevicesQueryOptions(client, 'E1');
    const data = await new QueryClient().fetchQuery(options);
    expect(options.select!(data).map((spare) => spare.id)).toEqual(['no-line', 'on-deactivated']);
  });
});
