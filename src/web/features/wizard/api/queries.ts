import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import {
  acceptAccessoriesResponse,
  acceptAcknowledgementsResponse,
  acceptCatalogDeviceDetail,
  acceptCatalogDevicesResponse,
  acceptCatalogPlanDetail,
  acceptCatalogPlansResponse,
  acceptFeaturesResponse,
  acceptManufacturerDetail,
  acceptManufacturersResponse,
  acceptOrderPropertiesResponse,
  acceptOrdersResponse,
  acceptRegionDetail,
  acceptRegionsResponse,
  acceptServiceDetail,
  acceptVendorDetail,
  acceptVendorsResponse,
} from '../../../../contract/accept.ts';
import type { AcceptOrderPropertyFieldGroup, AcceptRegionDetail } from '../../../../contract/accept.ts';
import type { OrderPropertyFieldGroup } from '../../../../contract/properties.ts';
import type { AddressComponentDefinition } from '../../../../contract/dynamic.ts';
import type { TransactionType } from '../../../../contract/reference.ts';
import type { ApiClient, QueryValue } from '../../../lib/api-client.ts';
import { queryKeys } from '../../../lib/query-keys.ts';

/** Page size of the large pickers; they page through the server rather than loading everything. */
export const PAGE_SIZE = 12;

type Query = Record<string, QueryValue>;

export const serviceQueryOptions = (client: ApiClient, serviceId: string) =>
  queryOptions({
    queryKey: queryKeys.assets.service(serviceId),
    queryFn: ({ signal }) => client.get(`/assets/services/${encodeURIComponent(serviceId)}`, { schema: acceptServiceDetail, signal }),
    staleTime: 10_000,
  });

export const regionsQueryOptions = (client: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.regions.countries(),
    queryFn: ({ signal }) => client.get('/regions', { schema: acceptRegionsResponse, signal }),
    // `/regions` without a parent lists countries; a server that leaves out `type` is taken at its word.
    select: (answer) => answer.regions.filter((region) => region.type === undefined || region.type === 'COUNTRY'),
    staleTime: Infinity,
  });

/** A region's detail with its address format ready for a form (see `addressForm`). */
export type RegionForm = Omit<AcceptRegionDetail, 'addressFormat'> & { addressFormat: AddressComponentDefinition[] };

/**
 * Address components as a form needs them: a component without a label is labelled with its raw
 * id, one without `validation` is optional, an option without a label shows its value.
 */
export function addressForm(region: AcceptRegionDetail): RegionForm {
  return {
    ...region,
    addressFormat: region.addressFormat.map((component) => ({
      ...component,
      label: component.label ?? component.id,
      validation: component.validation === 'REQUIRED' ? 'REQUIRED' : 'OPTIONAL',
      options: component.options?.map((option) => ({ value: option.value, label: option.label ?? option.value })),
    })),
  };
}

export const regionQueryOptions = (client: ApiClient, regionId: string) =>
  queryOptions({
    queryKey: queryKeys.regions.detail(regionId),
    queryFn: ({ signal }) => client.get(`/regions/${encodeURIComponent(regionId)}`, { schema: acceptRegionDetail, signal }),
    select: addressForm,
    staleTime: Infinity,
  });

/**
 * The carriers, those of `region` (a country id) when one is given: an order stays in one country
 * and currency. Carriers a server names another country for are dropped here too, in case it
 * ignores the filter.
 */
export const carriersQueryOptions = (client: ApiClient, region?: string) =>
  queryOptions({
    queryKey: queryKeys.vendors.list({ type: 'CARRIER', region }),
    queryFn: ({ signal }) =>
      client.get('/vendors', { schema: acceptVendorsResponse, query: { type: 'CARRIER', ...(region ? { region } : {}) }, signal }),
    select: (answer) => (region ? answer.vendors.filter((vendor) => !vendor.region?.id || vendor.region.id === region) : answer.vendors),
    staleTime: Infinity,
  });

export const vendorQueryOptions = (client: ApiClient, vendorId: string) =>
  queryOptions({
    queryKey: queryKeys.vendors.detail(vendorId),
    queryFn: ({ signal }) => client.get(`/vendors/${encodeURIComponent(vendorId)}`, { schema: acceptVendorDetail, signal }),
    staleTime: Infinity,
  });

export const manufacturersQueryOptions = (client: ApiClient) =>
  queryOptions({
    queryKey: queryKeys.manufacturers.list(),
    queryFn: ({ signal }) => client.get('/manufacturers', { schema: acceptManufacturersResponse, signal }),
    select: (answer) => answer.manufacturers,
    staleTime: Infinity,
  });

export const manufacturerQueryOptions = (client: ApiClient, manufacturerId: string) =>
  queryOptions({
    queryKey: queryKeys.manufacturers.detail(manufacturerId),
    queryFn: ({ signal }) =>
      client.get(`/manufacturers/${encodeURIComponent(manufacturerId)}`, { schema: acceptManufacturerDetail, signal }),
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
    queryKey: queryKeys.catalog.devices(search),
    queryFn: ({ signal }) =>
      client.get('/catalog/devices', { schema: acceptCatalogDevicesResponse, query: { limit: PAGE_SIZE, ...search } as Query, signal }),
    placeholderData: keepPreviousData,
  });

export const catalogDeviceQueryOptions = (client: ApiClient, deviceId: string) =>
  queryOptions({
    queryKey: queryKeys.catalog.device(deviceId),
    queryFn: ({ signal }) =>
      client.get(`/catalog/devices/${encodeURIComponent(deviceId)}`, { schema: acceptCatalogDeviceDetail, signal }),
  });

export type PlanSearch = { device?: string; vendor?: string; region?: string; search?: string; offset: number; sort: 'NAME' | 'PRICE' };

export const catalogPlansQueryOptions = (client: ApiClient, search: PlanSearch) =>
  queryOptions({
    queryKey: queryKeys.catalog.plans(search),
    queryFn: ({ signal }) =>
      client.get('/catalog/plans', { schema: acceptCatalogPlansResponse, query: { limit: PAGE_SIZE, ...search } as Query, signal }),
    placeholderData: keepPreviousData,
  });

export const catalogPlanQueryOptions = (client: ApiClient, planId: string) =>
  queryOptions({
    queryKey: queryKeys.catalog.plan(planId),
    queryFn: ({ signal }) => client.get(`/catalog/plans/${encodeURIComponent(planId)}`, { schema: acceptCatalogPlanDetail, signal }),
  });

/** `region`: the order's country, so every accessory offered is priced in the order's currency. */
export type AccessorySearch = { device?: string; service?: string; region?: string; search?: string; offset: number };

export const accessoriesQueryOptions = (client: ApiClient, search: AccessorySearch) =>
  queryOptions({
    queryKey: queryKeys.catalog.accessories(search),
    queryFn: ({ signal }) =>
      client.get('/catalog/accessories', { schema: acceptAccessoriesResponse, query: { limit: PAGE_SIZE, ...search } as Query, signal }),
    placeholderData: keepPreviousData,
  });

export const serviceFeaturesQueryOptions = (client: ApiClient, serviceId: string) =>
  queryOptions({
    queryKey: queryKeys.catalog.features(serviceId),
    queryFn: ({ signal }) =>
      client.get('/catalog/features', { schema: acceptFeaturesResponse, query: { service: serviceId }, signal }),
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
    queryKey: queryKeys.orders.properties(query),
    queryFn: ({ signal }) =>
      client.get('/orders/properties', { schema: acceptOrderPropertiesResponse, query: { limit: 100, offset: 0, ...query }, signal }),
    select: (answer) => answer.properties.items.map(propertyForm),
  });

/**
 * Property definitions as the forms need them: a field or choice without a label shows its raw
 * id, a field without `validation` is optional.
 */
function propertyForm(group: AcceptOrderPropertyFieldGroup): OrderPropertyFieldGroup {
  return {
    groupId: group.groupId,
    fields: group.fields.map((field) => ({
      ...field,
      label: field.label ?? field.id,
      validation: field.validation === 'REQUIRED' ? 'REQUIRED' : 'OPTIONAL',
      choices: field.choices?.map((choice) => ({ id: choice.id, label: choice.label ?? choice.id, isOther: choice.isOther ?? false })),
    })),
  };
}

export const acknowledgementsQueryOptions = (client: ApiClient, transactionType: TransactionType, vendor: string) =>
  queryOptions({
    queryKey: queryKeys.acknowledgements(transactionType, vendor),
    queryFn: ({ signal }) =>
      client.get('/acknowledgements', { schema: acceptAcknowledgementsResponse, query: { transactionType, vendor }, signal }),
  });

/**
 * Where the account holder's most recent order shipped to, to pre-fill the next one. Newest
 * submitted first where the server announced `submitted-date-sort`, else its default (newest first).
 */
export const lastShipToQueryOptions = (client: ApiClient, employeeId: string, bySubmitted: boolean) =>
  queryOptions({
    queryKey: queryKeys.orders.lastShipTo(employeeId, bySubmitted),
    queryFn: ({ signal }) =>
      client.get('/orders', {
        schema: acceptOrdersResponse,
        query: { employee: employeeId, includeShipToAddress: true, sort: bySubmitted ? 'SUBMITTED_DATE' : undefined, limit: 10, offset: 0 },
        signal,
      }),
    select: (answer) => {
      const shipTo = answer.orders.items.find((order) => (order.shipTo?.address?.length ?? 0) > 0)?.shipTo;
      if (!shipTo) return null;
      return {
        name: shipTo.name ?? '',
        regionId: shipTo.region?.id ?? '',
        address: (shipTo.address ?? []).map((line) => ({ id: line.id, value: line.value ?? '' })),
      };
    },
    staleTime: 60_000,
  });
