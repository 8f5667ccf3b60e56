/**
 * Test-data factories that write through the project's own data layer, for fixtures that need a
 * person nobody else's test touches (e2e runs in parallel against one database).
 */
import { sql } from 'drizzle-orm';
import { dialectOf, transaction, type Db } from '../db.ts';
import { one } from '../statements.ts';
import { nanpNumber } from '../phone-numbers.ts';
import { employeeRoles, employees } from '../schema.ts';
import { demoPasswordHash, insertEmployee, insertLine } from './assets.ts';
import { employeeRow } from './demo.ts';
import { DEMO_PASSWORD, demoIds } from './ids.ts';
import { carrierById } from './reference.ts';

export type OrderingEmployee = {
  employeeId: number;
  companyEmployeeId: string;
  username: string;
  password: string;
  /** Two ACTIVE lines (the first past its upgrade eligibility date), then one SUSPENDED line. */
  serviceIds: [number, number, number];
  serviceNumbers: [string, string, string];
  /** A device asset on no service, for SWAP_DEVICES. */
  spareDeviceId: number;
};

/** Factory employees are numbered from here, apart from the demo's own people. */
const FIRST_FACTORY_EMPLOYEE_ID = 20001;

/** Any fixed number: the transaction lock that makes concurrent factories on PostgreSQL number people one at a time. */
const FACTORY_LOCK = 0x6d6f6266;

/**
 * The ID for a new factory employee, inside the transaction `db`. SQLite transactions take the
 * write lock before this read; on PostgreSQL two transactions could read the same highest ID, so
 * they take turns on a transaction-scoped advisory lock first.
 */
async function nextFactoryEmployeeId(db: Db): Promise<number> {
  if (dialectOf(db) === 'postgres') await one(db, 'SELECT pg_advisory_xact_lock(?)', FACTORY_LOCK);
  const highest = (await db.select({ max: sql<number | null>`max(${employees.id})` }).from(employees))[0]?.max ?? 0;
  return Math.max(highest + 1, FIRST_FACTORY_EMPLOYEE_ID);
}

/**
 * Creates, in one write transaction, a fresh ACME developer reporting to Barbara with the same kind
 * of lines Peter has, named Taylor Fixture <id> unless `firstName`/`lastName` say otherwise (the
 * e-mail is ASCII, from `label`). Every number, serial and SIM id derives from the new employee's id, so calls
 * never collide, also from parallel processes (the write lock is taken before the id is chosen).
 */
export async function createOrderingEmployee(db: Db, options: { now: Date; label?: string; firstName?: string; lastName?: string }): Promise<OrderingEmployee> {
  // Hash (slow by design) before taking the write lock, so other writers are not kept waiting.
  demoPasswordHash();
  return await transaction(db, async (db) => {
    const id = await nextFactoryEmployeeId(db);
    const slug = (options.label ?? 'orderer').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'orderer';
    const username = `${slug}.${id}`;
    const companyEmployeeId = `T${id}`;
    await insertEmployee(
      db,
      employeeRow(
        {
          id,
          first: options.firstName ?? 'Taylor',
          last: options.lastName ?? `Fixture ${id}`,
          department: demoIds.departments.development,
          manager: demoIds.employees.barbara,
          title: 'Software Developer',
          office: 'SEA',
          username,
          email: `${username}@acme.example`,
        },
        'acme',
        { now: options.now, managers: new Set(), updatedMinutesAgo: 0, companyEmployeeId },
      ),
    );

    const carrier = carrierById.get(demoIds.vendors.summit)!;
    const m = demoIds.models;
    const lines = [
      { modelId: m.pixel9, status: 'ACTIVE' as const, planId: demoIds.plans.summitBusinessUnlimited, eligibleIn: -30 },
      { modelId: m.iphone16, status: 'ACTIVE' as const, planId: demoIds.plans.summitEssentials, eligibleIn: 300 },
      { modelId: m.galaxyS25, status: 'SUSPENDED' as const, planId: demoIds.plans.summitEssentials, eligibleIn: 120 },
      { modelId: m.pixel8a, status: undefined, planId: 0, eligibleIn: 0 },
    ];
    const serviceIds: number[] = [];
    const serviceNumbers: string[] = [];
    let spareDeviceId = 0;
    for (const [k, line] of lines.entries()) {
      // In area code 628, away from the demo's numbers; unique while id < 1,977,500.
      const n = id * 4 + k;
      const number = nanpNumber('628', n);
      const created = await insertLine(db, {
        tenantId: demoIds.tenants.acme,
        employeeId: id,
        carrier,
        modelId: line.modelId,
        serialNumberSeed: 1_000_000 + n,
        companyAssetId: `ACME-T${id}-${k + 1}`,
        now: options.now,
        updatedMinutesAgo: 0,
        service: line.status && {
          number,
          status: line.status,
          planId: line.planId,
          regionId: carrier.regionId,
          activatedDaysAgo: 600,
          lastUpgradeDaysAgo: 540 - line.eligibleIn,
          upgradeEligibleInDays: line.eligibleIn,
          featureIds: [],
        },
      });
      if (created.serviceId === undefined) spareDeviceId = created.deviceId;
      else {
        serviceIds.push(created.serviceId);
        serviceNumbers.push(number);
      }
    }
    return {
      employeeId: id,
      companyEmployeeId,
      username,
      password: DEMO_PASSWORD,
      serviceIds: serviceIds as OrderingEmployee['serviceIds'],
      serviceNumbers: serviceNumbers as OrderingEmployee['serviceNumbers'],
      spareDeviceId,
    };
  });
}

/**
 * Creates a fresh ACME service-desk person (may act for anyone in ACME) with no line of their own:
 * what a service account or a new agent sees before choosing whom to act for.
 */
export async function createServiceDeskPerson(db: Db, options: { now: Date; label?: string }): Promise<Pick<OrderingEmployee, 'employeeId' | 'username' | 'password'>> {
  demoPasswordHash();
  return await transaction(db, async (db) => {
    const id = await nextFactoryEmployeeId(db);
    const slug = (options.label ?? 'desk').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'desk';
    const username = `${slug}.${id}`;
    await insertEmployee(
      db,
      employeeRow(
        { id, first: 'Robin', last: `Desk ${id}`, department: demoIds.departments.it, manager: demoIds.employees.samRivera, title: 'IT Service Desk Agent', office: 'SEA', username, email: `${username}@acme.example` },
        'acme',
        { now: options.now, managers: new Set(), updatedMinutesAgo: 0, companyEmployeeId: `T${id}` },
      ),
    );
    await db.insert(employeeRoles).values({ tenantId: demoIds.tenants.acme, employeeId: id, role: 'SERVICE_DESK' });
    return { employeeId: id, username, password: DEMO_PASSWORD };
  });
}
