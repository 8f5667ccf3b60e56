/**
 * What a completed order does to the assets (MOBPROC §4.6). The order stores, at submit, the
 * resolved IDs its completion needs (`OrderEffects`); completion runs inside the fulfilment
 * step's write transaction.
 */
import { luhnCheckDigit } from '../../../contract/index.ts';
import { dialectOf, type Db } from '../../storage/db.ts';
import { nanpNumber } from '../../storage/phone-numbers.ts';
import { one, statement } from '../../storage/statements.ts';

export type OrderEffects = {
  serviceId?: number;
  regionId?: number;
  /** The carrier the resulting service is on. */
  vendorId?: number;
  planId?: number;
  optionalFeatureIds: number[];
  device?: { catalogId: number; manufacturerId: number; modelId: number; accessMethod: string };
  /** A new SIM for the existing device (carrier change without a new device). */
  newSim: boolean;
  featureChanges: { id: number; action: 'ADD' | 'REMOVE' }[];
  quantity: number;
  newDeviceAssetId?: number;
  /** XFER_SERVICE_IN types: the personal number being transferred. */
  serviceNumber?: string;
  preferredAreaCode?: string;
  /** The calendar date (`YYYY-MM-DD`) a preferred-date property asks the change for; fulfilment waits for it. */
  effectiveDate?: string;
};

export type CompletionContext = {
  db: Db;
  tenantId: number;
  orderId: number;
  accountHolderId: number;
  now: Date;
  effects: OrderEffects;
};

const YEAR_MS = 365 * 86_400_000;
const dayStamp = (date: Date) => `${date.toISOString().slice(0, 10)}T00:00:00Z`;
export const upgradeEligibleFrom = (now: Date) => dayStamp(new Date(now.getTime() + 2 * YEAR_MS));

const withLuhn = (body: string) => body + luhnCheckDigit(body);

/** A serial for a device the fulfilment ships, unique by the new asset's id. */
export function serialFor(accessMethod: string, n: number): { type: string; value: string } {
  if (accessMethod === 'CDMA') return { type: 'MEID', value: `A2${n.toString(16).toUpperCase().padStart(12, '0')}` };
  if (accessMethod === 'CDMA_PCS') return { type: 'ESN', value: `8E${n.toString(16).toUpperCase().padStart(6, '0')}` };
  return { type: 'IMEI', value: withLuhn(`35${String(n).padStart(12, '0')}`) };
}

export const iccidFor = (n: number) => withLuhn(`890177${String(n).padStart(12, '0')}`);

/**
 * The ID the next row of `table` gets, chosen before the insert because its serial and number are
 * made from it. SQLite: one past the highest, safe under its one writer. PostgreSQL: the table's
 * identity sequence, which concurrent transactions never share and which rows inserted without an
 * ID (the factories) also draw from.
 */
const nextId = async (db: Db, table: 'device_assets' | 'services') =>
  dialectOf(db) === 'postgres'
    ? (await one<{ next: number }>(db, `SELECT nextval(pg_get_serial_sequence('${table}', 'id'))::int AS next`))!.next
    : ((await one<{ next: number }>(db, `SELECT COALESCE(MAX(id), 0) + 1 AS next FROM ${table}`))?.next ?? 1);

export async function createDeviceAsset(completion: CompletionContext, device: NonNullable<OrderEffects['device']>): Promise<number> {
  const { db, tenantId, accountHolderId, now } = completion;
  const id = await nextId(db, 'device_assets');
  const serial = serialFor(device.accessMethod, id);
  await statement(db,
      `INSERT INTO device_assets (id, tenant_id, employee_id, manufacturer_id, model_id, serial_type, serial_value, sim_id, access_method, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, tenantId, accountHolderId, device.manufacturerId, device.modelId, serial.type, serial.value,
      device.accessMethod === 'CDMA_PCS' ? null : iccidFor(id), device.accessMethod, now.toISOString());
  return id;
}

/** A new line's number: the preferred area code when one was given, unique by the service id; always a valid number there. */
function newServiceNumber(completion: CompletionContext, serviceId: number, regionCountry: string | null): string {
  if (regionCountry === 'GB') return `07700${String(serviceId % 1_000_000).padStart(6, '0')}`;
  return nanpNumber(completion.effects.preferredAreaCode ?? '206', serviceId);
}

export async function createService(completion: CompletionContext, options: { deviceAssetId: number | null; serviceNumber?: string }): Promise<number> {
  const { db, tenantId, accountHolderId, now, effects } = completion;
  const id = await nextId(db, 'services');
  const country = await one<{ countryCode: string | null }>(db, 'SELECT country_code AS countryCode FROM regions WHERE id = ?', effects.regionId ?? -1);
  const stamp = now.toISOString();
  await statement(db,
      `INSERT INTO services (id, tenant_id, service_number, status, plan_id, billing_vendor_id, current_vendor_id, employee_id,
         device_asset_id, region_id, upgrade_eligibility_date, contract_start, contract_end, activated, last_device_upgrade, updated_at)
       VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id, tenantId, options.serviceNumber ?? newServiceNumber(completion, id, country?.countryCode ?? null), effects.planId ?? null,
      effects.vendorId, effects.vendorId, accountHolderId, options.deviceAssetId, effects.regionId, upgradeEligibleFrom(now),
      dayStamp(now), dayStamp(new Date(now.getTime() + 2 * YEAR_MS)), stamp, options.deviceAssetId ? stamp : null, stamp,
    );
  await setServiceFeatures(db, id, effects.optionalFeatureIds);
  return id;
}

export async function setServiceFeatures(db: Db, serviceId: number, featureIds: number[]): Promise<void> {
  await statement(db, 'DELETE FROM service_features WHERE service_id = ?').run(serviceId);
  const insert = statement(db, 'INSERT INTO service_features (service_id, feature_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
  for (const featureId of featureIds) await insert.run(serviceId, featureId);
}

export async function updateService(db: Db, serviceId: number, changes: Record<string, string | number | null>, now: Date): Promise<void> {
  const columns = Object.keys(changes);
  await statement(db, `UPDATE services SET ${[...columns.map((column) => `${column} = ?`), 'updated_at = ?'].join(', ')} WHERE id = ?`)
    .run(...columns.map((column) => changes[column]!), now.toISOString(), serviceId);
}

/** NEW_ACTIVATION and the XFER_SERVICE_IN types: `quantity` new lines, each with its device. */
export async function addLines(completion: CompletionContext, serviceNumber?: string): Promise<void> {
  const { effects } = completion;
  for (let line = 0; line < Math.max(effects.quantity, 1); line += 1) {
    const deviceAssetId = effects.device ? await createDeviceAsset(completion, effects.device) : null;
    await createService(completion, { deviceAssetId, ...(serviceNumber ? { serviceNumber } : {}) });
  }
}
