/**
 * The asset lists and the move. The services page is the heaviest read the bench measures, so every
 * query here runs through a statement prepared once per filter shape (decision record 0008).
 */
import { and, count, desc, eq, gte, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, union, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import { numberSearchDigits, type deviceAssetsQuery, type servicesQuery } from '../../contract/index.ts';
import { lockForUpdate } from '../storage/locks.ts';
import { transaction, type Db } from '../storage/db.ts';
import { deviceAssets, employees, services, subtreeServiceCounts, tenantDeviceCounts } from '../storage/schema.ts';
import { allPrepared, preparedOnce, statement, type Bind } from '../storage/statements.ts';
import { deviceColumns, inScope, selectServices, type DeviceRow, type ServiceRow } from './assets.ts';
import type { AuthContext } from './auth-context.ts';
import { columnsOf, direction, inIdList, storageId } from './sql.ts';
import { ApiError, badRequest } from './errors.ts';
import { hasOpenOrder } from './orders/context.ts';
import { digitsOf } from '../storage/digits.ts';
import { foldForSearch } from '../storage/search-fold.ts';
import { deviceSerialMatch, searchPattern, serialPrefixMatch, servicePrefixMatch, servicePrefixRanges, serviceTextMatch, usesTrigrams } from '../storage/search.ts';
import { assetScope, atOrBelow, isUnfiltered, seesOwnSubtree, WALK_COST } from './visibility.ts';

// The digits of a service number, so `2065550142` finds `(206) 555-0142`.
const digitsOfNumber = digitsOf(services.serviceNumber);

/**
 * What a search looks for, once folded (storage/search-fold.ts: full-width digits are digits):
 * `text` as matched (a number as people write it stands for its digits, `+1 (206) 555-01` for
 * `20655501`), and `digits`, the digits compared with each number's digits. `number` says the text
 * was a number, which then needs no match as written; `allDigits` are all its digits, for serials.
 */
function searchTerms(search: string): { text: string; digits: string; number: boolean; allDigits: string } {
  const folded = foldForSearch(search);
  const allDigits = folded.replace(/\D/g, '');
  const number = numberSearchDigits(folded);
  return number === undefined ? { text: folded, digits: allDigits, number: false, allDigits } : { text: number, digits: number, number: true, allDigits };
}

type AssetFilters = {
  employee?: string;
  companyEmployeeId?: string;
  status?: string;
  vendor?: string;
  search?: string;
  dateTimeUpdated?: string;
};

const owner = alias(employees, 'owner');

/**
 * The filters services and device assets share; `table` is the one listed, `services` is the
 * listed service or the device's service. Every value is bound, so the SQL depends only on which
 * filters are present.
 */
function assetFilters(db: Db, tenantOf: number, query: AssetFilters, table: typeof services | typeof deviceAssets, bind: Bind): SQL[] {
  const where: SQL[] = [];
  const ownerColumn: SQLiteColumn = table.employeeId;
  if (query.employee !== undefined) where.push(eq(ownerColumn, bind('employee', storageId(query.employee) ?? -1)));
  if (query.companyEmployeeId !== undefined) {
    const ids = db
      .select({ id: owner.id })
      .from(owner)
      .where(and(eq(owner.companyEmployeeId, bind('companyEmployeeId', query.companyEmployeeId)), eq(owner.tenantId, table.tenantId)));
    where.push(inArray(ownerColumn, ids));
  }
  if (query.status !== undefined) where.push(eq(services.status, bind('status', query.status)));
  if (query.vendor !== undefined) where.push(eq(services.currentVendorId, bind('vendor', storageId(query.vendor) ?? -1)));
  if (query.search) {
    const { text, digits, number, allDigits } = searchTerms(query.search);
    const clauses: SQL[] = [];
    if (usesTrigrams(text)) {
      // The number as written, or its digits alone, contains the text (storage/search.ts); a
      // number as people write it is its digits alone (the contract's `numberSearchDigits`).
      if (!number) clauses.push(serviceTextMatch(db, services.id, bind('search', searchPattern(db, text))));
      if (usesTrigrams(digits)) clauses.push(serviceTextMatch(db, services.id, bind('digits', searchPattern(db, digits, 'digits')), 'digits'));
      if (table === deviceAssets) clauses.push(deviceSerialMatch(db, deviceAssets.id, bind('serial', searchPattern(db, number ? allDigits : text))));
    } else {
      // One or two characters, too short for trigrams: the number (or serial) starts with them.
      // Names of their own: the statement is cached by the names bound (storage/statements.ts).
      const tenantId = bind('searchTenant', tenantOf);
      const written = bind('shortSearch', text);
      clauses.push(servicePrefixMatch(db, services.id, tenantId, written, digits ? bind('shortDigits', digits) : undefined));
      if (table === deviceAssets) clauses.push(serialPrefixMatch(db, deviceAssets.id, tenantId, written));
    }
    where.push(or(...clauses)!);
  }
  if (query.dateTimeUpdated !== undefined) where.push(gte(table.updatedAt, bind('updatedSince', new Date(query.dateTimeUpdated).toISOString())));
  return where;
}

/** GET /assets/services: one page of the services the actor may see, newest first unless sorted otherwise. */
/**
 * A page of the caller's lines in update order, walked on the tenant's date index with a probe of
 * the kept chain per line, at most `bound` entries: for someone who sees their own subtree, without
 * listing the people in it (11,111 below the large tenant's manager).
 */
async function walkedServices(db: Db, auth: AuthContext, query: z.output<typeof servicesQuery>, ascending: boolean, bound: number): Promise<number[]> {
  return (await allPrepared(db, `services-walked:${ascending}`, (bind) => {
    const recent = db
      .select({ id: services.id, at: sql<string>`${services.updatedAt}`.as('at'), owner: sql<number | null>`${services.employeeId}`.as('owner') })
      .from(services)
      .where(eq(services.tenantId, bind('tenantId', auth.tenantId)))
      .orderBy(direction(services.updatedAt, ascending), direction(services.id, ascending))
      .limit(bind('bound', bound))
      .as('recent');
    return db
      .select({ id: recent.id })
      .from(recent)
      .where(atOrBelow(bind('actorId', auth.actor.id), recent.owner))
      .orderBy(direction(recent.at, ascending), direction(recent.id, ascending))
      .limit(bind('limit', query.limit))
      .offset(bind('offset', query.offset));
  })).map((row) => row.id);
}

/**
 * A page of the lines the caller sees, filtered as `query` says, newest first unless asked.
 * `plan.walkCost` (tests) moves the point where a manager's page is walked instead ({@link WALK_COST}).
 */
export async function listServices(
  db: Db,
  auth: AuthContext,
  query: z.output<typeof servicesQuery>,
  plan: { walkCost: number } = { walkCost: WALK_COST },
): Promise<{ rows: ServiceRow[]; total: number }> {
  const ascending = query.sortAscending ?? false;
  // Someone who sees their own subtree, unfiltered: the total is the row the triggers keep
  // (schema.ts `subtreeServiceCounts`) and the page a walk that stops once it is full.
  let keptTotal: number | undefined;
  if (isUnfiltered(query) && (await seesOwnSubtree(db, auth))) {
    keptTotal = (await preparedOnce(db, 'subtree-service-count', () =>
      db.select({ n: subtreeServiceCounts.services }).from(subtreeServiceCounts).where(eq(subtreeServiceCounts.employeeId, sql.placeholder('employeeId'))),
    ).get({ employeeId: auth.actor.id }))?.n ?? 0;
    if (keptTotal === 0) return { rows: [], total: 0 };
    const ids = await walkedServices(db, auth, query, ascending, Math.floor(keptTotal / plan.walkCost));
    if (ids.length >= Math.min(query.limit, Math.max(0, keptTotal - query.offset))) {
      const byId = await servicesByIds(db, ids);
      return { rows: ids.map((id) => byId.get(id)!), total: keptTotal };
    }
  }
  if (query.search && !usesTrigrams(searchTerms(query.search).text)) return await listServicesByPrefix(db, auth, query, ascending);
  const scope = await assetScope(db, auth);
  const where = (bind: Bind) =>
    and(eq(services.tenantId, bind('tenantId', auth.tenantId)), inScope(db, scope, services.employeeId, bind), ...assetFilters(db, auth.tenantId, query, services, bind));
  // Count and page separately: the page then walks the (tenant, updated) index and stops early.
  const total = keptTotal ?? (await allPrepared(db, 'services:count', (bind) => db.select({ n: count() }).from(services).where(where(bind))))[0]!.n;
  const rows = await allPrepared(db, `services:${ascending}`, (bind) =>
    selectServices(db)
      .where(where(bind))
      .orderBy(direction(services.updatedAt, ascending), direction(services.id, ascending))
      .limit(bind('limit', query.limit))
      .offset(bind('offset', query.offset)),
  );
  return { rows, total };
}

/**
 * A search of one or two characters: the page is read from the number's or digits' prefix range in
 * the list's order (a merge when both apply) and stops after `offset + limit` rows; the total sums
 * the ranges made disjoint (storage/search.ts `servicePrefixRanges`).
 */
async function listServicesByPrefix(db: Db, auth: AuthContext, query: z.output<typeof servicesQuery>, ascending: boolean): Promise<{ rows: ServiceRow[]; total: number }> {
  const scope = await assetScope(db, auth);
  const { text, digits } = searchTerms(query.search!);
  const ranges = (bind: Bind) =>
    servicePrefixRanges({ value: text, bound: bind('shortSearch', text) }, digits ? { value: digits, bound: bind('shortDigits', digits) } : undefined);
  const filtered = (bind: Bind, range: SQL) =>
    and(eq(services.tenantId, bind('tenantId', auth.tenantId)), inScope(db, scope, services.employeeId, bind), ...assetFilters(db, auth.tenantId, { ...query, search: undefined }, services, bind), range);
  // The SQL differs by the text's length and which ranges apply; the statement name says so.
  const shape = `${[...text].length}:${digits.length}:${ranges(() => sql.placeholder('shape')).arms.length}`;
  let total = 0;
  for (const [index] of ranges(() => sql.placeholder('shape')).counted.entries()) {
    total += (await allPrepared(db, `services-prefix:count${index}:${shape}`, (bind) => db.select({ n: count() }).from(services).where(filtered(bind, ranges(bind).counted[index]!))))[0]!.n;
  }
  const order = [sql.raw(`"updated_at" ${ascending ? 'ASC' : 'DESC'}`), sql.raw(`"id" ${ascending ? 'ASC' : 'DESC'}`)];
  const ids = (await allPrepared(db, `services-prefix:${ascending}:${shape}`, (bind) => {
    const [first, second] = ranges(bind).arms.map((range) => db.select({ id: services.id, updatedAt: services.updatedAt }).from(services).where(filtered(bind, range)));
    return (second ? union(first!, second) : first!)
      .orderBy(...order)
      .limit(bind('limit', query.limit))
      .offset(bind('offset', query.offset));
  })).map((row) => row.id);
  const byId = await servicesByIds(db, ids);
  return { rows: ids.map((id) => byId.get(id)!), total };
}

/** Services by ID, whoever may see them. */
export async function servicesByIds(db: Db, ids: number[]): Promise<Map<number, ServiceRow>> {
  if (ids.length === 0) return new Map();
  const rows = await allPrepared(db, 'services-by-id', (bind) => selectServices(db).where(inIdList(db, services.id, bind('ids', JSON.stringify(ids)))));
  return new Map(rows.map((row) => [row.id, row]));
}

const summaryColumns = columnsOf(employees, ['id', 'companyEmployeeId', 'firstName', 'lastName', 'email']);

export async function employeeSummariesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return new Map<number, never>();
  const rows = await allPrepared(db, 'employee-summaries', (bind) => db.select(summaryColumns).from(employees).where(inIdList(db, employees.id, bind('ids', JSON.stringify(ids)))));
  return new Map(rows.map((row) => [row.id, row]));
}

/**
 * Gives a service, and the device on it, to another employee. Throws a 400 (`400-INVALID_STATE`)
 * while the service has an open order: that order was approved for the current owner, and would
 * otherwise complete on the new owner's line without their manager being asked (§2).
 */
export async function moveService(db: Db, service: Pick<ServiceRow, 'id' | 'deviceAssetId' | 'serviceNumber'>, ownerId: number, now: Date): Promise<void> {
  await transaction(db, async (db) => {
    // Checked inside the write transaction, after the line's lock that a submit on it takes too,
    // so an order submitted a moment earlier (on any instance) is seen.
    await lockForUpdate(db, 'services', service.id);
    if (await hasOpenOrder(db, service.id)) {
      throw new ApiError(badRequest('INVALID_STATE', `Service ${service.serviceNumber} has an open order; move it once that order is complete, rejected or cancelled.`));
    }
    const at = now.toISOString();
    await statement(db, 'UPDATE services SET employee_id = ?, updated_at = ? WHERE id = ?').run(ownerId, at, service.id);
    if (service.deviceAssetId != null) {
      await statement(db, 'UPDATE device_assets SET employee_id = ?, updated_at = ? WHERE id = ?').run(ownerId, at, service.deviceAssetId);
    }
  });
}

/**
 * A live (not deactivated) line with this number in any company, or undefined: a number brought in
 * from outside must not already be one of ours. `digits` is the number without punctuation; a
 * North American number matches with or without its leading 1.
 */
export async function liveServiceWithNumber(db: Db, digits: string): Promise<{ id: number; tenantId: number } | undefined> {
  const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
  return (await db
    .select({ id: services.id, tenantId: services.tenantId })
    .from(services)
    .where(and(ne(services.status, 'DEACTIVATED'), sql`(${digitsOfNumber} = ${national} OR ${digitsOfNumber} = ${`1${national}`})`)).limit(1))[0];
}

export type DeviceWithService = DeviceRow & { serviceId: number | null };

// A device's service: the live one, else the one it left last.
const candidate = alias(services, 'candidate');
const serviceOfDevice = (db: Db) =>
  eq(
    services.id,
    db
      .select({ id: candidate.id })
      .from(candidate)
      .where(eq(candidate.deviceAssetId, deviceAssets.id))
      .orderBy(sql`${candidate.status} = 'DEACTIVATED'`, desc(candidate.updatedAt))
      .limit(1),
  );

/** GET /assets/devices: one page of the device assets the actor may see, each with its service's ID. */
export async function listDevices(db: Db, auth: AuthContext, query: z.output<typeof deviceAssetsQuery>): Promise<{ rows: DeviceWithService[]; total: number }> {
  const scope = await assetScope(db, auth);
  const where = (bind: Bind) =>
    and(eq(deviceAssets.tenantId, bind('tenantId', auth.tenantId)), inScope(db, scope, deviceAssets.employeeId, bind), ...assetFilters(db, auth.tenantId, query, deviceAssets, bind));
  const ascending = query.sortAscending ?? false;
  // The page walks the (tenant, updated) index and stops after `limit` rows; a window count here
  // would read and sort every device of the tenant first (50,000 at the large tenant).
  const rows = await allPrepared(db, `devices:${ascending}`, (bind) =>
    db
      .select({ ...deviceColumns, serviceId: services.id })
      .from(deviceAssets)
      .leftJoin(services, serviceOfDevice(db))
      .where(where(bind))
      .orderBy(direction(deviceAssets.updatedAt, ascending), direction(deviceAssets.id, ascending))
      .limit(bind('limit', query.limit))
      .offset(bind('offset', query.offset)),
  );
  // Only a filter on the service (its status, carrier, number) needs each device's service to count.
  const byService = query.status !== undefined || query.vendor !== undefined || Boolean(query.search);
  // Paging, sort and what to include change no count; any other member present is a filter.
  const unfiltered = scope.employeeIds === null && Object.entries(query).every(([key, value]) => value === undefined || /^(limit|offset|sort|sortAscending|include\w+)$/.test(key));
  const total = unfiltered
    ? await tenantDeviceCount(db, auth.tenantId)
    : byService
      ? (await allPrepared(db, 'devices:count-with-service', (bind) => db.select({ n: count() }).from(deviceAssets).leftJoin(services, serviceOfDevice(db)).where(where(bind))))[0]!.n
      : (await allPrepared(db, 'devices:count', (bind) => db.select({ n: count() }).from(deviceAssets).where(where(bind))))[0]!.n;
  return { rows, total };
}

/**
 * Every device of the tenant, from the count the triggers keep (schema.ts `tenantDeviceCounts`):
 * counting the tenant's index read 50,000 entries at the large tenant, half the request (decision 16).
 */
const tenantDeviceCount = async (db: Db, tenantId: number): Promise<number> =>
  (await allPrepared(db, 'tenant-device-count', (bind) =>
    db.select({ n: tenantDeviceCounts.devices }).from(tenantDeviceCounts).where(eq(tenantDeviceCounts.tenantId, bind('tenantId', tenantId))),
  ))[0]?.n ?? 0;

export const deviceWithServiceId = async (db: Db, deviceId: number): Promise<DeviceWithService> =>
  (await allPrepared(db, 'device-with-service', (bind) =>
    db.select({ ...deviceColumns, serviceId: services.id }).from(deviceAssets).leftJoin(services, serviceOfDevice(db)).where(eq(deviceAssets.id, bind('id', deviceId))),
  ))[0]!;
