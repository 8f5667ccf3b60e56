/**
 * Shared pieces of the order tests: a fresh employee per test (so tests do not share services),
 * valid property values built from the server's own definitions, addresses, and POST helpers that
 * parse every answer with its contract schema.
 */
import { expect } from 'vitest';
import {
  errorEnvelope,
  orderConfirmationResponse,
  orderDetailResponse,
  orderPropertiesResponse,
  orderSubmitResponse,
  serviceDetail,
  type OrderPropertyFieldGroup,
  type OrderRequestBody,
  type TransactionType,
  transactionType,
} from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { createOrderingEmployee, type OrderingEmployee } from '../storage/seed/factories.ts';
import type { TestServer } from './harness.ts';
import { getOk } from './read-api.ts';
import { apiGet, apiPost, signIn, type Session } from './session.ts';

export type Orderer = OrderingEmployee & { session: Session };

/** A fresh ACME developer reporting to Barbara, with two ACTIVE Summit lines, one SUSPENDED and a spare device. */
export async function freshOrderer(server: TestServer, label = 'orders'): Promise<Orderer> {
  const employee = await createOrderingEmployee(server.deps.db, { now: new Date(), label });
  return { ...employee, session: await signIn(server, employee.username) };
}

export const US_ADDRESS = [
  { id: 'LINE_1', value: '1201 Third Avenue' },
  { id: 'CITY', value: 'Seattle' },
  { id: 'STATE', value: 'WA' },
  { id: 'POSTAL_CODE', value: '98101' },
];
export const CA_ADDRESS = [
  { id: 'LINE_1', value: '111 Wellington Street' },
  { id: 'CITY', value: 'Ottawa' },
  { id: 'STATE', value: 'Ontario' },
  { id: 'POSTAL_CODE', value: 'K1A 0A9' },
];
export const UK_ADDRESS = [
  { id: 'LINE_1', value: '10 Downing Street' },
  { id: 'CITY', value: 'London' },
  { id: 'POSTAL_CODE', value: 'SW1A 2AA' },
];

export const shipToUS = (name = 'Taylor Fixture') => ({ name, regionId: '1', address: US_ADDRESS });

/** Values that satisfy the demo's definitions for fields without a server-known default. */
const sampleText: Record<string, string> = {
  CONTACT_NUMBER: '+1 206 555 0142',
  CARRIER_ACCT_NUMBER: 'ACCT-1234',
  NAME_ON_INVOICE: 'Taylor Fixture',
  PIN_PASSWORD: '1234',
  PERSONAL_EMAIL: 'taylor@example.com',
  CURRENT_CARRIER: 'Personal Mobile Co',
  USER: 'T1',
  JUSTIFICATION: 'Needed for on-call work with the field team',
};

let personalNumbers = 0;
/**
 * A sample value for a field: a number brought in from outside must not be a live line yet, so
 * each SERVICE_NUMBER is a new one (206-700-0000, 206-700-0001 …, a range the seed does not use).
 */
const sample = (fieldId: string) => (fieldId === 'SERVICE_NUMBER' ? `206${String(7_000_000 + personalNumbers++)}` : (sampleText[fieldId] ?? 'x'));

/** The demo tenants' time zone (`tenants.time_zone`): a care order's preferred date begins there. */
export const TENANT_ZONE = 'America/Los_Angeles';

/**
 * `YYYY-MM-DD`, `days` after today in the tenant's zone. Today is never refused for a US or
 * Canadian line and takes effect at once; a later day keeps a care order waiting for it (§4.6).
 */
export function tenantDate(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: TENANT_ZONE }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Every REQUIRED field filled with a valid value (defaults where the server gives one; dates today, so care orders complete). */
export function fillRequired(groups: OrderPropertyFieldGroup[], overrides: Record<string, string> = {}) {
  return groups.map((group) => ({
    groupId: group.groupId,
    fields: group.fields
      .filter((field) => field.validation === 'REQUIRED')
      .map((field) => {
        if (field.type === 'DATE') return { id: field.id, type: 'DATE' as const, date: overrides[field.id] ?? tenantDate() };
        if (field.type === 'CHOICE') {
          const choice = overrides[field.id] ?? field.choice?.id ?? field.choices!.find((option) => !option.isOther)!.id;
          return { id: field.id, type: 'CHOICE' as const, choice: { id: choice } };
        }
        return { id: field.id, type: 'TEXT' as const, text: overrides[field.id] ?? field.text ?? sample(field.id) };
      }),
  })).filter((group) => group.fields.length > 0);
}

export async function propertyDefinitions(
  server: TestServer,
  session: Session,
  type: TransactionType,
  target: { vendor?: string; service?: string },
  options: { excludesDevice?: boolean; excludesPlan?: boolean } = {},
): Promise<OrderPropertyFieldGroup[]> {
  const query = new URLSearchParams({ transactionType: type });
  if (target.vendor) query.set('vendor', target.vendor);
  if (target.service) query.set('service', target.service);
  if (options.excludesDevice) query.set('orderExcludesDevice', 'true');
  if (options.excludesPlan) query.set('orderExcludesPlan', 'true');
  const body = await getOk(server, session, `/orders/properties?${query.toString()}`, orderPropertiesResponse);
  return body.properties.items;
}

export async function serviceOf(server: TestServer, session: Session, serviceId: number | string) {
  return await getOk(server, session, `/assets/services/${serviceId}`, serviceDetail);
}

/**
 * A request body of `type` as the contract types it: `overrides` are the members of §4.2's
 * `orderRequest` besides `transactionType`.
 */
export const orderRequestFor = (type: TransactionType, overrides: Omit<OrderRequestBody['orderRequest'], 'transactionType'> = {}): OrderRequestBody => ({
  orderRequest: { transactionType: type, ...overrides },
});

export async function confirmOk(server: TestServer, session: Session, body: OrderRequestBody, headers: Record<string, string> = {}) {
  const response = await apiPost(server, session, '/orders?confirm=true', body, headers);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return orderConfirmationResponse.parse(response.body).orderConfirmation;
}

export async function submitOk(server: TestServer, session: Session, body: OrderRequestBody, headers: Record<string, string> = {}) {
  const response = await apiPost(server, session, '/orders', body, headers);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return orderSubmitResponse.parse(response.body).order;
}

/** POSTs and expects a 400; returns the `field` of every problem. */
export async function rejectedFields(server: TestServer, session: Session, body: unknown, path = '/orders?confirm=true'): Promise<string[]> {
  const response = await apiPost(server, session, path, body);
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  return errorEnvelope.parse(response.body).errors.map((error) => error.field ?? '');
}

export async function getOrder(server: TestServer, session: Session, orderId: string) {
  return getOk(server, session, `/orders/${orderId}`, orderDetailResponse).then((body) => body.order);
}

/** Polls until the order reaches `status` (fulfilment runs after the submit, on its own timer). */
export async function waitForStatus(server: TestServer, session: Session, orderId: string, status: string, timeoutMs = 5000) {
  const started = Date.now();
  for (;;) {
    const order = await getOrder(server, session, orderId);
    if (order.status === status) return order;
    if (Date.now() - started > timeoutMs) throw new Error(`order ${orderId} is ${order.status}, not ${status}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function countOrders(server: TestServer, session: Session): Promise<number> {
  const response = await apiGet(server, session, '/orders?limit=1&offset=0');
  return (response.body as { orders: { _meta: { totalCount: number } } }).orders._meta.totalCount;
}

/** Cents of a money amount, so sums are exact. */
export const cents = (money: { amount: number }) => Math.round(money.amount * 100);

/**
 * A valid NEW_ACTIVATION on Summit's Business Unlimited. With Pixel 9 phones shipped to Seattle it
 * waits for the orderer's manager; two or more (over $1,000) add IT Mobility as a second level.
 */
export async function newLineRequest(server: TestServer, session: Session, options: { withDevice: boolean; quantity?: number }): Promise<OrderRequestBody> {
  const definitions = await propertyDefinitions(server, session, transactionType.enum.NEW_ACTIVATION, { vendor: String(demoIds.vendors.summit) }, { excludesDevice: !options.withDevice });
  return orderRequestFor(transactionType.enum.NEW_ACTIVATION, {
    regionId: '1',
    postalCode: '98101',
    shoppingCart: {
      planId: String(demoIds.plans.summitBusinessUnlimited),
      ...(options.withDevice ? { deviceId: String(demoIds.catalogDevices.pixel9Summit) } : {}),
      quantity: options.quantity ?? 1,
    },
    properties: fillRequired(definitions),
    ...(options.withDevice ? { shipTo: shipToUS() } : {}),
  });
}
