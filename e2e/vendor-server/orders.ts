import { manufacturers, propertiesByType, transferAcknowledgements, US, usStates, vendors, type Employee } from './data.ts';
import { badRequest } from './errors.ts';
import {
  accessoryShape,
  catalogDeviceShape,
  employeeShape,
  findAccessory,
  findDevice,
  findPlan,
  manufacturerRef,
  modelShape,
  money,
  planDetailShape,
  regionRef,
  serviceActions,
  usAddressFormat,
  vendorRef,
  image,
  type Links,
} from './shapes.ts';
import type { ServiceAsset, Store, StoredOrder } from './store.ts';

/**
 * `POST /orders`: the checks a MOBPROC server makes before it accepts an order, the confirmation
 * (`?confirm=true`, stores nothing) and the stored order, in the vendor's shapes. The first problem
 * found is the answer, in the vendor's single-error form.
 */

export const transactionTypes = [
  'NEW_ACTIVATION',
  'UPGRADE',
  'PORT_NUMBER',
  'ORDER_ACCESSORIES',
  'SUSPEND',
  'UNSUSPEND',
  'DEACTIVATE',
  'UPDATE_FEATURES',
  'SWAP_DEVICES',
  'XFER_SERVICE_OUT',
  'XFER_SERVICE_IN',
  'XFER_SERVICE_IN_AND_PORT',
] as const;

const notOnService = new Set(['NEW_ACTIVATION', 'XFER_SERVICE_IN', 'XFER_SERVICE_IN_AND_PORT']);
const needsRegion = new Set(['NEW_ACTIVATION', 'PORT_NUMBER', 'XFER_SERVICE_IN', 'XFER_SERVICE_IN_AND_PORT']);
/** The vendor shows a cost summary for these types and leaves it out for the other care types. */
const priced = new Set(['NEW_ACTIVATION', 'UPGRADE', 'PORT_NUMBER', 'ORDER_ACCESSORIES', 'UPDATE_FEATURES', 'XFER_SERVICE_IN', 'XFER_SERVICE_IN_AND_PORT']);
const withCart = priced;

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asString = (value: unknown) => (typeof value === 'string' ? value.trim() : undefined);
const idList = (value: unknown, name: string): string[] => {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw badRequest('INVALID_FIELD', `${name} must be a list of IDs.`);
  return value;
};

export type OrderContext = { links: Links; store: Store; actor: Employee; requestedBy: Employee };

export type PricedOrder = {
  transactionType: string;
  confirmation: Json;
  service?: ServiceAsset;
  externalOrderNumber?: string;
  segments: Json[];
  properties: Json[];
  shipTo: Json;
};

function checkProperties(transactionType: string, value: unknown): Json[] {
  const definitions = propertiesByType[transactionType] ?? [];
  const given = new Map<string, Json>();
  if (value !== undefined) {
    if (!Array.isArray(value)) throw badRequest('INVALID_PROPERTIES', 'Properties must be a list of groups.');
    for (const group of value) {
      if (!isRecord(group) || !Array.isArray(group.fields)) throw badRequest('INVALID_PROPERTIES', 'Each property group needs a groupId and a list of fields.');
      for (const field of group.fields) {
        if (!isRecord(field) || typeof field.id !== 'string') throw badRequest('INVALID_PROPERTIES', 'Each property needs an id.');
        if (!definitions.some((definition) => definition.id === field.id)) throw badRequest('UNKNOWN_PROPERTY', `${field.id} is not a property of ${transactionType} orders.`);
        given.set(field.id, field);
      }
    }
  }
  const echoed: Json[] = [];
  for (const definition of definitions) {
    const field = given.get(definition.id);
    const base = { id: definition.id, label: definition.label, type: definition.type };
    if (definition.type === 'TEXT') {
      const text = asString(field?.text) ?? '';
      if (!text) {
        if (definition.validation === 'REQUIRED') throw badRequest('MISSING_PROPERTY', `${definition.label} is required.`);
        continue;
      }
      if ((definition.minLength !== undefined && text.length < definition.minLength) || (definition.maxLength !== undefined && text.length > definition.maxLength))
        throw badRequest('INVALID_PROPERTY', `${definition.label} must be ${definition.minLength ?? 0} to ${definition.maxLength} characters.`);
      if (definition.regEx && !new RegExp(`^(?:${definition.regEx})$`).test(text)) throw badRequest('INVALID_PROPERTY', `${definition.label} is not in the expected form.`);
      echoed.push({ ...base, text });
    } else if (definition.type === 'DATE') {
      const date = asString(field?.date) ?? '';
      if (!date) {
        if (definition.validation === 'REQUIRED') throw badRequest('MISSING_PROPERTY', `${definition.label} is required.`);
        continue;
      }
      const day = /^(\d{4}-\d{2}-\d{2})(?:T00:00:00(?:\.0+)?(?:Z|[+-]\d{2}:\d{2}))?$/.exec(date)?.[1];
      if (!day || Number.isNaN(Date.parse(`${day}T00:00:00Z`))) throw badRequest('INVALID_PROPERTY', `${definition.label} must be a date (yyyy-mm-dd).`);
      echoed.push({ ...base, date: `${day}T00:00:00Z` });
    } else {
      const choice = isRecord(field?.choice) ? field.choice : undefined;
      const choiceId = asString(choice?.id);
      if (!choiceId) {
        if (definition.validation === 'REQUIRED') throw badRequest('MISSING_PROPERTY', `${definition.label} is required.`);
        continue;
      }
      const option = definition.choices?.find((candidate) => candidate.id === choiceId);
      if (!option) throw badRequest('INVALID_PROPERTY', `${choiceId} is not one of the choices of ${definition.label}.`);
      const otherText = asString(choice?.otherText);
      if (option.isOther && !otherText) throw badRequest('MISSING_PROPERTY', `Say what "${option.label}" means for ${definition.label}.`);
      echoed.push({ ...base, choice: { id: choiceId, ...(option.isOther ? { otherText } : {}) } });
    }
  }
  return echoed.length > 0 ? [{ fields: echoed, groupId: 'MISCELLANEOUS' }] : [];
}

function checkShipTo(links: Links, value: unknown): Json {
  if (!isRecord(value)) throw badRequest('MISSING_SHIP_TO', 'A shipping address is required when something ships.');
  const name = asString(value.name);
  if (!name) throw badRequest('MISSING_SHIP_TO', 'The shipping address needs a name.');
  const regionId = asString(value.regionId) ?? (isRecord(value.region) ? asString(value.region.id) : undefined);
  if (regionId !== US.id) throw badRequest('INVALID_SHIP_TO', 'This company ships only within the United States.');
  if (!Array.isArray(value.address)) throw badRequest('MISSING_SHIP_TO', 'The shipping address has no lines.');
  const lines = new Map<string, string>();
  for (const line of value.address) if (isRecord(line) && typeof line.id === 'string' && typeof line.value === 'string') lines.set(line.id, line.value.trim());
  const address: Json[] = [];
  for (const component of usAddressFormat) {
    const text = lines.get(component.id) ?? '';
    if (!text) {
      if (component.validation === 'REQUIRED') throw badRequest('INVALID_ADDRESS', `${component.label} is required.`);
      continue;
    }
    if (text.length > component.maxLength) throw badRequest('INVALID_ADDRESS', `${component.label} is too long.`);
    if (component.id === 'STATE' && !usStates.some(([abbreviation]) => abbreviation === text.toUpperCase())) throw badRequest('INVALID_ADDRESS', `${text} is not a US state.`);
    if (component.regEx && !new RegExp(`^(?:${component.regEx})$`).test(component.id === 'STATE' ? text.toUpperCase() : text))
      throw badRequest('INVALID_ADDRESS', `${component.label} is not in the expected form.`);
    address.push({ id: component.id, label: component.label, value: component.id === 'STATE' ? text.toUpperCase() : text });
  }
  return { address, expedite: value.expedite === true, name, region: regionRef(links) };
}

function checkExistingDevice(value: unknown, expectedSerial: string, what: string): { manufacturerId: string; modelId: string; serialNumber: Json; simId?: string } {
  if (!isRecord(value)) throw badRequest('MISSING_DEVICE', `${what} is required for this order.`);
  const manufacturer = manufacturers.find((candidate) => candidate.id === value.manufacturerId);
  if (!manufacturer) throw badRequest('INVALID_DEVICE', `${what}: unknown manufacturer.`);
  const modelId = asString(value.modelId);
  if (!modelId || !manufacturer.models.some((model) => model.id === modelId)) throw badRequest('INVALID_DEVICE', `${what}: unknown model.`);
  const serial = isRecord(value.serialNumber) ? value.serialNumber : undefined;
  const serialValue = asString(serial?.value)?.replace(/\s/g, '').toUpperCase();
  if (!serialValue || typeof serial?.type !== 'string') throw badRequest('INVALID_DEVICE', `${what}: the serial number and its type are required.`);
  if (serialValue !== expectedSerial.toUpperCase()) throw badRequest('INVALID_DEVICE', `${what}: the serial number does not match the device on record.`);
  const simId = asString(value.simId);
  return { manufacturerId: manufacturer.id, modelId, serialNumber: { type: serial.type, value: serialValue }, ...(simId ? { simId } : {}) };
}

/** Validates `orderRequest` and prices it. Throws a VendorError for the first problem. */
export function priceOrder(context: OrderContext, body: unknown): PricedOrder {
  const { links, store, actor } = context;
  const request = isRecord(body) ? body.orderRequest : undefined;
  if (!isRecord(request)) throw badRequest('MISSING_ORDER_REQUEST', 'The body must hold an orderRequest object.');
  const transactionType = asString(request.transactionType);
  if (!transactionType || !(transactionTypes as readonly string[]).includes(transactionType)) throw badRequest('INVALID_TRANSACTION_TYPE', 'transactionType is missing or unknown.');
  const externalOrderNumber = asString(request.externalOrderNumber) || undefined;

  let service: ServiceAsset | undefined;
  if (!notOnService.has(transactionType)) {
    service = store.services.get(asString(request.serviceId) ?? '');
    if (!service || service.employeeId !== actor.id) throw badRequest('MISSING_SERVICE', 'A service ID of one of your lines is required for this order.');
    if (!serviceActions(store, service).includes(transactionType)) throw badRequest('SERVICE_STATE', `${transactionType} cannot be ordered for line ${service.serviceNumber} now.`);
  }
  const serviceDevice = service ? store.devices.get(service.deviceAssetId)! : undefined;

  let postalCode: string | undefined;
  if (needsRegion.has(transactionType)) {
    if (asString(request.regionId) !== US.id) throw badRequest('MISSING_REGION', 'A region ID (a country this company orders in) is required.');
    postalCode = asString(request.postalCode);
    if (!postalCode || !/^[0-9]{5}(-[0-9]{4})?$/.test(postalCode)) throw badRequest('INVALID_POSTAL_CODE', 'A US ZIP code (99999 or 99999-9999) is required.');
  }

  const cart = isRecord(request.shoppingCart) ? request.shoppingCart : {};
  if (cart.deviceFeatureOptionIds !== undefined) store.recordExtension('orderRequest.shoppingCart.deviceFeatureOptionIds', actor.id);
  const device = cart.deviceId === undefined ? undefined : findDevice(cart.deviceId);
  if (cart.deviceId !== undefined && !device) throw badRequest('UNKNOWN_DEVICE', 'That device is not in the catalog.');
  const plan = cart.planId === undefined ? undefined : findPlan(cart.planId);
  if (cart.planId !== undefined && !plan) throw badRequest('UNKNOWN_PLAN', 'That plan is not in the catalog.');
  const featureIds = idList(cart.optionalFeatureIds, 'optionalFeatureIds');
  const accessoryIds = idList(cart.accessoryIds, 'accessoryIds');
  const accessories = accessoryIds.map((accessoryId) => {
    const accessory = findAccessory(accessoryId);
    if (!accessory) throw badRequest('UNKNOWN_ACCESSORY', `Accessory ${accessoryId} is not in the catalog.`);
    return accessory;
  });
  if (!withCart.has(transactionType) && (device || plan || accessories.length > 0)) throw badRequest('UNEXPECTED_CART', `${transactionType} orders have no shopping cart.`);
  if (featureIds.length > 0) {
    if (!plan) throw badRequest('INVALID_FEATURE', 'Optional features need a plan.');
    for (const featureId of featureIds) if (!plan.optional.some((feature) => feature.id === featureId)) throw badRequest('INVALID_FEATURE', `Feature ${featureId} is not offered with ${plan.name}.`);
  }
  if (device && plan && device.vendorId !== plan.vendorId) throw badRequest('DEVICE_PLAN_MISMATCH', `${device.name} does not work on ${plan.name}.`);
  // Accessories fit the new device, or the device already on the line.
  const fitsModel = device?.modelId ?? serviceDevice?.modelId;
  for (const accessory of accessories)
    if (accessory.fitsModels !== 'all' && (!fitsModel || !accessory.fitsModels.includes(fitsModel))) throw badRequest('ACCESSORY_MISMATCH', `${accessory.name} does not fit the device.`);

  let quantity = 0;
  let existingDevice: ReturnType<typeof checkExistingDevice> | undefined;
  let newDevice: ReturnType<typeof checkExistingDevice> | undefined;
  let currentVendorId: string | undefined;
  const features: Json[] = [];
  switch (transactionType) {
    case 'NEW_ACTIVATION':
      if (!device && !plan) throw badRequest('EMPTY_CART', 'Choose a device, a plan or both.');
      quantity = cart.quantity === undefined ? 1 : Number(cart.quantity);
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 10) throw badRequest('INVALID_QUANTITY', 'quantity must be a whole number from 1 to 10.');
      break;
    case 'UPGRADE': {
      if (!device && !plan) throw badRequest('EMPTY_CART', 'Choose a new device, a new plan or both.');
      existingDevice = checkExistingDevice(request.existingDevice, serviceDevice!.serialNumber.value, 'existingDevice');
      const carrierId = plan?.vendorId ?? service!.vendorId;
      if (device && device.vendorId !== carrierId) throw badRequest('DEVICE_PLAN_MISMATCH', `${device.name} does not work on this line's carrier.`);
      const carrier = vendors.find((vendor) => vendor.id === carrierId)!;
      if (!device && carrier.accessMethod !== serviceDevice!.accessMethod) throw badRequest('DEVICE_REQUIRED', `The current phone does not work on ${carrier.name}: choose a new device.`);
      break;
    }
    case 'PORT_NUMBER': {
      if (!plan) throw badRequest('MISSING_PLAN', 'A plan of the new carrier is required.');
      if (plan.vendorId === service!.vendorId) throw badRequest('SAME_CARRIER', 'The new plan must be with another carrier than the current one.');
      const carrier = vendors.find((vendor) => vendor.id === plan.vendorId)!;
      if (!device && carrier.accessMethod !== serviceDevice!.accessMethod) throw badRequest('DEVICE_REQUIRED', `The current phone does not work on ${carrier.name}: choose a new device.`);
      if (accessories.length > 0) throw badRequest('UNEXPECTED_CART', 'A port carries no accessories.');
      break;
    }
    case 'ORDER_ACCESSORIES':
      if (accessories.length === 0) throw badRequest('EMPTY_CART', 'Choose at least one accessory.');
      if (device || plan) throw badRequest('UNEXPECTED_CART', 'An accessories order has no device or plan.');
      break;
    case 'UPDATE_FEATURES': {
      const servicePlan = findPlan(service!.planId)!;
      if (!Array.isArray(cart.features) || cart.features.length === 0) throw badRequest('EMPTY_CART', 'Add or remove at least one feature.');
      for (const change of cart.features) {
        const feature = isRecord(change) ? servicePlan.optional.find((candidate) => candidate.id === change.id) : undefined;
        const action = isRecord(change) ? change.action : undefined;
        if (!feature || (action !== 'ADD' && action !== 'REMOVE')) throw badRequest('INVALID_FEATURE', 'Each feature change needs a feature of the line’s plan and ADD or REMOVE.');
        const active = service!.activeFeatureIds.includes(feature.id);
        if (action === 'ADD' && active) throw badRequest('INVALID_FEATURE', `${feature.description} is already on the line.`);
        if (action === 'REMOVE' && !active) throw badRequest('INVALID_FEATURE', `${feature.description} is not on the line.`);
        features.push({ action, description: feature.description, id: feature.id, price: money(feature.price, 'MONTHLY') });
      }
      break;
    }
    case 'SWAP_DEVICES': {
      existingDevice = checkExistingDevice(request.existingDevice, serviceDevice!.serialNumber.value, 'existingDevice');
      const spareSerials = [...store.devices.values()]
        .filter((candidate) => candidate.employeeId === actor.id && ![...store.services.values()].some((line) => line.deviceAssetId === candidate.id && line.status !== 'DEACTIVATED'))
        .map((candidate) => candidate.serialNumber.value);
      const given = isRecord(request.newDevice) && isRecord(request.newDevice.serialNumber) ? asString(request.newDevice.serialNumber.value)?.replace(/\s/g, '').toUpperCase() : undefined;
      const match = spareSerials.find((serial) => serial.toUpperCase() === given);
      newDevice = checkExistingDevice(request.newDevice, match ?? '\u0000', 'newDevice');
      break;
    }
    case 'XFER_SERVICE_IN':
    case 'XFER_SERVICE_IN_AND_PORT': {
      if (!plan) throw badRequest('MISSING_PLAN', 'A company plan is required.');
      if (transactionType === 'XFER_SERVICE_IN_AND_PORT' && !device) throw badRequest('DEVICE_REQUIRED', 'A new device is required when the number moves to another carrier.');
      currentVendorId = asString(request.currentVendorId);
      const current = vendors.find((vendor) => vendor.carrier && vendor.id === currentVendorId);
      if (!current) throw badRequest('MISSING_CURRENT_VENDOR', 'currentVendorId (the personal line’s carrier) is required.');
      if (transactionType === 'XFER_SERVICE_IN' && current.id !== plan.vendorId) throw badRequest('CARRIER_MISMATCH', 'The plan must be with the line’s current carrier.');
      if (transactionType === 'XFER_SERVICE_IN_AND_PORT' && current.id === plan.vendorId) throw badRequest('CARRIER_MISMATCH', 'The plan must be with another carrier than the current one.');
      quantity = 1;
      break;
    }
    default:
      break;
  }

  const properties = checkProperties(transactionType, request.properties);

  let acknowledgements: Json[] | undefined;
  if (transactionType === 'XFER_SERVICE_IN' || transactionType === 'XFER_SERVICE_IN_AND_PORT') {
    const given = Array.isArray(request.acknowledgements) ? request.acknowledgements.filter(isRecord) : [];
    for (const required of transferAcknowledgements.acknowledgements)
      if (!given.some((answer) => answer.id === required.id && answer.boolean === true)) throw badRequest('MISSING_ACKNOWLEDGEMENT', `Please accept: ${required.label}`);
    acknowledgements = transferAcknowledgements.acknowledgements.map((required) => ({ boolean: true, id: required.id }));
  } else if (transactionType === 'XFER_SERVICE_OUT') acknowledgements = [];

  const ships = Boolean(device) || accessories.length > 0 || (transactionType === 'UPGRADE' && plan !== undefined && plan.vendorId !== service!.vendorId);
  let shipTo: Json | undefined;
  if (ships) {
    shipTo = checkShipTo(links, request.shipTo);
  }

  const lines = Math.max(quantity, 1);
  const oneTime = ((device?.price ?? 0) + accessories.reduce((sum, accessory) => sum + accessory.price, 0)) * lines;
  const monthly =
    transactionType === 'UPDATE_FEATURES'
      ? features.reduce((sum, change) => sum + (change.action === 'ADD' ? ((change.price as { amount: number }).amount ?? 0) : 0), 0)
      : ((plan?.price ?? 0) + (plan ? plan.optional.filter((feature) => featureIds.includes(feature.id)).reduce((sum, feature) => sum + feature.price, 0) : 0)) * lines;

  const confirmation: Json = {
    accountHolder: employeeShape(links, actor),
    ...(acknowledgements ? { acknowledgements } : {}),
    ...(priced.has(transactionType) ? { costSummary: [money(oneTime, 'ONETIME'), money(monthly, 'MONTHLY')] } : {}),
    ...(currentVendorId ? { currentVendor: { id: currentVendorId, logoUrl: image(links, 'vendors', currentVendorId), name: vendors.find((vendor) => vendor.id === currentVendorId)!.name } } : {}),
    ...(serviceDevice
      ? {
          device: {
            accessMethod: serviceDevice.accessMethod,
            companyAssetId: serviceDevice.companyAssetId,
            id: serviceDevice.id,
            macAddress: serviceDevice.macAddress,
            manufacturer: manufacturerRef(links, serviceDevice.manufacturerId),
            model: serviceDevice.modelName,
            serialNumber: serviceDevice.serialNumber,
            simId: serviceDevice.simId,
          },
        }
      : {}),
    ...(existingDevice ? { existingDevice: expandDevice(links, existingDevice) } : {}),
    ...(newDevice ? { newDevice: expandDevice(links, newDevice) } : {}),
    ...(externalOrderNumber ? { externalOrderNumber } : {}),
    ...(postalCode ? { postalCode } : {}),
    properties,
    region: regionRef(links),
    requestedBy: employeeShape(links, context.requestedBy),
    ...(service
      ? {
          service: {
            _meta: { href: links.api(`/assets/services/${service.id}`) },
            contractDates: { activated: service.activated, end: service.contractEnd, lastDeviceUpgrade: service.lastDeviceUpgrade, start: service.contractStart },
            id: service.id,
            serviceNumber: service.serviceNumber,
            status: service.status,
          },
        }
      : {}),
    ...(shipTo ? { shipTo } : {}),
    ...(withCart.has(transactionType)
      ? {
          shoppingCart: {
            ...(accessories.length > 0 ? { accessories: accessories.map((accessory) => accessoryShape(links, accessory)) } : {}),
            ...(device ? { device: catalogDeviceShape(links, device) } : {}),
            ...(transactionType === 'UPDATE_FEATURES' ? { features, ...(asString(cart.featureRequestComment) ? { featureRequestComment: asString(cart.featureRequestComment) } : {}) } : {}),
            ...(plan ? { plan: planDetailShape(links, plan, featureIds) } : {}),
            quantity,
          },
        }
      : {}),
    transactionType,
  };

  const segmentVendorId = plan?.vendorId ?? device?.vendorId ?? service?.vendorId ?? accessories[0]?.vendorId ?? vendors[0]!.id;
  const segment = {
    accessories: accessories.map((accessory) => ({ imageUrl: image(links, 'accessories', accessory.id), manufacturer: manufacturerRef(links, accessory.manufacturerId), name: accessory.name, price: money(accessory.price, 'ONETIME') })),
    ...(device ? { device: { imageUrl: image(links, 'devices', device.id), manufacturer: manufacturerRef(links, device.manufacturerId), name: device.name, price: money(device.price, 'ONETIME') } } : {}),
    features,
    plan: plan
      ? {
          name: plan.name,
          optionalFeatures: plan.optional.filter((feature) => featureIds.includes(feature.id)).map((feature) => ({ description: feature.description, price: money(feature.price, 'MONTHLY') })),
          price: money(plan.price, 'MONTHLY'),
        }
      : { optionalFeatures: [] },
    status: 'ORDER_SUBMITTED',
    vendor: vendorRef(links, segmentVendorId),
  };

  return {
    transactionType,
    confirmation,
    ...(service ? { service } : {}),
    ...(externalOrderNumber ? { externalOrderNumber } : {}),
    segments: Array.from({ length: lines }, () => ({ ...segment })),
    properties,
    shipTo: shipTo ?? { address: [] },
  };
}

function expandDevice(links: Links, device: { manufacturerId: string; modelId: string; serialNumber: Json; simId?: string }) {
  const model = manufacturers.find((candidate) => candidate.id === device.manufacturerId)!.models.find((candidate) => candidate.id === device.modelId)!;
  return {
    manufacturer: manufacturerRef(links, device.manufacturerId),
    model: modelShape(links, device.manufacturerId, model.id, model.name),
    serialNumber: device.serialNumber,
    ...(device.simId ? { simId: device.simId } : {}),
  };
}

/** Stores a priced order and returns it in the shape of the vendor's submit answer. */
export function storeOrder(context: OrderContext, priced: PricedOrder): StoredOrder {
  const { links, store, actor } = context;
  const n = store.nextNumber();
  const orderId = String(9_100_000 + n * 10);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const order = {
    _meta: { href: links.api(`/orders/${orderId}`) },
    accountHolder: employeeShape(links, actor),
    dateSubmitted: now,
    ...(priced.externalOrderNumber ? { externalOrderNumber: priced.externalOrderNumber } : {}),
    orderId,
    orderSegments: {
      items: priced.segments.map((segment, index) => {
        const orderSegmentId = String(Number(orderId) + index + 1);
        return {
          _meta: {
            hrefHistory: links.api(`/orders/${orderId}/history?orderSegment=${orderSegmentId}`),
            hrefShipments: links.api(`/orders/${orderId}/shipments?orderSegment=${orderSegmentId}`),
          },
          ...segment,
          orderSegmentId,
        };
      }),
    },
    properties: priced.properties,
    requestedBy: employeeShape(links, context.requestedBy),
    ...(priced.service ? { serviceNumber: priced.service.serviceNumber } : {}),
    shipTo: priced.shipTo,
    status: 'ORDER_SUBMITTED',
    transactionType: priced.transactionType,
  };
  const stored: StoredOrder = {
    orderId,
    accountHolderId: actor.id,
    requestedById: context.requestedBy.id,
    transactionType: priced.transactionType,
    ...(priced.externalOrderNumber ? { externalOrderNumber: priced.externalOrderNumber } : {}),
    ...(priced.service ? { serviceId: priced.service.id } : {}),
    dateSubmitted: now,
    updated: now,
    status: 'ORDER_SUBMITTED',
    order,
  };
  store.orders.push(stored);
  return stored;
}

