import {
  catalogAccessories,
  catalogDevices,
  catalogPlans,
  departments,
  manufacturers,
  US,
  usStates,
  vendors,
  type Accessory,
  type CatalogDevice,
  type CatalogPlan,
  type Employee,
  type Recurrence,
} from './data.ts';
import type { DeviceAsset, ServiceAsset, Store } from './store.ts';

/**
 * The vendor's shapes, one function per object. Where the vendor's documentation shows a sample of
 * an object, these send the members that sample has and no others; where it shows none, the members
 * its text and release notes name. Nothing of the project's extensions.
 */

export const BASE_PATH = '/mobproc/v1';

export type Links = { origin: string; api: (path: string) => string };
export const linksFor = (origin: string): Links => ({ origin, api: (path) => `${origin}${BASE_PATH}${path}` });

export const money = (amount: number, recurrence: Recurrence) => ({ amount: Math.round(amount * 100) / 100, currencyCode: 'USD', recurrence });

export const image = (links: Links, kind: string, id: string) => `${links.origin}/images/${kind}/${encodeURIComponent(id)}.svg`;

export function employeeShape(links: Links, employee: Employee) {
  const department = departments.find((candidate) => candidate.id === employee.departmentId)!;
  return {
    _meta: { href: links.api(`/employees/${employee.id}`) },
    companyEmployeeId: employee.companyEmployeeId,
    department: { id: department.id, name: department.name },
    email: employee.email,
    firstName: employee.firstName,
    id: employee.id,
    lastName: employee.lastName,
    officePhone: employee.officePhone,
    status: 'ACTIVE',
  };
}

/** A collection item, as the vendor's metadata page shows employees. */
export function employeeItemShape(links: Links, employee: Employee) {
  const department = departments.find((candidate) => candidate.id === employee.departmentId)!;
  return {
    _meta: {
      href: links.api(`/employees/${employee.id}`),
      hrefDevices: links.api(`/assets/devices?limit=10&offset=0&employee=${employee.id}`),
      hrefServices: links.api(`/assets/services?limit=10&offset=0&employee=${employee.id}`),
    },
    companyEmployeeId: employee.companyEmployeeId,
    department: { id: department.id, name: department.name },
    firstName: employee.firstName,
    id: employee.id,
    lastName: employee.lastName,
    status: 'ACTIVE',
  };
}

export function regionRef(links: Links) {
  return { _meta: { href: links.api(`/regions/${US.id}`) }, id: US.id, name: US.name };
}

export function vendorRef(links: Links, vendorId: string) {
  const vendor = vendors.find((candidate) => candidate.id === vendorId)!;
  return { _meta: { href: links.api(`/vendors/${vendor.id}`) }, id: vendor.id, logoUrl: image(links, 'vendors', vendor.id), name: vendor.name };
}

export function manufacturerRef(links: Links, manufacturerId: string) {
  const manufacturer = manufacturers.find((candidate) => candidate.id === manufacturerId)!;
  return {
    _meta: { href: links.api(`/manufacturers/${encodeURIComponent(manufacturer.id)}`) },
    id: manufacturer.id,
    logoUrl: image(links, 'manufacturers', manufacturer.id),
    name: manufacturer.name,
  };
}

export function catalogDeviceShape(links: Links, device: CatalogDevice) {
  return {
    _meta: { href: links.api(`/catalog/devices/${device.id}`) },
    id: device.id,
    imageUrl: image(links, 'devices', device.id),
    manufacturer: manufacturerRef(links, device.manufacturerId),
    name: device.name,
    price: money(device.price, 'ONETIME'),
    vendor: vendorRef(links, device.vendorId),
  };
}

export function planItemShape(links: Links, plan: CatalogPlan) {
  return {
    _meta: { href: links.api(`/catalog/plans/${plan.id}`) },
    id: plan.id,
    name: plan.name,
    price: money(plan.price, 'MONTHLY'),
    vendor: vendorRef(links, plan.vendorId),
  };
}

/** The plan detail; in a confirmation, `optionalFeatures` lists only the chosen ones. */
export function planDetailShape(links: Links, plan: CatalogPlan, chosenFeatureIds?: string[]) {
  const optional = chosenFeatureIds ? plan.optional.filter((feature) => chosenFeatureIds.includes(feature.id)) : plan.optional;
  return {
    ...planItemShape(links, plan),
    includedFeatures: plan.included.map((description) => ({ description })),
    optionalFeatures: optional.map((feature) => ({ description: feature.description, id: feature.id, price: money(feature.price, 'MONTHLY') })),
  };
}

export function accessoryShape(links: Links, accessory: Accessory) {
  return {
    _meta: { href: links.api(`/catalog/accessories/${accessory.id}`) },
    id: accessory.id,
    imageUrl: image(links, 'accessories', accessory.id),
    manufacturer: manufacturerRef(links, accessory.manufacturerId),
    name: accessory.name,
    price: money(accessory.price, 'ONETIME'),
    vendor: vendorRef(links, accessory.vendorId),
  };
}

export function modelShape(links: Links, manufacturerId: string, modelId: string, modelName: string) {
  return {
    _meta: { href: links.api(`/manufacturers/${encodeURIComponent(manufacturerId)}/models/${encodeURIComponent(modelId)}`) },
    id: modelId,
    name: modelName,
    imageUrl: image(links, 'models', modelId),
  };
}

/** What may be ordered for a service now: by its status, and nothing while an order is open. */
export function serviceActions(store: Store, service: ServiceAsset): string[] {
  if (store.hasOpenOrder(service.id)) return [];
  if (service.status === 'ACTIVE') return ['UPGRADE', 'PORT_NUMBER', 'ORDER_ACCESSORIES', 'SUSPEND', 'DEACTIVATE', 'UPDATE_FEATURES', 'SWAP_DEVICES', 'XFER_SERVICE_OUT'];
  if (service.status === 'SUSPENDED') return ['UNSUSPEND', 'DEACTIVATE'];
  return [];
}

function serviceOf(store: Store, device: DeviceAsset): ServiceAsset | undefined {
  return [...store.services.values()].find((service) => service.deviceAssetId === device.id && service.status !== 'DEACTIVATED');
}

function deviceActions(store: Store, device: DeviceAsset): string[] {
  const service = serviceOf(store, device);
  if (!service || service.status !== 'ACTIVE' || store.hasOpenOrder(service.id)) return [];
  return ['UPGRADE', 'ORDER_ACCESSORIES', 'SWAP_DEVICES'];
}

/** A device asset as a service's detail carries it. */
export function deviceAssetShape(links: Links, store: Store, device: DeviceAsset) {
  return {
    _meta: { href: links.api(`/assets/devices/${device.id}`) },
    id: device.id,
    manufacturer: manufacturerRef(links, device.manufacturerId),
    model: { id: device.modelId, name: device.modelName, imageUrl: image(links, 'models', device.modelId) },
    simId: device.simId,
    accessMethod: device.accessMethod,
    macAddress: device.macAddress,
    companyAssetId: device.companyAssetId,
    serialNumber: device.serialNumber,
    orderActions: deviceActions(store, device),
  };
}

/** A device asset in `/assets/devices`: its own members plus a summary of its service and owner. */
export function deviceAssetItemShape(links: Links, store: Store, device: DeviceAsset) {
  const service = serviceOf(store, device);
  return {
    ...deviceAssetShape(links, store, device),
    ...(service ? { service: { _meta: { href: links.api(`/assets/services/${service.id}`) }, id: service.id, serviceNumber: service.serviceNumber, status: service.status } } : {}),
    employee: employeeShape(links, store.employees.get(device.employeeId)!),
    updated: device.updated,
  };
}

export function serviceItemShape(links: Links, store: Store, service: ServiceAsset) {
  const plan = catalogPlans.find((candidate) => candidate.id === service.planId)!;
  const device = store.devices.get(service.deviceAssetId)!;
  return {
    _meta: { href: links.api(`/assets/services/${service.id}`) },
    id: service.id,
    serviceNumber: service.serviceNumber,
    status: service.status,
    plan: { name: plan.name },
    vendor: { billing: vendorRef(links, service.vendorId), current: vendorRef(links, service.vendorId) },
    device: {
      _meta: { href: links.api(`/assets/devices/${device.id}`) },
      id: device.id,
      manufacturer: manufacturerRef(links, device.manufacturerId),
      model: { id: device.modelId, name: device.modelName, imageUrl: image(links, 'models', device.modelId) },
    },
    employee: employeeShape(links, store.employees.get(service.employeeId)!),
    upgradeEligibilityDate: service.upgradeEligibilityDate,
    updated: service.updated,
    orderActions: serviceActions(store, service),
  };
}

export function serviceDetailShape(links: Links, store: Store, service: ServiceAsset) {
  return {
    ...serviceItemShape(links, store, service),
    contractDates: { start: service.contractStart, end: service.contractEnd, activated: service.activated, lastDeviceUpgrade: service.lastDeviceUpgrade },
    device: deviceAssetShape(links, store, store.devices.get(service.deviceAssetId)!),
  };
}

export function countryShape(links: Links) {
  return {
    _meta: { href: links.api(`/regions/${US.id}`), hrefChildren: links.api(`/regions?parentRegion=${US.id}`) },
    abbreviation: US.abbreviation,
    id: US.id,
    name: US.name,
    type: 'COUNTRY',
  };
}

export const stateId = (index: number) => String(50_100 + index);

export function stateShape(links: Links, index: number) {
  const [abbreviation, name] = usStates[index]!;
  return {
    _meta: { href: links.api(`/regions?parentRegion=${US.id}`), hrefParent: links.api(`/regions/${US.id}`) },
    abbreviation,
    id: stateId(index),
    name,
    parentId: US.id,
    type: 'STATE_PROVINCE',
  };
}

export const POSTAL_CODE_REGEX = '^[0-9]{5}(-[0-9]{4})?$';

export type AddressComponent = {
  id: string;
  label: string;
  minLength: number;
  maxLength: number;
  validation: 'REQUIRED' | 'OPTIONAL';
  pattern?: string;
  regEx?: string;
  options?: Array<{ label: string; value: string }>;
};

export const usAddressFormat: AddressComponent[] = [
  { id: 'LINE_1', label: 'Street and number', minLength: 1, maxLength: 80, validation: 'REQUIRED' },
  { id: 'LINE_2', label: 'Suite, unit or floor', minLength: 0, maxLength: 80, validation: 'OPTIONAL' },
  { id: 'CITY', label: 'Town or city', minLength: 1, maxLength: 60, validation: 'REQUIRED' },
  { id: 'STATE', label: 'State', minLength: 2, maxLength: 2, validation: 'REQUIRED', regEx: '[A-Z]{2}', options: usStates.map(([value, label]) => ({ label, value })) },
  { id: 'POSTAL_CODE', label: 'ZIP code', minLength: 5, maxLength: 10, validation: 'REQUIRED', pattern: '99999 or 99999-9999', regEx: '[0-9]{5}(-[0-9]{4})?' },
];

export function countryDetailShape(links: Links) {
  return {
    ...countryShape(links),
    addressFormat: usAddressFormat,
    countryCode: '1',
    currency: { code: 'USD', name: 'US Dollar', symbol: '$' },
    postalCodePattern: '99999',
    postalCodeRegEx: POSTAL_CODE_REGEX,
  };
}

export function vendorItemShape(links: Links, vendorId: string) {
  return { ...vendorRef(links, vendorId), region: regionRef(links) };
}

export const findDevice = (id: unknown) => catalogDevices.find((device) => device.id === id);
export const findPlan = (id: unknown) => catalogPlans.find((plan) => plan.id === id);
export const findAccessory = (id: unknown) => catalogAccessories.find((accessory) => accessory.id === id);
