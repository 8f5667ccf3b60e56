/**
 * What an open order takes for itself until it is final: its service (one open order per service),
 * the spare device a SWAP_DEVICES puts on its line, the number an XFER_SERVICE_IN type brings in.
 * Validation asks these questions of what is stored (live lines and open orders alike); the submit
 * transaction asks them again after locking what they are about, and the partial unique indexes on
 * `orders` (decision 17) have the last word: a clash the checks missed is still a 400, never a
 * second order holding the same thing.
 */
import { orderActionsFor } from '../order-actions.ts';
import { typesOnService, withArticle, type ServiceStatus } from '../../../contract/index.ts';
import { liveServiceWithNumber } from '../asset-queries.ts';
import { ApiError, badRequest, type Problem } from '../errors.ts';
import type { Db } from '../../storage/db.ts';
import { lockForUpdate, lockName, violates } from '../../storage/locks.ts';
import { OPEN_ORDER_STATUSES } from '../../storage/open-orders.ts';
import { one } from '../../storage/statements.ts';
import type { Draft } from './common.ts';
import { hasOpenOrder, type OrderContext } from './context.ts';

const OPEN = OPEN_ORDER_STATUSES.map((status) => `'${status}'`).join(', ');

export const SERVICE_FIELD = 'orderRequest.serviceId';
export const NEW_DEVICE_FIELD = 'orderRequest.newDevice.serialNumber.value';

/** A number as the company's lines are matched: digits only, a North American number without its leading 1. */
export const nationalDigits = (digits: string) => (digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits);

/** The live (active or suspended) line the device is on, if any. */
export const liveServiceWithDevice = async (db: Db, deviceAssetId: number) =>
  await one<{ serviceNumber: string }>(
    db,
    `SELECT service_number AS serviceNumber FROM services WHERE device_asset_id = ? AND status IN ('ACTIVE', 'SUSPENDED') LIMIT 1`,
    deviceAssetId,
  );

/** The open order (any line) that swaps this device in, if any. */
export const openOrderWithDevice = async (db: Db, deviceAssetId: number) =>
  await one<{ id: number }>(db, `SELECT id FROM orders WHERE new_device_asset_id = ? AND status IN (${OPEN}) LIMIT 1`, deviceAssetId);

/** The open order (any company) that brings this number in, if any; `national` as {@link nationalDigits} gives it. */
export const openOrderWithNumber = async (db: Db, national: string) =>
  await one<{ id: number; tenantId: number }>(db, `SELECT id, tenant_id AS tenantId FROM orders WHERE incoming_number = ? AND status IN (${OPEN}) LIMIT 1`, national);

export const deviceTakenMessage = (orderId: number) => `This device is already being swapped onto a line by open order ${orderId}; choose another spare device.`;
export const deviceInUseMessage = (serviceNumber: string) => `This device is in use on service ${serviceNumber}; choose a spare device.`;
/**
 * A number is one per carrier network, so an open order of any company takes it; the order is named
 * only to its own company (another company's order numbers are not this caller's to see).
 */
export const numberTakenMessage = (text: string, open: { id: number; tenantId: number }, tenantId: number) =>
  `${text} is already being brought in by ${open.tenantId === tenantId ? `open order ${open.id}` : 'another open order'}; a number can be brought in once.`;
export const numberLiveMessage = (text: string) => `${text} is already a company line; a number can be brought in only from outside.`;
const openOrderMessage = (serviceNumber: string) => `Service ${serviceNumber} already has an open order; wait until it completes.`;

/**
 * Inside the submit transaction, before the order is stored: locks the service, the spare device
 * and the incoming number the order takes (on PostgreSQL; SQLite's transaction holds the only write
 * lock), then checks again what validation checked before it — what another request may have
 * changed in between: the line's owner and status, its open orders, the device's line and open
 * orders, the number's line and open orders.
 * @throws ApiError 400 `BUSINESS_RULE` naming the request's field for each problem found.
 */
export async function recheckClaims(db: Db, ctx: OrderContext, draft: Draft): Promise<void> {
  const problems: Problem[] = [];
  const service = draft.service && typesOnService.includes(ctx.type) ? draft.service : undefined;
  if (service) {
    await lockForUpdate(db, 'services', service.id);
    const now = await one<{ employeeId: number | null; status: ServiceStatus }>(db, 'SELECT employee_id AS employeeId, status FROM services WHERE id = ?', service.id);
    if (!now || now.employeeId !== ctx.actor.id) {
      problems.push(badRequest('BUSINESS_RULE', `Service ${service.serviceNumber} has moved to someone else; act for its new owner to order on it.`, SERVICE_FIELD));
    } else if (await hasOpenOrder(db, service.id)) {
      problems.push(badRequest('BUSINESS_RULE', openOrderMessage(service.serviceNumber), SERVICE_FIELD));
    } else if (!orderActionsFor(now.status, false, [ctx.type]).includes(ctx.type)) {
      problems.push(badRequest('BUSINESS_RULE', `Service ${service.serviceNumber} is now ${now.status}: it cannot take ${withArticle(ctx.type)} order.`, SERVICE_FIELD));
    }
  }
  const deviceId = draft.newDevice?.assetId;
  if (deviceId !== undefined) {
    await lockForUpdate(db, 'device_assets', deviceId);
    const live = await liveServiceWithDevice(db, deviceId);
    const open = live ? undefined : await openOrderWithDevice(db, deviceId);
    if (live) problems.push(badRequest('BUSINESS_RULE', deviceInUseMessage(live.serviceNumber), NEW_DEVICE_FIELD));
    else if (open) problems.push(badRequest('BUSINESS_RULE', deviceTakenMessage(open.id), NEW_DEVICE_FIELD));
  }
  const number = draft.incomingNumber;
  if (number) {
    await lockIncomingNumber(db, number.national);
    const open = await openOrderWithNumber(db, number.national);
    if (await liveServiceWithNumber(db, number.national)) problems.push(badRequest('BUSINESS_RULE', numberLiveMessage(number.text), number.field));
    else if (open) problems.push(badRequest('BUSINESS_RULE', numberTakenMessage(number.text, open, ctx.tenantId), number.field));
  }
  if (problems.length > 0) throw new ApiError(problems);
}

/**
 * Serialises everything that decides whether a number is free (a submit bringing it in, the
 * completion that makes it a line) across instances; a number is no row to lock.
 */
export const lockIncomingNumber = async (db: Db, national: string) => await lockName(db, `incoming-number:${national}`);

/**
 * The 400 for an insert of the order that one of the partial unique indexes refused: another open
 * order took the same service, device or number after the checks (only possible across instances,
 * or from a writer outside this server). Undefined for any other error.
 */
export function claimViolation(error: unknown, draft: Draft): ApiError | undefined {
  if (draft.service && violates(error, 'orders_open_per_service', 'orders', ['service_id'])) {
    return new ApiError(badRequest('BUSINESS_RULE', openOrderMessage(draft.service.serviceNumber), SERVICE_FIELD));
  }
  if (violates(error, 'orders_open_new_device', 'orders', ['new_device_asset_id'])) {
    return new ApiError(badRequest('BUSINESS_RULE', 'This device is already being swapped onto a line by another open order; choose another spare device.', NEW_DEVICE_FIELD));
  }
  if (draft.incomingNumber && violates(error, 'orders_open_incoming_number', 'orders', ['incoming_number'])) {
    return new ApiError(badRequest('BUSINESS_RULE', `${draft.incomingNumber.text} is already being brought in by another open order; a number can be brought in once.`, draft.incomingNumber.field));
  }
  return undefined;
}
