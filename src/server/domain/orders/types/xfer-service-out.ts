import { lookupReference } from '../context.ts';
import type { TransactionModule } from '../module.ts';
import { statement } from '../../../storage/statements.ts';

/** The corporate service becomes the employee's personal one: it and its device leave the company's assets. */
export const xferServiceOut: TransactionModule = {
  bringsNumberIn: false,
  async resolve(ctx, _request, draft) {
    if (draft.service) draft.fulfillingVendor = await lookupReference(ctx.db, 'vendors', draft.service.currentVendorId);
  },
  async complete({ db, now, effects }) {
    const stamp = now.toISOString();
    await statement(db, 'UPDATE device_assets SET employee_id = NULL, updated_at = ? WHERE id = (SELECT device_asset_id FROM services WHERE id = ?)')
      .run(stamp, effects.serviceId!);
    await statement(db, 'UPDATE services SET employee_id = NULL, updated_at = ? WHERE id = ?').run(stamp, effects.serviceId!);
  },
};
