/**
 * Order bodies of all twelve transaction types written the way the vendor's public tutorials write
 * them — the forms a client built from those tutorials sends — but with our demo catalog's IDs,
 * a fresh employee's lines and dates a week from today:
 * - DATE properties as a midnight with an explicit offset (`YYYY-MM-DDT00:00:00+00:00`);
 * - every property the type defines sent (optional ones too), a CHOICE as `{ id }`;
 * - `shipTo` with `regionId`, or with `region: { id }` (the addresses tutorial), and `expedite`;
 * - address lines carrying their `label`, with STATE given by its label ("Washington");
 * - acknowledgements with and without `type: "BOOLEAN"`;
 * - `otherMakeModelName: ""` on a described device and a SIM id written in groups with spaces.
 */
import type { OrderPropertyFieldGroup, TransactionType } from '../../../contract/index.ts';
import { demoIds } from '../../storage/seed/ids.ts';
import type { TestServer } from '../harness.ts';
import { freshOrderer, propertyDefinitions, serviceOf, type Orderer } from '../orders-fixtures.ts';
import { apiGet } from '../session.ts';
import { transactionType } from '../../../contract/index.ts';

const SUMMIT = String(demoIds.vendors.summit);
const MERIDIAN = String(demoIds.vendors.meridian);
const US = String(demoIds.regions.unitedStates);

/** A calendar date `days` from today in the vendor's form: midnight with a `+00:00` offset. */
export function vendorDate(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000);
  return `${date.toISOString().slice(0, 10)}T00:00:00+00:00`;
}

/** Valid values for the demo's text fields that have no server-known default. */
const textValues: Record<string, string> = {
  CONTACT_NUMBER: '2065550142',
  CONTACT_NUMBER_EXT: '12',
  ADDITIONAL_INSTRUCTIONS: 'Please call before delivery.',
  PREFERRED_AREA_CODE: '206',
  CARRIER_ACCT_NUMBER: 'ACCT-1234',
  NAME_ON_INVOICE: 'Taylor Fixture',
  PIN_PASSWORD: '1234',
  PERSONAL_EMAIL: 'taylor@example.com',
  CURRENT_CARRIER: 'Personal Mobile Co',
  JUSTIFICATION: 'Replacing a phone that no longer holds a charge.',
};

let personalNumbers = 0;
/**
 * A number to bring in: a new one each time, since an open order that brings a number in takes it
 * (206-710-0000 on, a range neither the seed nor the other fixtures use).
 */
const personalNumber = () => `206${String(7_100_000 + personalNumbers++)}`;

/** Every field the server defines for the order, filled the vendor's way. */
function fillAll(groups: OrderPropertyFieldGroup[]) {
  return groups.map((group) => ({
    groupId: group.groupId,
    fields: group.fields.map((field) => {
      if (field.type === 'DATE') return { id: field.id, type: 'DATE', date: vendorDate(7) };
      if (field.type === 'CHOICE') {
        const choice = field.choice?.id ?? field.choices!.find((option) => !option.isOther)!.id;
        return { id: field.id, type: 'CHOICE', choice: { id: choice } };
      }
      return { id: field.id, type: 'TEXT', text: field.id === 'SERVICE_NUMBER' ? personalNumber() : (textValues[field.id] ?? field.text ?? 'Taylor') };
    }),
  }));
}

/** A US address as the tutorials write it: each line with its label, STATE by its label. */
const labelledUsAddress = [
  { id: 'LINE_1', label: 'Address line 1', value: '1201 Third Avenue' },
  { id: 'CITY', label: 'City', value: 'Seattle' },
  { id: 'STATE', label: 'State', value: 'Washington' },
  { id: 'POSTAL_CODE', label: 'ZIP code', value: '98101' },
];
const plainUsAddress = [
  { id: 'LINE_1', value: '1201 Third Avenue' },
  { id: 'CITY', value: 'Seattle' },
  { id: 'STATE', value: 'WA' },
  { id: 'POSTAL_CODE', value: '98101' },
];

/** "8901 2600 …" rather than "89012600…": how a SIM id is printed on the card. */
const withSpaces = (simId: string) => simId.replace(/(\d{4})(?=\d)/g, '$1 ');

async function getJson<T>(server: TestServer, orderer: Orderer, path: string): Promise<T> {
  const response = await apiGet(server, orderer.session, path);
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as T;
}

type PlanDetail = { id: string; optionalFeatures: { id: string }[] };
type AccessoryPage = { accessories: { items: { id: string }[] } };
type Acknowledgements = { acknowledgements: { id: string }[] };
type FeatureList = { features: { id: string; isActiveOnService: boolean }[] };
type DeviceAsset = { manufacturer: { id: string }; model: { id: string }; serialNumber: { type: string; value: string }; simId?: string | null };

type VendorRequest = { orderer: Orderer; body: { orderRequest: Record<string, unknown> } };

/** The vendor-form body of `type`, for a fresh employee (so every type can be submitted). */
export async function vendorRequest(server: TestServer, type: TransactionType): Promise<VendorRequest> {
  const orderer = await freshOrderer(server, `vendor-${type}`);
  const [active, secondActive, suspended] = orderer.serviceIds.map(String) as [string, string, string];
  const properties = async (target: { vendor?: string; service?: string }, options: { excludesDevice?: boolean } = {}) =>
    fillAll(await propertyDefinitions(server, orderer.session, type, target, options));
  const firstOptionalFeature = async (planId: string) => (await getJson<PlanDetail>(server, orderer, `/catalog/plans/${planId}`)).optionalFeatures.slice(0, 1).map((feature) => feature.id);
  const accessoriesFor = async (query: string) =>
    (await getJson<AccessoryPage>(server, orderer, `/catalog/accessories?${query}&limit=100&offset=0`)).accessories.items.slice(0, 2).map((item) => item.id);
  const acknowledgements = async (withType: boolean) =>
    (await getJson<Acknowledgements>(server, orderer, `/acknowledgements?transactionType=${type}&vendor=${SUMMIT}`)).acknowledgements.map((item) =>
      withType ? { id: item.id, type: 'BOOLEAN', boolean: true } : { id: item.id, boolean: true },
    );
  const currentDevice = async (serviceId: string) => {
    const device = (await serviceOf(server, orderer.session, serviceId)).device!;
    return { manufacturerId: device.manufacturer.id, modelId: device.model.id, serialNumber: device.serialNumber, simId: device.simId ?? undefined };
  };
  const shipTo = { name: 'Taylor Fixture', regionId: US, address: plainUsAddress, expedite: true };
  const externalOrderNumber = `PO-${type}-001`;

  let orderRequest: Record<string, unknown>;
  switch (type) {
    case transactionType.enum.NEW_ACTIVATION: {
      const deviceId = String(demoIds.catalogDevices.pixel9Summit);
      const planId = String(demoIds.plans.summitBusinessUnlimited);
      orderRequest = {
        regionId: US,
        postalCode: '98101',
        shoppingCart: { deviceId, planId, optionalFeatureIds: await firstOptionalFeature(planId), accessoryIds: await accessoriesFor(`device=${deviceId}`) },
        properties: await properties({ vendor: SUMMIT }),
        shipTo,
      };
      break;
    }
    case transactionType.enum.UPGRADE: {
      const existing = await currentDevice(active);
      const planId = String(demoIds.plans.summitEssentials);
      orderRequest = {
        serviceId: active,
        existingDevice: existing,
        shoppingCart: { deviceId: String(demoIds.catalogDevices.iphone16ProSummit), planId, optionalFeatureIds: await firstOptionalFeature(planId) },
        properties: await properties({ service: active }),
        shipTo,
      };
      break;
    }
    case transactionType.enum.PORT_NUMBER: {
      const planId = String(demoIds.plans.meridianBusinessPro);
      orderRequest = {
        serviceId: active,
        regionId: US,
        postalCode: '98101',
        shoppingCart: { deviceId: String(demoIds.catalogDevices.galaxyS25Meridian), planId, optionalFeatureIds: await firstOptionalFeature(planId) },
        properties: await properties({ vendor: MERIDIAN }),
        shipTo,
      };
      break;
    }
    case transactionType.enum.ORDER_ACCESSORIES:
      orderRequest = {
        serviceId: active,
        shoppingCart: { accessoryIds: await accessoriesFor(`service=${active}`) },
        properties: await properties({ service: active }),
        // The addresses tutorial names the ship-to country as an object.
        shipTo: { name: 'Taylor Fixture', region: { id: US }, address: plainUsAddress, expedite: true },
      };
      break;
    case transactionType.enum.SUSPEND:
    case transactionType.enum.DEACTIVATE:
    case transactionType.enum.XFER_SERVICE_OUT:
      orderRequest = { serviceId: type === transactionType.enum.SUSPEND ? active : secondActive, properties: await properties({ service: type === transactionType.enum.SUSPEND ? active : secondActive }) };
      break;
    case transactionType.enum.UNSUSPEND:
      orderRequest = { serviceId: suspended, properties: await properties({ service: suspended }) };
      break;
    case transactionType.enum.UPDATE_FEATURES: {
      const features = (await getJson<FeatureList>(server, orderer, `/catalog/features?service=${active}`)).features;
      orderRequest = {
        serviceId: active,
        shoppingCart: { features: [{ id: features.find((feature) => !feature.isActiveOnService)!.id, action: 'ADD' }], featureRequestComment: 'Please also turn on caller ID.' },
        properties: await properties({ service: active }),
      };
      break;
    }
    case transactionType.enum.SWAP_DEVICES: {
      const existing = await currentDevice(active);
      const spare = await getJson<DeviceAsset>(server, orderer, `/assets/devices/${orderer.spareDeviceId}`);
      orderRequest = {
        serviceId: active,
        newDevice: { manufacturerId: spare.manufacturer.id, modelId: spare.model.id, otherMakeModelName: '', serialNumber: spare.serialNumber },
        existingDevice: { ...existing, otherMakeModelName: '', simId: existing.simId && withSpaces(existing.simId) },
        properties: await properties({ service: active }),
      };
      break;
    }
    case transactionType.enum.XFER_SERVICE_IN: {
      const deviceId = String(demoIds.catalogDevices.pixel9Summit);
      orderRequest = {
        currentVendorId: SUMMIT,
        regionId: US,
        postalCode: '98101',
        shoppingCart: { deviceId, planId: String(demoIds.plans.summitBusinessUnlimited), accessoryIds: await accessoriesFor(`device=${deviceId}`) },
        properties: await properties({ vendor: SUMMIT }),
        shipTo: { name: 'Taylor Fixture', regionId: US, address: labelledUsAddress, expedite: false },
        acknowledgements: await acknowledgements(false),
      };
      break;
    }
    case transactionType.enum.XFER_SERVICE_IN_AND_PORT:
      orderRequest = {
        regionId: US,
        postalCode: '98101',
        currentVendorId: MERIDIAN,
        shoppingCart: { deviceId: String(demoIds.catalogDevices.pixel9Summit), planId: String(demoIds.plans.summitBusinessUnlimited), quantity: 1 },
        properties: await properties({ vendor: SUMMIT }),
        shipTo: { name: 'Taylor Fixture', regionId: US, address: labelledUsAddress, expedite: false },
        acknowledgements: await acknowledgements(true),
      };
      break;
  }
  return { orderer, body: { orderRequest: { externalOrderNumber, transactionType: type, ...orderRequest } } };
}
