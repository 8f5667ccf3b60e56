import { storageId } from '../../sql.ts';
import { activeServiceFeatureIds, loadFeatures, lookupReference } from '../context.ts';
import type { TransactionModule } from '../module.ts';
import { statement } from '../../../storage/statements.ts';

/** Adds features not active on the service and removes active ones; each must be the carrier's. */
export const updateFeatures: TransactionModule = {
  bringsNumberIn: false,
  async resolve(ctx, request, draft) {
    const service = draft.service;
    if (!service) return;
    draft.fulfillingVendor = await lookupReference(ctx.db, 'vendors', service.currentVendorId);
    const changes = request.shoppingCart?.features ?? [];
    const numeric = changes.map((change) => storageId(change.id));
    const found = await loadFeatures(ctx.db, ctx.tenantId, numeric.filter((value): value is number => value !== null), null);
    const active = await activeServiceFeatureIds(ctx.db, service.id);
    changes.forEach((change, index) => {
      const field = `orderRequest.shoppingCart.features.${index}`;
      const featureId = numeric[index];
      const feature = featureId == null ? undefined : found.get(featureId);
      if (!feature || feature.vendorId !== service.currentVendorId) {
        return ctx.problems.unknown(`${field}.id`, `There is no feature ${change.id} for this service's carrier.`);
      }
      if (change.action === 'ADD' && active.has(feature.id)) {
        return ctx.problems.rule(`${field}.action`, `${feature.description} is already active on the service; it can only be removed.`);
      }
      if (change.action === 'REMOVE' && !active.has(feature.id)) {
        return ctx.problems.rule(`${field}.action`, `${feature.description} is not active on the service; it can only be added.`);
      }
      draft.featureChanges.push({ feature, action: change.action });
    });
    if (request.shoppingCart?.featureRequestComment) draft.featureRequestComment = request.shoppingCart.featureRequestComment;
  },
  async complete({ db, now, effects }) {
    const serviceId = effects.serviceId!;
    const add = statement(db, 'INSERT INTO service_features (service_id, feature_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
    const remove = statement(db, 'DELETE FROM service_features WHERE service_id = ? AND feature_id = ?');
    for (const change of effects.featureChanges) await (change.action === 'ADD' ? add : remove).run(serviceId, change.id);
    await statement(db, 'UPDATE services SET updated_at = ? WHERE id = ?').run(now.toISOString(), serviceId);
  },
};
