import { liveServiceWithNumber } from '../../asset-queries.ts';
import { storageId } from '../../sql.ts';
import { checkAccessories, checkCatalogDevice, checkDeviceFitsPlan, checkOptionalFeatures, checkPlan } from '../common.ts';
import { lookupReference } from '../context.ts';
import { addLines } from '../effects.ts';
import type { TransactionModule } from '../module.ts';

/**
 * A personal service becomes corporate. `sameCarrier`: XFER_SERVICE_IN keeps the carrier (the
 * current vendor must be the plan's); XFER_SERVICE_IN_AND_PORT moves it (it must differ).
 */
export const transferIn = (sameCarrier: boolean): TransactionModule => ({
  bringsNumberIn: true,
  async resolve(ctx, request, draft) {
    await checkCatalogDevice(ctx, request, draft);
    await checkPlan(ctx, request, draft);
    await checkDeviceFitsPlan(ctx, draft);
    await checkOptionalFeatures(ctx, request, draft);
    await checkAccessories(ctx, request, draft);
    draft.quantity = 1;
    if (request.currentVendorId !== undefined) {
      const vendorId = storageId(request.currentVendorId);
      const current = vendorId === null ? undefined : await lookupReference(ctx.db, 'vendors', vendorId);
      if (!current || current.type !== 'CARRIER') {
        ctx.problems.unknown('orderRequest.currentVendorId', `There is no carrier with ID ${request.currentVendorId}.`);
      } else {
        draft.currentVendor = current;
        if (draft.plan && sameCarrier && draft.plan.vendorId !== current.id) {
          ctx.problems.rule('orderRequest.currentVendorId', `A transfer without a port stays on ${current.name}: choose a plan of ${current.name}, or order XFER_SERVICE_IN_AND_PORT.`);
        }
        if (draft.plan && !sameCarrier && draft.plan.vendorId === current.id) {
          ctx.problems.rule('orderRequest.currentVendorId', `The service is already on ${current.name}: order XFER_SERVICE_IN, or choose a plan of another carrier.`);
        }
      }
    }
    if (draft.plan) draft.fulfillingVendor = await lookupReference(ctx.db, 'vendors', draft.plan.vendorId);
    // The number comes in from outside: one that is already a live line would be two lines at once.
    for (const [groupIndex, group] of (request.properties ?? []).entries()) {
      for (const [fieldIndex, field] of group.fields.entries()) {
        const digits = field.id === 'SERVICE_NUMBER' && 'text' in field && typeof field.text === 'string' ? field.text.replace(/\D/g, '') : '';
        if (digits && (await liveServiceWithNumber(ctx.db, digits))) {
          ctx.problems.rule(
            `orderRequest.properties.${groupIndex}.fields.${fieldIndex}.text`,
            `${field.text} is already a company line; a number can be brought in only from outside.`,
          );
        }
      }
    }
  },
  async complete(completion) {
    await addLines(completion, completion.effects.serviceNumber);
  },
});
