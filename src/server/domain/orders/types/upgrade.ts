import { checkAccessories, checkCatalogDevice, checkDeviceFitsPlan, checkExistingDevice, checkOptionalFeatures, checkPlan } from '../common.ts';
import { lookupReference } from '../context.ts';
import { createDeviceAsset, iccidFor, setServiceFeatures, updateService, upgradeEligibleFrom } from '../effects.ts';
import type { TransactionModule } from '../module.ts';
import { statement } from '../../../storage/statements.ts';

/** A new device and/or plan for an existing service; a carrier change without a device ships a SIM. */
export const upgrade: TransactionModule = {
  bringsNumberIn: false,
  async resolve(ctx, request, draft) {
    await checkExistingDevice(ctx, request, draft);
    await checkCatalogDevice(ctx, request, draft);
    await checkPlan(ctx, request, draft);
    await checkDeviceFitsPlan(ctx, draft);
    await checkOptionalFeatures(ctx, request, draft);
    await checkAccessories(ctx, request, draft);
    const service = draft.service;
    if (!service) return;
    const currentCarrier = await lookupReference(ctx.db, 'vendors', service.currentVendorId);
    const newCarrier = draft.plan ? await lookupReference(ctx.db, 'vendors', draft.plan.vendorId) : currentCarrier;
    if (draft.device && !draft.plan && draft.device.vendorId !== service.currentVendorId) {
      ctx.problems.rule(
        'orderRequest.shoppingCart.deviceId',
        `${draft.device.name} is sold for another carrier than ${currentCarrier?.name ?? 'the service'}'s; add a plan of that carrier or choose another device.`,
      );
    }
    if (draft.plan && !draft.device && draft.serviceDevice && newCarrier && draft.serviceDevice.accessMethod !== newCarrier.accessMethod) {
      ctx.problems.missing(
        'orderRequest.shoppingCart.deviceId',
        `The current device (${draft.serviceDevice.accessMethod}) does not work on ${newCarrier.name} (${newCarrier.accessMethod}); add a new device to the cart.`,
      );
    }
    draft.shipsSim = !draft.device && draft.plan !== undefined && draft.plan.vendorId !== service.currentVendorId;
    draft.fulfillingVendor = newCarrier ?? undefined;
  },
  async complete({ db, now, effects, ...completion }) {
    const serviceId = effects.serviceId!;
    const changes: Record<string, string | number | null> = { upgrade_eligibility_date: upgradeEligibleFrom(now) };
    if (effects.device) {
      changes.device_asset_id = await createDeviceAsset({ db, now, effects, ...completion }, effects.device);
      changes.last_device_upgrade = now.toISOString();
    }
    if (effects.planId !== undefined) {
      changes.plan_id = effects.planId;
      changes.billing_vendor_id = effects.vendorId!;
      changes.current_vendor_id = effects.vendorId!;
      await setServiceFeatures(db, serviceId, effects.optionalFeatureIds);
    }
    if (effects.newSim) {
      await statement(db, 'UPDATE device_assets SET sim_id = ?, updated_at = ? WHERE id = (SELECT device_asset_id FROM services WHERE id = ?)')
        .run(iccidFor(completion.orderId * 100 + 1), now.toISOString(), serviceId);
    }
    await updateService(db, serviceId, changes, now);
  },
};
