/**
 * The checks every transaction type shares (MOBPROC §4.3–§4.4). Each adds its problems with the
 * body path of the offending input and returns what it resolved, so a type module can go on
 * checking the rest: one answer lists every problem.
 */
import { and, eq } from 'drizzle-orm';
import {
  capitalised,
  withArticle,
  addressSchema,
  earliestTodayIn,
  isPreferredDate,
  normalizeCalendarDate,
  preferredDateProblem,
  orderMemberRules,
  normalizePostalCode,
  postalCodeProblem,
  propertiesSchema,
  shipToFollowsCart,
  type CheckedOrderProperties,
  type DeviceDescription,
  type OrderRequest,
  type PropertyGroupDefinition,
  type TransactionType,
} from '../../../contract/index.ts';
import { findDevice, findVisibleService } from '../assets.ts';
import { findEmployeeByCompanyId } from '../employees.ts';
import { numberCountry } from './number-country.ts';
import { allowedTransactionTypes } from '../actor.ts';
import { orderActionsFor } from '../order-actions.ts';
import { storageId } from '../sql.ts';
import { one } from '../../storage/statements.ts';
import type { Db } from '../../storage/db.ts';
import { orderPropertyDefinitions } from '../../storage/schema.ts';
import {
  hasOpenOrder,
  loadAccessories,
  loadCatalogDevice,
  loadFeatures,
  loadPlan,
  lookupReference,
  type AccessoryRow,
  type CatalogDeviceFull,
  type DeviceRow,
  type FeatureFull,
  type ModelRow,
  type ManufacturerRow,
  type OrderContext,
  type PlanFull,
  type RegionRow,
  type ServiceRow,
  type VendorRow,
} from './context.ts';

export type ChosenOption = { featureId: string; featureLabel: string; id: string; label: string; priceCents: number };

export type DescribedDevice = {
  manufacturer: ManufacturerRow;
  model: ModelRow;
  otherMakeModelName?: string;
  serialNumber: { type: string; value: string };
  simId?: string;
  /** For SWAP_DEVICES' newDevice: the device asset it matched. */
  assetId?: number;
};

export type CheckedShipTo = {
  name: string;
  region: RegionRow;
  address: { id: string; value: string }[];
  expedite: boolean;
};

/** Everything a valid order resolved to; pricing, the confirmation and fulfilment read it. */
export type Draft = {
  type: TransactionType;
  service?: ServiceRow;
  serviceDevice?: DeviceRow;
  region?: RegionRow;
  postalCode?: string;
  currentVendor?: VendorRow;
  device?: CatalogDeviceFull;
  deviceOptions: ChosenOption[];
  plan?: PlanFull;
  optionalFeatures: FeatureFull[];
  accessories: AccessoryRow[];
  featureChanges: { feature: FeatureFull; action: 'ADD' | 'REMOVE' }[];
  featureRequestComment?: string;
  /** 0 for types without a quantity. */
  quantity: number;
  existingDevice?: DescribedDevice;
  newDevice?: DescribedDevice;
  /** The number an XFER_SERVICE_IN type brings in: as written, its national digits, and the request field that named it. */
  incomingNumber?: { text: string; national: string; field: string };
  /** The carrier that fulfils the order: the new plan's, else the device's, else the service's. */
  fulfillingVendor?: VendorRow;
  /** A SIM ships (a carrier change without a new device). */
  shipsSim: boolean;
  properties: CheckedOrderProperties;
  propertyDefinitions: PropertyGroupDefinition[];
  shipTo?: CheckedShipTo;
  acknowledgements: { id: string; label: string; type: string; boolean: boolean }[];
};

export const emptyDraft = (type: TransactionType): Draft => ({
  type,
  deviceOptions: [],
  optionalFeatures: [],
  accessories: [],
  featureChanges: [],
  quantity: 0,
  shipsSim: false,
  properties: [],
  propertyDefinitions: [],
  acknowledgements: [],
});

/** Does anything physical ship? (Then `shipTo` is required.) */
export const shipsSomething = (draft: Draft) => draft.device !== undefined || draft.accessories.length > 0 || draft.shipsSim;

// ---------------------------------------------------------------------------------------------

/** The actor may order this type at all (transaction type restrictions of §3 `/me`). */
export async function checkTypeAllowed(ctx: OrderContext): Promise<boolean> {
  if ((await allowedTransactionTypes(ctx.db, ctx.actor)).includes(ctx.type)) return true;
  ctx.problems.rule('orderRequest.transactionType', `${ctx.actor.firstName} ${ctx.actor.lastName} may not place ${ctx.type} orders.`);
  return false;
}

/** The service exists, is visible, is in a state that allows the type, and has no open order. */
export async function checkService(ctx: OrderContext, request: OrderRequest, draft: Draft, typeAllowed: boolean): Promise<void> {
  if (request.serviceId === undefined) return;
  const field = 'orderRequest.serviceId';
  const serviceId = storageId(request.serviceId);
  const service = serviceId === null ? undefined : await findVisibleService(ctx.db, ctx.auth, serviceId);
  if (!service) {
    ctx.problems.unknown(field, `There is no service ${request.serviceId} that you can order for.`);
    return;
  }
  draft.service = service;
  if (service.employeeId !== ctx.actor.id) {
    // The owner's restrictions and approval policy must apply, so the caller acts for the owner (§2).
    const owner = service.firstName ? `${service.firstName} ${service.lastName}` : 'the line’s owner';
    ctx.problems.rule(field, `Service ${service.serviceNumber} belongs to ${owner}: act for ${owner} to order on this line.`);
  }
  if (service.deviceAssetId !== null) draft.serviceDevice = await findDevice(ctx.db, ctx.tenantId, service.deviceAssetId);
  draft.region = await lookupReference(ctx.db, 'regions', service.regionId);
  if (await hasOpenOrder(ctx.db, service.id)) {
    ctx.problems.rule(field, `Service ${service.serviceNumber} already has an open order; wait until it completes.`);
    return;
  }
  if (typeAllowed && !orderActionsFor(service.status, false, [ctx.type]).includes(ctx.type)) {
    ctx.problems.rule(field, `${capitalised(withArticle(service.status))} service cannot take ${withArticle(ctx.type)} order.`);
  }
}

/** A COUNTRY region, and the postal-code rule of §4.4. */
export async function checkRegion(ctx: OrderContext, request: OrderRequest, draft: Draft): Promise<void> {
  if (request.regionId === undefined) return;
  const regionId = storageId(request.regionId);
  const region = regionId === null ? undefined : await lookupReference(ctx.db, 'regions', regionId);
  if (!region) {
    ctx.problems.unknown('orderRequest.regionId', `There is no country with ID ${request.regionId}.`);
    return;
  }
  draft.region = region;
  const problem = postalCodeProblem(region, request.postalCode);
  if (problem) {
    ctx.problems.add(request.postalCode?.trim() ? 'INVALID_FIELD' : 'MISSING_FIELD', problem, 'orderRequest.postalCode');
  } else if (request.postalCode?.trim()) {
    draft.postalCode = normalizePostalCode(region.countryCode, request.postalCode);
  }
}

const actorMayOrderDevice = (ctx: OrderContext, device: CatalogDeviceFull) =>
  ctx.actor.isServiceAccount || device.eligibleDepartmentIds === null || device.eligibleDepartmentIds.includes(ctx.actor.departmentId ?? -1);

/** A catalog device the actor may order, sold in the order's region, with its chosen options. */
export async function checkCatalogDevice(ctx: OrderContext, request: OrderRequest, draft: Draft): Promise<void> {
  const cart = request.shoppingCart;
  if (cart?.deviceId === undefined) return;
  const field = 'orderRequest.shoppingCart.deviceId';
  const deviceId = storageId(cart.deviceId);
  const device = deviceId === null ? undefined : await loadCatalogDevice(ctx.db, ctx.tenantId, deviceId);
  if (!device || !actorMayOrderDevice(ctx, device)) {
    ctx.problems.unknown(field, `There is no catalog device ${cart.deviceId} that ${ctx.actor.firstName} ${ctx.actor.lastName} may order.`);
    return;
  }
  if (draft.region && device.regionId !== draft.region.id) {
    ctx.problems.rule(field, `${device.name} is not sold in ${draft.region.name}.`);
  }
  draft.device = device;
  const chosen = new Map<string, ChosenOption>();
  (cart.deviceFeatureOptionIds ?? []).forEach((optionId, index) => {
    const optionField = `orderRequest.shoppingCart.deviceFeatureOptionIds.${index}`;
    const feature = device.deviceFeatures.find((candidate) => candidate.options.some((option) => option.id === optionId));
    const option = feature?.options.find((candidate) => candidate.id === optionId);
    if (!feature || !option) {
      ctx.problems.invalid(optionField, `${optionId} is not an option of ${device.name}.`);
      return;
    }
    if (chosen.has(feature.id)) {
      ctx.problems.invalid(optionField, `Choose one ${feature.label.toLowerCase()} only.`);
      return;
    }
    chosen.set(feature.id, { featureId: feature.id, featureLabel: feature.label, id: option.id, label: option.label, priceCents: option.priceCents });
  });
  // A required choice left open takes the catalog's default, as the device page shows it.
  draft.deviceOptions = device.deviceFeatures.flatMap((feature) => {
    const picked = chosen.get(feature.id);
    if (picked) return [picked];
    const fallback = feature.validation === 'REQUIRED' ? (feature.options.find((option) => option.isDefault) ?? feature.options[0]) : undefined;
    return fallback
      ? [{ featureId: feature.id, featureLabel: feature.label, id: fallback.id, label: fallback.label, priceCents: fallback.priceCents }]
      : [];
  });
}

/** A plan of the tenant, sold in the order's region. */
export async function checkPlan(ctx: OrderContext, request: OrderRequest, draft: Draft): Promise<void> {
  const planIdText = request.shoppingCart?.planId;
  if (planIdText === undefined) return;
  const planId = storageId(planIdText);
  const plan = planId === null ? undefined : await loadPlan(ctx.db, ctx.tenantId, planId);
  if (!plan) {
    ctx.problems.unknown('orderRequest.shoppingCart.planId', `There is no plan ${planIdText} in the catalog.`);
    return;
  }
  if (draft.region && plan.regionId !== draft.region.id) {
    ctx.problems.rule('orderRequest.shoppingCart.planId', `${plan.name} is not offered in ${draft.region.name}.`);
  }
  draft.plan = plan;
}

/** Plan and device share a carrier and access method (§4.4). */
export async function checkDeviceFitsPlan(ctx: OrderContext, draft: Draft): Promise<void> {
  const { device, plan } = draft;
  if (!device || !plan) return;
  const carrier = await lookupReference(ctx.db, 'vendors', plan.vendorId);
  if (device.vendorId !== plan.vendorId || (carrier && device.accessMethod !== carrier.accessMethod)) {
    ctx.problems.rule(
      'orderRequest.shoppingCart.deviceId',
      `${device.name} (${(await lookupReference(ctx.db, 'vendors', device.vendorId))?.name ?? 'another carrier'}) does not work with ${plan.name} (${carrier?.name ?? 'its carrier'}); choose a device and plan of the same carrier.`,
    );
  }
}

/** Optional features belong to the plan. */
export async function checkOptionalFeatures(ctx: OrderContext, request: OrderRequest, draft: Draft): Promise<void> {
  const ids = request.shoppingCart?.optionalFeatureIds ?? [];
  if (ids.length === 0) return;
  if (request.shoppingCart?.planId === undefined) {
    ctx.problems.rule('orderRequest.shoppingCart.optionalFeatureIds', 'Optional features come with a plan; add a plan to the cart.');
    return;
  }
  const numeric = ids.map(storageId);
  const found = await loadFeatures(ctx.db, ctx.tenantId, numeric.filter((value): value is number => value !== null), draft.plan?.id ?? null);
  const seen = new Set<number>();
  numeric.forEach((featureId, index) => {
    const field = `orderRequest.shoppingCart.optionalFeatureIds.${index}`;
    const feature = featureId === null ? undefined : found.get(featureId);
    if (!feature) return ctx.problems.unknown(field, `There is no feature ${ids[index]}.`);
    if (seen.has(feature.id)) return ctx.problems.invalid(field, `${feature.description} is listed twice.`);
    seen.add(feature.id);
    if (draft.plan && !feature.onPlan) return ctx.problems.rule(field, `${feature.description} is not an optional feature of ${draft.plan.name}.`);
    draft.optionalFeatures.push(feature);
  });
}

/** Accessories exist and fit the device: the new one in the cart, else the one on the service. */
export async function checkAccessories(ctx: OrderContext, request: OrderRequest, draft: Draft): Promise<void> {
  const ids = request.shoppingCart?.accessoryIds ?? [];
  if (ids.length === 0) return;
  const modelId = draft.device?.modelId ?? draft.serviceDevice?.modelId ?? null;
  const deviceName = draft.device?.name ?? (draft.serviceDevice ? (await lookupReference(ctx.db, 'models', draft.serviceDevice.modelId))?.name : undefined);
  const numeric = ids.map(storageId);
  const found = await loadAccessories(ctx.db, ctx.tenantId, numeric.filter((value): value is number => value !== null), modelId);
  for (const [index, accessoryId] of numeric.entries()) {
    const field = `orderRequest.shoppingCart.accessoryIds.${index}`;
    const accessory = accessoryId === null ? undefined : found.get(accessoryId);
    if (!accessory) {
      ctx.problems.unknown(field, `There is no accessory ${ids[index]} in the catalog.`);
      continue;
    }
    if (modelId === null) {
      ctx.problems.rule(field, `${accessory.name} needs a device to fit; add a device to the cart.`);
      continue;
    }
    // Check every listed one; a device waiting for two cases is a legitimate order.
    if (!accessory.fits) {
      ctx.problems.rule(field, `${accessory.name} does not fit ${deviceName ?? 'the device'}.`);
      continue;
    }
    const soldIn = (await lookupReference(ctx.db, 'vendors', accessory.vendorId))?.regionId;
    if (draft.region && soldIn !== draft.region.id) {
      ctx.problems.rule(field, `${accessory.name} is not sold in ${draft.region.name}.`);
      continue;
    }
    draft.accessories.push(accessory);
  }
}

/**
 * Every priced item is in the currency of the order's country (§4.4), so a total never mixes
 * currencies. Region checks keep devices, plans and accessories in their country; this also
 * catches catalog rows priced in another currency than their country's.
 */
export function checkCurrencies(ctx: OrderContext, request: OrderRequest, draft: Draft): void {
  const currency = draft.region?.currencyCode;
  if (!currency) return;
  const cart = request.shoppingCart;
  const refuse = (field: string, name: string, itemCurrency: string) =>
    ctx.problems.rule(field, `${name} is priced in ${itemCurrency}; every item of an order in ${draft.region!.name} is priced in ${currency}.`);
  const indexIn = (ids: string[] | undefined, itemId: number) => (ids ?? []).findIndex((candidate) => storageId(candidate) === itemId);
  const { device, plan, region } = draft;
  // A device or plan of another country was reported as such already.
  if (device && device.regionId === region!.id && device.currencyCode !== currency) refuse('orderRequest.shoppingCart.deviceId', device.name, device.currencyCode);
  if (plan && plan.regionId === region!.id && plan.currencyCode !== currency) refuse('orderRequest.shoppingCart.planId', plan.name, plan.currencyCode);
  for (const feature of draft.optionalFeatures) {
    if (feature.currencyCode !== currency) refuse(`orderRequest.shoppingCart.optionalFeatureIds.${indexIn(cart?.optionalFeatureIds, feature.id)}`, feature.description, feature.currencyCode);
  }
  for (const accessory of draft.accessories) {
    if (accessory.currencyCode !== currency) refuse(`orderRequest.shoppingCart.accessoryIds.${indexIn(cart?.accessoryIds, accessory.id)}`, accessory.name, accessory.currencyCode);
  }
  draft.featureChanges.forEach(({ feature, action }) => {
    if (action !== 'ADD' || feature.currencyCode === currency) return;
    const index = (cart?.features ?? []).findIndex((change) => storageId(change.id) === feature.id);
    refuse(`orderRequest.shoppingCart.features.${index}.id`, feature.description, feature.currencyCode);
  });
}

/** The name of a country the seed knows (`Canada`), else its code. */
async function countryName(ctx: OrderContext, countryCode: string): Promise<string> {
  const name = (await one<{ name: string }>(ctx.db, "SELECT name FROM regions WHERE type = 'COUNTRY' AND country_code = ?", countryCode))?.name ?? countryCode;
  return /^United /.test(name) ? `the ${name}` : name;
}

/**
 * A number keeps its country when it moves (§4.4): a port, an upgrade onto another carrier, or a
 * personal number brought in lands on a carrier of the number's own country — a US number cannot
 * be ported to a Canadian carrier. Reported on the plan (which picks the carrier) and, when the
 * order names a country, on `regionId`.
 */
export async function checkNumberCountry(ctx: OrderContext, request: OrderRequest, draft: Draft, bringsNumberIn: boolean): Promise<void> {
  const target = draft.plan ? await lookupReference(ctx.db, 'vendors', draft.plan.vendorId) : undefined;
  if (!target) return;
  let number: string | undefined;
  if (bringsNumberIn) {
    const field = (request.properties ?? []).flatMap((group) => group.fields).find((candidate) => candidate.id === 'SERVICE_NUMBER');
    number = field && 'text' in field && typeof field.text === 'string' ? field.text : undefined;
  } else if (draft.service && target.id !== draft.service.currentVendorId) {
    number = draft.service.serviceNumber;
  }
  if (!number?.trim()) return;
  const homeRegion = draft.service ? await lookupReference(ctx.db, 'regions', draft.service.regionId) : draft.region;
  const country = numberCountry(number, homeRegion?.countryCode);
  if (!country) return;
  const carrierCountry = target.regionId === null ? undefined : (await lookupReference(ctx.db, 'regions', target.regionId))?.countryCode;
  const where = await countryName(ctx, country);
  if (carrierCountry && carrierCountry !== country) {
    ctx.problems.rule(
      'orderRequest.shoppingCart.planId',
      `${number.trim()} is a number in ${where}, and ${target.name} is a carrier in ${await countryName(ctx, carrierCountry)}; a number can move only to a carrier in its own country. Choose a plan of a carrier in ${where}.`,
    );
  }
  if (request.regionId !== undefined && draft.region?.countryCode && draft.region.countryCode !== country) {
    ctx.problems.rule('orderRequest.regionId', `${number.trim()} is a number in ${where}; the order's country must be ${where}.`);
  }
}

/** Manufacturer and model from `/manufacturers`; `Other` needs `otherMakeModelName`. */
export async function checkDescribedDevice(ctx: OrderContext, description: DeviceDescription | Omit<DeviceDescription, 'simId'>, path: string): Promise<DescribedDevice | undefined> {
  const manufacturerId = storageId(description.manufacturerId);
  const modelId = storageId(description.modelId);
  const manufacturer = manufacturerId === null ? undefined : await lookupReference(ctx.db, 'manufacturers', manufacturerId);
  const model = modelId === null ? undefined : await lookupReference(ctx.db, 'models', modelId);
  let ok = true;
  if (!manufacturer) {
    ctx.problems.unknown(`${path}.manufacturerId`, `There is no manufacturer ${description.manufacturerId}.`);
    ok = false;
  }
  if (!model || (manufacturer && model.manufacturerId !== manufacturer.id)) {
    ctx.problems.unknown(`${path}.modelId`, `There is no model ${description.modelId}${manufacturer ? ` by ${manufacturer.name}` : ''}.`);
    ok = false;
  }
  const isOther = manufacturer?.name === 'Other' || model?.name === 'Other';
  if (isOther && !description.otherMakeModelName?.trim()) {
    ctx.problems.missing(`${path}.otherMakeModelName`, 'Name the make and model when you choose Other.');
    ok = false;
  }
  if (!ok || !manufacturer || !model) return undefined;
  return {
    manufacturer,
    model,
    ...(isOther ? { otherMakeModelName: description.otherMakeModelName!.trim() } : {}),
    serialNumber: description.serialNumber,
    ...('simId' in description && description.simId ? { simId: description.simId } : {}),
  };
}

/** UPGRADE's and SWAP_DEVICES' existingDevice is the device now on the service (serial number). */
export async function checkExistingDevice(ctx: OrderContext, request: OrderRequest, draft: Draft): Promise<void> {
  if (!request.existingDevice) return;
  const described = await checkDescribedDevice(ctx, request.existingDevice, 'orderRequest.existingDevice');
  const onService = draft.serviceDevice;
  if (draft.service && !onService) {
    ctx.problems.rule('orderRequest.existingDevice', `Service ${draft.service.serviceNumber} has no device on record.`);
    return;
  }
  if (onService && !sameSerial(onService, request.existingDevice.serialNumber)) {
    ctx.problems.rule(
      'orderRequest.existingDevice.serialNumber.value',
      `The serial number does not match the device on service ${draft.service!.serviceNumber}.`,
    );
    return;
  }
  if (described) draft.existingDevice = described;
}

export const sameSerial = (device: Pick<DeviceRow, 'serialType' | 'serialValue'>, serial: { type: string; value: string }) =>
  device.serialType === serial.type && device.serialValue.toUpperCase() === serial.value.toUpperCase();

// ---------------------------------------------------------------------------------------------
// Properties, acknowledgements, shipping

const definitionCache = new WeakMap<Db, Map<string, { definitions: PropertyGroupDefinition[]; schema: ReturnType<typeof propertiesSchema> }>>();

/**
 * The property definitions of this order's type and vendor, as `/orders/properties` lists them
 * (WITH_DEVICE fields required only with a device in the cart, WITH_PLAN only with a plan), and
 * the schema built from them. Both are cached: definitions change only with the seed.
 */
export async function propertyRules(db: Db, tenantId: number, vendorId: number, type: TransactionType, hasDevice: boolean, hasPlan: boolean) {
  let perDb = definitionCache.get(db);
  if (!perDb) {
    perDb = new Map();
    definitionCache.set(db, perDb);
  }
  const key = `${tenantId}:${vendorId}:${type}:${hasDevice}:${hasPlan}`;
  let cached = perDb.get(key);
  if (!cached) {
    const d = orderPropertyDefinitions;
    const rows = await db
      .select({ groupId: d.groupId, definition: d.definition, appliesWhen: d.appliesWhen })
      .from(d)
      .where(and(eq(d.tenantId, tenantId), eq(d.vendorId, vendorId), eq(d.transactionType, type)))
      .orderBy(d.position, d.id);
    const groups = new Map<string, PropertyGroupDefinition>();
    for (const row of rows) {
      // A field for a device (or plan) the cart does not hold is not required; a client that
      // showed it anyway (it did not pass orderExcludesDevice) may still send it.
      const applies = !(row.appliesWhen === 'WITH_DEVICE' && !hasDevice) && !(row.appliesWhen === 'WITH_PLAN' && !hasPlan);
      let group = groups.get(row.groupId);
      if (!group) {
        group = { groupId: row.groupId, fields: [] };
        groups.set(row.groupId, group);
      }
      const definition = row.definition as PropertyGroupDefinition['fields'][number];
      group.fields.push(applies ? definition : { ...definition, validation: 'OPTIONAL' });
    }
    const definitions = [...groups.values()];
    cached = { definitions, schema: propertiesSchema(definitions) };
    perDb.set(key, cached);
  }
  return cached;
}

export async function checkProperties(ctx: OrderContext, request: OrderRequest, draft: Draft): Promise<void> {
  const vendor = draft.fulfillingVendor;
  if (!vendor) return;
  const rules = await propertyRules(ctx.db, ctx.tenantId, vendor.id, ctx.type, request.shoppingCart?.deviceId !== undefined, request.shoppingCart?.planId !== undefined);
  draft.propertyDefinitions = rules.definitions;
  const result = rules.schema.safeParse(request.properties ?? []);
  if (result.success) {
    draft.properties = result.data;
    await checkEmployeeReferences(ctx, result.data);
    return;
  }
  for (const issue of result.error.issues) {
    const field = ['orderRequest', 'properties', ...issue.path.map(String)].join('.');
    ctx.problems.add(/is required/.test(issue.message) ? 'MISSING_FIELD' : 'INVALID_FIELD', issue.message, field);
  }
}

/**
 * Property fields whose text names an employee by the tenant's own `companyEmployeeId` (§4.3:
 * UNSUSPEND's `USER`, defaulted to the actor's). The carrier acts on whoever it names, so a made-up
 * ID, or one of another tenant, is refused rather than passed on.
 */
const EMPLOYEE_REFERENCE_FIELDS = new Set(['USER']);

async function checkEmployeeReferences(ctx: OrderContext, properties: CheckedOrderProperties): Promise<void> {
  for (const [groupIndex, group] of properties.entries()) {
    for (const [fieldIndex, field] of group.fields.entries()) {
      if (!EMPLOYEE_REFERENCE_FIELDS.has(field.id) || !('text' in field) || !field.text) continue;
      if (await findEmployeeByCompanyId(ctx.db, ctx.tenantId, field.text)) continue;
      ctx.problems.unknown(
        `orderRequest.properties.${groupIndex}.fields.${fieldIndex}.text`,
        `There is no employee with the employee ID ${field.text}; give the company employee ID of someone in your company.`,
      );
    }
  }
}

/** A preferred date (`PREFERRED_*` DATE property) is not before today in the order's country (§4.4). */
export function checkPreferredDates(ctx: OrderContext, request: OrderRequest, draft: Draft): void {
  const dateFields = new Set(
    draft.propertyDefinitions.flatMap((group) => group.fields.filter(isPreferredDate).map((field) => `${group.groupId}\u0000${field.id}`)),
  );
  if (dateFields.size === 0) return;
  const today = earliestTodayIn(draft.region?.countryCode, ctx.now);
  const reported = new Set(ctx.problems.list.map((problem) => problem.field));
  (request.properties ?? []).forEach((group, gi) => {
    group.fields.forEach((value, fi) => {
      if (!dateFields.has(`${group.groupId}\u0000${value.id}`) || value.date === undefined) return;
      const field = `orderRequest.properties.${gi}.fields.${fi}.date`;
      const date = normalizeCalendarDate(value.date);
      if (!date || reported.has(field)) return;
      const problem = preferredDateProblem(date, today);
      if (problem) ctx.problems.invalid(field, problem);
    });
  });
}

type AcknowledgementDefinition = { id: string; label: string; type?: string; validation: 'REQUIRED' | 'OPTIONAL' };

const acknowledgementCache = new WeakMap<Db, Map<string, AcknowledgementDefinition[]>>();

/** A vendor's acknowledgements for a type, read once: like property definitions, only the seed writes them. */
async function acknowledgementDefinitions(db: Db, tenantId: number, vendorId: number, type: TransactionType): Promise<AcknowledgementDefinition[]> {
  let perDb = acknowledgementCache.get(db);
  if (!perDb) {
    perDb = new Map();
    acknowledgementCache.set(db, perDb);
  }
  const key = `${tenantId}:${vendorId}:${type}`;
  let definitions = perDb.get(key);
  if (!definitions) {
    const row = await one<{ acknowledgements: string }>(
      db,
      'SELECT acknowledgements FROM acknowledgement_sets WHERE tenant_id = ? AND vendor_id = ? AND transaction_type = ?',
      tenantId,
      vendorId,
      type,
    );
    definitions = row ? (JSON.parse(row.acknowledgements) as AcknowledgementDefinition[]) : [];
    perDb.set(key, definitions);
  }
  return definitions;
}

/** Required acknowledgements of the fulfilling vendor are present and true; unknown ones are refused. */
export async function checkAcknowledgements(ctx: OrderContext, request: OrderRequest, draft: Draft): Promise<void> {
  const vendor = draft.fulfillingVendor;
  const given = request.acknowledgements ?? [];
  const definitions = vendor ? await acknowledgementDefinitions(ctx.db, ctx.tenantId, vendor.id, ctx.type) : [];
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const answered = new Map<string, boolean>();
  given.forEach((answer, index) => {
    const definition = byId.get(answer.id);
    if (!definition) return ctx.problems.invalid(`orderRequest.acknowledgements.${index}.id`, `${answer.id} is not an acknowledgement of this order.`);
    if (answered.has(answer.id)) return ctx.problems.invalid(`orderRequest.acknowledgements.${index}.id`, `${definition.label} is answered twice.`);
    answered.set(answer.id, answer.boolean);
    if (definition.validation === 'REQUIRED' && !answer.boolean) {
      ctx.problems.rule(`orderRequest.acknowledgements.${index}.boolean`, `Accept: ${definition.label}`);
    }
  });
  for (const definition of definitions) {
    if (definition.validation === 'REQUIRED' && !answered.has(definition.id)) {
      ctx.problems.missing('orderRequest.acknowledgements', `Accept: ${definition.label}`);
    }
  }
  draft.acknowledgements = definitions
    .filter((definition) => answered.has(definition.id))
    .map((definition) => ({ id: definition.id, label: definition.label, type: definition.type ?? 'BOOLEAN', boolean: answered.get(definition.id)! }));
}

const addressSchemaCache = new WeakMap<RegionRow, ReturnType<typeof addressSchema>>();

/** `shipTo` when something ships (required then), against the ship-to region's addressFormat. */
export async function checkShipTo(ctx: OrderContext, request: OrderRequest, draft: Draft): Promise<void> {
  const shipTo = request.shipTo;
  if (!shipTo) {
    // The contract already reports these: where shipTo is always required, or required by the cart.
    const reportedByContract = orderMemberRules[ctx.type].shipTo === 'R' || shipToFollowsCart(ctx.type);
    if (!reportedByContract && shipsSomething(draft)) {
      ctx.problems.missing('orderRequest.shipTo', draft.device || draft.accessories.length > 0
        ? 'A shipping address is required when a device or accessories ship.'
        : 'A shipping address is required: a new SIM ships for the carrier change.');
    }
    return;
  }
  const regionId = storageId(shipTo.regionId);
  const region = regionId === null ? undefined : await lookupReference(ctx.db, 'regions', regionId);
  if (!region) {
    if (shipTo.regionId !== '') ctx.problems.unknown('orderRequest.shipTo.regionId', `There is no country with ID ${shipTo.regionId}.`);
    return;
  }
  let schema = addressSchemaCache.get(region);
  if (!schema) {
    schema = addressSchema(region.addressFormat, region.countryCode);
    addressSchemaCache.set(region, schema);
  }
  const result = schema.safeParse(shipTo.address);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = ['orderRequest', 'shipTo', 'address', ...issue.path.map(String)].join('.');
      ctx.problems.add(/is required/.test(issue.message) ? 'MISSING_FIELD' : 'INVALID_FIELD', issue.message, field);
    }
    return;
  }
  draft.shipTo = { name: shipTo.name, region, address: result.data, expedite: shipTo.expedite };
}
