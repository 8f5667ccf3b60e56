/**
 * The confirmation (MOBPROC §4.5): every ID of the request expanded into what a person reads, the
 * approval outlook and the cost summary. Also the segment bodies a submitted order stores.
 */
import type { ApproverEntry, OrderConfirmation, OrderSegmentWire } from '../../../contract/index.ts';
import type { ResolvedLevel } from './approval-policy.ts';
import { departmentNames, presentEmployee, presentEmployeeSummary } from '../employees.ts';
import { toMoney } from '../money.ts';
import { absoluteUrl, manufacturerReference, modelReference, regionReference, vendorReference } from '../reference.ts';
import type { Draft, DescribedDevice } from './common.ts';
import { lookupReference, type OrderContext } from './context.ts';
import { costSummary } from './pricing.ts';

function describedDevice(origin: string, device: DescribedDevice): NonNullable<OrderConfirmation['existingDevice']> {
  return {
    ...(device.assetId !== undefined ? { id: String(device.assetId) } : {}),
    manufacturer: manufacturerReference(origin, device.manufacturer, device.manufacturer.id),
    model: modelReference(origin, device.model),
    // Always a string, as the vendor echoes it: empty unless the make or model is Other.
    otherMakeModelName: device.otherMakeModelName ?? '',
    serialNumber: device.serialNumber,
    ...(device.simId ? { simId: device.simId } : {}),
  };
}

type Cart = OrderConfirmation['shoppingCart'];

/** The expanded cart members, shared by the confirmation and each stored segment. */
export async function expandCart(ctx: Pick<OrderContext, 'db' | 'origin'>, draft: Draft): Promise<Cart> {
  const vendorName = async (vendorId: number) => vendorReference(ctx.origin, await lookupReference(ctx.db, 'vendors', vendorId), vendorId);
  const manufacturerName = async (manufacturerId: number) => manufacturerReference(ctx.origin, await lookupReference(ctx.db, 'manufacturers', manufacturerId), manufacturerId);
  const href = (path: string) => `${ctx.origin}/mobproc/v1/${path}`;
  const { device, plan } = draft;
  return {
    ...(device
      ? {
          device: {
            id: String(device.id),
            _meta: { href: href(`catalog/devices/${device.id}`) },
            name: device.name,
            manufacturer: await manufacturerName(device.manufacturerId),
            vendor: await vendorName(device.vendorId),
            price: toMoney(device.priceCents, device.currencyCode, 'ONETIME'),
            imageUrl: absoluteUrl(ctx.origin, device.imageUrl),
            accessMethod: device.accessMethod,
            deviceFeatureOptions: draft.deviceOptions.map((option) => ({
              featureId: option.featureId,
              featureLabel: option.featureLabel,
              id: option.id,
              label: option.label,
              price: toMoney(option.priceCents, device.currencyCode, 'ONETIME'),
            })),
          },
        }
      : {}),
    ...(plan
      ? {
          plan: {
            id: String(plan.id),
            _meta: { href: href(`catalog/plans/${plan.id}`) },
            name: plan.name,
            vendor: await vendorName(plan.vendorId),
            price: toMoney(plan.priceCents, plan.currencyCode, 'MONTHLY'),
            includedFeatures: plan.includedFeatures,
            optionalFeatures: draft.optionalFeatures.map((feature) => ({
              id: String(feature.id),
              description: feature.description,
              price: toMoney(feature.priceCents, feature.currencyCode, 'MONTHLY'),
            })),
          },
        }
      : {}),
    accessories: await Promise.all(draft.accessories.map(async (accessory) => ({
      id: String(accessory.id),
      _meta: { href: href(`catalog/accessories/${accessory.id}`) },
      name: accessory.name,
      manufacturer: await manufacturerName(accessory.manufacturerId),
      vendor: await vendorName(accessory.vendorId),
      price: toMoney(accessory.priceCents, accessory.currencyCode, 'ONETIME'),
      imageUrl: absoluteUrl(ctx.origin, accessory.imageUrl),
    }))),
    features: draft.featureChanges.map(({ feature, action }) => ({
      id: String(feature.id),
      description: feature.description,
      price: toMoney(feature.priceCents, feature.currencyCode, 'MONTHLY'),
      action,
    })),
    ...(draft.featureRequestComment ? { featureRequestComment: draft.featureRequestComment } : {}),
    quantity: draft.quantity,
  };
}

function expandProperties(draft: Draft): OrderConfirmation['properties'] {
  return draft.properties.map((group) => {
    const definitions = draft.propertyDefinitions.find((candidate) => candidate.groupId === group.groupId);
    return {
      groupId: group.groupId,
      fields: group.fields.map((value) => {
        const definition = definitions?.fields.find((field) => field.id === value.id);
        const label = definition?.label ?? value.id;
        // The value lives only in order_secrets until fulfilment used it; answers say it was given.
        if (definition?.sensitive) return { id: value.id, label, type: value.type, ...('text' in value && value.text ? { redacted: true } : {}) };
        if (value.type === 'CHOICE') {
          const choice = value.choice && definition?.choices?.find((option) => option.id === value.choice!.id);
          return {
            id: value.id,
            label,
            type: value.type,
            ...(value.choice ? { choice: { ...value.choice, label: choice?.label ?? value.choice.id } } : {}),
          };
        }
        return { ...value, label };
      }),
    };
  });
}

export function expandShipTo(origin: string, draft: Draft): OrderConfirmation['shipTo'] {
  const shipTo = draft.shipTo;
  if (!shipTo) return undefined;
  const labels = new Map(shipTo.region.addressFormat.map((component) => [component.id, component.label]));
  return {
    name: shipTo.name,
    // Both forms the vendor's answers use: the country as an object, and its id alone.
    regionId: String(shipTo.region.id),
    region: regionReference(origin, shipTo.region.id, shipTo.region.name),
    address: shipTo.address.map((line) => ({ id: line.id, label: labels.get(line.id) ?? line.id, value: line.value })),
    expedite: shipTo.expedite,
  };
}

/** The currency zeros are shown in when nothing is charged: the order's region's, else the actor's. */
async function fallbackCurrency(ctx: OrderContext, draft: Draft): Promise<string> {
  const region = draft.region ?? (ctx.actor.regionId !== null ? await lookupReference(ctx.db, 'regions', ctx.actor.regionId) : undefined);
  return region?.currencyCode ?? 'USD';
}

export async function buildConfirmation(ctx: OrderContext, draft: Draft, levels: ResolvedLevel[], request: { externalOrderNumber?: string }): Promise<OrderConfirmation> {
  const departments = await departmentNames(ctx.db, ctx.tenantId);
  const { service, serviceDevice } = draft;
  const preview: ApproverEntry[] = levels.map((level, index) =>
    level.kind === 'PERSON'
      ? { level: index + 1, employee: presentEmployeeSummary(ctx.origin, level.employee), decision: 'PENDING', reason: null, dateTime: null }
      : { level: index + 1, approverGroup: { id: String(level.group.id), name: level.group.name }, decision: level.skipped ? 'SKIPPED' : 'PENDING', reason: null, dateTime: null },
  );
  const firstLevel = levels[0];
  return {
    transactionType: ctx.type,
    ...(request.externalOrderNumber !== undefined ? { externalOrderNumber: request.externalOrderNumber } : {}),
    accountHolder: presentEmployee(ctx.origin, ctx.actor, departments),
    requestedBy: presentEmployee(ctx.origin, ctx.user, departments),
    ...(draft.region ? { region: { ...regionReference(ctx.origin, draft.region.id, draft.region.name), countryCode: draft.region.countryCode } } : {}),
    ...(draft.postalCode ? { postalCode: draft.postalCode } : {}),
    ...(service
      ? {
          service: {
            id: String(service.id),
            _meta: { href: `${ctx.origin}/mobproc/v1/assets/services/${service.id}` },
            serviceNumber: service.serviceNumber,
            status: service.status,
            contractDates: {
              start: service.contractStart,
              end: service.contractEnd,
              activated: service.activated,
              lastDeviceUpgrade: service.lastDeviceUpgrade,
            },
            plan: service.planId !== null ? { id: String(service.planId), name: service.planName ?? '' } : null,
            vendor: {
              billing: vendorReference(ctx.origin, await lookupReference(ctx.db, 'vendors', service.billingVendorId), service.billingVendorId),
              current: vendorReference(ctx.origin, await lookupReference(ctx.db, 'vendors', service.currentVendorId), service.currentVendorId),
            },
            upgradeEligibilityDate: service.upgradeEligibilityDate,
          },
        }
      : {}),
    ...(serviceDevice
      ? {
          device: {
            id: String(serviceDevice.id),
            _meta: { href: `${ctx.origin}/mobproc/v1/assets/devices/${serviceDevice.id}` },
            manufacturer: manufacturerReference(ctx.origin, await lookupReference(ctx.db, 'manufacturers', serviceDevice.manufacturerId), serviceDevice.manufacturerId),
            model: (await lookupReference(ctx.db, 'models', serviceDevice.modelId))?.name ?? '',
            serialNumber: { type: serviceDevice.serialType, value: serviceDevice.serialValue },
            simId: serviceDevice.simId,
            accessMethod: serviceDevice.accessMethod,
            macAddress: serviceDevice.macAddress,
            companyAssetId: serviceDevice.companyAssetId,
          },
        }
      : {}),
    ...(draft.currentVendor ? { currentVendor: vendorReference(ctx.origin, draft.currentVendor, draft.currentVendor.id) } : {}),
    ...(draft.existingDevice ? { existingDevice: describedDevice(ctx.origin, draft.existingDevice) } : {}),
    ...(draft.newDevice ? { newDevice: describedDevice(ctx.origin, draft.newDevice) } : {}),
    shoppingCart: await expandCart(ctx, draft),
    properties: expandProperties(draft),
    ...(draft.shipTo ? { shipTo: expandShipTo(ctx.origin, draft) } : {}),
    acknowledgements: draft.acknowledgements,
    approval: {
      required: preview.some((level) => level.decision === 'PENDING'),
      approver: firstLevel?.kind === 'PERSON' ? presentEmployeeSummary(ctx.origin, firstLevel.employee) : null,
      levels: preview,
    },
    costSummary: costSummary(draft, await fallbackCurrency(ctx, draft)),
  };
}

export type SegmentBody = Omit<OrderSegmentWire, 'orderSegmentId' | 'status' | '_meta'> & {
  /** What ships for this line when the order ships. */
  shipItems: { type: 'DEVICE' | 'ACCESSORY' | 'SIM'; name: string; quantity: number }[];
};

/** One stored segment per line (quantity N gives N identical segments). */
export function segmentBody(ctx: Pick<OrderContext, 'db' | 'origin'>, draft: Draft, cart: Cart): SegmentBody {
  const vendor = draft.fulfillingVendor;
  return {
    vendor: vendor ? vendorReference(ctx.origin, vendor, vendor.id) : { id: '', name: '' },
    device: cart.device ?? null,
    // The vendor sends a line without a plan as an empty plan, never null.
    plan: cart.plan ? { id: cart.plan.id, name: cart.plan.name, price: cart.plan.price, optionalFeatures: cart.plan.optionalFeatures } : { optionalFeatures: [] },
    accessories: cart.accessories,
    features: cart.features,
    shipItems: [
      ...(draft.device ? [{ type: 'DEVICE' as const, name: draft.device.name, quantity: 1 }] : []),
      ...(draft.shipsSim ? [{ type: 'SIM' as const, name: `${vendor?.name ?? 'Carrier'} SIM card`, quantity: 1 }] : []),
      ...draft.accessories.map((accessory) => ({ type: 'ACCESSORY' as const, name: accessory.name, quantity: 1 })),
    ],
  };
}
