import crypto from 'node:crypto';
import { catalogDevices, catalogPlans, seedEmployees, TENANT, type AccessMethod, type Employee } from './data.ts';

/** Everything the fixture remembers, in memory: assets, tokens, orders and the test controls. */

export type ServiceStatus = 'ACTIVE' | 'SUSPENDED' | 'DEACTIVATED';

export type ServiceAsset = {
  id: string;
  serviceNumber: string;
  status: ServiceStatus;
  employeeId: string;
  planId: string;
  /** The carrier now, and the one that bills (the same here). */
  vendorId: string;
  deviceAssetId: string;
  activeFeatureIds: string[];
  activated: string;
  contractStart: string;
  contractEnd: string;
  lastDeviceUpgrade: string;
  upgradeEligibilityDate: string;
  updated: string;
};

export type DeviceAsset = {
  id: string;
  manufacturerId: string;
  modelId: string;
  modelName: string;
  serialNumber: { type: 'IMEI' | 'MEID'; value: string };
  simId: string;
  accessMethod: AccessMethod;
  macAddress: string;
  companyAssetId: string;
  employeeId: string;
  updated: string;
};

export type StoredOrder = {
  orderId: string;
  accountHolderId: string;
  requestedById: string;
  transactionType: string;
  externalOrderNumber?: string;
  serviceId?: string;
  dateSubmitted: string;
  updated: string;
  status: 'ORDER_SUBMITTED';
  /** The order as this server answers it (the submit answer's `order`). */
  order: Record<string, unknown>;
};

export type Token = { employeeId: string; clientId: string; tenant: string; expiresAt: number };

/**
 * How the next valid submit of one account holder is answered: normally, stored but unreadably,
 * stored but not at all, or refused (a 400, nothing stored).
 */
export type SubmitMode = 'normal' | 'unreadable' | 'drop' | 'refuse' | 'slow';

/** A request that used something the vendor does not document (an extension of ours, or a guess). */
export type ExtensionUse = { employeeId?: string; what: string; at: string };

export type Store = ReturnType<typeof createStore>;

/** The Luhn check digit that makes `body` + digit a valid IMEI. */
function luhnDigit(body: string): string {
  let sum = 0;
  for (let index = 0; index < body.length; index++) {
    let digit = Number(body[body.length - 1 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

const isoDaysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function createStore() {
  const employees = new Map<string, Employee>();
  const services = new Map<string, ServiceAsset>();
  const devices = new Map<string, DeviceAsset>();
  const orders: StoredOrder[] = [];
  const accessTokens = new Map<string, Token>();
  const refreshTokens = new Map<string, Token>();
  const submitModes = new Map<string, SubmitMode>();
  const submitAttempts = new Map<string, number>();
  const extensionUses: ExtensionUse[] = [];
  let counter = 0;
  const nextNumber = () => ++counter;

  function addDevice(employeeId: string, catalogDeviceId: string): DeviceAsset {
    const catalogDevice = catalogDevices.find((device) => device.id === catalogDeviceId)!;
    const n = nextNumber();
    const gsm = catalogDevice.accessMethod === 'GSM';
    const imeiBody = `35${String(410_000_000_000 + n).padStart(12, '0')}`;
    const device: DeviceAsset = {
      id: String(7_400_000 + n),
      manufacturerId: catalogDevice.manufacturerId,
      modelId: catalogDevice.modelId,
      modelName: catalogDevice.name,
      serialNumber: gsm ? { type: 'IMEI', value: imeiBody + luhnDigit(imeiBody) } : { type: 'MEID', value: `A1000${(0x3c0000 + n).toString(16).toUpperCase().padStart(9, '0')}` },
      simId: `89014${String(10_000_000_000_000 + n).padStart(14, '0')}`,
      accessMethod: catalogDevice.accessMethod,
      macAddress: `02:7D:00:${String(n % 100).padStart(2, '0')}:1A:2B`,
      companyAssetId: `TWS-${String(n).padStart(5, '0')}`,
      employeeId,
      updated: isoDaysFromNow(-30),
    };
    devices.set(device.id, device);
    return device;
  }

  function addService(employeeId: string, planId: string, catalogDeviceId: string, status: ServiceStatus): ServiceAsset {
    const plan = catalogPlans.find((candidate) => candidate.id === planId)!;
    const device = addDevice(employeeId, catalogDeviceId);
    const n = nextNumber();
    const service: ServiceAsset = {
      id: String(7_300_000 + n),
      serviceNumber: `207555${String(n).padStart(4, '0')}`,
      status,
      employeeId,
      planId,
      vendorId: plan.vendorId,
      deviceAssetId: device.id,
      activeFeatureIds: plan.optional.slice(0, 1).map((feature) => feature.id),
      activated: isoDaysFromNow(-900),
      contractStart: isoDaysFromNow(-400),
      contractEnd: isoDaysFromNow(330),
      lastDeviceUpgrade: isoDaysFromNow(-400),
      upgradeEligibilityDate: isoDaysFromNow(-5),
      updated: isoDaysFromNow(-20),
    };
    services.set(service.id, service);
    return service;
  }

  /** A person with the usual lines: two active (one per carrier), one suspended, and a spare phone. */
  function addEmployeeWithLines(employee: Employee) {
    employees.set(employee.id, employee);
    const lines = [
      addService(employee.id, '85001', '83001', 'ACTIVE'),
      addService(employee.id, '85003', '83003', 'ACTIVE'),
      addService(employee.id, '85002', '83002', 'SUSPENDED'),
    ];
    const spare = addDevice(employee.id, '83004');
    return { lines, spare };
  }

  for (const employee of seedEmployees) addEmployeeWithLines(employee);

  return {
    employees,
    services,
    devices,
    orders,
    accessTokens,
    refreshTokens,
    submitModes,
    submitAttempts,
    extensionUses,
    nextNumber,
    addEmployeeWithLines,
    /** A fresh person for one test, reporting to the office manager, with a random password. */
    createTestEmployee() {
      const n = nextNumber();
      const employee: Employee = {
        id: String(7_200_000 + n),
        companyEmployeeId: `field.tester.${n}`,
        firstName: 'Sam',
        lastName: `Tester ${n}`,
        email: `field.tester.${n}@tidewater.example`,
        officePhone: `207555${String(9000 + (n % 1000)).padStart(4, '0')}`,
        departmentId: '4401',
        managerId: '7100001',
        username: `field.tester.${n}`,
        password: crypto.randomBytes(9).toString('base64url'),
        isApprover: false,
        canMoveService: false,
      };
      const { lines, spare } = addEmployeeWithLines(employee);
      return { employee, lines, spare };
    },
    issueTokens(employeeId: string, clientId: string) {
      const accessToken = crypto.randomBytes(24).toString('base64url');
      const refreshToken = crypto.randomBytes(24).toString('base64url');
      const expiresIn = 3600;
      const token: Token = { employeeId, clientId, tenant: TENANT, expiresAt: Date.now() + expiresIn * 1000 };
      accessTokens.set(accessToken, token);
      refreshTokens.set(refreshToken, { ...token, expiresAt: Date.now() + 30 * 86_400_000 });
      return { token_type: 'Bearer', expires_in: expiresIn, refresh_token: refreshToken, access_token: accessToken };
    },
    recordExtension(what: string, employeeId?: string) {
      extensionUses.push({ what, at: new Date().toISOString(), ...(employeeId ? { employeeId } : {}) });
    },
    /** A service with an order that is not finished accepts no other order. */
    hasOpenOrder(serviceId: string) {
      return orders.some((order) => order.serviceId === serviceId);
    },
  };
}
