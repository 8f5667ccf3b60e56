/**
 * Stored orders: reading them back in the contract's shapes (one query per kind of child row for
 * a whole page of orders, never one per order) and the history writer every status change uses.
 */
import type {
  EmployeeSummary,
  ExpandedShipTo,
  HistoryEntry,
  OrderConfirmation,
  OrderItemWire,
  OrderSegmentWire,
  OrderWire,
  OrderStatus,
  Shipment,
} from '../../../contract/index.ts';
import { getTableName, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../storage/db.ts';
import { orderApprovals, orderHistory as historyEntries, orders, orderSegments, shipments } from '../../storage/schema.ts';
import { all, preparedOnce, rowWhere, statement } from '../../storage/statements.ts';
import { departmentNames, employeesByIds, presentEmployeeSummary } from '../employees.ts';
import { manufacturerReference, manufacturerRows, regionReference, vendorReference, vendorRows } from '../reference.ts';
import { inIdList, storageId } from '../sql.ts';
import type { SegmentBody } from './confirmation.ts';
import { recordChange } from '../notifications/milestones.ts';

/** A stored order as the schema reads it (effects, confirmation, properties and ship-to parsed). */
export type OrderRow = typeof orders.$inferSelect;

export const findOrder = async (db: Db, tenantId: number, orderId: number): Promise<OrderRow | undefined> => await rowWhere(db, orders, { id: orderId, tenantId });

/**
 * Appends a history entry; every status change writes one (MOBPROC §4.6), after the order's new
 * status and approvals are written: the entry's events and milestone email are derived from them.
 */
export async function addHistory(
  db: Db,
  entry: { orderId: number; status: OrderStatus; description: string; actorId: number | null; requestedById?: number | null; at: string },
): Promise<void> {
  const inserted = (await statement(
    db,
    `INSERT INTO order_history (order_id, segment_id, date_time, status, description, actor_id, requested_by_id) VALUES (?, NULL, ?, ?, ?, ?, ?) RETURNING id`,
  ).get(entry.orderId, entry.at, entry.status, entry.description, entry.actorId, entry.requestedById ?? null)) as { id: number };
  await recordChange(db, { historyId: inserted.id, orderId: entry.orderId, status: entry.status, description: entry.description, at: entry.at });
}

/** Sets the status of an order and all its segments. */
export async function setOrderStatus(db: Db, orderId: number, status: OrderStatus, at: string): Promise<void> {
  await statement(db, 'UPDATE orders SET status = ?, updated_at = ? WHERE id = ?').run(status, at, orderId);
  await statement(db, 'UPDATE order_segments SET status = ? WHERE order_id = ?').run(status, orderId);
}

export type Includes = {
  properties: boolean;
  approvers: boolean;
  segments: boolean;
  shipments: boolean;
  history: boolean;
  shipTo: boolean;
  confirmation: boolean;
};

export const ALL_INCLUDES: Includes = { properties: true, approvers: true, segments: true, shipments: true, history: true, shipTo: true, confirmation: true };

const idList = (ids: Iterable<number>) => JSON.stringify([...new Set(ids)]);

function groupBy<T extends { orderId: number }>(rows: T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.orderId);
    if (list) list.push(row);
    else grouped.set(row.orderId, [row]);
  }
  return grouped;
}

type HistoryRow = typeof historyEntries.$inferSelect;
type ShipmentRow = typeof shipments.$inferSelect;

/**
 * The rows of `table` that belong to these orders, in `order`; one statement per table, built and
 * prepared once (building the Drizzle query per call cost more than the read on an order's detail).
 */
const childRows = async <T extends typeof orderApprovals | typeof historyEntries | typeof orderSegments | typeof shipments>(
  db: Db,
  table: T,
  orderIds: string,
  ...order: SQLiteColumn[]
) =>
  (await preparedOnce(db, `order-children:${getTableName(table)}`, () =>
    db
      .select()
      .from(table as typeof orderApprovals)
      .where(inIdList(db, table.orderId, sql.placeholder('ids')))
      .orderBy(...order),
  ).all({ ids: orderIds })) as unknown as T['$inferSelect'][];

/** Who is looking, for the members that depend on it (`eligibleOnBehalfOf`): the actor and today's date in the tenant's time zone. */
export type Viewer = { actorId: number; today: string };

/** The open level of an order's approval: the first not decided yet (PENDING, or INFO_REQUESTED while a question waits). */
export const openLevel = <T extends { decision: string }>(levels: T[]): T | undefined =>
  levels.find((level) => level.decision === 'PENDING' || level.decision === 'INFO_REQUESTED');

const justificationOf = (properties: unknown): string | null => {
  for (const group of (properties as OrderWire['properties'] | null) ?? []) {
    const field = group.fields.find((candidate) => candidate.id === 'JUSTIFICATION');
    if (field?.text) return field.text;
  }
  return null;
};

/** Orders in the contract's shape, with the members `includes` asks for. */
export async function presentOrders(db: Db, origin: string, rows: OrderRow[], includes: Includes, viewer?: Viewer): Promise<(OrderItemWire & Partial<OrderWire>)[]> {
  if (rows.length === 0) return [];
  const orderIds = idList(rows.map((row) => row.id));
  // Levels are read whenever a member needs them: pendingApprovalLevel and eligibleOnBehalfOf too.
  const approvals = groupBy(includes.approvers || viewer ? await childRows(db, orderApprovals, orderIds, orderApprovals.level, orderApprovals.id) : []);
  // Group names only where a level is a group's: most orders' levels are people.
  const namesGroups = includes.approvers && [...approvals.values()].some((levels) => levels.some((level) => level.approverGroupId !== null));
  const groupNames = new Map(
    namesGroups
      ? (await all<{ id: number; name: string }>(db, 'SELECT id, name FROM approver_groups WHERE tenant_id = ?', rows[0]!.tenantId)).map((group) => [group.id, group.name])
      : [],
  );
  const delegatedToViewer = new Set(
    viewer
      ? (await all<{ approverId: number }>(
          db,
          'SELECT approver_id AS approverId FROM approval_delegates WHERE delegate_id = ? AND from_date <= ? AND until_date >= ?',
          viewer.actorId,
          viewer.today,
          viewer.today,
        )).map((row) => row.approverId)
      : [],
  );
  const history = groupBy(includes.history ? await childRows(db, historyEntries, orderIds, historyEntries.id) : []);
  const segments = groupBy(includes.segments ? await childRows(db, orderSegments, orderIds, orderSegments.position, orderSegments.id) : []);
  const shipmentsOf = groupBy(includes.shipments ? await loadShipments(db, rows.map((row) => row.id)) : []);

  const people = new Set<number>();
  for (const row of rows) {
    people.add(row.accountHolderId);
    people.add(row.requestedById);
  }
  for (const list of approvals.values()) for (const approval of list) {
    for (const personId of [approval.approverId, approval.decidedById, approval.onBehalfOfId]) if (personId !== null) people.add(personId);
  }
  for (const list of history.values()) for (const entry of list) {
    if (entry.actorId !== null) people.add(entry.actorId);
    if (entry.requestedById !== null) people.add(entry.requestedById);
  }
  const departments = await departmentNames(db, rows[0]!.tenantId);
  const employees = new Map(
    (await employeesByIds(db, people)).map((row) => [
      row.id,
      {
        ...presentEmployeeSummary(origin, row),
        // The vendor's orders name account holder and requester with phone, status and department.
        officePhone: row.officePhone,
        status: row.status,
        department: row.departmentId != null ? { id: String(row.departmentId), name: departments.get(row.departmentId) ?? '' } : null,
        updated: row.updatedAt,
      },
    ]),
  );
  const person = (employeeId: number): EmployeeSummary =>
    employees.get(employeeId) ?? { id: String(employeeId), companyEmployeeId: '', firstName: '', lastName: '', email: '' };

  return Promise.all(rows.map(async (row) => {
    const href = `${origin}/mobproc/v1/orders/${row.id}`;
    const item: OrderItemWire & Partial<OrderWire> = {
      orderId: String(row.id),
      transactionType: row.transactionType,
      status: row.status,
      externalOrderNumber: row.externalOrderNumber,
      accountHolder: person(row.accountHolderId),
      requestedBy: person(row.requestedById),
      serviceNumber: row.serviceNumber,
      dateSubmitted: row.dateSubmitted,
      updated: row.updatedAt,
      _meta: { href, hrefHistory: `${href}/history`, hrefShipments: `${href}/shipments` },
    };
    if (includes.properties) item.properties = row.properties as OrderWire['properties'];
    const levels = approvals.get(row.id) ?? [];
    const open = row.status === 'AWAITING_APPROVAL' || row.status === 'INFO_REQUESTED' ? openLevel(levels) : undefined;
    if (includes.approvers) {
      item.approvers = levels.map((approval) => ({
        level: approval.level,
        ...(approval.approverId !== null ? { employee: person(approval.approverId) } : {}),
        ...(approval.approverGroupId !== null
          ? { approverGroup: { id: String(approval.approverGroupId), name: groupNames.get(approval.approverGroupId) ?? '' } }
          : {}),
        decision: approval.decision,
        reason: approval.reason,
        dateTime: approval.dateTime,
        decidedBy: approval.decidedById !== null ? person(approval.decidedById) : null,
        onBehalfOf: approval.onBehalfOfId !== null ? person(approval.onBehalfOfId) : null,
      }));
      item.pendingApprovalLevel = open?.level ?? null;
    }
    if (viewer && row.status === 'AWAITING_APPROVAL' && open?.approverId != null && open.approverId !== viewer.actorId && delegatedToViewer.has(open.approverId)) {
      item.eligibleOnBehalfOf = person(open.approverId);
    }
    if (includes.properties || viewer) item.justification = justificationOf(row.properties);
    if (includes.segments) {
      item.orderSegments = {
        items: await Promise.all((segments.get(row.id) ?? []).map(async (segment): Promise<OrderSegmentWire> => {
          const { shipItems: _shipItems, ...body } = segment.body as SegmentBody;
          return {
            orderSegmentId: String(segment.id),
            status: segment.status,
            ...await withCurrentLinks(db, origin, body),
            // Segments stored before plans were always objects said null for "no plan".
            plan: body.plan ?? { optionalFeatures: [] },
            _meta: { href, hrefHistory: `${href}/history?orderSegment=${segment.id}`, hrefShipments: `${href}/shipments?orderSegment=${segment.id}` },
          };
        })),
      };
    }
    if (includes.shipments) item.shipments = (shipmentsOf.get(row.id) ?? []).map(presentShipment);
    if (includes.history) item.history = (history.get(row.id) ?? []).map((entry) => presentHistory(entry, person));
    if (includes.shipTo) item.shipTo = shipToWithCurrentLinks(origin, row.shipTo as ExpandedShipTo);
    if (includes.confirmation) item.confirmation = row.confirmation as OrderConfirmation;
    return item;
  }));
}

type StoredSegment = Omit<SegmentBody, 'shipItems'>;
type Reference = { id: string; name: string };

/**
 * A stored segment's links and logos, rebuilt from its ids for this request's origin (MOBPROC §1):
 * a stored link would name the origin of the submit, and segments stored before links existed
 * have none.
 */
async function withCurrentLinks(db: Db, origin: string, body: StoredSegment): Promise<StoredSegment> {
  const vendors = await vendorRows(db);
  const manufacturers = await manufacturerRows(db);
  const vendor = <T extends Reference>(ref: T) => {
    const vendorId = storageId(ref.id);
    return vendorId === null ? ref : { ...ref, ...vendorReference(origin, vendors.get(vendorId), vendorId) };
  };
  const manufacturer = <T extends Reference>(ref: T) => {
    const manufacturerId = storageId(ref.id);
    return manufacturerId === null ? ref : { ...ref, ...manufacturerReference(origin, manufacturers.get(manufacturerId), manufacturerId) };
  };
  const catalogItem = <T extends { id: string; manufacturer: Reference; vendor: Reference }>(kind: string, item: T) => ({
    ...item,
    _meta: { href: `${origin}/mobproc/v1/catalog/${kind}/${item.id}` },
    manufacturer: manufacturer(item.manufacturer),
    vendor: vendor(item.vendor),
  });
  return {
    ...body,
    vendor: vendor(body.vendor),
    device: body.device ? catalogItem('devices', body.device) : body.device,
    accessories: body.accessories.map((accessory) => catalogItem('accessories', accessory)),
  };
}

/** The ship-to country's link for this request's origin, and its id alone as the vendor also sends it. */
function shipToWithCurrentLinks(origin: string, shipTo: ExpandedShipTo): ExpandedShipTo {
  const regionId = shipTo.region ? storageId(shipTo.region.id) : null;
  if (!shipTo.region || regionId === null) return shipTo;
  return { ...shipTo, regionId: shipTo.region.id, region: regionReference(origin, regionId, shipTo.region.name) };
}

function presentHistory(entry: HistoryRow, person: (id: number) => EmployeeSummary): HistoryEntry {
  return {
    dateTime: entry.dateTime,
    status: entry.status,
    description: entry.description,
    actor: entry.actorId !== null ? person(entry.actorId) : null,
    ...(entry.requestedById !== null && entry.requestedById !== entry.actorId ? { requestedBy: person(entry.requestedById) } : {}),
    ...(entry.segmentId !== null ? { orderSegmentId: String(entry.segmentId) } : {}),
  };
}

const loadShipments = async (db: Db, orderIds: number[]): Promise<ShipmentRow[]> => await childRows(db, shipments, idList(orderIds), shipments.id);

const presentShipment = (row: ShipmentRow): Shipment => ({
  id: String(row.id),
  carrier: row.carrier,
  trackingNumber: row.trackingNumber,
  // Every shipment is stored with its link; the column allows null only because it was declared so.
  trackingUrl: row.trackingUrl ?? '',
  dateShipped: row.dateShipped,
  ...(row.segmentId !== null ? { orderSegmentId: String(row.segmentId) } : {}),
  items: row.items as Shipment['items'],
});

export async function orderHistory(db: Db, origin: string, order: OrderRow, segmentId: number | null): Promise<HistoryEntry[]> {
  const [presented] = await presentOrders(db, origin, [order], { ...noIncludes, history: true });
  // History is order-wide unless an entry names its segment; a segment filter keeps both kinds.
  return (presented?.history ?? []).filter((entry) => segmentId === null || !entry.orderSegmentId || entry.orderSegmentId === String(segmentId));
}

export async function orderShipments(db: Db, order: OrderRow, segmentId: number | null): Promise<Shipment[]> {
  return (await loadShipments(db, [order.id]))
    .filter((row) => segmentId === null || row.segmentId === segmentId)
    .map(presentShipment);
}

export const noIncludes: Includes = { properties: false, approvers: false, segments: false, shipments: false, history: false, shipTo: false, confirmation: false };

/** One order in its detail form (every member present). */
export async function presentOrderDetail(db: Db, origin: string, row: OrderRow): Promise<OrderWire> {
  return (await presentOrders(db, origin, [row], ALL_INCLUDES))[0] as OrderWire;
}
