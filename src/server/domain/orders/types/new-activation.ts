import { checkAccessories, checkCatalogDevice, checkDeviceFitsPlan, checkOptionalFeatures, checkPlan } from '../common.ts';
import { lookupReference } from '../context.ts';
import { addLines } from '../effects.ts';
import type { TransactionModule } from '../module.ts';

/** New device and/or plan, optionally features and accessories, `quantity` identical lines. */
export const newActivation: TransactionModule = {
  bringsNumberIn: false,
  resolve(ctx, request, draft) {
    checkCatalogDevice(ctx, request, draft);
    checkPlan(ctx, request, draft);
    checkDeviceFitsPlan(ctx, draft);
    checkOptionalFeatures(ctx, request, draft);
    checkAccessories(ctx, request, draft);
    draft.quantity = request.shoppingCart?.quantity ?? 1;
    const vendorId = draft.plan?.vendorId ?? draft.device?.vendorId;
    if (vendorId !== undefined) draft.fulfillingVendor = lookupReference(ctx.db, 'vendors', vendorId);
  },
  complete(completion) {
    addLines(completion);
  },
};
