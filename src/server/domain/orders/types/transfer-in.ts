import { liveServiceWithNumber } from '../../asset-queries.ts';
import { storageId } from '../../sql.ts';
import { checkAccessories, checkCatalogDevice, checkDeviceFitsPlan, checkOptionalFeatures, checkPlan } from '../common.ts';
import { lockIncomingNumber, nationalDigits, numberLiveMessage, numberTakenMessage, openOrderWithNumber } from '../claims.ts';
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
    // The number comes in from outside: one that is already a live line would be two lines at
    // once, and one that an open order already brings in would become two lines when both complete.
    for (const [groupIndex, group] of (request.properties ?? []).entries()) {
      for (const [fieldIndex, field] of group.fields.entries()) {
        const digits = field.id === 'SERVICE_NUMBER' && 'text' in field && typeof field.text === 'string' ? field.text.replace(/\D/g, '') : '';
        if (!digits) continue;
        const path = `orderRequest.properties.${groupIndex}.fields.${fieldIndex}.text`;
        const national = nationalDigits(digits);
        const text = (field as { text: string }).text;
        draft.incomingNumber ??= { text, national, field: path };
        const open = await openOrderWithNumber(ctx.db, national);
        if (await liveServiceWithNumber(ctx.db, digits)) ctx.problems.rule(path, numberLiveMessage(text));
        else if (open) ctx.problems.rule(path, numberTakenMessage(text, open, ctx.tenantId));
      }
    }
  },
  async complete(completion) {
    // The same lock as a submit bringing the number in takes, so that submit sees this line or this order open.
    const digits = completion.effects.serviceNumber?.replace(/\D/g, '');
    if (digits) await lockIncomingNumber(completion.db, nationalDigits(digits));
    await addLines(completion, completion.effects.serviceNumber);
  },
});
