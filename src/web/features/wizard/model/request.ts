import { normalizeSerialNumber, type SerialNumberType } from '../../../../contract/serials.ts';
import { normalizeSimId } from '../../../../contract/serials.ts';
import { normalizeCalendarDate } from '../../../../contract/dynamic.ts';
import { NONE, type Extensions } from '../../../lib/extensions.ts';
import { externalOrderNumberFor, type DeviceEntry, type Draft } from './draft.ts';
import { withSecrets } from './secrets.ts';
import { stepsFor } from './steps.ts';
import { typeModule } from './types/index.ts';
import type { OrderRequestBody, OrderRequestInput, ShoppingCartRequest } from '../../../../contract/orders.ts';

function deviceBody(entry: DeviceEntry, withSim: boolean): NonNullable<OrderRequestInput['existingDevice']> {
  const type = entry.serialType as SerialNumberType;
  return {
    manufacturerId: entry.manufacturerId,
    modelId: entry.modelId,
    ...(entry.otherMakeModelName.trim() ? { otherMakeModelName: entry.otherMakeModelName.trim() } : {}),
    serialNumber: { type, value: normalizeSerialNumber(type, entry.serialValue) },
    ...(withSim && entry.simId.trim() ? { simId: normalizeSimId(entry.simId) } : {}),
  };
}

/**
 * The `orderRequest` for a draft: only the members its transaction type takes (MOBPROC §4.2),
 * extension members only where the server announced them (`extensions`), the draft's own
 * `externalOrderNumber` always,
 * properties and address lines in the order the forms show them, so a server error's index
 * points back at the right input. Sensitive property values come from `secrets` (this tab's
 * memory); without them the body is the one that may be stored (idempotency, the sending mark).
 */
export function buildOrderRequest(draft: Draft, extensions: Extensions = NONE, secrets: ReadonlyMap<string, string> = new Map()): OrderRequestBody {
  const type = typeModule(draft.transactionType);
  const steps = stepsFor(draft);
  const has = (step: (typeof steps)[number]) => steps.includes(step);
  const cart: ShoppingCartRequest = {};
  if (has('device') && draft.deviceId && !draft.noDevice) {
    cart.deviceId = draft.deviceId;
    if (draft.deviceFeatureOptionIds?.length && extensions.has('device-feature-options')) cart.deviceFeatureOptionIds = draft.deviceFeatureOptionIds;
  }
  if (type.takes.quantity && draft.deviceId) cart.quantity = draft.quantity ?? 1;
  if (has('plan') && draft.planId && !draft.noPlan) {
    cart.planId = draft.planId;
    if (draft.optionalFeatureIds?.length) cart.optionalFeatureIds = draft.optionalFeatureIds;
  }
  if (has('accessories') && draft.accessoryIds?.length) cart.accessoryIds = draft.accessoryIds;
  if (type.takes.features) {
    cart.features = draft.features ?? [];
    if (draft.featureRequestComment?.trim()) cart.featureRequestComment = draft.featureRequestComment.trim();
  }

  const properties = (withSecrets(draft.properties, secrets) ?? []).map((group) => ({
    groupId: group.groupId,
    fields: group.fields.map((field) => {
      if (field.type === 'DATE') {
        const date = field.date ? (normalizeCalendarDate(field.date) ?? field.date) : undefined;
        return { id: field.id, type: field.type, ...(date ? { date } : {}) };
      }
      if (field.type === 'CHOICE') {
        return { id: field.id, type: field.type, ...(field.choice?.id ? { choice: field.choice } : {}) };
      }
      return { id: field.id, type: field.type, text: field.text ?? '' };
    }),
  }));

  const request: OrderRequestInput = { transactionType: draft.transactionType, properties };
  request.externalOrderNumber = externalOrderNumberFor(draft);
  if (has('service') && draft.serviceId) request.serviceId = draft.serviceId;
  if (has('location') && draft.regionId) {
    request.regionId = draft.regionId;
    if (draft.postalCode?.trim()) request.postalCode = draft.postalCode.trim();
  }
  if (type.takes.currentVendorId && draft.carrierId) request.currentVendorId = draft.carrierId;
  if (Object.keys(cart).length > 0) request.shoppingCart = cart;
  if (has('devices') && draft.existingDevice) request.existingDevice = deviceBody(draft.existingDevice, true);
  if (type.takes.newDevice && draft.newDevice) request.newDevice = deviceBody(draft.newDevice, false);
  if (has('acknowledgements') && draft.acknowledgements) {
    request.acknowledgements = Object.entries(draft.acknowledgements).map(([id, value]) => ({ id, boolean: value }));
  }
  if (has('shipping') && draft.shipTo) {
    request.shipTo = {
      name: draft.shipTo.name.trim(),
      regionId: draft.shipTo.regionId,
      address: draft.shipTo.address.filter((line) => line.value.trim() !== '').map((line) => ({ id: line.id, value: line.value.trim() })),
      expedite: draft.shipTo.expedite,
    };
  }
  return { orderRequest: request };
}

/**
 * A server error's `field`, rewritten to name inputs rather than array positions:
 * `orderRequest.properties.0.fields.2.text` → `properties/<groupId>/<fieldId>`,
 * `orderRequest.shipTo.address.1.value` → `shipTo.address/<componentId>`; others lose the prefix.
 */
export function fieldKey(field: string, body: OrderRequestBody): string {
  const request = body.orderRequest;
  const property = /^orderRequest\.properties\.(\d+)(?:\.fields\.(\d+))?/.exec(field);
  if (property) {
    const group = request.properties?.[Number(property[1])];
    const item = property[2] === undefined ? undefined : group?.fields[Number(property[2])];
    return item && group ? `properties/${group.groupId}/${item.id}` : 'properties';
  }
  const line = /^orderRequest\.shipTo\.address\.(\d+)/.exec(field);
  if (line) {
    const component = request.shipTo?.address[Number(line[1])];
    return component ? `shipTo.address/${component.id}` : 'shipTo.address';
  }
  return field.replace(/^orderRequest\./, '');
}
