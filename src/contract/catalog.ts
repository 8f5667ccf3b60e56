import { z } from 'zod';
import { id, money, objectMeta, page, paginationQuery, queryBoolean } from './common.ts';
import { querySearch } from './employees.ts';
import { accessMethod, manufacturerSummary, model, transactionType, validation, vendor } from './reference.ts';

export const catalogSort = z.enum(['NAME', 'PRICE']);
const catalogSortQuery = {
  sort: catalogSort.optional().describe('Default NAME.'),
  sortAscending: queryBoolean.optional().describe('Default true.'),
};

// ---------------------------------------------------------------------------------------------
// Devices

export const catalogDevice = z
  .object({
    id,
    name: z.string(),
    manufacturer: manufacturerSummary,
    vendor,
    price: money,
    imageUrl: z.string().nullish().describe('An http(s) URL or a data: URI.'),
    accessMethod,
    _meta: objectMeta.optional(),
  })
  .meta({ id: 'CatalogDevice' });
export type CatalogDevice = z.infer<typeof catalogDevice>;

export const deviceFeatureOption = z
  .object({ id, label: z.string(), isDefault: z.boolean(), price: money })
  .meta({ id: 'DeviceFeatureOption' });

export const deviceFeature = z
  .object({
    id,
    label: z.string(),
    type: z.literal('CHOICE'),
    validation,
    options: z.array(deviceFeatureOption),
  })
  .meta({ id: 'DeviceFeature' });
export type DeviceFeature = z.infer<typeof deviceFeature>;

export const specification = z.object({ label: z.string(), value: z.string() }).meta({ id: 'Specification' });

export const catalogDeviceDetail = catalogDevice
  .extend({
    description: z.string(),
    specifications: z.array(specification),
    deviceFeatures: z.array(deviceFeature).describe('Colour / storage choices.'),
    model: model.optional().describe('Extension: the model this catalog item is.'),
  })
  .meta({ id: 'CatalogDeviceDetail' });
export type CatalogDeviceDetail = z.infer<typeof catalogDeviceDetail>;

export const catalogDevicesQuery = z.object({
  ...paginationQuery,
  vendor: id.optional(),
  manufacturer: id.optional(),
  search: querySearch.optional().describe('Case-insensitive substring of the name.'),
  region: id.optional(),
  transactionType: transactionType.optional().describe('Only devices that order type may include.'),
  service: id
    .optional()
    .describe("Drops the devices only this service's current carrier offers (for ports)."),
  compatibleWithPlan: id.optional(),
  ...catalogSortQuery,
});
export const catalogDevicesResponse = z.object({ devices: page(catalogDevice) }).meta({ id: 'CatalogDevicePage' });

// ---------------------------------------------------------------------------------------------
// Plans and features

export const includedFeature = z.object({ description: z.string() }).meta({ id: 'IncludedFeature' });

/** A priced feature: a plan's optional feature, or one a care order adds to / removes from a service. */
export const feature = z
  .object({
    id,
    description: z.string(),
    price: money,
    isActiveOnService: z.boolean().optional().describe('Extension, on /catalog/features?service=.'),
  })
  .meta({ id: 'Feature' });
export type Feature = z.infer<typeof feature>;

export const catalogPlan = z
  .object({
    id,
    name: z.string(),
    vendor,
    price: money.describe('MONTHLY'),
    _meta: objectMeta.optional(),
  })
  .meta({ id: 'CatalogPlan' });
export type CatalogPlan = z.infer<typeof catalogPlan>;

export const catalogPlanDetail = catalogPlan
  .extend({
    includedFeatures: z.array(includedFeature),
    optionalFeatures: z.array(feature),
  })
  .meta({ id: 'CatalogPlanDetail' });
export type CatalogPlanDetail = z.infer<typeof catalogPlanDetail>;

export const catalogPlansQuery = z.object({
  ...paginationQuery,
  vendor: id.optional(),
  region: id.optional(),
  device: id.optional().describe('Plans compatible with this catalog device.'),
  search: querySearch.optional().describe('Case-insensitive substring of the name.'),
  ...catalogSortQuery,
});
export const catalogPlansResponse = z.object({ plans: page(catalogPlan) }).meta({ id: 'CatalogPlanPage' });

export const featuresQuery = z.object({ service: id.describe('The service whose features to list.') });
export const featuresResponse = z.object({ features: z.array(feature) }).meta({ id: 'FeatureList' });

// ---------------------------------------------------------------------------------------------
// Accessories

export const accessory = z
  .object({
    id,
    name: z.string(),
    manufacturer: manufacturerSummary,
    vendor,
    price: money,
    imageUrl: z.string().nullish(),
    _meta: objectMeta.optional(),
  })
  .meta({ id: 'Accessory' });
export type Accessory = z.infer<typeof accessory>;

export const accessoryDetail = accessory
  .extend({ compatibleModels: z.array(model).describe('Extension: the device models it fits.') })
  .meta({ id: 'AccessoryDetail' });
export type AccessoryDetail = z.infer<typeof accessoryDetail>;

export const accessoriesQuery = z.object({
  ...paginationQuery,
  device: id.optional().describe('A catalog device id.'),
  compatibleWithDeviceAssetId: id.optional(),
  service: id.optional().describe('Accessories that fit the device on this service.'),
  region: id.optional().describe('Accessories sold in this country (priced in its currency); a state stands for its country.'),
  search: querySearch.optional().describe('Case-insensitive substring of the name.'),
  ...catalogSortQuery,
});
export const accessoriesResponse = z.object({ accessories: page(accessory) }).meta({ id: 'AccessoryPage' });
