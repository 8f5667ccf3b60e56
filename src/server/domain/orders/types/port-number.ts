import { checkCatalogDevice, checkDeviceFitsPlan, checkOptionalFeatures, checkPlan } from '../common.ts';
import { lookupReference } from '../context.ts';
import { createDeviceAsset, iccidFor, setServiceFeatures, updateService } from '../effects.ts';
import type { TransactionModule } from '../module.ts';
import { statement } from '../../../storage/statements.ts';

/** Moves a service and its number to another carrier: a plan of that carrier, a device when the current one cannot work there. */
export const portNumber: TransactionModule = {
  bringsNumberIn: false,
  async resolve(ctx, request, draft) {
    await checkCatalogDevice(ctx, request, draft);
    await checkPlan(ctx, request, draft);
    await checkDeviceFitsPlan(ctx, draft);
    await checkOptionalFeatures(ctx, request, draft);
    const { service, plan } = draft;
    if (!service || !plan) return;
    const newCarrier = await lookupReference(ctx.db, 'vendors', plan.vendorId);
    if (plan.vendorId === service.currentVendorId) {
      ctx.problems.rule('orderRequest.shoppingCart.planId', `The service is already on ${newCarrier?.name ?? 'this carrier'}; a port needs a plan of another carrier.`);
      return;
    }
    if (!draft.device && request.shoppingCart?.deviceId === undefined && newCarrier && draft.serviceDevice?.accessMethod !== newCarrier.accessMethod) {
      ctx.problems.missing(
        'orderRequest.shoppingCart.deviceId',
        `The current device does not work on ${newCarrier.name} (${newCarrier.accessMethod}); add a device of that carrier to the cart.`,
      );
    }
    draft.shipsSim = !draft.device;
    draft.fulfillingVendor = newCarrier;
  },
  async complete({ db, now, effects, ...completion }) {
    const serviceId = effects.serviceId!;
    const changes: Record<string, string | number | null> = {
      plan_id: effects.planId!,
      billing_vendor_id: effects.vendorId!,
      current_vendor_id: effects.vendorId!,
      ...(effects.regionId !== undefined ? { region_id: effects.regionId } : {}),
    };
    if (effects.device) {
      changes.device_asset_id = await createDeviceAsset({ db, now, effects, ...completion }, effects.device);
      changes.last_device_upgrade = now.toISOString();
    } else {
      await statement(db, 'UPDATE device_assets SET sim_id = ?, updated_at = ? WHERE id = (SELECT device_asset_id FROM services WHERE id = ?)')
        .run(iccidFor(completion.orderId * 100 + 2), now.toISOString(), serviceId);
    }
    await setServiceFeatures(db, serviceId, effects.optionalFeatureIds);
    await updateService(db, serviceId, changes, now);
  },
};
