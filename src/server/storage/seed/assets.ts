/**
 * Building blocks the demo seed and the test factories share: valid serial numbers, SIM ids and
 * phone numbers derived from a number, dates relative to the moment of seeding, and inserts of an
 * employee and of a line (device asset + service + active features).
 */
import { luhnCheckDigit, type SerialNumberType } from '../../../contract/serials.ts';
import { hashSecret } from '../../domain/passwords.ts';
import type { Db } from '../db.ts';
import { deviceAssets, employees, serviceFeatures, services } from '../schema.ts';
import { DEMO_PASSWORD, demoIds } from './ids.ts';
import { modelById, type Carrier } from './reference.ts';

const DAY_MS = 86_400_000;

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const hex = (value: number, width: number) => value.toString(16).toUpperCase().padStart(width, '0');

/**
 * Spreads consecutive seeds over [0, modulus) so serials look like real ones. Multiplying by a
 * number coprime with the modulus is a bijection, so distinct seeds still give distinct values.
 */
const scatter = (n: number, modulus: number, multiplier: number) => Number((BigInt(n) * BigInt(multiplier) + 7n) % BigInt(modulus));

/**
 * The serial number a device on this access method carries: IMEI for GSM (model TAC + serial +
 * Luhn), MEID (14 hex) for CDMA, ESN (8 hex) for CDMA_PCS. Distinct `n` give distinct serials.
 */
export function serialFor(accessMethod: string, modelId: number, n: number): { type: SerialNumberType; value: string } {
  switch (accessMethod) {
    case 'CDMA':
      return { type: 'MEID', value: `A1000${hex(scatter(n, 16 ** 9, 2654435761), 9)}` };
    case 'CDMA_PCS':
      return { type: 'ESN', value: `9F${hex(scatter(n, 16 ** 6, 40503), 6)}` };
    default: {
      const body = `${modelById.get(modelId)?.tac ?? '350000'}${pad(scatter(n, 1e8, 48271), 8)}`;
      return { type: 'IMEI', value: body + luhnCheckDigit(body) };
    }
  }
}

/** A 19-digit ICCID: 89, country code, the carrier's issuer digits, account number, Luhn digit. */
export function iccidFor(carrier: Carrier, n: number): string {
  const country = carrier.regionId === demoIds.regions.unitedKingdom ? '44' : '01';
  const body = `89${country}${carrier.simIssuer}${pad(scatter(n, 1e12, 2147483647), 12)}`;
  return body + luhnCheckDigit(body);
}

export function macAddressFor(n: number): string {
  const spread = scatter(n, 2 ** 24, 9973);
  const bytes = [0xf4, 0xf5, 0xd8, (spread >> 16) & 0xff, (spread >> 8) & 0xff, spread & 0xff];
  return bytes.map((byte) => hex(byte, 2)).join(':');
}

/** Midnight UTC `days` after (or before, when negative) `from`, as the contract's date-time. */
export function dayStamp(from: Date, days: number): string {
  const shifted = new Date(from.getTime() + days * DAY_MS);
  return `${shifted.toISOString().slice(0, 10)}T00:00:00Z`;
}

export function minutesBefore(from: Date, minutes: number): string {
  return new Date(from.getTime() - minutes * 60_000).toISOString();
}

let demoHash: string | undefined;
// The demo password is public, so a fixed salt costs nothing and keeps fresh databases identical;
// scrypt is slow by design, so the hash is computed once per process and shared by every login.
export function demoPasswordHash(): string {
  demoHash ??= hashSecret(DEMO_PASSWORD, Buffer.from('mobproc-demo-salt'));
  return demoHash;
}

export type EmployeeRow = typeof employees.$inferInsert;

export async function insertEmployee(db: Db, row: EmployeeRow): Promise<number> {
  return (await db.insert(employees).values(row).returning({ id: employees.id }))[0]!.id;
}

export type LineSpec = {
  tenantId: number;
  employeeId: number;
  carrier: Carrier;
  modelId: number;
  /** Unique per device; every serial, SIM id and MAC address is derived from it. */
  serialNumberSeed: number;
  companyAssetId: string;
  now: Date;
  /** Omit for a device that is on no service (a spare). */
  service?: {
    id?: number;
    number: string;
    status: 'ACTIVE' | 'SUSPENDED' | 'DEACTIVATED';
    planId: number;
    regionId: number;
    activatedDaysAgo: number;
    lastUpgradeDaysAgo: number;
    /** Negative: eligibility already passed. */
    upgradeEligibleInDays: number;
    featureIds: number[];
  };
  deviceId?: number;
  updatedMinutesAgo: number;
};

/**
 * The rows of one line: its device asset, and when given its service and active features. The
 * device's `id` is the spec's (undefined: the database picks one, and the service's
 * `deviceAssetId` is filled in by {@link insertLine}).
 */
export function lineRows(spec: LineSpec) {
  const { carrier, now } = spec;
  const model = modelById.get(spec.modelId);
  if (!model) throw new Error(`unknown model ${spec.modelId}`);
  const serial = serialFor(carrier.accessMethod, spec.modelId, spec.serialNumberSeed);
  const updatedAt = minutesBefore(now, spec.updatedMinutesAgo);
  const device = {
    id: spec.deviceId,
    tenantId: spec.tenantId,
    employeeId: spec.employeeId,
    manufacturerId: model.manufacturerId,
    modelId: model.id,
    serialType: serial.type,
    serialValue: serial.value,
    // ESN-era CDMA_PCS handsets carry no SIM.
    simId: carrier.accessMethod === 'CDMA_PCS' ? null : iccidFor(carrier, spec.serialNumberSeed),
    accessMethod: carrier.accessMethod,
    macAddress: macAddressFor(spec.serialNumberSeed),
    companyAssetId: spec.companyAssetId,
    updatedAt,
  } satisfies typeof deviceAssets.$inferInsert;
  const line = spec.service;
  const service = line && {
    id: line.id,
    tenantId: spec.tenantId,
    serviceNumber: line.number,
    status: line.status,
    planId: line.planId,
    billingVendorId: carrier.id,
    currentVendorId: carrier.id,
    employeeId: spec.employeeId,
    deviceAssetId: spec.deviceId,
    regionId: line.regionId,
    upgradeEligibilityDate: dayStamp(now, line.upgradeEligibleInDays),
    contractStart: dayStamp(now, -line.activatedDaysAgo),
    // Two-year business contracts.
    contractEnd: dayStamp(now, 730 - line.activatedDaysAgo),
    activated: dayStamp(now, -line.activatedDaysAgo),
    lastDeviceUpgrade: dayStamp(now, -line.lastUpgradeDaysAgo),
    updatedAt,
  } satisfies typeof services.$inferInsert;
  return { device, service, featureIds: line?.featureIds ?? [] };
}

/** Inserts the device asset and, when given, its service; returns both IDs. */
export async function insertLine(db: Db, spec: LineSpec): Promise<{ deviceId: number; serviceId: number | undefined }> {
  const rows = lineRows(spec);
  const deviceId = (await db.insert(deviceAssets).values(rows.device).returning({ id: deviceAssets.id }))[0]!.id;
  if (!rows.service) return { deviceId, serviceId: undefined };
  const serviceId = (
    await db
      .insert(services)
      .values({ ...rows.service, deviceAssetId: deviceId })
      .returning({ id: services.id })
  )[0]!.id;
  if (rows.featureIds.length > 0) {
    await db.insert(serviceFeatures).values(rows.featureIds.map((featureId) => ({ serviceId, featureId })));
  }
  return { deviceId, serviceId };
}
