/**
 * A client written from the vendor's tutorials gets its orders through: each of the twelve types,
 * in the vendor's request form (vendor/requests.ts), is answered 200 on confirm and on submit, and
 * the vendor's spellings mean what they say (a midnight with an offset is that calendar date, a
 * STATE label is stored as its value, `region: { id }` names the ship-to country, spaces in a SIM
 * id are dropped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transactionTypes, type OrderConfirmation, type OrderRequestBody, transactionType } from '../../contract/index.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { confirmOk, submitOk } from './orders-fixtures.ts';
import { vendorDate, vendorRequest } from './vendor/requests.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const fieldsOf = (confirmation: Pick<OrderConfirmation, 'properties'>) => confirmation.properties.flatMap((group) => group.fields);

describe('the vendor’s request form of every transaction type', () => {
  it.each(transactionTypes)('%s is confirmed and submitted', async (type) => {
    const { orderer, body } = await vendorRequest(server, type);
    const confirmation = await confirmOk(server, orderer.session, body as OrderRequestBody);
    expect(confirmation.transactionType).toBe(type);
    const order = await submitOk(server, orderer.session, body as OrderRequestBody);
    expect(order.transactionType).toBe(type);
    expect(order.externalOrderNumber).toBe(`PO-${type}-001`);
  });
});

describe('what the vendor’s spellings mean', () => {
  it('a DATE at midnight with an offset is the calendar date written, echoed in the wire form', async () => {
    for (const type of [transactionType.enum.SUSPEND, transactionType.enum.UNSUSPEND, transactionType.enum.DEACTIVATE] as const) {
      const { orderer, body } = await vendorRequest(server, type);
      const confirmation = await confirmOk(server, orderer.session, body as OrderRequestBody);
      const dates = fieldsOf(confirmation).filter((field) => field.type === 'DATE');
      expect(dates.length, type).toBeGreaterThan(0);
      for (const field of dates) expect(field.date).toBe(vendorDate(7).replace('+00:00', 'Z'));
    }
  });

  it('a midnight with a negative offset keeps its calendar date too', async () => {
    const { orderer, body } = await vendorRequest(server, transactionType.enum.SUSPEND);
    const written = vendorDate(9).replace('+00:00', '-08:00');
    for (const group of body.orderRequest.properties as { fields: { type: string; date?: string }[] }[]) {
      for (const field of group.fields) if (field.type === 'DATE') field.date = written;
    }
    const confirmation = await confirmOk(server, orderer.session, body as OrderRequestBody);
    expect(fieldsOf(confirmation).find((field) => field.type === 'DATE')!.date).toBe(`${written.slice(0, 10)}T00:00:00Z`);
  });

  it('address lines with labels and STATE by its label; the state is stored as its value', async () => {
    const { orderer, body } = await vendorRequest(server, transactionType.enum.XFER_SERVICE_IN);
    const order = await submitOk(server, orderer.session, body as OrderRequestBody);
    expect(order.shipTo.address.find((line) => line.id === 'STATE')!.value).toBe('WA');
    expect(order.shipTo.region!.id).toBe('1');
  });

  it('shipTo.region as an object names the country', async () => {
    const { orderer, body } = await vendorRequest(server, transactionType.enum.ORDER_ACCESSORIES);
    expect(body.orderRequest.shipTo).toMatchObject({ region: { id: '1' } });
    const confirmation = await confirmOk(server, orderer.session, body as OrderRequestBody);
    expect(confirmation.shipTo).toMatchObject({ regionId: '1', region: { id: '1', name: 'United States' } });
  });

  it('acknowledgements with a type are accepted and echoed with it', async () => {
    const { orderer, body } = await vendorRequest(server, transactionType.enum.XFER_SERVICE_IN_AND_PORT);
    const confirmation = await confirmOk(server, orderer.session, body as OrderRequestBody);
    expect(confirmation.acknowledgements.length).toBeGreaterThan(0);
    for (const acknowledgement of confirmation.acknowledgements) expect(acknowledgement).toMatchObject({ type: 'BOOLEAN', boolean: true });
  });

  it('a SIM id written in groups with spaces, and an empty otherMakeModelName', async () => {
    const { orderer, body } = await vendorRequest(server, transactionType.enum.SWAP_DEVICES);
    const existing = body.orderRequest.existingDevice as { simId: string; otherMakeModelName: string };
    expect(existing.simId).toContain(' ');
    expect(existing.otherMakeModelName).toBe('');
    const confirmation = await confirmOk(server, orderer.session, body as OrderRequestBody);
    expect(confirmation.existingDevice!.simId).toBe(existing.simId.replaceAll(' ', ''));
    expect(confirmation.newDevice!.otherMakeModelName).toBe('');
  });
});

describe('the vendor’s token requests', () => {
  it('a password grant with every parameter in the query string, a source-system prefix and no tenant; then refresh and validate_bearer', async () => {
    const password = new URLSearchParams({ grant_type: 'password', client_id: 'mobproc-web', scope: 'MOBPROC', username: 'command://peter.edwards', password: 'demo' });
    const issued = await fetch(`${server.url}/oauth/token?${password.toString()}`, { method: 'POST' });
    expect(issued.status).toBe(200);
    const tokens = (await issued.json()) as { access_token: string; refresh_token: string };
    const refresh = new URLSearchParams({ grant_type: 'refresh_token', client_id: 'mobproc-web', scope: 'MOBPROC', refresh_token: tokens.refresh_token });
    const refreshed = await fetch(`${server.url}/oauth/token?${refresh.toString()}`, { method: 'POST' });
    expect(refreshed.status).toBe(200);
    const { access_token: accessToken } = (await refreshed.json()) as { access_token: string };
    const validate = new URLSearchParams({ grant_type: 'urn:pingidentity.com:oauth2:grant_type:validate_bearer', token: accessToken, client_id: 'mobproc-web' });
    const described = await fetch(`${server.url}/oauth/token?${validate.toString()}`);
    expect(described.status).toBe(200);
    expect(await described.json()).toMatchObject({ client_id: 'mobproc-web', access_token: { tenant: 'ACME', identifier: 'peter.edwards' } });
  });
});
