import type { OrderRequest } from '../../../contract/index.ts';
import type { Draft } from './common.ts';
import { effectiveDateOf } from './effective-date.ts';
import type { OrderContext } from './context.ts';
import type { CompletionContext, OrderEffects } from './effects.ts';

/**
 * One transaction type: its own checks (the common ones run around them) and what its completion
 * does to the assets.
 */
export type TransactionModule = {
  /** Whether SERVICE_NUMBER is a number being brought in, which the server cannot know and so does not fill in. */
  bringsNumberIn: boolean;
  /** Resolves and checks the type's members, adding problems; sets `draft.fulfillingVendor`. */
  resolve: (ctx: OrderContext, request: OrderRequest, draft: Draft) => Promise<void>;
  /** Applies a completed order to the assets, inside the fulfilment step's transaction. */
  complete: (completion: CompletionContext) => Promise<void>;
};

/** The resolved IDs completion needs, taken from a valid draft at submit. */
export function effectsOf(draft: Draft): OrderEffects {
  const areaCode = draft.properties.flatMap((group) => group.fields).find((field) => field.id === 'PREFERRED_AREA_CODE');
  const effectiveDate = effectiveDateOf(draft.properties);
  const personalNumber = draft.properties.flatMap((group) => group.fields).find((field) => field.id === 'SERVICE_NUMBER');
  return {
    ...(draft.service ? { serviceId: draft.service.id } : {}),
    ...(draft.region ? { regionId: draft.region.id } : {}),
    ...(draft.fulfillingVendor ? { vendorId: draft.fulfillingVendor.id } : {}),
    ...(draft.plan ? { planId: draft.plan.id } : {}),
    optionalFeatureIds: draft.optionalFeatures.map((feature) => feature.id),
    ...(draft.device
      ? { device: { catalogId: draft.device.id, manufacturerId: draft.device.manufacturerId, modelId: draft.device.modelId, accessMethod: draft.device.accessMethod } }
      : {}),
    newSim: draft.shipsSim,
    featureChanges: draft.featureChanges.map((change) => ({ id: change.feature.id, action: change.action })),
    quantity: draft.quantity,
    ...(draft.newDevice?.assetId ? { newDeviceAssetId: draft.newDevice.assetId } : {}),
    ...(personalNumber && 'text' in personalNumber && personalNumber.text ? { serviceNumber: personalNumber.text.replace(/\s+/g, '') } : {}),
    ...(areaCode && 'text' in areaCode && areaCode.text ? { preferredAreaCode: areaCode.text } : {}),
    ...(effectiveDate ? { effectiveDate } : {}),
  };
}
