import {
  orderPropertiesQuery,
  orderPropertiesResponse,
  type OrderPropertyField,
  type OrderPropertyFieldGroup,
  type OrderPropertiesResponse,
} from '../../../contract/index.ts';
import { findVisibleService } from '../../domain/assets.ts';
import { all, one, storageId } from '../../domain/sql.ts';
import { ApiError, badRequest } from '../errors.ts';
import type { RouteRegistry } from '../route.ts';

// For these types SERVICE_NUMBER is the personal number being brought in, which the server cannot know.
const SERVICE_NUMBER_IS_INCOMING = new Set(['XFER_SERVICE_IN', 'XFER_SERVICE_IN_AND_PORT']);

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
    handler: ({ c, query }): OrderPropertiesResponse => {
      const { db } = c.var.deps;
      const auth = c.var.auth;
      let vendorId: number | null;
      let serviceNumber: string | undefined;
      if (query.vendor !== undefined) {
        vendorId = storageId(query.vendor);
        if (vendorId === null || !one(db, 'SELECT 1 FROM vendors WHERE id = ?', vendorId)) {
          throw new ApiError(badRequest('INVALID_FIELD', `There is no vendor ${query.vendor}.`, 'query.vendor'));
        }
      } else if (query.service === undefined) {
        throw new ApiError(badRequest('MISSING_FIELD', 'Give vendor or service.', 'query.vendor'));
      } else {
        vendorId = null;
      }
      if (query.service !== undefined) {
        const serviceId = storageId(query.service);
        const service = serviceId === null ? undefined : findVisibleService(db, auth, serviceId);
        if (!service) throw new ApiError(badRequest('INVALID_FIELD', `There is no service ${query.service} you can see.`, 'query.service'));
        vendorId ??= service.currentVendorId;
        serviceNumber = service.serviceNumber;
      }
      const excluded = [...(query.orderExcludesDevice ? ['WITH_DEVICE'] : []), ...(query.orderExcludesPlan ? ['WITH_PLAN'] : [])];
      const rows = all<{ groupId: string; definition: string }>(
        db,
        `SELECT group_id AS groupId, definition FROM order_property_definitions
         WHERE tenant_id = ? AND vendor_id = ? AND transaction_type = ? AND applies_when NOT IN (SELECT value FROM json_each(?))
         ORDER BY position, id`,
        auth.tenantId,
        vendorId,
        query.transactionType,
        JSON.stringify(excluded),
      );
      const defaults: Record<string, string | undefined> = {
        CONTACT_NUMBER: auth.actor.officePhone ?? undefined,
        USER: auth.actor.companyEmployeeId,
        SERVICE_NUMBER: SERVICE_NUMBER_IS_INCOMING.has(query.transactionType) ? undefined : serviceNumber,
      };
      const groups: OrderPropertyFieldGroup[] = [];
      for (const row of rows) {
        const field = JSON.parse(row.definition) as OrderPropertyField;
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
