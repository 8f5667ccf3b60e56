/**
 * The accept strength against answers shaped like the vendor's public documentation: only
 * vendor members, none of this project's extensions. The data is made up for these tests.
 */
import { describe, expect, it } from 'vitest';
import {
  acceptCatalogDeviceDetail,
  acceptCatalogDevicesResponse,
  acceptMe,
  acceptOrderConfirmationResponse,
  acceptOrderPropertiesResponse,
  acceptOrderResponse,
  acceptOrdersResponse,
  acceptPing,
  acceptRegionsResponse,
  acceptServicesResponse,
  acceptHistoryResponse,
} from '../../contract/accept.ts';
import { catalogDevicesResponse, catalogDeviceDetail } from '../../contract/catalog.ts';
import { meResponse } from '../../contract/employees.ts';
import { orderConfirmationResponse, orderSubmitResponse, ordersResponse } from '../../contract/orders.ts';
import { orderPropertiesResponse } from '../../contract/properties.ts';
import { pingResponse } from '../../contract/common.ts';
import { servicesResponse } from '../../contract/assets.ts';
import { totalsFromCart } from './order-totals.ts';
import { transactionType } from '../../contract/index.ts';

const base = 'https://mobproc.vendor.test/mobproc/v1';
const person = {
  _meta: { href: `${base}/employees/5001` },
  id: '5001',
  companyEmployeeId: 'maria.lopez.globex',
  firstName: 'Maria',
  lastName: 'Lopez',
  email: 'maria.lopez@globex.test',
  officePhone: '312-555-0100',
  status: 'ACTIVE',
  department: { id: '77', name: 'Logistics' },
};
const usd = (amount: number, recurrence: 'ONETIME' | 'MONTHLY') => ({ amount, currencyCode: 'USD', recurrence });
const carrier = { _meta: { href: `${base}/vendors/31` }, id: '31', name: 'Northwind Mobile', logoUrl: 'https://img.vendor.test/nw.gif' };
const maker = { _meta: { href: `${base}/manufacturers/Fabrikam` }, id: 'Fabrikam', name: 'Fabrikam', logoUrl: 'https://img.vendor.test/fab.gif' };
const page = (href: string, totalCount: number) => ({ href, limit: 10, offset: 0, totalCount });

describe('the accept strength reads vendor-shaped answers', () => {
  it('/ping with only echoText and sourceSystem', () => {
    const ping = { echoText: 'hello', sourceSystem: 'COMMAND' };
    expect(pingResponse.safeParse(ping).success).toBe(false);
    expect(acceptPing.parse(ping)).toEqual({ echoText: 'hello', sourceSystem: 'COMMAND' });
  });

  it('/me without actAs, restrictions or custom attributes; a type this app does not know is left out', () => {
    const me = {
      authenticatedUser: person,
      actor: person,
      transactionTypes: [transactionType.enum.NEW_ACTIVATION, transactionType.enum.SUSPEND, 'RENEW_CONTRACT'],
      isApprover: false,
      canMoveService: false,
    };
    expect(meResponse.safeParse(me).success).toBe(false);
    const read = acceptMe.parse(me);
    expect(read.transactionTypes).toEqual([transactionType.enum.NEW_ACTIVATION, transactionType.enum.SUSPEND]);
    expect(read.actAs).toBeUndefined();
    expect(read.transactionTypeRestrictions).toBeUndefined();
    expect(read.actor.firstName).toBe('Maria');
  });

  it('catalog devices without vendor type or access method; a detail without description, specifications or features', () => {
    const item = { _meta: { href: `${base}/catalog/devices/900` }, id: '900', name: 'Fabrikam Nimbus 7 (128GB)', manufacturer: maker, vendor: carrier, price: usd(349.5, 'ONETIME'), imageUrl: 'https://img.vendor.test/nimbus7.jpg' };
    const list = { devices: { _meta: page(`${base}/catalog/devices`, 1), items: [item] } };
    expect(catalogDevicesResponse.safeParse(list).success).toBe(false);
    expect(acceptCatalogDevicesResponse.parse(list).devices.items[0]!.vendor?.name).toBe('Northwind Mobile');
    expect(catalogDeviceDetail.safeParse(item).success).toBe(false);
    const detail = acceptCatalogDeviceDetail.parse({ ...item, unknownVendorMember: { nested: true } });
    expect(detail.deviceFeatures).toBeUndefined();
    expect(detail).not.toHaveProperty('unknownVendorMember');
  });

  it('services whose plan is only {name}, with vendors without type and a status this app does not know', () => {
    const service = {
      _meta: { href: `${base}/assets/services/4400` },
      id: '4400',
      serviceNumber: '3125550142',
      status: 'PENDING_PORT',
      plan: { name: 'Business Talk 500' },
      vendor: { billing: carrier, current: carrier },
      updated: '2026-10-01T08:00:00Z',
    };
    const list = { services: { _meta: page(`${base}/assets/services`, 1), items: [service] } };
    expect(servicesResponse.safeParse(list).success).toBe(false);
    const read = acceptServicesResponse.parse(list).services.items[0]!;
    expect(read.status).toBe('PENDING_PORT');
    expect(read.plan).toEqual({ name: 'Business Talk 500' });
    expect(read.orderActions).toBeUndefined();
  });

  it("the properties answer whose _meta has only href, with a field without a label", () => {
    const answer = {
      properties: {
        _meta: { href: `${base}/orders/properties?transactionType=SUSPEND` },
        items: [{ groupId: 'MISCELLANEOUS', fields: [{ id: 'CONTACT_NUMBER', type: 'TEXT', validation: 'REQUIRED', label: 'Contact number' }, { id: 'HOLD_SERVICE', type: 'CHOICE', validation: 'OPTIONAL', choices: [{ id: 'Y' }] }] }],
      },
    };
    expect(orderPropertiesResponse.safeParse(answer).success).toBe(false);
    const fields = acceptOrderPropertiesResponse.parse(answer).properties.items[0]!.fields;
    expect(fields.map((field) => field.label)).toEqual(['Contact number', undefined]);
  });

  it('a care confirmation without cart, costSummary, approval or acknowledgements, whose device model is a plain string', () => {
    const answer = {
      status: 'SUCCESS',
      orderConfirmation: {
        transactionType: transactionType.enum.SUSPEND,
        externalOrderNumber: 'WZ-ABCDEFGHJKMNPQ',
        accountHolder: person,
        requestedBy: person,
        region: { _meta: { href: `${base}/regions/1` }, id: '1', name: 'United States' },
        service: { _meta: { href: `${base}/assets/services/4400` }, id: '4400', serviceNumber: '3125550142', status: 'ACTIVE', contractDates: { start: '2025-01-01T00:00:00Z' } },
        device: { manufacturer: maker, model: 'Nimbus 6 (64GB) graphite', serialNumber: { type: 'IMEI', value: '356938035643809' } },
        properties: [{ groupId: 'MISCELLANEOUS', fields: [{ id: 'HOLD_SERVICE', type: 'CHOICE', choice: { id: 'Y' } }] }],
      },
    };
    expect(orderConfirmationResponse.safeParse(answer).success).toBe(false);
    const read = acceptOrderConfirmationResponse.parse(answer).orderConfirmation;
    expect(read.costSummary).toBeUndefined();
    expect(read.approval).toBeUndefined();
    expect(read.device?.model).toBe('Nimbus 6 (64GB) graphite');
    expect(read.properties?.[0]?.fields?.[0]?.choice).toEqual({ id: 'Y' });
  });

  it('computes totals from the cart when costSummary is absent, quantity applied', () => {
    const totals = totalsFromCart({
      quantity: 2,
      device: { id: '900', name: 'Nimbus 7', price: usd(349.5, 'ONETIME') },
      plan: { id: '61', name: 'Business Talk 500', price: usd(40.1, 'MONTHLY'), optionalFeatures: [{ id: '8', description: 'Hotspot', price: usd(10, 'MONTHLY') }] },
      accessories: [{ id: '12', name: 'Case', price: { amount: 19.99, currencyCode: 'USD' } }],
    });
    expect(totals.oneTime).toEqual([{ currencyCode: 'USD', amount: 738.98 }]);
    expect(totals.monthly).toEqual([{ currencyCode: 'USD', amount: 100.2 }]);
  });

  it('the submit answer without approvers, shipments, history, updated or segment members', () => {
    const answer = {
      status: 'SUCCESS',
      order: {
        _meta: { href: `${base}/orders/7700123` },
        orderId: '7700123',
        transactionType: transactionType.enum.SUSPEND,
        status: 'ORDER_SUBMITTED',
        dateSubmitted: '2026-11-30T09:00:00Z',
        externalOrderNumber: 'WZ-ABCDEFGHJKMNPQ',
        accountHolder: person,
        requestedBy: person,
        serviceNumber: '3125550142',
        properties: [],
        shipTo: { address: [] },
        orderSegments: { items: [{ _meta: { hrefHistory: `${base}/orders/7700123/history?orderSegment=1` }, orderSegmentId: '1', status: 'ORDER_SUBMITTED', vendor: carrier, plan: { optionalFeatures: [] }, accessories: [], features: [] }] },
      },
    };
    expect(orderSubmitResponse.safeParse(answer).success).toBe(false);
    const read = acceptOrderResponse.parse(answer).order;
    expect(read.orderId).toBe('7700123');
    expect(read.approvers).toBeUndefined();
  });

  it('an order list with a status of the vendor system this app has no words for', () => {
    const list = { orders: { _meta: page(`${base}/orders`, 1), items: [{ orderId: '7700124', transactionType: transactionType.enum.SUSPEND, status: 'ON_HOLD', externalOrderNumber: 'WZ-X', dateSubmitted: '2026-11-30T09:00:00Z' }] } };
    expect(ordersResponse.safeParse(list).success).toBe(false);
    expect(acceptOrdersResponse.parse(list).orders.items[0]!.status).toBe('ON_HOLD');
  });

  it('still refuses what no screen can do without: an order without its number', () => {
    expect(acceptOrderResponse.safeParse({ order: { status: 'ORDER_SUBMITTED' } }).success).toBe(false);
  });
});

describe('the accept strength keeps what it can read of a list', () => {
  const line = (id: string, serviceNumber: string) => ({ _meta: { href: `${base}/assets/services/${id}` }, id, serviceNumber, status: 'ACTIVE' });

  it('drops the lines it cannot read, keeps the others in order, and counts the dropped ones', () => {
    const items = [
      line('4401', '3125550101'),
      { serviceNumber: '3125550102', status: 'ACTIVE' },
      { ...line('4403', '3125550103'), serviceNumber: null },
      { ...line('4404', '3125550104'), status: 7 },
      {},
      line('4406', '3125550106'),
    ];
    const read = acceptServicesResponse.parse({ services: { _meta: page(`${base}/assets/services`, 6), items } }).services;
    expect(read.items.map((service) => service.id)).toEqual(['4401', '4406']);
    expect(read.unreadable).toBe(4);
  });

  it('an order list with one bogus item still lists the others', () => {
    const list = { orders: { _meta: page(`${base}/orders`, 2), items: [{ status: 'ORDER_SUBMITTED' }, { orderId: '7700125', status: 'ORDER_SUBMITTED' }] } };
    const read = acceptOrdersResponse.parse(list).orders;
    expect(read.items.map((order) => order.orderId)).toEqual(['7700125']);
    expect(read.unreadable).toBe(1);
  });

  it('small lists (regions, history) drop unreadable items too', () => {
    const regions = acceptRegionsResponse.parse({ regions: [{ id: '1', name: 'United States' }, { name: 'Nowhere' }, 'x'] }).regions;
    expect(regions.map((region) => region.id)).toEqual(['1']);
    const history = acceptHistoryResponse.parse({ history: [{ status: 'ORDER_SUBMITTED' }, null, { status: 3 }] }).history;
    expect(history).toEqual([{ status: 'ORDER_SUBMITTED' }]);
  });
});

describe('the accept strength reads money tolerantly', () => {
  const confirmation = (costSummary: unknown) => ({
    status: 'SUCCESS',
    orderConfirmation: { transactionType: transactionType.enum.SUSPEND, accountHolder: person, costSummary },
  });

  it('reads an amount sent as a numeric string as a number', () => {
    const read = acceptOrderConfirmationResponse.parse(confirmation([{ amount: '12.5', currencyCode: 'USD', recurrence: 'ONETIME' }]));
    expect(read.orderConfirmation.costSummary).toEqual([{ amount: 12.5, currencyCode: 'USD', recurrence: 'ONETIME' }]);
  });

  it('treats an unreadable costSummary as absent instead of refusing the confirmation', () => {
    const read = acceptOrderConfirmationResponse.parse(confirmation([{ amount: 'twelve', currencyCode: 'USD', recurrence: 'ONETIME' }]));
    expect(read.orderConfirmation.costSummary).toBeUndefined();
    expect(read.orderConfirmation.accountHolder?.id).toBe('5001');
  });
});
