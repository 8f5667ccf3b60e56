import {
  orderPropertiesQuery,
  orderPropertiesResponse,
  type OrderPropertyField,
  type OrderPropertyFieldGroup,
  type OrderPropertiesResponse,
} from '../../../contract/index.ts';
import { findVisibleService } from '../../domain/assets.ts';
import { transactionModules } from '../../domain/orders/types/index.ts';
import { propertyDefinitionsFor } from '../../domain/carrier-requirements.ts';
import { vendorExists } from '../../domain/reference.ts';
import { storageId } from '../../domain/sql.ts';
import { ApiError, badRequest } from '../../domain/errors.ts';
import type { RouteRegistry } from '../route.ts';

export function registerPropertyRoutes(api: RouteRegistry): void {
  api.add({
    method: 'get',
    path: '/orders/properties',
    tag: 'Orders',
    summary: 'Order property fields a carrier wants for a transaction type',
    description:
      'Give `vendor` (the fulfilling carrier) or `service` (its current carrier); with both, `vendor` picks the fields (a port ' +
      'to another carrier) and `service` supplies the number. Defaults the server knows are filled in: ' +
      "CONTACT_NUMBER (the actor's office phone), SERVICE_NUMBER (the service's number), USER (the actor's companyEmployeeId).",
    query: orderPropertiesQuery,
    response: orderPropertiesResponse,
    handler: async ({ c, query }): Promise<OrderPropertiesResponse> => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      let vendorId: number | null;
      let serviceNumber: string | undefined;
      if (query.vendor !== undefined) {
        vendorId = storageId(query.vendor);
        if (vendorId === null || !await vendorExists(db, vendorId)) {
          throw new ApiError(badRequest('INVALID_FIELD', `There is no vendor ${query.vendor}.`, 'query.vendor'));
        }
      } else if (query.service === undefined) {
        throw new ApiError(badRequest('MISSING_FIELD', 'Give vendor or service.', 'query.vendor'));
      } else {
        vendorId = null;
      }
      if (query.service !== undefined) {
        const serviceId = storageId(query.service);
        const service = serviceId === null ? undefined : await findVisibleService(db, auth, serviceId);
        if (!service) throw new ApiError(badRequest('INVALID_FIELD', `There is no service ${query.service} you can see.`, 'query.service'));
        vendorId ??= service.currentVendorId;
        serviceNumber = service.serviceNumber;
      }
      const excluded = [...(query.orderExcludesDevice ? (['WITH_DEVICE'] as const) : []), ...(query.orderExcludesPlan ? (['WITH_PLAN'] as const) : [])];
      const rows = await propertyDefinitionsFor(db, auth.tenantId, vendorId!, query.transactionType, excluded);
      const defaults: Record<string, string | undefined> = {
        CONTACT_NUMBER: auth.actor.officePhone ?? undefined,
        USER: auth.actor.companyEmployeeId,
        SERVICE_NUMBER: transactionModules[query.transactionType].bringsNumberIn ? undefined : serviceNumber,
      };
      const groups: OrderPropertyFieldGroup[] = [];
      for (const row of rows) {
        const field = row.definition as OrderPropertyField;
        const known = defaults[field.id];
        const withDefault = known !== undefined && field.type === 'TEXT' && field.text === undefined ? { ...field, text: known } : field;
        let group = groups.find((candidate) => candidate.groupId === row.groupId);
        if (!group) {
          group = { groupId: row.groupId, fields: [] };
          groups.push(group);
        }
        group.fields.push(withDefault);
      }
      // Every group on one page: the paginated wrapper of MOBPROC §1 without page links.
      const url = new URL(c.req.url);
      const meta = { href: `${c.var.origin}${url.pathname}${url.search}`, limit: groups.length, offset: 0, totalCount: groups.length };
      return { properties: { _meta: meta, items: groups } };
    },
  });
}
