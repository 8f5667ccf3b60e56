import { checkAccessories, checkCatalogDevice, checkDeviceFitsPlan, checkOptionalFeatures, checkPlan } from '../common.ts';
import { lookupReference } from '../context.ts';
import { addLines } from '../effects.ts';
import type { TransactionModule } from '../module.ts';

/** New device and/or plan, optionally features and accessories, `quantity` identical lines. */
export const newActivation: TransactionModule = {
  bringsNumberIn: false,
  async resolve(ctx, request, draft) {
    await checkCatalogDevice(ctx, request, draft);
    await checkPlan(ctx, request, draft);
    await checkDeviceFitsPlan(ctx, draft);
    await checkOptionalFeatures(ctx, request, draft);
    await checkAccessories(ctx, request, draft);
    draft.quantity = request.shoppingCart?.quantity ?? 1;
    const vendorId = draft.plan?.vendorId ?? draft.device?.vendorId;
    if (vendorId !== undefined) draft.fulfillingVendor = await lookupReference(ctx.db, 'vendors', vendorId);
  },
  async complete(completion) {
    await addLines(completion);
  },
};
