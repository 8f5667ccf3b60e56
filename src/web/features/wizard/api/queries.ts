import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  deviceAssetsResponse,
  serviceDetail,
  servicesResponse,
} from '../../../../contract/assets.ts';
import {
  accessoriesResponse,
  catalogDeviceDetail,
  catalogDevicesResponse,
  catalogPlanDetail,
  catalogPlansResponse,
  featuresResponse,
} from '../../../../contract/catalog.ts';
import { acknowledgementsResponse, orderPropertiesResponse } from '../../../../contract/properties.ts';
import {
  manufacturerDetail,
  manufacturersResponse,
  regionDetail,
  regionsResponse,
  vendorDetail,
  vendorsResponse,
  type TransactionType,
} from '../../../../contract/reference.ts';
import { ordersResponse } from '../../../../contract/orders.ts';
import type { ApiClient, QueryValue } from '../../../lib/api-client.ts';

/** Page size of the large pickers; they page through the server rather than loading everything. */
export const PAGE_SIZE = 12;

type Query = Record<string, QueryValue>;

export const servicesQueryOptions = (client: ApiClient, query: { employee: string; search?: string; offset: number }) =>
  queryOptions({
    queryKey: ['assets', 'services', query],
    queryFn: ({ signal }) =>
      client.get('/assets/services', { schema: servicesResponse, query: { limit: PAGE_SIZE, ...query }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const serviceQueryOptions = (client: ApiClient, serviceId: string) =>
  queryOptions({
    queryKey: ['assets', 'services', serviceId],
    queryFn: ({ signal }) => client.get(`/assets/services/${encodeURIComponent(serviceId)}`, { schema: serviceDetail, signal }),
    staleTime: 10_000,
  });

export const spareDevicesQueryOptions = (client: ApiClient, employeeId: string) =>
  queryOptions({
    queryKey: ['assets', 'devices', { employee: employeeId }],
    queryFn: ({ signal }) =>
      client.get('/assets/devices', {
        schema: deviceAssetsResponse,
        query: { employee: employeeId, limit: 100, offset: 0 },
        signal,
      }),
    select: (answer) => answer.devices.items.filter((device) => !device.service || device.service.status === 'DEACTIVATED'),
    staleTime: 10_000,
  });

export const regionsQueryOptions = (client: ApiClient) =>
  queryOptions({
    queryKey: ['regions'],
    queryFn: ({ signal }) => client.get('/regions', { schema: regionsResponse, signal }),
    select: (answer) => answer.regions.filter((region) => region.type === 'COUNTRY'),
    staleTime: Infinity,
  });

export const regionQueryOptions = (client: ApiClient, regionId: string) =>
  queryOptions({
    queryKey: ['regions', regionId],
    queryFn: ({ signal }) => client.get(`/regions/${encodeURIComponent(regionId)}`, { schema: regionDetail, signal }),
    staleTime: Infinity,
  });

export const carriersQueryOptions = (client: ApiClient) =>
  queryOptions({
    queryKey: ['vendors', 'CARRIER'],
    queryFn: ({ signal }) => client.get('/vendors', { schema: vendorsResponse, query: { type: 'CARRIER' }, signal }),
    select: (answer) => answer.vendors,
    staleTime: Infinity,
  });

export const vendorQueryOptions = (client: ApiClient, vendorId: string) =>
  queryOptions({
    queryKey: ['vendors', vendorId],
    queryFn: ({ signal }) => client.get(`/vendors/${encodeURIComponent(vendorId)}`, { schema: vendorDetail, signal }),
    staleTime: Infinity,
  });

export const manufacturersQueryOptions = (client: ApiClient) =>
  queryOptions({
    queryKey: ['manufacturers'],
    queryFn: ({ signal }) => client.get('/manufacturers', { schema: manufacturersResponse, signal }),
    select: (answer) => answer.manufacturers,
    staleTime: Infinity,
  });

export const manufacturerQueryOptions = (client: ApiClient, manufacturerId: string) =>
  queryOptions({
    queryKey: ['manufacturers', manufacturerId],
    queryFn: ({ signal }) =>
      client.get(`/manufacturers/${encodeURIComponent(manufacturerId)}`, { schema: manufacturerDetail, signal }),
    staleTime: Infinity,
  });

export type DeviceSearch = {
  search?: string;
  manufacturer?: string;
  vendor?: string;
  sort: 'NAME' | 'PRICE';
  sortAscending: boolean;
  offset: number;
  region?: string;
  transactionType: TransactionType;
  service?: string;
};

export const catalogDevicesQueryOptions = (client: ApiClient, search: DeviceSearch) =>
  queryOptions({
    queryKey: ['catalog', 'devices', search],
    queryFn: ({ signal }) =>
      client.get('/catalog/devices', { schema: catalogDevicesResponse, query: { limit: PAGE_SIZE, ...search } as Query, signal }),
    placeholderData: keepPreviousData,
  });

export const catalogDeviceQueryOptions = (client: ApiClient, deviceId: string) =>
  queryOptions({
    queryKey: ['catalog', 'devices', deviceId],
    queryFn: ({ signal }) =>
      client.get(`/catalog/devices/${encodeURIComponent(deviceId)}`, { schema: catalogDeviceDetail, signal }),
  });

export type PlanSearch = { device?: string; vendor?: string; region?: string; search?: string; offset: number; sort: 'NAME' | 'PRICE' };

export const catalogPlansQueryOptions = (client: ApiClient, search: PlanSearch) =>
  queryOptions({
    queryKey: ['catalog', 'plans', search],
    queryFn: ({ signal }) =>
      client.get('/catalog/plans', { schema: catalogPlansResponse, query: { limit: PAGE_SIZE, ...search } as Query, signal }),
    placeholderData: keepPreviousData,
  });

export const catalogPlanQueryOptions = (client: ApiClient, planId: string) =>
  queryOptions({
    queryKey: ['catalog', 'plans', planId],
    queryFn: ({ signal }) => client.get(`/catalog/plans/${encodeURIComponent(planId)}`, { schema: catalogPlanDetail, signal }),
  });

export type AccessorySearch = { device?: string; service?: string; search?: string; offset: number };

export const accessoriesQueryOptions = (client: ApiClient, search: AccessorySearch) =>
  queryOptions({
    queryKey: ['catalog', 'accessories', search],
    queryFn: ({ signal }) =>
      client.get('/catalog/accessories', { schema: accessoriesResponse, query: { limit: PAGE_SIZE, ...search } as Query, signal }),
    placeholderData: keepPreviousData,
  });

export const serviceFeaturesQueryOptions = (client: ApiClient, serviceId: string) =>
  queryOptions({
    queryKey: ['catalog', 'features', serviceId],
    queryFn: ({ signal }) =>
      client.get('/catalog/features', { schema: featuresResponse, query: { service: serviceId }, signal }),
    select: (answer) => answer.features,
  });

export type PropertiesQuery = {
  transactionType: TransactionType;
  vendor?: string;
  service?: string;
  orderExcludesDevice?: boolean;
  orderExcludesPlan?: boolean;
};

export const orderPropertiesQueryOptions = (client: ApiClient, query: PropertiesQuery) =>
  queryOptions({
    queryKey: ['orders', 'properties', query],
    queryFn: ({ signal }) =>
      client.get('/orders/properties', { schema: orderPropertiesResponse, query: { limit: 100, offset: 0, ...query }, signal }),
    select: (answer) => answer.properties.items,
  });

export const acknowledgementsQueryOptions = (client: ApiClient, transactionType: TransactionType, vendor: string) =>
  queryOptions({
    queryKey: ['acknowledgements', transactionType, vendor],
    queryFn: ({ signal }) =>
      client.get('/acknowledgements', { schema: acknowledgementsResponse, query: { transactionType, vendor }, signal }),
  });

/** Where the account holder's most recent order shipped to, to pre-fill the next one. */
export const lastShipToQueryOptions = (client: ApiClient, employeeId: string) =>
  queryOptions({
    queryKey: ['orders', 'last-ship-to', employeeId],
    queryFn: ({ signal }) =>
      client.get('/orders', {
        schema: ordersResponse,
        query: { employee: employeeId, includeShipToAddress: true, sort: 'SUBMITTED_DATE', limit: 10, offset: 0 },
        signal,
      }),
    select: (answer) => {
      const shipTo = answer.orders.items.find((order) => order.shipTo && order.shipTo.address.length > 0)?.shipTo;
      if (!shipTo) return null;
      return {
        name: shipTo.name ?? '',
        regionId: shipTo.region?.id ?? '',
        address: shipTo.address.map((line) => ({ id: line.id, value: line.value })),
      };
    },
    staleTime: 60_000,
  });
