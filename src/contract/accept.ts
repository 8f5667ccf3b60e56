/**
 * The accept strength of the contract: what a client of *any* MOBPROC v1 server reads (MOBPROC §1,
 * "Clients are tolerant readers"). The other schemas in this folder are what this project's server
 * sends, extensions included; each accept form here is derived from one of them, so every member
 * is still defined once. An accept form requires only the members the vendor documents and a
 * screen cannot do without, makes every other member (every extension among them) optional,
 * ignores unknown members, and reads enum values it does not know as plain strings where a screen
 * can show them raw. The web app reads every answer with these; the server and its tests use the
 * strict forms.
 */
import { z } from 'zod';
import { approvalDelegateResponse, approvalDelegation } from './approvals.ts';
import { money, pageMeta, pingResponse } from './common.ts';
import { accessory, catalogDevice, catalogDeviceDetail, catalogPlan, catalogPlanDetail, deviceFeature, deviceFeatureOption, feature, specification } from './catalog.ts';
import {
  deviceAsset,
  deviceAssetItem,
  deviceAssetSummary,
  serviceDetail,
  serviceItem,
  servicePlanSummary,
  serviceSummary,
  contractDates,
} from './assets.ts';
import { customAttribute, department, employee, employeeDetail, employeeSummary, meResponse, transactionTypeRestriction } from './employees.ts';
import {
  approvalResponse,
  approvalSummary,
  approverEntry,
  approverGroupReference,
  cartAccessory,
  cartDevice,
  cartFeatureChange,
  cartPlan,
  confirmationService,
  confirmationServiceDevice,
  describedDevice,
  expandedAcknowledgement,
  expandedProperty,
  expandedPropertyGroup,
  expandedShipTo,
  expandedShoppingCart,
  historyEntry,
  order,
  orderConfirmation,
  orderItem,
  orderSegment,
  pricedFeature,
  shipment,
} from './orders.ts';
import { acknowledgementDefinition, acknowledgementsResponse, infoblock, orderPropertyField, orderPropertyFieldGroup, propertyChoice } from './properties.ts';
import {
  addressComponent,
  manufacturer,
  manufacturerDetail,
  manufacturerSummary,
  model,
  region,
  regionDetail,
  regionSummary,
  transactionTypes,
  vendor,
  vendorDetail,
  type TransactionType,
} from './reference.ts';

// ---------------------------------------------------------------------------------------------
// The two helpers

type Shape = z.core.$ZodLooseShape;

/** The accept form of a strict object's shape: see `accepting`. */
type AcceptShape<S extends Shape, R extends keyof S, N extends { [K in keyof S]?: z.ZodType }> = {
  [K in keyof S]: K extends keyof N ? NonNullable<N[K]> : K extends R ? S[K] : z.ZodOptional<S[K]>;
};

/**
 * The accept form of a strict object schema. `required` lists the members a client cannot do
 * without; they keep their strict definition. `nested` replaces members whose value is itself an
 * object with its accept form, and says itself whether the member is optional. Every other
 * member becomes optional. Unknown members are dropped (zod's default for objects).
 *
 * @throws never; the result is an ordinary zod object schema without an OpenAPI id.
 */
function accepting<
  S extends Shape,
  const R extends keyof S & string = never,
  const N extends { [K in keyof S]?: z.ZodType } = Record<never, never>,
>(strict: z.ZodObject<S>, required: readonly R[] = [], nested?: N): z.ZodObject<AcceptShape<S, R, N>> {
  const shape: Record<string, z.ZodType> = {};
  const overrides = (nested ?? {}) as Record<string, z.ZodType | undefined>;
  for (const [key, member] of Object.entries(strict.shape) as [string, z.ZodType][]) {
    const override = overrides[key];
    shape[key] = override ?? ((required as readonly string[]).includes(key) ? member : member.optional());
  }
  return z.object(shape) as unknown as z.ZodObject<AcceptShape<S, R, N>>;
}

/**
 * An enum that also reads values the contract does not list, typed so known values still narrow.
 * For statuses and decisions a screen can show raw when it has no words for them.
 */
const tolerant = <E extends z.ZodEnum>(known: E) =>
  z.union([known, z.string()]) as unknown as z.ZodType<z.output<E> | (string & {}), string>;

/**
 * A list that keeps the items it can read and drops the others, so one odd item does not hide
 * the rest (MOBPROC §1). The answer's own shape is unchanged; a page says how many it dropped.
 */
export const readable = <T extends z.ZodType>(item: T) => z.array(z.unknown()).transform((values) => keepReadable(item, values).kept);

function keepReadable<T extends z.ZodType>(item: T, values: unknown[]): { kept: z.output<T>[]; dropped: number } {
  const kept: z.output<T>[] = [];
  for (const value of values) {
    const read = item.safeParse(value);
    if (read.success) kept.push(read.data);
  }
  return { kept, dropped: values.length - kept.length };
}

/** A number, also when sent as a numeric string ("12.5"); anything else is still refused. */
const numeric = z.preprocess(
  (value) => (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value),
  z.number(),
);

// ---------------------------------------------------------------------------------------------
// Common

const acceptMoney = accepting(money, ['amount', 'currencyCode'], { amount: numeric, recurrence: z.string().optional() });
export type AcceptMoney = z.infer<typeof acceptMoney>;

/** Pagination is vendor-documented; only the self link may be missing. */
export const acceptPageMeta = accepting(pageMeta, ['limit', 'offset', 'totalCount', 'hrefStart', 'hrefPrevious', 'hrefNext', 'hrefEnd']);
export type AcceptPageMeta = z.infer<typeof acceptPageMeta>;

/** A page of a collection; `unreadable` counts the items it dropped because it could not read them. */
const acceptPage = <T extends z.ZodType>(item: T) =>
  z.object({ _meta: acceptPageMeta, items: z.array(z.unknown()) }).transform(({ _meta, items }) => {
    const { kept, dropped } = keepReadable(item, items);
    return { _meta, items: kept, unreadable: dropped };
  });

export const acceptPing = accepting(pingResponse, ['echoText'], { extensions: z.array(z.string()).optional().catch(undefined) });

// ---------------------------------------------------------------------------------------------
// Reference data

const acceptRegionSummary = accepting(regionSummary, ['id']);
const acceptRegion = accepting(region, ['id', 'name'], { type: tolerant(region.shape.type).optional() });
export type AcceptRegion = z.infer<typeof acceptRegion>;
const acceptAddressComponent = accepting(addressComponent, ['id'], {
  validation: tolerant(addressComponent.shape.validation).optional(),
  options: z.array(z.object({ label: z.string().optional(), value: z.string() })).optional(),
});
export const acceptRegionDetail = accepting(regionDetail, ['id', 'name', 'addressFormat'], {
  type: tolerant(region.shape.type).optional(),
  addressFormat: z.array(acceptAddressComponent),
  currency: z.object({ code: z.string().optional(), name: z.string().optional(), symbol: z.string().optional() }).nullish(),
});
export type AcceptRegionDetail = z.infer<typeof acceptRegionDetail>;
export const acceptRegionsResponse = z.object({ regions: readable(acceptRegion) });

const acceptVendor = accepting(vendor, ['id', 'name'], { region: acceptRegionSummary.nullish() });
export const acceptVendorDetail = accepting(vendorDetail, ['id', 'name'], { region: acceptRegionSummary.nullish(), accessMethod: z.string().optional() });
export const acceptVendorsResponse = z.object({ vendors: readable(acceptVendor) });

const acceptManufacturerSummary = accepting(manufacturerSummary, ['id']);
const acceptModel = accepting(model, ['id', 'name']);
const acceptManufacturer = accepting(manufacturer, ['id', 'name']);
export type AcceptManufacturer = z.infer<typeof acceptManufacturer>;
export const acceptManufacturerDetail = accepting(manufacturerDetail, ['id', 'name'], { models: readable(acceptModel).optional() });
export const acceptManufacturersResponse = z.object({ manufacturers: readable(acceptManufacturer) });

// ---------------------------------------------------------------------------------------------
// People

const acceptEmployeeSummary = accepting(employeeSummary, ['id']);
export type AcceptEmployeeSummary = z.infer<typeof acceptEmployeeSummary>;
const employeeNested = {
  status: tolerant(employee.shape.status).optional(),
  department: accepting(department, ['id']).nullish(),
  // Another server's value of another kind is read as "not said", not as a broken answer.
  serviceAccount: z.boolean().optional().catch(undefined),
};
const acceptEmployee = accepting(employee, ['id'], employeeNested);
export type AcceptEmployee = z.infer<typeof acceptEmployee>;
const acceptCustomAttribute = accepting(customAttribute, ['name']);
const acceptEmployeeDetail = accepting(employeeDetail, ['id'], {
  ...employeeNested,
  manager: acceptEmployeeSummary.nullish(),
  customAttributes: z.array(acceptCustomAttribute).optional(),
});
export const acceptEmployeesResponse = z.object({ employees: acceptPage(acceptEmployee) });

const isKnownType = (value: string): value is TransactionType => (transactionTypes as readonly string[]).includes(value);

/** Types this app has no wizard for are left out, so nobody is offered an order it cannot build. */
const knownTransactionTypes = z.array(z.string()).transform((types) => types.filter(isKnownType));

export const acceptMe = accepting(meResponse, ['authenticatedUser', 'actor', 'transactionTypes'], {
  authenticatedUser: acceptEmployeeDetail,
  actor: acceptEmployeeDetail,
  transactionTypes: knownTransactionTypes,
  customAttributes: z.array(acceptCustomAttribute).optional(),
  actAs: z.array(acceptEmployeeSummary).optional(),
  transactionTypeRestrictions: z
    .array(accepting(transactionTypeRestriction, ['transactionType', 'reason'], { transactionType: z.string() }))
    .optional(),
});
export type AcceptMe = z.infer<typeof acceptMe>;

// ---------------------------------------------------------------------------------------------
// Catalog

const catalogItemNested = {
  manufacturer: acceptManufacturerSummary.optional(),
  vendor: acceptVendor.optional(),
  price: acceptMoney,
  accessMethod: z.string().optional(),
};

const acceptCatalogDevice = accepting(catalogDevice, ['id', 'name'], catalogItemNested);
export type AcceptCatalogDevice = z.infer<typeof acceptCatalogDevice>;
const acceptDeviceFeature = accepting(deviceFeature, ['id', 'options'], {
  type: z.string().optional(),
  validation: z.string().optional(),
  options: z.array(accepting(deviceFeatureOption, ['id'], { price: acceptMoney.optional() })),
});
export const acceptCatalogDeviceDetail = accepting(catalogDeviceDetail, ['id', 'name'], {
  ...catalogItemNested,
  specifications: z.array(accepting(specification, ['value'])).optional(),
  deviceFeatures: z.array(acceptDeviceFeature).optional(),
  model: acceptModel.optional(),
});
export type AcceptCatalogDeviceDetail = z.infer<typeof acceptCatalogDeviceDetail>;
export const acceptCatalogDevicesResponse = z.object({ devices: acceptPage(acceptCatalogDevice) });

const acceptFeature = accepting(feature, ['id'], { price: acceptMoney.optional() });
const acceptCatalogPlan = accepting(catalogPlan, ['id', 'name'], { vendor: acceptVendor.optional(), price: acceptMoney });
export const acceptCatalogPlanDetail = accepting(catalogPlanDetail, ['id', 'name'], {
  vendor: acceptVendor.optional(),
  price: acceptMoney,
  optionalFeatures: readable(acceptFeature).optional(),
});
export type AcceptCatalogPlanDetail = z.infer<typeof acceptCatalogPlanDetail>;
export const acceptCatalogPlansResponse = z.object({ plans: acceptPage(acceptCatalogPlan) });
export const acceptFeaturesResponse = z.object({ features: readable(acceptFeature) });

const acceptAccessory = accepting(accessory, ['id', 'name'], catalogItemNested);
export const acceptAccessoriesResponse = z.object({ accessories: acceptPage(acceptAccessory) });

// ---------------------------------------------------------------------------------------------
// Assets

const acceptServiceStatus = tolerant(serviceItem.shape.status);
const acceptOrderActions = z.array(z.string()).transform((types) => types.filter(isKnownType));
const acceptDeviceAssetSummary = accepting(deviceAssetSummary, ['id'], {
  manufacturer: acceptManufacturerSummary.optional(),
  model: accepting(model, ['id']).optional(),
  serialNumber: z.object({ type: z.string().optional(), value: z.string().optional() }).optional(),
});
const acceptDeviceAsset = accepting(deviceAsset, ['id'], {
  manufacturer: acceptManufacturerSummary.optional(),
  model: accepting(model, ['id']).optional(),
  serialNumber: z.object({ type: z.string().optional(), value: z.string().optional() }).optional(),
  accessMethod: z.string().optional(),
});
const serviceVendors = z.object({ billing: acceptVendor.optional(), current: acceptVendor.optional() });
const acceptPlanSummary = accepting(servicePlanSummary, ['name']);

const acceptServiceItem = accepting(serviceItem, ['id', 'serviceNumber'], {
  status: acceptServiceStatus.optional(),
  plan: acceptPlanSummary.nullish(),
  vendor: serviceVendors.optional(),
  employee: acceptEmployeeSummary.nullish(),
  device: acceptDeviceAssetSummary.nullish(),
  region: acceptRegionSummary.nullish(),
  orderActions: acceptOrderActions.optional(),
});
export type AcceptServiceItem = z.infer<typeof acceptServiceItem>;
export const acceptServiceDetail = accepting(serviceDetail, ['id', 'serviceNumber'], {
  status: acceptServiceStatus.optional(),
  plan: acceptPlanSummary.nullish(),
  vendor: serviceVendors.optional(),
  employee: acceptEmployeeSummary.nullish(),
  device: acceptDeviceAsset.nullish(),
  region: acceptRegionSummary.nullish(),
  orderActions: acceptOrderActions.optional(),
  features: z.array(acceptFeature).optional(),
  contractDates: accepting(contractDates).optional(),
});
export type AcceptServiceDetail = z.infer<typeof acceptServiceDetail>;
export const acceptServicesResponse = z.object({ services: acceptPage(acceptServiceItem) });

const acceptDeviceAssetItem = accepting(deviceAssetItem, ['id'], {
  manufacturer: acceptManufacturerSummary.optional(),
  model: accepting(model, ['id']).optional(),
  serialNumber: z.object({ type: z.string().optional(), value: z.string().optional() }).optional(),
  accessMethod: z.string().optional(),
  service: accepting(serviceSummary, ['id'], { status: acceptServiceStatus.optional(), plan: acceptPlanSummary.nullish(), vendor: serviceVendors.optional() }).nullish(),
  employee: acceptEmployeeSummary.nullish(),
  orderActions: acceptOrderActions.optional(),
});
export const acceptDeviceAssetsResponse = z.object({ devices: acceptPage(acceptDeviceAssetItem) });

// ---------------------------------------------------------------------------------------------
// Order properties and acknowledgements

const acceptOrderPropertyField = accepting(orderPropertyField, ['id', 'type'], {
  validation: z.string().optional(),
  choice: z.object({ id: z.string(), otherText: z.string().optional() }).optional(),
  choices: z.array(accepting(propertyChoice, ['id'])).optional(),
});
const acceptOrderPropertyFieldGroup = accepting(orderPropertyFieldGroup, ['groupId', 'fields'], { fields: readable(acceptOrderPropertyField) });
export type AcceptOrderPropertyFieldGroup = z.infer<typeof acceptOrderPropertyFieldGroup>;
/** The vendor's own answer carries a `_meta` with only `href`. */
export const acceptOrderPropertiesResponse = z.object({
  properties: z.object({ _meta: z.unknown().optional(), items: readable(acceptOrderPropertyFieldGroup) }),
});

export const acceptAcknowledgementsResponse = accepting(acknowledgementsResponse, [], {
  infoblocks: z.array(accepting(infoblock, [], { paragraphs: z.array(z.object({ text: z.string().optional() })).optional() })).optional(),
  acknowledgements: z
    .array(accepting(acknowledgementDefinition, ['id'], { type: z.string().optional(), validation: z.string().optional() }))
    .optional(),
});

// ---------------------------------------------------------------------------------------------
// Orders: the confirmation

const acceptNamed = z.object({ id: z.string().optional(), name: z.string().optional() });
const acceptSerial = z.object({ type: z.string().optional(), value: z.string().optional() });
const acceptPricedFeature = accepting(pricedFeature, [], { price: acceptMoney.optional() });
const acceptCartDevice = accepting(cartDevice, [], {
  manufacturer: acceptManufacturerSummary.optional(),
  vendor: acceptNamed.optional(),
  price: acceptMoney.optional(),
  accessMethod: z.string().optional(),
  deviceFeatureOptions: z
    .array(z.object({ featureId: z.string().optional(), featureLabel: z.string().optional(), id: z.string(), label: z.string().optional(), price: acceptMoney.optional() }))
    .optional(),
});
const acceptCartPlan = accepting(cartPlan, [], {
  vendor: acceptNamed.optional(),
  price: acceptMoney.optional(),
  includedFeatures: z.array(z.object({ description: z.string().optional() })).optional(),
  optionalFeatures: z.array(acceptPricedFeature).optional(),
});
const acceptCartAccessory = accepting(cartAccessory, [], {
  manufacturer: acceptManufacturerSummary.optional(),
  vendor: acceptNamed.optional(),
  price: acceptMoney.optional(),
});
const acceptCartFeatureChange = accepting(cartFeatureChange, [], { price: acceptMoney.optional(), action: z.string().optional() });
const acceptShoppingCart = accepting(expandedShoppingCart, [], {
  device: acceptCartDevice.optional(),
  plan: acceptCartPlan.optional(),
  accessories: z.array(acceptCartAccessory).optional(),
  features: z.array(acceptCartFeatureChange).optional(),
});
export type AcceptShoppingCart = z.infer<typeof acceptShoppingCart>;
const acceptExpandedProperty = accepting(expandedProperty, ['id'], {
  type: z.string().optional(),
  choice: z.object({ id: z.string(), label: z.string().optional(), otherText: z.string().optional() }).optional(),
});
const acceptExpandedPropertyGroup = accepting(expandedPropertyGroup, [], { fields: z.array(acceptExpandedProperty).optional() });
const acceptShipTo = accepting(expandedShipTo, [], {
  region: acceptRegionSummary.optional(),
  address: z.array(z.object({ id: z.string(), label: z.string().optional(), value: z.string().optional() })).optional(),
});

/** A level of an order's approval; a server without `approval-rules` sends only employee and decision. */
const acceptApprover = accepting(approverEntry, [], {
  level: numeric.optional(),
  employee: acceptEmployeeSummary.nullish(),
  approverGroup: accepting(approverGroupReference, ['id']).nullish(),
  decision: tolerant(approverEntry.shape.decision).optional(),
  decidedBy: acceptEmployeeSummary.nullish(),
  onBehalfOf: acceptEmployeeSummary.nullish(),
});
export type AcceptApprover = z.infer<typeof acceptApprover>;

const acceptOrderConfirmation = accepting(orderConfirmation, [], {
  transactionType: z.string().optional(),
  accountHolder: acceptEmployee.optional(),
  requestedBy: acceptEmployee.optional(),
  region: acceptRegionSummary.extend({ countryCode: z.string().nullish() }).optional(),
  service: accepting(confirmationService, ['id'], {
    status: acceptServiceStatus.optional(),
    contractDates: accepting(contractDates).optional(),
    plan: acceptNamed.nullish(),
    vendor: z.object({ billing: acceptNamed.optional(), current: acceptNamed.optional() }).optional(),
  }).optional(),
  device: accepting(confirmationServiceDevice, [], {
    manufacturer: acceptManufacturerSummary.optional(),
    serialNumber: acceptSerial.optional(),
    accessMethod: z.string().optional(),
  }).optional(),
  currentVendor: acceptNamed.optional(),
  existingDevice: accepting(describedDevice, [], { manufacturer: acceptManufacturerSummary.optional(), model: acceptNamed.optional(), serialNumber: acceptSerial.optional() }).optional(),
  newDevice: accepting(describedDevice, [], { manufacturer: acceptManufacturerSummary.optional(), model: acceptNamed.optional(), serialNumber: acceptSerial.optional() }).optional(),
  shoppingCart: acceptShoppingCart.optional(),
  properties: z.array(acceptExpandedPropertyGroup).optional(),
  shipTo: acceptShipTo.optional(),
  acknowledgements: z.array(accepting(expandedAcknowledgement, ['id'], { boolean: z.boolean().optional() })).optional(),
  approval: accepting(approvalSummary, ['required'], { approver: acceptEmployeeSummary.nullish(), levels: readable(acceptApprover).optional() }).optional(),
  // Unreadable totals are as good as none: the app then computes them from the item prices.
  costSummary: z.array(acceptMoney).optional().catch(undefined),
});
export type AcceptOrderConfirmation = z.infer<typeof acceptOrderConfirmation>;
export const acceptOrderConfirmationResponse = z.object({ orderConfirmation: acceptOrderConfirmation });

// ---------------------------------------------------------------------------------------------
// Orders: the stored order

const acceptOrderStatus = tolerant(orderItem.shape.status);

const acceptHistoryEntry = accepting(historyEntry, [], {
  status: acceptOrderStatus.optional(),
  actor: acceptEmployeeSummary.nullish(),
  requestedBy: acceptEmployeeSummary.nullish(),
});
export type AcceptHistoryEntry = z.infer<typeof acceptHistoryEntry>;
const acceptShipment = accepting(shipment, [], {
  items: z.array(z.object({ type: z.string().optional(), name: z.string().optional(), quantity: z.number().optional() })).optional(),
});
export type AcceptShipment = z.infer<typeof acceptShipment>;
const acceptOrderSegment = accepting(orderSegment, [], {
  status: acceptOrderStatus.optional(),
  vendor: acceptNamed.optional(),
  device: acceptCartDevice.nullish(),
  plan: z
    .object({ id: z.string().optional(), name: z.string().optional(), price: acceptMoney.optional(), optionalFeatures: z.array(acceptPricedFeature).optional() })
    .nullish(),
  accessories: z.array(acceptCartAccessory).optional(),
  features: z.array(acceptCartFeatureChange).optional(),
  _meta: z.object({ href: z.string().optional(), hrefHistory: z.string().optional(), hrefShipments: z.string().optional() }).optional(),
});
export type AcceptOrderSegment = z.infer<typeof acceptOrderSegment>;

const orderNested = {
  transactionType: z.string().optional(),
  status: acceptOrderStatus.optional(),
  accountHolder: acceptEmployeeSummary.optional(),
  requestedBy: acceptEmployeeSummary.optional(),
  _meta: z.object({ href: z.string().optional() }).optional(),
  properties: z.array(acceptExpandedPropertyGroup).optional(),
  approvers: z.array(acceptApprover).optional(),
  pendingApprovalLevel: numeric.nullish().catch(undefined),
  justification: z.string().nullish().catch(undefined),
  eligibleOnBehalfOf: acceptEmployeeSummary.nullish().catch(undefined),
  orderSegments: z.object({ items: z.array(acceptOrderSegment).optional() }).optional(),
  shipments: readable(acceptShipment).optional(),
  history: readable(acceptHistoryEntry).optional(),
  shipTo: acceptShipTo.optional(),
};

/** An order as `GET /orders` lists it: only its number is needed to list and open it. */
const acceptOrderItem = accepting(orderItem, ['orderId'], orderNested);
export type AcceptOrderItem = z.infer<typeof acceptOrderItem>;
export const acceptOrdersResponse = z.object({ orders: acceptPage(acceptOrderItem) });

const acceptOrder = accepting(order, ['orderId'], { ...orderNested, confirmation: acceptOrderConfirmation.optional() });
export type AcceptOrder = z.infer<typeof acceptOrder>;
export const acceptOrderResponse = z.object({ order: acceptOrder });

export const acceptHistoryResponse = z.object({ history: readable(acceptHistoryEntry) });
export const acceptShipmentsResponse = z.object({ shipments: readable(acceptShipment) });
export const acceptApprovalResponse = accepting(approvalResponse, [], { status: tolerant(approvalResponse.shape.status).optional() });
export type AcceptApprovalResponse = z.infer<typeof acceptApprovalResponse>;

export const acceptApprovalDelegateResponse = accepting(approvalDelegateResponse, [], {
  delegate: acceptEmployeeSummary.nullish(),
  delegateFor: readable(accepting(approvalDelegation, ['from', 'until'], { approver: acceptEmployeeSummary })).optional(),
});
export type AcceptApprovalDelegateResponse = z.infer<typeof acceptApprovalDelegateResponse>;
