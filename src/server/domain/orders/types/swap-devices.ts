import { withArticle } from '../../../../contract/index.ts';
import { and, eq, sql } from 'drizzle-orm';
import { deviceAssets } from '../../../storage/schema.ts';
import { allPrepared } from '../../../storage/statements.ts';
import { deviceColumns } from '../../assets.ts';
import { checkDescribedDevice, checkExistingDevice } from '../common.ts';
import { deviceInUseMessage, deviceTakenMessage, liveServiceWithDevice, openOrderWithDevice } from '../claims.ts';
import { lookupReference } from '../context.ts';
import { updateService } from '../effects.ts';
import { lockForUpdate } from '../../../storage/locks.ts';
import type { TransactionModule } from '../module.ts';

/** Moves the service from the device now on it to another device the account holder already has. */
export const swapDevices: TransactionModule = {
  bringsNumberIn: false,
  async resolve(ctx, request, draft) {
    await checkExistingDevice(ctx, request, draft);
    const service = draft.service;
    if (service) draft.fulfillingVendor = await lookupReference(ctx.db, 'vendors', service.currentVendorId);
    const wanted = request.newDevice;
    if (!wanted) return;
    const described = await checkDescribedDevice(ctx, wanted, 'orderRequest.newDevice');
    const asset = (await allPrepared(ctx.db, 'device-by-serial', (bind) =>
      ctx.db
        .select(deviceColumns)
        .from(deviceAssets)
        .where(
          and(
            eq(deviceAssets.tenantId, bind('tenantId', ctx.tenantId)),
            eq(deviceAssets.employeeId, bind('employeeId', ctx.actor.id)),
            eq(deviceAssets.serialType, bind('serialType', wanted.serialNumber.type)),
            sql`UPPER(${deviceAssets.serialValue}) = UPPER(${bind('serialValue', wanted.serialNumber.value)})`,
          ),
        ),
    ))[0];
    const field = 'orderRequest.newDevice.serialNumber.value';
    if (!asset) {
      ctx.problems.rule(field, `${ctx.actor.firstName} ${ctx.actor.lastName} has no device with this serial number on record.`);
      return;
    }
    if (draft.serviceDevice && asset.id === draft.serviceDevice.id) {
      ctx.problems.rule(field, 'The new device is the one already on the service.');
      return;
    }
    const inUse = await liveServiceWithDevice(ctx.db, asset.id);
    if (inUse) {
      ctx.problems.rule(field, deviceInUseMessage(inUse.serviceNumber));
      return;
    }
    // A spare that an open swap on another line already takes would end up on two lines.
    const taken = await openOrderWithDevice(ctx.db, asset.id);
    if (taken) {
      ctx.problems.rule(field, deviceTakenMessage(taken.id));
      return;
    }
    if (described && described.model.id !== asset.modelId) {
      ctx.problems.rule('orderRequest.newDevice.modelId', `The device with this serial number is ${withArticle((await lookupReference(ctx.db, 'models', asset.modelId))?.name ?? 'different model')}.`);
    }
    const carrier = service ? await lookupReference(ctx.db, 'vendors', service.currentVendorId) : undefined;
    if (carrier && asset.accessMethod !== carrier.accessMethod) {
      ctx.problems.rule(field, `This device (${asset.accessMethod}) does not work on ${carrier.name} (${carrier.accessMethod}).`);
    }
    if (described) draft.newDevice = { ...described, assetId: asset.id, ...(asset.simId ? { simId: asset.simId } : {}) };
  },
  async complete({ db, now, effects }) {
    // The same lock a submit swapping this device in takes, so that submit sees it on this line or this order open.
    await lockForUpdate(db, 'device_assets', effects.newDeviceAssetId!);
    await updateService(db, effects.serviceId!, { device_asset_id: effects.newDeviceAssetId! }, now);
  },
};
