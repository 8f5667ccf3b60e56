import { z } from 'zod';
import { id, isoDateTime, objectMeta, page, paginationQuery, queryBoolean } from './common.ts';
import { employeeSummary, queryDateTime, querySearch } from './employees.ts';
import { feature } from './catalog.ts';
import { numberSearchDigits } from './service-numbers.ts';
import { accessMethod, manufacturerSummary, model, regionSummary, transactionType, vendor, type TransactionType } from './reference.ts';

export const serviceStatus = z.enum(['ACTIVE', 'SUSPENDED', 'DEACTIVATED']).meta({ id: 'ServiceStatus' });
export type ServiceStatus = z.infer<typeof serviceStatus>;

/** A stored serial number as the server reports it (input checks live in serials.ts). */
export const assetSerialNumber = z
  .object({ type: z.enum(['IMEI', 'MEID', 'ESN', 'CAP_CODE', 'PIN', 'MSN', 'UNKNOWN']), value: z.string() })
  .meta({ id: 'AssetSerialNumber' });

/** What may be ordered for the asset now (MOBPROC §3). */
export const orderActions = z.array(transactionType);

/**
 * The service statuses in which each type may be ordered for a service (MOBPROC §3, `orderActions`),
 * before open orders and the actor's restrictions are taken off. Keyed by every type, so a new type
 * must say; types that bring a line in (or make one) are ordered for no existing service.
 */
export const orderableWhenServiceIs: Readonly<Record<TransactionType, readonly ServiceStatus[]>> = {
  NEW_ACTIVATION: [],
  UPGRADE: ['ACTIVE'],
  PORT_NUMBER: ['ACTIVE'],
  ORDER_ACCESSORIES: ['ACTIVE'],
  SUSPEND: ['ACTIVE'],
  UNSUSPEND: ['SUSPENDED'],
  DEACTIVATE: ['ACTIVE', 'SUSPENDED'],
  UPDATE_FEATURES: ['ACTIVE'],
  SWAP_DEVICES: ['ACTIVE'],
  XFER_SERVICE_OUT: ['ACTIVE'],
  XFER_SERVICE_IN: [],
  XFER_SERVICE_IN_AND_PORT: [],
};

/** The same, by status: what a service in each status may take. A device on no service takes nothing. */
const typesOrderableWhen = (status: ServiceStatus): readonly TransactionType[] =>
  transactionType.options.filter((type) => orderableWhenServiceIs[type].includes(status));
export const orderActionsByServiceStatus: Readonly<Record<ServiceStatus, readonly TransactionType[]>> = {
  ACTIVE: typesOrderableWhen('ACTIVE'),
  SUSPENDED: typesOrderableWhen('SUSPENDED'),
  DEACTIVATED: typesOrderableWhen('DEACTIVATED'),
};

/** A device asset as other objects show it. */
export const deviceAssetSummary = z
  .object({
    id,
    manufacturer: manufacturerSummary,
    model,
    serialNumber: assetSerialNumber,
    _meta: objectMeta.optional(),
  })
  .meta({ id: 'DeviceAssetSummary' });

/** The whole device, as a service's detail shows it. */
export const deviceAsset = deviceAssetSummary
  .extend({
    simId: z.string().nullish(),
    accessMethod,
    macAddress: z.string().nullish(),
    companyAssetId: z.string().nullish(),
    orderActions: orderActions.optional().describe("In a service's detail: what may be ordered for the device now (its service's actions)."),
  })
  .meta({ id: 'DeviceAsset' });
export type DeviceAsset = z.infer<typeof deviceAsset>;

export const contractDates = z
  .object({
    start: isoDateTime.nullish(),
    end: isoDateTime.nullish(),
    activated: isoDateTime.nullish(),
    lastDeviceUpgrade: isoDateTime.nullish(),
  })
  .meta({ id: 'ContractDates' });

export const servicePlanSummary = z.object({ id, name: z.string() }).meta({ id: 'PlanSummary' });

export const serviceItem = z
  .object({
    id,
    serviceNumber: z.string(),
    status: serviceStatus,
    plan: servicePlanSummary.nullish(),
    vendor: z.object({ billing: vendor, current: vendor }),
    employee: employeeSummary.nullish(),
    device: deviceAssetSummary.nullish(),
    region: regionSummary.nullish().describe('Extension: the country the service is in.'),
    upgradeEligibilityDate: isoDateTime.nullish(),
    updated: isoDateTime,
    orderActions,
    _meta: objectMeta,
  })
  .meta({ id: 'Service' });
export type ServiceItem = z.infer<typeof serviceItem>;

export const serviceDetail = serviceItem
  .extend({
    contractDates,
    features: z.array(feature),
    device: deviceAsset.nullish(),
  })
  .meta({ id: 'ServiceDetail' });
export type ServiceDetail = z.infer<typeof serviceDetail>;

/** A service as a device asset shows it; `includeServiceDetails` adds plan, vendor and dates. */
export const serviceSummary = z
  .object({
    id,
    serviceNumber: z.string(),
    status: serviceStatus,
    plan: servicePlanSummary.nullish(),
    vendor: z.object({ billing: vendor, current: vendor }).optional(),
    upgradeEligibilityDate: isoDateTime.nullish(),
    upgradeEligibleDate: isoDateTime
      .nullish()
      .describe('With includeServiceDetails=true and includeUpgradeEligibleDate=true (the vendor’s release 1.3.1 puts it here).'),
    contractDates: contractDates.optional(),
    _meta: objectMeta,
  })
  .meta({ id: 'ServiceSummary' });

export const deviceAssetItem = deviceAsset
  .extend({
    service: serviceSummary.nullish(),
    employee: employeeSummary.nullish(),
    upgradeEligibleDate: isoDateTime.nullish().describe('With includeUpgradeEligibleDate=true.'),
    updated: isoDateTime,
    orderActions,
    _meta: objectMeta,
  })
  .meta({ id: 'DeviceAssetItem' });
export type DeviceAssetItem = z.infer<typeof deviceAssetItem>;

export const assetSort = z.enum(['UPDATED_DATE']);

const assetFilters = {
  ...paginationQuery,
  employee: id.optional(),
  companyEmployeeId: z.string().max(64).optional(),
  status: serviceStatus.optional(),
  vendor: id.optional().describe("The service's current carrier."),
  search: querySearch
    .transform((text) => (numberSearchDigits(text) === '' ? undefined : text))
    .optional()
    .describe('Case-insensitive substring of the service number; a number written with spaces, +, brackets, dots or dashes is compared by its digits, a leading +1 dropped (send + as %2B); +1 alone narrows nothing.'),
  dateTimeUpdated: queryDateTime.optional().describe('Only assets updated on or after this moment.'),
  sort: assetSort.optional(),
  sortAscending: queryBoolean.optional().describe('Default false: newest first.'),
};

export const servicesQuery = z.object(assetFilters);
export const servicesResponse = z.object({ services: page(serviceItem) }).meta({ id: 'ServicePage' });

export const deviceAssetsQuery = z.object({
  ...assetFilters,
  includeServiceDetails: queryBoolean.optional(),
  includeUpgradeEligibleDate: queryBoolean.optional(),
});
export const deviceAssetsResponse = z.object({ devices: page(deviceAssetItem) }).meta({ id: 'DeviceAssetPage' });

export const deviceAssetDetailQuery = z.object({
  includeServiceDetails: queryBoolean.optional(),
  includeUpgradeEligibleDate: queryBoolean.optional(),
});

export const moveCharges = z.enum(['MOVE_NO_CHARGES', 'MOVE_CHARGES_FOR_LAST_MONTH_ONLY', 'MOVE_ALL_CHARGES']);

export const moveServiceRequest = z
  .object({
    newOwnerEmployeeId: id.optional(),
    newOwnerCompanyEmployeeId: z.string().min(1).max(64).optional(),
    moveCharges,
  })
  .meta({ id: 'MoveServiceRequest' });
export type MoveServiceRequest = z.infer<typeof moveServiceRequest>;

export { formatServiceNumber, numberSearchDigits } from './service-numbers.ts';
