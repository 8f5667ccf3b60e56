import { checkAccessories } from '../common.ts';
import { lookupReference } from '../context.ts';
import type { TransactionModule } from '../module.ts';

/** Accessories for the device on a service; they must fit it. Assets do not track accessories. */
export const orderAccessories: TransactionModule = {
  bringsNumberIn: false,
  async resolve(ctx, request, draft) {
    if (draft.service && !draft.serviceDevice) {
      ctx.problems.rule('orderRequest.serviceId', `Service ${draft.service.serviceNumber} has no device for accessories to fit.`);
      return;
    }
    await checkAccessories(ctx, request, draft);
    if (draft.service) draft.fulfillingVendor = await lookupReference(ctx.db, 'vendors', draft.service.currentVendorId);
  },
  async complete() {},
};
