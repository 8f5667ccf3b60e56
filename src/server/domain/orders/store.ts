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
  TransactionType,
} from '../../../contract/index.ts';
import type { Db } from '../../storage/db.ts';
import { departmentNames, employeesByIds, presentEmployeeSummary } from '../employees.ts';
import { manufacturerReference, manufacturerRows, regionReference, vendorReference, vendorRows } from '../reference.ts';
import { storageId } from '../sql.ts';
import { all, one, statement } from '../../storage/statements.ts';
import type { SegmentBody } from './confirmation.ts';

export type OrderRow = {
  id: number;
  tenantId: number;
  transactionType: TransactionType;
  status: OrderStatus;
  externalOrderNumber: string | null;
  accountHolderId: number;
  requestedById: number;
  serviceId: number | null;
  serviceNumber: string | null;
  effects: string;
  confirmation: string;
  properties: string;
  shipTo: string;
  approverId: number | null;
  dateSubmitted: string;
  updatedAt: string;
};

export const ORDER_COLUMNS = `o.id, o.tenant_id AS tenantId, o.transaction_type AS transactionType, o.status,
  o.external_order_number AS externalOrderNumber, o.account_holder_id AS accountHolderId, o.requested_by_id AS requestedById,
  o.service_id AS serviceId, o.service_number AS serviceNumber, o.effects, o.confirmation, o.properties, o.ship_to AS shipTo,
  o.approver_id AS approverId, o.date_submitted AS dateSubmitted, o.updated_at AS updatedAt`;

export function findOrder(db: Db, tenantId: number, orderId: number): OrderRow | undefined {
  return one<OrderRow>(db, `SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = ? AND o.tenant_id = ?`, orderId, tenantId);
}

/** Appends a history entry; every status change writes one (MOBPROC §4.6). */
export function addHistory(
  db: Db,
  entry: { orderId: number; status: OrderStatus; description: string; actorId: number | null; requestedById?: number | null; at: string },
): void {
  statement(
    db,
    `INSERT INTO order_history (order_id, segment_id, date_time, status, description, actor_id, requested_by_id) VALUES (?, NULL, ?, ?, ?, ?, ?)`,
  ).run(entry.orderId, entry.at, entry.status, entry.description, entry.actorId, entry.requestedById ?? null);
}

/** Sets the status of an order and all its segments. */
export function setOrderStatus(db: Db, orderId: number, status: OrderStatus, at: string): void {
  statement(db, 'UPDATE orders SET status = ?, updated_at = ? WHERE id = ?').run(status, at, orderId);
  statement(db, 'UPDATE order_segments SET status = ? WHERE order_id = ?').run(status, orderId);
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

type ApprovalRow = { orderId: number; level: number; approverId: number; decision: 'PENDING' | 'APPROVED' | 'REJECTED'; reason: string | null; decidedById: number | null; dateTime: string | null };
type HistoryRow = { orderId: number; segmentId: number | null; dateTime: string; status: OrderStatus; description: string; actorId: number | null; requestedById: number | null };
type SegmentRow = { orderId: number; id: number; status: OrderStatus; body: string };
type ShipmentRow = { orderId: number; id: number; segmentId: number | null; carrier: string; trackingNumber: string; trackingUrl: string; dateShipped: string; items: string };

/** Orders in the contract's shape, with the members `includes` asks for. */
export function presentOrders(db: Db, origin: string, rows: OrderRow[], includes: Includes): (OrderItemWire & Partial<OrderWire>)[] {
  if (rows.length === 0) return [];
  const orderIds = idList(rows.map((row) => row.id));
  const approvals = includes.approvers
    ? groupBy(all<ApprovalRow>(db, `SELECT order_id AS orderId, level, approver_id AS approverId, decision, reason, decided_by_id AS decidedById, date_time AS dateTime
        FROM order_approvals WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY level, id`, orderIds))
    : new Map<number, ApprovalRow[]>();
  const history = includes.history
    ? groupBy(all<HistoryRow>(db, `SELECT order_id AS orderId, segment_id AS segmentId, date_time AS dateTime, status, description, actor_id AS actorId,
        requested_by_id AS requestedById FROM order_history WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY id`, orderIds))
    : new Map<number, HistoryRow[]>();
  const segments = includes.segments
    ? groupBy(all<SegmentRow>(db, `SELECT order_id AS orderId, id, status, body FROM order_segments WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY position, id`, orderIds))
    : new Map<number, SegmentRow[]>();
  const shipments = includes.shipments ? groupBy(loadShipments(db, rows.map((row) => row.id))) : new Map<number, ShipmentRow[]>();

  const people = new Set<number>();
  for (const row of rows) {
    people.add(row.accountHolderId);
    people.add(row.requestedById);
  }
  for (const list of approvals.values()) for (const approval of list) {
    people.add(approval.approverId);
    if (approval.decidedById !== null) people.add(approval.decidedById);
  }
  for (const list of history.values()) for (const entry of list) {
    if (entry.actorId !== null) people.add(entry.actorId);
    if (entry.requestedById !== null) people.add(entry.requestedById);
  }
  const departments = departmentNames(db, rows[0]!.tenantId);
  const employees = new Map(
    employeesByIds(db, people).map((row) => [
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

  return rows.map((row) => {
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
    if (includes.properties) item.properties = JSON.parse(row.properties) as OrderWire['properties'];
    if (includes.approvers) {
      const list = approvals.get(row.id) ?? [];
      item.approvers = list.map((approval) => ({
        employee: person(approval.approverId),
        level: approval.level,
        decision: approval.decision,
        reason: approval.reason,
        dateTime: approval.dateTime,
        decidedBy: approval.decidedById !== null ? person(approval.decidedById) : null,
      }));
      item.pendingApprovalLevel = row.status === 'AWAITING_APPROVAL' ? (list.find((approval) => approval.decision === 'PENDING')?.level ?? null) : null;
    }
    if (includes.segments) {
      item.orderSegments = {
        items: (segments.get(row.id) ?? []).map((segment): OrderSegmentWire => {
          const { shipItems: _shipItems, ...body } = JSON.parse(segment.body) as SegmentBody;
          return {
            orderSegmentId: String(segment.id),
            status: segment.status,
            ...withCurrentLinks(db, origin, body),
            // Segments stored before plans were always objects said null for "no plan".
            plan: body.plan ?? { optionalFeatures: [] },
            _meta: { href, hrefHistory: `${href}/history?orderSegment=${segment.id}`, hrefShipments: `${href}/shipments?orderSegment=${segment.id}` },
          };
        }),
      };
    }
    if (includes.shipments) item.shipments = (shipments.get(row.id) ?? []).map(presentShipment);
    if (includes.history) item.history = (history.get(row.id) ?? []).map((entry) => presentHistory(entry, person));
    if (includes.shipTo) item.shipTo = shipToWithCurrentLinks(origin, JSON.parse(row.shipTo) as ExpandedShipTo);
    if (includes.confirmation) item.confirmation = JSON.parse(row.confirmation) as OrderConfirmation;
    return item;
  });
}

type StoredSegment = Omit<SegmentBody, 'shipItems'>;
type Reference = { id: string; name: string };

/**
 * A stored segment's links and logos, rebuilt from its ids for this request's origin (MOBPROC §1):
 * a stored link would name the origin of the submit, and segments stored before links existed
 * have none.
 */
function withCurrentLinks(db: Db, origin: string, body: StoredSegment): StoredSegment {
  const vendors = vendorRows(db);
  const manufacturers = manufacturerRows(db);
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

function loadShipments(db: Db, orderIds: number[]): ShipmentRow[] {
  return all<ShipmentRow>(
    db,
    `SELECT order_id AS orderId, id, segment_id AS segmentId, carrier, tracking_number AS trackingNumber, tracking_url AS trackingUrl,
      date_shipped AS dateShipped, items FROM shipments WHERE order_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
    idList(orderIds),
  );
}

const presentShipment = (row: ShipmentRow): Shipment => ({
  id: String(row.id),
  carrier: row.carrier,
  trackingNumber: row.trackingNumber,
  trackingUrl: row.trackingUrl,
  dateShipped: row.dateShipped,
  ...(row.segmentId !== null ? { orderSegmentId: String(row.segmentId) } : {}),
  items: JSON.parse(row.items) as Shipment['items'],
});

export function orderHistory(db: Db, origin: string, order: OrderRow, segmentId: number | null): HistoryEntry[] {
  const [presented] = presentOrders(db, origin, [order], { ...noIncludes, history: true });
  // History is order-wide unless an entry names its segment; a segment filter keeps both kinds.
  return (presented?.history ?? []).filter((entry) => segmentId === null || !entry.orderSegmentId || entry.orderSegmentId === String(segmentId));
}

export function orderShipments(db: Db, order: OrderRow, segmentId: number | null): Shipment[] {
  return loadShipments(db, [order.id])
    .filter((row) => segmentId === null || row.segmentId === segmentId)
    .map(presentShipment);
}

export const noIncludes: Includes = { properties: false, approvers: false, segments: false, shipments: false, history: false, shipTo: false, confirmation: false };

/** One order in its detail form (every member present). */
export function presentOrderDetail(db: Db, origin: string, row: OrderRow): OrderWire {
  return presentOrders(db, origin, [row], ALL_INCLUDES)[0] as OrderWire;
}
