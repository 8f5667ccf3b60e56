import { lookupReference } from '../context.ts';
import { updateService } from '../effects.ts';
import type { TransactionModule } from '../module.ts';

/** SUSPEND, UNSUSPEND and DEACTIVATE: no cart; completion sets the service's status. */
export const statusChange = (
  status: 'ACTIVE' | 'SUSPENDED' | 'DEACTIVATED',
): TransactionModule => ({
  bringsNumberIn: false,
  async resolve(ctx, _request, draft) {
    if (draft.service) draft.fulfillingVendor = await lookupReference(ctx.db, 'vendors', draft.service.currentVendorId);
  },
  async complete({ db, now, effects }) {
    await updateService(db, effects.serviceId!, { status }, now);
  },
});
