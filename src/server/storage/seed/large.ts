/**
 * A large tenant (`LARGE`) for measuring the server at a customer's size: 100,000 employees in a
 * management tree, 50,000 lines (a service and its device each), 10,000 catalog items and 200,000
 * orders, in the demo's shapes — the rows come from the demo's own builders (`employeeRow`,
 * `lineRows`, the catalog and property rows), and the orders from one order the domain itself
 * validated, priced and stored. Everything goes in one write transaction through statements
 * prepared once (`bulkInsert`), so it takes seconds, not minutes.
 */
import { transactionType, type OrderRequest } from '../../../contract/index.ts';
import { evaluateOrder, insertOrder, orderContext } from '../../domain/orders/engine.ts';
import { findEmployee } from '../../domain/employees.ts';
import { clientOf, transaction, type Db } from '../db.ts';
import { nanpNumber } from '../phone-numbers.ts';
import {
  accessoryModels,
  acknowledgementSets,
  catalogAccessories,
  catalogDevices,
  catalogPlans,
  departments,
  deviceAssets,
  employeeRoles,
  employees,
  features,
  orderPropertyDefinitions,
  planFeatures,
  serviceFeatures,
  services,
  tenants,
} from '../schema.ts';
import { acmeApprovalPolicy } from './approval-policy.ts';
import { lineRows } from './assets.ts';
import { bulkInsert } from './bulk.ts';
import { accessoryModelRows, accessoryRows, catalogDeviceRows, featureRows, modelsSoldBy, planFeatureRows, planRows, plansOf } from './catalog.ts';
import { employeeRow } from './demo.ts';
import { demoIds } from './ids.ts';
import { departmentRows, offices, type OfficeKey } from './people.ts';
import { acknowledgementSetRows, propertyDefinitionRows } from './properties.ts';
import { carrierById } from './reference.ts';
import { foldForSearch } from '../search-fold.ts';

/** Sizes of the large tenant; tests pass smaller ones. */
export type LargeTenantSize = { employees: number; lines: number; catalogItems: number; orders: number };
export const LARGE_TENANT_SIZE: LargeTenantSize = { employees: 100_000, lines: 50_000, catalogItems: 10_000, orders: 200_000 };

/** IDs of the large tenant: each kind of row starts at its own base, far above the demo's. */
export const largeIds = {
  tenant: 3,
  code: 'LARGE',
  firstEmployee: 1_000_000,
  firstService: 2_000_000,
  firstDevice: 3_000_000,
  firstOrder: 5_000_000,
  /**
   * For the bench: the service desk (sees and acts for the whole tenant), an ordinary employee with
   * a manager, a manager of ten people as the demo's managers are (`lead`, employee index 1112) and
   * one with 11,111 people below (`manager`, index 2).
   */
  logins: { desk: 'desk.large', employee: 'employee.large', lead: 'lead.large', manager: 'manager.large' },
} as const;

const deviceId = (demoId: number, batch: number) => 1_000_000 + batch * 1000 + (demoId - 3000);
const planId = (demoId: number, batch: number) => 1_200_000 + batch * 100 + (demoId - 4000);
const accessoryId = (demoId: number, batch: number) => 1_300_000 + batch * 100 + (demoId - 2000);
const featureId = (demoId: number) => 1_400_000 + (demoId - 7000);
const departmentId = (demoId: number) => 30 + (demoId - demoIds.departments.executive);

const FIRST_NAMES = ['Aisha', 'Ben', 'Carmen', 'Dmitri', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam', 'Maya', 'Noor', 'Oscar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wen', 'Ximena', 'Yusuf', 'Zoe', 'Andrés', 'Chloé', 'Björn', 'Siobhan'];
const LAST_NAMES = ['Abbott', 'Baptiste', 'Castillo', 'Dubois', 'Eriksen', 'Fontaine', 'Gallagher', 'Haddad', 'Ibarra', 'Jansen', 'Kowalski', 'Lindqvist', 'Moreau', 'Nakamura', 'Okonkwo', 'Petrov', 'Quintero', 'Rahman', 'Schmidt', 'Tanaka', 'Umeh', 'Vasquez', 'Whitfield', 'Xu', 'Yilmaz', 'Zimmermann', 'Anderson', 'Brennan', 'Costa', 'Desai', "O'Neill", 'Müller'];
const TITLES = ['Account Manager', 'Analyst', 'Engineer', 'Field Technician', 'Coordinator', 'Consultant', 'Specialist', 'Designer'];
// North American offices only, so every generated number is a ten-digit one.
const OFFICES: OfficeKey[] = ['SEA', 'NYC', 'AUS', 'TOR'];
const AREA_CODES: Record<string, string> = { SEA: '425', NYC: '646', AUS: '737', TOR: '647' };
const DEPARTMENTS = departmentRows.filter((row) => row.tenantId === demoIds.tenants.acme);
/** Each person manages up to this many: a tree about six levels deep at 100,000. */
const SPAN = 10;

const managerIndex = (index: number) => (index === 0 ? null : Math.floor((index - 1) / SPAN));

function catalogBatches(db: Db, size: LargeTenantSize): void {
  const tenantId = largeIds.tenant;
  const devicesOnce = catalogDeviceRows('acme');
  const plansOnce = planRows('acme');
  const accessoriesOnce = accessoryRows('acme');
  const perBatch = devicesOnce.length + plansOnce.length + accessoriesOnce.length;
  const batches = Math.max(1, Math.ceil(size.catalogItems / perBatch));
  bulkInsert(db, features, featureRows('acme').map((row) => ({ ...row, id: featureId(row.id), tenantId })));
  const suffix = (batch: number) => (batch === 0 ? '' : ` · Fleet ${batch}`);
  const named = (name: string) => ({ name, nameFolded: foldForSearch(name) });
  const devices = [];
  const plans = [];
  const accessories = [];
  const planLinks = [];
  const accessoryLinks = [];
  for (let batch = 0; batch < batches; batch += 1) {
    devices.push(
      ...devicesOnce.map((row) => ({
        ...row,
        id: deviceId(row.id, batch),
        tenantId,
        ...named(row.name + suffix(batch)),
        eligibleDepartmentIds: row.eligibleDepartmentIds?.map(departmentId) ?? null,
      })),
    );
    plans.push(...plansOnce.map((row) => ({ ...row, id: planId(row.id, batch), tenantId, ...named(row.name + suffix(batch)) })));
    accessories.push(...accessoriesOnce.map((row) => ({ ...row, id: accessoryId(row.id, batch), tenantId, ...named(row.name + suffix(batch)) })));
    planLinks.push(...planFeatureRows('acme').map((row) => ({ planId: planId(row.planId, batch), featureId: featureId(row.featureId) })));
    accessoryLinks.push(...accessoryModelRows('acme').map((row) => ({ accessoryId: accessoryId(row.accessoryId, batch), modelId: row.modelId })));
  }
  const keep = size.catalogItems;
  // Trim to the exact count, devices first (they are most of a batch), keeping every link consistent.
  const over = devices.length + plans.length + accessories.length - keep;
  const trimmed = devices.slice(0, devices.length - Math.max(0, over));
  bulkInsert(db, catalogDevices, trimmed);
  bulkInsert(db, catalogPlans, plans);
  bulkInsert(db, planFeatures, planLinks);
  bulkInsert(db, catalogAccessories, accessories);
  bulkInsert(db, accessoryModels, accessoryLinks);
}

function people(db: Db, size: LargeTenantSize, seededAt: Date): void {
  const rows = [];
  const managers = new Set<number>();
  for (let index = 0; index < size.employees; index += 1) {
    const manager = managerIndex(index);
    if (manager !== null) managers.add(largeIds.firstEmployee + manager);
  }
  const named: Record<number, string> = { 1: largeIds.logins.desk, 2: largeIds.logins.manager, 1112: largeIds.logins.lead, [size.employees - 1]: largeIds.logins.employee };
  for (let index = 0; index < size.employees; index += 1) {
    const id = largeIds.firstEmployee + index;
    const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
    const last = LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length]!;
    const manager = managerIndex(index);
    const username = named[index] ?? `${first}.${last}.${index}`.normalize('NFD').replace(/[^A-Za-z0-9.]/g, '').toLowerCase();
    const row = employeeRow(
      {
        id,
        first,
        last,
        department: departmentId(DEPARTMENTS[index % DEPARTMENTS.length]!.id),
        manager: manager === null ? null : largeIds.firstEmployee + manager,
        title: index === 0 ? 'Chief Executive Officer' : index === 1 ? 'IT Service Desk Lead' : TITLES[index % TITLES.length]!,
        office: OFFICES[index % OFFICES.length]!,
        username,
        email: `${username}@large.example`,
      },
      'acme',
      { now: seededAt, managers, updatedMinutesAgo: (index * 7) % 525_600, companyEmployeeId: `L${String(index).padStart(6, '0')}` },
    );
    rows.push({ ...row, tenantId: largeIds.tenant });
  }
  bulkInsert(db, employees, rows);
  db.insert(employeeRoles).values({ tenantId: largeIds.tenant, employeeId: largeIds.firstEmployee + 1, role: 'SERVICE_DESK' }).run();
}

function lines(db: Db, size: LargeTenantSize, seededAt: Date): void {
  const deviceRows = [];
  const serviceRows = [];
  const featureRowsOfLines = [];
  for (let index = 0; index < size.lines; index += 1) {
    // Everyone but the CEO and the service desk, from the top of the tree down.
    const employeeIndex = 2 + index;
    const office = OFFICES[employeeIndex % OFFICES.length]!;
    const carrier = carrierById.get(offices[office].carrierId)!;
    const plans = plansOf('acme').filter((plan) => plan.carrierId === carrier.id);
    const plan = plans[index % plans.length]!;
    const models = modelsSoldBy(carrier.id);
    const activatedDaysAgo = 45 + ((index * 37) % 900);
    const rows = lineRows({
      tenantId: largeIds.tenant,
      employeeId: largeIds.firstEmployee + employeeIndex,
      carrier,
      modelId: models[index % models.length]!,
      serialNumberSeed: 5_000_000 + index,
      companyAssetId: `LRG-MD-${String(index).padStart(6, '0')}`,
      now: seededAt,
      deviceId: largeIds.firstDevice + index,
      updatedMinutesAgo: 30 + index * 3,
      service: {
        id: largeIds.firstService + index,
        number: nanpNumber(AREA_CODES[office]!, index),
        status: index % 50 === 7 ? 'SUSPENDED' : index % 40 === 3 ? 'DEACTIVATED' : 'ACTIVE',
        planId: planId(plan.id, 0),
        regionId: carrier.regionId,
        activatedDaysAgo,
        lastUpgradeDaysAgo: activatedDaysAgo,
        upgradeEligibleInDays: 540 - activatedDaysAgo,
        featureIds: index % 4 === 0 && plan.optional.length > 0 ? [featureId(7000 + 10 * (carrier.id - 1) + plan.optional[0]!)] : [],
      },
    });
    deviceRows.push(rows.device);
    serviceRows.push(rows.service!);
    for (const id of rows.service!.status === 'DEACTIVATED' ? [] : rows.featureIds) featureRowsOfLines.push({ serviceId: rows.service!.id!, featureId: id });
  }
  bulkInsert(db, deviceAssets, deviceRows);
  bulkInsert(db, services, serviceRows);
  bulkInsert(db, serviceFeatures, featureRowsOfLines);
}

/** A new line with a device, a plan, a feature and an accessory in the large tenant: the order every clone copies (and the bench confirms). */
export function largeTemplateRequest(): OrderRequest {
  return {
    transactionType: transactionType.enum.NEW_ACTIVATION,
    regionId: String(demoIds.regions.unitedStates),
    postalCode: '98101',
    shoppingCart: {
      deviceId: String(deviceId(demoIds.catalogDevices.pixel9Summit, 0)),
      planId: String(planId(demoIds.plans.summitBusinessUnlimited, 0)),
      optionalFeatureIds: [String(featureId(demoIds.features.summitHotspot))],
      accessoryIds: [String(accessoryId(demoIds.accessories.usbC30wCharger, 0))],
    },
    properties: [
      {
        groupId: 'ORDER_DETAILS',
        fields: [
          { id: 'JUSTIFICATION', type: 'TEXT', text: 'A phone for a new starter in the field team' },
          { id: 'URGENCY', type: 'CHOICE', choice: { id: 'STANDARD' } },
        ],
      },
      { groupId: 'CONTACT_DETAILS', fields: [{ id: 'CONTACT_NUMBER', type: 'TEXT', text: '+1 425 555 0100' }] },
    ],
    shipTo: {
      name: 'Large Tenant Mailroom',
      regionId: String(demoIds.regions.unitedStates),
      address: [
        { id: 'LINE_1', value: '1200 Fifth Avenue' },
        { id: 'CITY', value: 'Seattle' },
        { id: 'STATE', value: 'WA' },
        { id: 'POSTAL_CODE', value: '98101' },
      ],
    },
  } as OrderRequest;
}

const STATUSES = ['COMPLETE', 'COMPLETE', 'COMPLETE', 'AWAITING_APPROVAL', 'REJECTED', 'CANCELLED'] as const;
const DESCRIPTIONS: Record<(typeof STATUSES)[number], string> = {
  COMPLETE: 'Completed by the carrier.',
  AWAITING_APPROVAL: 'Submitted; awaiting approval by the manager.',
  REJECTED: 'Rejected by the manager: not in this quarter’s budget.',
  CANCELLED: 'Cancelled by the requester.',
};

/**
 * The order every clone copies, as the domain stored it (the JSON columns as their stored text),
 * and the first ID each of the rows hanging off the clones takes: the ones the database would
 * give them after the demo's rows (SQLite's next rowid).
 */
export type LargeOrderTemplate = {
  transactionType: string;
  effects: string;
  confirmation: string;
  properties: string;
  shipTo: string;
  segmentBody: string;
  firstSegmentId: number;
  firstApprovalId: number;
  firstHistoryId: number;
};

/**
 * Stores one order through the domain (validation, pricing, confirmation) for the tenant's last
 * employee, reads its stored rows, rolls it back, and reads the next free IDs. Run inside the
 * seed's transaction, after the people, lines and catalog.
 */
async function largeOrderTemplate(db: Db, size: LargeTenantSize, seededAt: Date): Promise<LargeOrderTemplate> {
  const sqlite = clientOf(db);
  const holder = (await findEmployee(db, largeIds.tenant, largeIds.firstEmployee + size.employees - 1))!;
  const auth = { tenantId: largeIds.tenant, tenantCode: largeIds.code, clientId: 'mobproc-web', user: holder, actor: holder };
  const next = (table: string) => Number((sqlite.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM "${table}"`).get() as { id: number }).id);
  let stored: Omit<LargeOrderTemplate, 'firstSegmentId' | 'firstApprovalId' | 'firstHistoryId'>;
  sqlite.exec('SAVEPOINT large_template');
  try {
    const ctx = orderContext(db, auth, '', seededAt, largeTemplateRequest());
    const templateId = (await insertOrder(await evaluateOrder(ctx, largeTemplateRequest()), 0)).id;
    const order = sqlite.prepare('SELECT transaction_type, effects, confirmation, properties, ship_to FROM orders WHERE id = ?').get(templateId) as Record<string, string>;
    const segment = sqlite.prepare('SELECT body FROM order_segments WHERE order_id = ?').get(templateId) as { body: string };
    stored = {
      transactionType: order.transaction_type!,
      effects: order.effects!,
      confirmation: order.confirmation!,
      properties: order.properties!,
      shipTo: order.ship_to!,
      segmentBody: segment.body,
    };
  } finally {
    sqlite.exec('ROLLBACK TO large_template; RELEASE large_template');
  }
  // After the rollback: the template's own rows do not count.
  return { ...stored, firstSegmentId: next('order_segments'), firstApprovalId: next('order_approvals'), firstHistoryId: next('order_history') };
}

/**
 * The n-th clone (0 ≤ n < `size.orders`) of the template: its order, segment, approval and
 * history IDs, account holder (also its requester), approver (the holder's manager), status,
 * time (ISO 8601, UTC; submitted and updated alike), the approval's decision (by the approver at
 * that time unless pending) and the history entry's description and actor. Both loaders write
 * exactly these values; the PostgreSQL one adds the template's JSON on the server.
 */
export function largeOrderClone(template: LargeOrderTemplate, n: number, size: LargeTenantSize, seededAt: Date) {
  // Spread over everyone with a manager (index ≥ 1), in an order that is not the tree's.
  const holderIndex = 1 + ((n * 7919) % (size.employees - 1));
  const holderId = largeIds.firstEmployee + holderIndex;
  const approverId = largeIds.firstEmployee + managerIndex(holderIndex)!;
  const status = STATUSES[n % STATUSES.length]!;
  const at = new Date(seededAt.getTime() - (n + 1) * 97_000).toISOString();
  const decision = status === 'AWAITING_APPROVAL' ? 'PENDING' : status === 'REJECTED' ? 'REJECTED' : 'APPROVED';
  return {
    id: largeIds.firstOrder + n,
    segmentId: template.firstSegmentId + n,
    approvalId: template.firstApprovalId + n,
    historyId: template.firstHistoryId + n,
    holderId,
    approverId,
    status,
    at,
    decision,
    decidedById: decision === 'PENDING' ? null : approverId,
    decidedAt: decision === 'PENDING' ? null : at,
    description: DESCRIPTIONS[status],
    actorId: status === 'COMPLETE' ? null : holderId,
  };
}

/** Writes `size.orders` clones of the template: each with its own account holder, status, dates, approval and history entry. */
function orders(db: Db, template: LargeOrderTemplate, size: LargeTenantSize, seededAt: Date): void {
  const sqlite = clientOf(db);
  const insertOrderRow = sqlite.prepare(
    `INSERT INTO orders (id, tenant_id, transaction_type, status, account_holder_id, requested_by_id, effects, confirmation, properties, ship_to, approver_id, date_submitted, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertSegment = sqlite.prepare('INSERT INTO order_segments (id, order_id, position, status, body) VALUES (?, ?, 0, ?, ?)');
  const insertApproval = sqlite.prepare('INSERT INTO order_approvals (id, order_id, level, approver_id, decision, decided_by_id, date_time) VALUES (?, ?, 1, ?, ?, ?, ?)');
  const insertHistory = sqlite.prepare('INSERT INTO order_history (id, order_id, date_time, status, description, actor_id, requested_by_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
  for (let n = 0; n < size.orders; n += 1) {
    const clone = largeOrderClone(template, n, size, seededAt);
    insertOrderRow.run(
      clone.id,
      largeIds.tenant,
      template.transactionType,
      clone.status,
      clone.holderId,
      clone.holderId,
      template.effects,
      template.confirmation,
      template.properties,
      template.shipTo,
      clone.approverId,
      clone.at,
      clone.at,
    );
    insertSegment.run(clone.segmentId, clone.id, clone.status, template.segmentBody);
    insertApproval.run(clone.approvalId, clone.id, clone.approverId, clone.decision, clone.decidedById, clone.decidedAt);
    insertHistory.run(clone.historyId, clone.id, clone.at, clone.status, clone.description, clone.actorId, clone.holderId);
  }
}

/**
 * Runs `work` (bulk inserts of people, lines and orders) without the triggers that keep the
 * management chain and the per-subtree counts (migration `management_chain`), then builds those
 * rows for the tenant in four set-based statements and puts the triggers back, all inside the
 * seed's transaction. Row by row, the triggers cost the 100,000-person seed about 25 s (37 → 63 s).
 */
async function withChainBuiltAfter(db: Db, tenantId: number, work: () => Promise<void>): Promise<void> {
  const sqlite = clientOf(db);
  const triggers = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'employee_chain_%' OR name LIKE 'subtree_%_counts_%')")
    .all() as { name: string; sql: string }[];
  for (const { name } of triggers) sqlite.exec(`DROP TRIGGER "${name}"`);
  try {
    await work();
    sqlite
      .prepare(
        `WITH RECURSIVE up(employee_id, ancestor_id, depth) AS (
           SELECT id, id, 0 FROM employees WHERE tenant_id = ?
           UNION ALL SELECT up.employee_id, e.manager_id, up.depth + 1 FROM up JOIN employees e ON e.id = up.ancestor_id WHERE e.manager_id IS NOT NULL AND up.depth < 64)
         INSERT INTO employee_chain (employee_id, ancestor_id) SELECT DISTINCT employee_id, ancestor_id FROM up`,
      )
      .run(tenantId);
    sqlite
      .prepare(
        `INSERT INTO subtree_order_counts (employee_id, orders)
         SELECT c.ancestor_id, count(*) FROM orders o JOIN employee_chain c ON c.employee_id = o.account_holder_id WHERE o.tenant_id = ? GROUP BY c.ancestor_id`,
      )
      .run(tenantId);
    sqlite
      .prepare(
        `INSERT INTO subtree_people_counts (employee_id, people)
         SELECT c.ancestor_id, count(*) FROM employee_chain c JOIN employees e ON e.id = c.ancestor_id WHERE e.tenant_id = ? GROUP BY c.ancestor_id`,
      )
      .run(tenantId);
    sqlite
      .prepare(
        `INSERT INTO subtree_service_counts (employee_id, services)
         SELECT c.ancestor_id, count(*) FROM services s JOIN employee_chain c ON c.employee_id = s.employee_id WHERE s.tenant_id = ? GROUP BY c.ancestor_id`,
      )
      .run(tenantId);
  } finally {
    for (const { sql } of triggers) sqlite.exec(sql);
  }
}

/** Whether the tenant was added, how long it took (ms), and the template of its orders when they were left out. */
export type LargeSeedOutcome = { seeded: boolean; milliseconds: number; orderTemplate?: LargeOrderTemplate };

/**
 * Adds the large tenant to a database (the demo's reference data must be there: regions, vendors,
 * models). Does nothing when the tenant exists. One write transaction. With `orderRows: false`
 * the orders and the rows hanging off them are not written: the template they copy is stored,
 * read and rolled back all the same, and returned, for a loader that writes the clones elsewhere
 * (seed/large-pg.ts).
 */
export async function seedLargeTenant(
  db: Db,
  seededAt: Date,
  size: LargeTenantSize = LARGE_TENANT_SIZE,
  { orderRows = true }: { orderRows?: boolean } = {},
): Promise<LargeSeedOutcome> {
  const started = performance.now();
  let orderTemplate: LargeOrderTemplate | undefined;
  const seeded = await transaction(db, async (db) => {
    if (db.select({ id: tenants.id }).from(tenants).all().some((row) => row.id === largeIds.tenant)) return false;
    db.insert(tenants).values({ id: largeIds.tenant, code: largeIds.code, name: 'Large Test Corporation', approvalPolicy: acmeApprovalPolicy }).run();
    bulkInsert(db, departments, DEPARTMENTS.map((row) => ({ ...row, id: departmentId(row.id), tenantId: largeIds.tenant })));
    bulkInsert(db, orderPropertyDefinitions, propertyDefinitionRows(largeIds.tenant, 20_001));
    bulkInsert(db, acknowledgementSets, acknowledgementSetRows(largeIds.tenant, 1001));
    catalogBatches(db, size);
    await withChainBuiltAfter(db, largeIds.tenant, async () => {
      people(db, size, seededAt);
      lines(db, size, seededAt);
      const template = await largeOrderTemplate(db, size, seededAt);
      if (orderRows) orders(db, template, size, seededAt);
      else orderTemplate = template;
    });
    return true;
  });
  return { seeded, milliseconds: performance.now() - started, ...(orderTemplate && { orderTemplate }) };
}
