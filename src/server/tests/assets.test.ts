import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceAssetItem, deviceAssetsResponse, errorEnvelope, serviceDetail, servicesResponse, transactionType } from '../../contract/index.ts';
import { createOrderingEmployee } from '../storage/seed/factories.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { exec, returning } from './rows.ts';
import { badFields, checkPagination, getError, getOk } from './read-api.ts';
import { apiPost, signIn, type Session } from './session.ts';

const { services, devices, employees, vendors } = demoIds;
let server: TestServer;
let peter: Session;
let barbara: Session;
let alice: Session;
let serviceDesk: Session;
let hank: Session;
beforeAll(async () => {
  server = await startTestServer();
  [peter, barbara, alice, serviceDesk] = await Promise.all(
    [signIn(server, 'peter.edwards'), signIn(server, 'barbara.andrews'), signIn(server, 'alice.nguyen'), signIn(server, 'svc.servicedesk')],
  );
  hank = await signIn(server, 'hank.scorpio', { tenant: 'GLOBEX' });
});
afterAll(async () => await server.close());

const serviceList = (path: string, session: Session, headers: Record<string, string> = {}) =>
  getOk(server, session, path, servicesResponse, headers).then((body) => body.services);
const deviceList = (path: string, session: Session, headers: Record<string, string> = {}) =>
  getOk(server, session, path, deviceAssetsResponse, headers).then((body) => body.devices);
const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id).sort();
const asEmployee = (employeeId: number) => ({ 'X-TNGO-CONTEXT-EMPLOYEEID': String(employeeId) });
const peterServices = [services.peterPrimary, services.peterSecondary, services.peterSuspended].map(String).sort();

describe('who sees which services', () => {
  it('Peter sees his own lines only', async () => {
    expect(ids(await serviceList('/assets/services?limit=100', peter))).toEqual(peterServices);
  });

  it("Barbara sees her own and her team's, Peter's included, but not Sales'", async () => {
    const seen = ids(await serviceList('/assets/services?limit=100', barbara));
    expect(seen).toEqual(expect.arrayContaining([...peterServices, String(services.barbara)]));
    expect(seen).not.toContain(String(services.frankPrimary));
  });

  it("the service account sees the whole tenant, and no other tenant's", async () => {
    const seen = ids(await serviceList('/assets/services?limit=100', serviceDesk));
    expect(seen).toEqual(expect.arrayContaining([...peterServices, String(services.barbara), String(services.frankPrimary)]));
    expect(seen).not.toContain(String(services.hank));
    expect(ids(await serviceList('/assets/services?limit=100', hank))).toContain(String(services.hank));
    expect(ids(await serviceList('/assets/services?limit=100', hank))).not.toContain(String(services.peterPrimary));
  });

  it('acting for someone shows what both may see', async () => {
    expect(ids(await serviceList('/assets/services?limit=100', barbara, asEmployee(employees.peter)))).toEqual(peterServices);
    expect(ids(await serviceList('/assets/services?limit=100', serviceDesk, asEmployee(employees.peter)))).toEqual(peterServices);
    // A delegate sees the principal's lines while acting for them — not the principal's team.
    const asBarbara = ids(await serviceList('/assets/services?limit=100', alice, asEmployee(employees.barbara)));
    expect(asBarbara).toContain(String(services.barbara));
    expect(asBarbara).not.toContain(String(services.peterPrimary));
    expect(ids(await serviceList('/assets/services?limit=100', alice))).not.toContain(String(services.barbara));
  });

  it('a service one may not see is a 404, as is a foreign or unknown one', async () => {
    await getError(server, peter, `/assets/services/${services.frankPrimary}`, 404);
    await getError(server, peter, `/assets/services/${services.barbara}`, 404);
    await getError(server, peter, `/assets/services/${services.hank}`, 404);
    await getError(server, hank, `/assets/services/${services.peterPrimary}`, 404);
    await getError(server, peter, '/assets/services/424242', 404);
    expect((await getOk(server, barbara, `/assets/services/${services.peterPrimary}`, serviceDetail)).id).toBe(String(services.peterPrimary));
  });
});

describe('GET /assets/services', () => {
  it('answers newest first with employee, device, vendors, links and orderActions', async () => {
    const page = await serviceList('/assets/services?limit=100', peter);
    const updated = page.items.map((service) => service.updated);
    expect(updated).toEqual([...updated].sort().reverse());
    const primary = page.items.find((service) => service.id === String(services.peterPrimary))!;
    expect(primary).toMatchObject({
      status: 'ACTIVE',
      employee: { id: String(employees.peter) },
      vendor: { billing: { id: String(vendors.summit) }, current: { id: String(vendors.summit) } },
      device: { id: String(devices.peterPrimary) },
      _meta: { href: `${server.url}/mobproc/v1/assets/services/${services.peterPrimary}` },
    });
    expect(Date.parse(primary.upgradeEligibilityDate!)).toBeLessThan(Date.now());
    // Peter may not order XFER_SERVICE_OUT, so it is not offered even on an ACTIVE line.
    expect(primary.orderActions).toEqual([transactionType.enum.UPGRADE, transactionType.enum.PORT_NUMBER, transactionType.enum.ORDER_ACCESSORIES, transactionType.enum.SUSPEND, transactionType.enum.DEACTIVATE, transactionType.enum.UPDATE_FEATURES, transactionType.enum.SWAP_DEVICES]);
    const suspended = page.items.find((service) => service.id === String(services.peterSuspended))!;
    expect(suspended.orderActions).toEqual([transactionType.enum.UNSUSPEND, transactionType.enum.DEACTIVATE]);
    const forBarbara = await getOk(server, serviceDesk, `/assets/services/${services.barbara}`, serviceDetail);
    expect(forBarbara.orderActions).toContain(transactionType.enum.XFER_SERVICE_OUT);
    expect((await serviceList('/assets/services?sortAscending=true&sort=UPDATED_DATE&limit=100', peter)).items.map((s) => s.updated)).toEqual(
      [...updated].reverse(),
    );
  });

  it('pages with links at the first, a middle and the last page', async () => {
    await checkPagination(server, serviceDesk, '/assets/services', 10, (body) => servicesResponse.parse(body).services);
  });

  it('searches one or two characters as the start of the number, as written or as digits', async () => {
    const all = (await serviceList('/assets/services?limit=100', serviceDesk)).items;
    for (const term of ['2', '20', '+4', '07']) {
      const found = await serviceList(`/assets/services?limit=100&search=${encodeURIComponent(term)}`, serviceDesk);
      const digits = term.replace(/\D/g, '');
      const expected = all.filter((service) => service.serviceNumber.startsWith(term) || (digits && service.serviceNumber.replace(/\D/g, '').startsWith(digits)));
      expect(ids(found).sort(), term).toEqual(ids({ items: expected }).sort());
    }
    // A number that only contains the text somewhere else is not a match for so short a text.
    const inside = all.filter((service) => service.serviceNumber.replace(/\D/g, '').includes('55') && !service.serviceNumber.replace(/\D/g, '').startsWith('55'));
    expect(inside.length).toBeGreaterThan(0);
    expect(ids(await serviceList('/assets/services?limit=100&search=55', serviceDesk))).not.toContain(ids({ items: inside })[0]);
  });

  it('finds a line by its number however a person writes it, the + sent encoded or literally (read as a space)', async () => {
    const { serviceNumber: number } = await getOk(server, peter, `/assets/services/${services.peterPrimary}`, serviceDetail);
    const [area, exchange, line] = [number.slice(0, 3), number.slice(3, 6), number.slice(6)];
    const whole = [`+1 ${area} ${exchange} ${line}`, `(${area}) ${exchange}-${line}`, `${area}.${exchange}.${line}`, number, `+1${number}`, `1-${area}-${exchange}-${line}`];
    const parts = [`${exchange}-${line.slice(0, 2)}`, `+1 ${area}`, `+1 (${area}) ${exchange}`];
    for (const text of [...whole, ...parts]) {
      // As URLSearchParams sends it (+ as %2B), and as a client that leaves + as it is.
      for (const search of [encodeURIComponent(text), encodeURI(text)]) {
        const found = ids(await serviceList(`/assets/services?limit=100&search=${search}`, peter));
        if (whole.includes(text)) expect(found, search).toEqual([String(services.peterPrimary)]);
        else expect(found, search).toContain(String(services.peterPrimary));
      }
    }
    // A country code alone narrows nothing: every line of Peter's. (Sent as a literal +, it is the
    // digit 1, which no national number here starts with.)
    expect(ids(await serviceList('/assets/services?limit=100&search=%2B1', peter))).toEqual(peterServices);
    expect(ids(await serviceList('/assets/services?limit=100&search=+1', peter))).toEqual([]);
    for (const text of [`+1 ${area} ${exchange} ${line}`, `+1${number}`]) {
      expect(ids(await deviceList(`/assets/devices?limit=100&search=${encodeURIComponent(text)}`, peter)), text).toEqual([String(devices.peterPrimary)]);
    }
  });

  it('filters by employee, companyEmployeeId, status, vendor, search and dateTimeUpdated', async () => {
    expect(ids(await serviceList(`/assets/services?limit=100&employee=${employees.peter}`, barbara))).toEqual(peterServices);
    const peterDetail = await getOk(server, peter, `/assets/services/${services.peterPrimary}`, serviceDetail);
    const companyId = peterDetail.employee!.companyEmployeeId;
    expect(ids(await serviceList(`/assets/services?limit=100&companyEmployeeId=${companyId}`, barbara))).toEqual(peterServices);
    expect(ids(await serviceList('/assets/services?status=SUSPENDED', peter))).toEqual([String(services.peterSuspended)]);
    const meridian = await serviceList(`/assets/services?limit=100&vendor=${vendors.meridian}`, serviceDesk);
    expect(meridian.items.length).toBeGreaterThan(0);
    expect(meridian.items.every((service) => service.vendor.current.id === String(vendors.meridian))).toBe(true);
    expect(ids(meridian)).toContain(String(services.frankPrimary));
    const number = peterDetail.serviceNumber;
    const formatted = `(${number.slice(0, 3)}) ${number.slice(3, 6)}-${number.slice(6)}`;
    expect(ids(await serviceList(`/assets/services?search=${encodeURIComponent(formatted)}`, peter))).toEqual([String(services.peterPrimary)]);
    expect(ids(await serviceList(`/assets/services?search=${number.slice(-7)}`, peter))).toContain(String(services.peterPrimary));
    const all = await serviceList('/assets/services?limit=100', serviceDesk);
    const stamps = all.items.map((service) => service.updated).sort();
    const cut = stamps[Math.floor(stamps.length / 2)]!;
    const recent = await serviceList(`/assets/services?limit=100&dateTimeUpdated=${encodeURIComponent(cut)}`, serviceDesk);
    expect(recent._meta.totalCount).toBe(stamps.filter((stamp) => stamp >= cut).length);
  });

  it('400 names bad filter values', async () => {
    expect(await badFields(server, peter, '/assets/services?status=LOST&dateTimeUpdated=soon&sort=NAME')).toEqual(
      expect.arrayContaining(['query.status', 'query.dateTimeUpdated', 'query.sort']),
    );
  });

  it('the detail adds contract dates, active features and the full device', async () => {
    const detail = await getOk(server, peter, `/assets/services/${services.peterPrimary}`, serviceDetail);
    expect(detail.contractDates.start).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(detail.features.map((feature) => feature.id)).toContain(String(demoIds.features.summitInternationalPass));
    expect(detail.device).toMatchObject({ id: String(devices.peterPrimary), accessMethod: 'GSM' });
    expect(detail.device?.simId).toMatch(/^\d{19,20}$/);
  });

  it('offers nothing while the service has an open order, and everything again once it is final', async () => {
    // An open order set up by hand, between requests.
    const now = server.deps.now().toISOString();
    const [created] = await returning<{ id: number }>(
      server,
      `INSERT INTO orders (tenant_id, transaction_type, status, account_holder_id, requested_by_id, service_id, service_number, effects, confirmation, properties, ship_to, date_submitted, updated_at)
       VALUES (?, ?, 'ORDER_SUBMITTED', ?, ?, ?, 'x', '{}', '{}', '[]', ?, ?, ?) RETURNING id`,
      demoIds.tenants.acme,
      transactionType.enum.SUSPEND,
      employees.peter,
      employees.peter,
      services.peterSecondary,
      JSON.stringify({ address: [] }),
      now,
      now,
    );
    const orderId = created!.id;
    const during = await getOk(server, peter, `/assets/services/${services.peterSecondary}`, serviceDetail);
    expect(during.orderActions).toEqual([]);
    const devicesDuring = await getOk(server, peter, `/assets/devices/${devices.peterSecondary}`, deviceAssetItem);
    expect(devicesDuring.orderActions).toEqual([]);
    await exec(server, ["UPDATE orders SET status = 'COMPLETE' WHERE id = ?", orderId]);
    const after = await getOk(server, peter, `/assets/services/${services.peterSecondary}`, serviceDetail);
    expect(after.orderActions).toContain(transactionType.enum.SUSPEND);
  });
});

describe('POST /assets/services/{id}/move', () => {
  it('moves a line and its device to another employee and answers the updated detail', async () => {
    const from = await createOrderingEmployee(server.deps.db, { now: server.deps.now(), label: 'move from' });
    const to = await createOrderingEmployee(server.deps.db, { now: server.deps.now(), label: 'move to' });
    const response = await apiPost(server, barbara, `/assets/services/${from.serviceIds[0]}/move`, {
      newOwnerEmployeeId: String(to.employeeId),
      moveCharges: 'MOVE_CHARGES_FOR_LAST_MONTH_ONLY',
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const moved = serviceDetail.parse(response.body);
    expect(moved.employee?.id).toBe(String(to.employeeId));
    const device = await getOk(server, barbara, `/assets/devices/${moved.device!.id}`, deviceAssetItem);
    expect(device.employee?.id).toBe(String(to.employeeId));
    const byCompanyId = await apiPost(server, serviceDesk, `/assets/services/${from.serviceIds[1]}/move`, {
      newOwnerCompanyEmployeeId: to.companyEmployeeId,
      moveCharges: 'MOVE_NO_CHARGES',
    });
    expect(serviceDetail.parse(byCompanyId.body).employee?.id).toBe(String(to.employeeId));
  });

  it('needs canMoveService of the signed-in user', async () => {
    const response = await apiPost(server, peter, `/assets/services/${services.peterPrimary}/move`, {
      newOwnerEmployeeId: String(employees.barbara),
      moveCharges: 'MOVE_NO_CHARGES',
    });
    expect(response.status).toBe(403);
    errorEnvelope.parse(response.body);
  });

  it('refuses bad bodies naming the field, unseen services with 404, and non-JSON with 415', async () => {
    const target = `/assets/services/${services.peterPrimary}/move`;
    const cases: [unknown, string][] = [
      [{ newOwnerEmployeeId: String(employees.frank), moveCharges: 'ALL_OF_THEM' }, 'moveCharges'],
      [{ moveCharges: 'MOVE_NO_CHARGES' }, 'newOwnerEmployeeId'],
      [{ newOwnerEmployeeId: '424242', moveCharges: 'MOVE_NO_CHARGES' }, 'newOwnerEmployeeId'],
      [{ newOwnerEmployeeId: String(employees.hank), moveCharges: 'MOVE_NO_CHARGES' }, 'newOwnerEmployeeId'],
      // A service account holds no lines; and two different new owners are a mistake, not a choice.
      [{ newOwnerEmployeeId: String(employees.serviceDesk), moveCharges: 'MOVE_NO_CHARGES' }, 'newOwnerEmployeeId'],
      [{ newOwnerEmployeeId: String(employees.frank), newOwnerCompanyEmployeeId: 'E1001', moveCharges: 'MOVE_NO_CHARGES' }, 'newOwnerCompanyEmployeeId'],
    ];
    for (const [body, field] of cases) {
      const response = await apiPost(server, barbara, target, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(errorEnvelope.parse(response.body).errors.map((error) => error.field)).toEqual([field]);
    }
    const unseen = await apiPost(server, barbara, `/assets/services/${services.frankPrimary}/move`, {
      newOwnerEmployeeId: String(employees.peter),
      moveCharges: 'MOVE_NO_CHARGES',
    });
    expect(unseen.status).toBe(404);
    const text = await fetch(`${server.url}/mobproc/v1${target}`, {
      method: 'POST',
      headers: { ...barbara.headers(), 'content-type': 'text/plain' },
      body: 'move it',
    });
    expect(text.status).toBe(415);
    const unchanged = await getOk(server, peter, `/assets/services/${services.peterPrimary}`, serviceDetail);
    expect(unchanged.employee?.id).toBe(String(employees.peter));
  });
});

describe('GET /assets/devices', () => {
  const peterDevices = [devices.peterPrimary, devices.peterSecondary, devices.peterSuspended, devices.peterSpare].map(String).sort();

  it("shows Peter his devices, the spare one on no service, each with its service's orderActions", async () => {
    const page = await deviceList('/assets/devices?limit=100', peter);
    expect(ids(page)).toEqual(peterDevices);
    const spare = page.items.find((device) => device.id === String(devices.peterSpare))!;
    expect(spare.service).toBeNull();
    expect(spare.orderActions).toEqual([]);
    const suspended = page.items.find((device) => device.id === String(devices.peterSuspended))!;
    expect(suspended.service?.id).toBe(String(services.peterSuspended));
    expect(suspended.orderActions).toEqual([transactionType.enum.UNSUSPEND, transactionType.enum.DEACTIVATE]);
    expect(suspended.service?.vendor).toBeUndefined();
    expect(suspended.upgradeEligibleDate).toBeUndefined();
  });

  it('includeServiceDetails and includeUpgradeEligibleDate add their members', async () => {
    const page = await deviceList('/assets/devices?limit=100&includeServiceDetails=TRUE&includeUpgradeEligibleDate=true', peter);
    const primary = page.items.find((device) => device.id === String(devices.peterPrimary))!;
    expect(primary.service?.vendor?.current.id).toBe(String(vendors.summit));
    expect(primary.service?.contractDates?.start).toBeTruthy();
    expect(primary.upgradeEligibleDate).toMatch(/^\d{4}-/);
    expect(await badFields(server, peter, '/assets/devices?includeServiceDetails=yes')).toEqual(['query.includeServiceDetails']);
  });

  it('filters as services do, and search also finds serial numbers', async () => {
    expect(ids(await deviceList('/assets/devices?status=SUSPENDED', peter))).toEqual([String(devices.peterSuspended)]);
    expect(ids(await deviceList(`/assets/devices?limit=100&employee=${employees.peter}`, barbara))).toEqual(peterDevices);
    const detail = await getOk(server, peter, `/assets/devices/${devices.peterPrimary}`, deviceAssetItem);
    expect(ids(await deviceList(`/assets/devices?search=${detail.serialNumber.value.slice(-6)}`, peter))).toEqual([String(devices.peterPrimary)]);
    const meridian = await deviceList(`/assets/devices?limit=100&vendor=${vendors.meridian}`, serviceDesk);
    expect(ids(meridian)).toContain(String(devices.frankPrimary));
    expect(ids(meridian)).not.toContain(String(devices.peterPrimary));
  });

  it('pages with links at the first, a middle and the last page', async () => {
    await checkPagination(server, serviceDesk, '/assets/devices', 10, (body) => deviceAssetsResponse.parse(body).devices);
  });

  it('the detail shows the service details; unseen, foreign and unknown devices are 404', async () => {
    const detail = await getOk(server, peter, `/assets/devices/${devices.peterPrimary}`, deviceAssetItem);
    expect(detail).toMatchObject({ accessMethod: 'GSM', service: { id: String(services.peterPrimary) }, employee: { id: String(employees.peter) } });
    expect(detail.model.imageUrl).toMatch(/^http/);
    await getError(server, peter, `/assets/devices/${devices.frankPrimary}`, 404);
    await getError(server, peter, `/assets/devices/${devices.hank}`, 404);
    await getError(server, hank, `/assets/devices/${devices.peterPrimary}`, 404);
    await getError(server, peter, '/assets/devices/abc', 404);
  });
});
