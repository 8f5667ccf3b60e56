/**
 * The demo data of docs/demo-tenant.md: tenants ACME and GLOBEX with people, catalog, order
 * properties, acknowledgements and assets. Deterministic: fixed IDs, a seeded PRNG for variety,
 * and every date relative to `seededAt`, so the documented facts hold on any day.
 */
import { transactionType } from '../../../contract/index.ts';
import { hashClientSecret } from '../../domain/client-secrets.ts';
import { dialectOf, postgresClientOf, transaction, type Db } from '../db.ts';
import { moveIdentitiesPastRows } from '../pg.ts';
import {
  approverGroupMembers,
  approverGroups,
  accessoryModels,
  acknowledgementSets,
  catalogAccessories,
  catalogDevices,
  catalogPlans,
  clients,
  delegates,
  employeeRoles,
  departments,
  features,
  manufacturers,
  models,
  orderPropertyDefinitions,
  planFeatures,
  regions,
  tenants,
  transactionTypeRestrictions,
  vendors,
} from '../schema.ts';
import { acmeApprovalPolicy, acmeApproverGroups, globexApprovalPolicy } from './approval-policy.ts';
import { demoPasswordHash, insertEmployee, insertLine, minutesBefore, type EmployeeRow } from './assets.ts';
import {
  accessoryModelRows,
  accessoryRows,
  catalogDeviceRows,
  featureId,
  featureRows,
  modelsSoldBy,
  planFeatureRows,
  planRows,
  plansOf,
} from './catalog.ts';
import { demoIds } from './ids.ts';
import { acmePeople, costCentres, departmentRows, globexPeople, offices, type Person } from './people.ts';
import { acknowledgementSetRows, propertyDefinitionRows } from './properties.ts';
import { carrierById, manufacturerRows, modelRows, regionRows, vendorRows } from './reference.ts';

type TenantKey = 'acme' | 'globex';
const tenantDomain: Record<TenantKey, string> = { acme: 'acme.example', globex: 'globex.example' };

/** mulberry32: a tiny seeded PRNG, so the demo has variety yet every fresh database is identical. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
  };
}

// Accents are dropped from e-mail addresses and usernames (Chloé → chloe).
const ascii = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '').toLowerCase();

/** ACME numbers its staff E1xxxx; GLOBEX uses GX-xxxx. */
export const companyEmployeeIdOf = (tenant: TenantKey, employeeId: number) =>
  tenant === 'acme' ? `E${10000 + employeeId - 1000}` : `GX-${employeeId}`;

/** The employees row of a person; `managers` is the set of people with direct reports (the approvers). */
export function employeeRow(person: Person, tenant: TenantKey, options: { now: Date; managers: ReadonlySet<number>; updatedMinutesAgo: number; companyEmployeeId?: string }): EmployeeRow {
  const office = offices[person.office];
  return {
    id: person.id,
    tenantId: demoIds.tenants[tenant],
    companyEmployeeId: options.companyEmployeeId ?? companyEmployeeIdOf(tenant, person.id),
    firstName: person.first,
    lastName: person.last,
    email: person.email ?? `${ascii(person.first)}.${ascii(person.last)}@${tenantDomain[tenant]}`,
    officePhone: person.isServiceAccount ? null : `${office.deskPrefix}${String(person.id % 1000).padStart(3, '0')}`,
    status: person.status ?? 'ACTIVE',
    departmentId: person.department,
    managerId: person.manager,
    isApprover: options.managers.has(person.id),
    canMoveService: person.canMoveService ?? false,
    isServiceAccount: person.isServiceAccount ?? false,
    regionId: office.regionId,
    address: office.address,
    customAttributes: [
      { name: 'Cost centre', value: costCentres[person.department] ?? 'CC-0000' },
      { name: 'Job title', value: person.title },
      { name: 'Office', value: office.name },
    ],
    // Every demo employee can sign in (password `demo`) so any of them can be shown in the app.
    username: person.username ?? `${ascii(person.first)}.${ascii(person.last)}`,
    passwordHash: person.status === 'INACTIVE' ? null : demoPasswordHash(),
    updatedAt: minutesBefore(options.now, options.updatedMinutesAgo),
  };
}

type Line = {
  carrierId: number;
  modelId: number;
  planId: number;
  status: 'ACTIVE' | 'SUSPENDED' | 'DEACTIVATED';
  activatedDaysAgo: number;
  lastUpgradeDaysAgo: number;
  upgradeEligibleInDays: number;
  featureIds: number[];
  serviceId?: number;
  deviceId?: number;
};

type Spare = { spare: true; carrierId: number; modelId: number; deviceId?: number };

const s = demoIds.services;
const dv = demoIds.devices;
const v = demoIds.vendors;
const md = demoIds.models;

/** The lines tests rely on (docs/demo-tenant.md); everyone else's come from the PRNG. */
const pinnedLines: Record<number, (Line | Spare)[]> = {
  [demoIds.employees.peter]: [
    {
      serviceId: s.peterPrimary, deviceId: dv.peterPrimary, carrierId: v.summit, modelId: md.pixel9, planId: demoIds.plans.summitBusinessUnlimited, status: 'ACTIVE',
      activatedDaysAgo: 800, lastUpgradeDaysAgo: 800, upgradeEligibleInDays: -260,
      featureIds: [demoIds.features.summitInternationalPass, featureId('acme', v.summit, 4)],
    },
    {
      serviceId: s.peterSecondary, deviceId: dv.peterSecondary, carrierId: v.summit, modelId: md.iphone15, planId: demoIds.plans.summitEssentials, status: 'ACTIVE',
      activatedDaysAgo: 150, lastUpgradeDaysAgo: 150, upgradeEligibleInDays: 390, featureIds: [],
    },
    {
      serviceId: s.peterSuspended, deviceId: dv.peterSuspended, carrierId: v.summit, modelId: md.galaxyS23, planId: demoIds.plans.summitEssentials, status: 'SUSPENDED',
      activatedDaysAgo: 500, lastUpgradeDaysAgo: 500, upgradeEligibleInDays: 40, featureIds: [],
    },
    { spare: true, deviceId: dv.peterSpare, carrierId: v.summit, modelId: md.pixel7 },
  ],
  [demoIds.employees.barbara]: [
    {
      serviceId: s.barbara, deviceId: dv.barbara, carrierId: v.summit, modelId: md.iphone16Pro, planId: 4003, status: 'ACTIVE',
      activatedDaysAgo: 1200, lastUpgradeDaysAgo: 140, upgradeEligibleInDays: 400, featureIds: [featureId('acme', v.summit, 1)],
    },
  ],
  [demoIds.employees.frank]: [
    {
      serviceId: s.frankPrimary, deviceId: dv.frankPrimary, carrierId: v.meridian, modelId: md.galaxyS25, planId: demoIds.plans.meridianBusinessPro, status: 'ACTIVE',
      activatedDaysAgo: 240, lastUpgradeDaysAgo: 240, upgradeEligibleInDays: 300, featureIds: [featureId('acme', v.meridian, 1)],
    },
    {
      serviceId: s.frankSecondary, deviceId: dv.frankSecondary, carrierId: v.meridian, modelId: 401, planId: 4005, status: 'ACTIVE',
      activatedDaysAgo: 585, lastUpgradeDaysAgo: 585, upgradeEligibleInDays: -45, featureIds: [],
    },
  ],
  [demoIds.employees.hank]: [
    {
      serviceId: s.hank, deviceId: dv.hank, carrierId: v.summit, modelId: md.pixel9, planId: demoIds.plans.globexSummitUnlimited, status: 'ACTIVE',
      activatedDaysAgo: 300, lastUpgradeDaysAgo: 300, upgradeEligibleInDays: 240, featureIds: [],
    },
  ],
};

// Variety among everyone else, by employee ID.
const noLine = new Set([1035, 1048]);
const oldDeactivatedLine = new Set([1013, 1026, 1043]);
const suspendedLine = new Set([1021]);
/** Second lines: [carrier, model] — a rugged phone for field staff, the Sales-only foldable for the VP. */
const secondLine: Record<number, [number, number]> = {
  [demoIds.employees.salesDirector]: [v.summit, 205],
  [demoIds.employees.ceo]: [v.meridian, md.iphone16],
  1038: [v.beacon, 206],
  1039: [v.beacon, 206],
  1027: [v.summit, 302],
  9004: [v.meridian, 206],
};
/** Older models still in service beside what the carriers sell today. */
const legacyModels = [105, md.galaxyS23, md.pixel7];

function generatedLines(person: Person, tenant: TenantKey, random: ReturnType<typeof prng>): Line[] {
  if (person.isServiceAccount || noLine.has(person.id)) return [];
  const draft = (carrierId: number, status: Line['status'], modelId?: number): Line => {
    const activatedDaysAgo = 45 + random.int(900);
    const lastUpgradeDaysAgo = random.next() < 0.3 ? Math.floor(activatedDaysAgo / 3) : activatedDaysAgo;
    const plan = random.pick(plansOf(tenant).filter((candidate) => candidate.carrierId === carrierId));
    // Active features come from the plan's optional features, so care orders can remove them.
    const offsets = plan.optional.filter(() => random.next() < 0.25);
    return {
      carrierId,
      modelId: modelId ?? random.pick([...modelsSoldBy(carrierId), ...legacyModels]),
      planId: plan.id,
      status,
      activatedDaysAgo,
      lastUpgradeDaysAgo,
      // Eligible for a new device 18 months after the last one.
      upgradeEligibleInDays: 540 - lastUpgradeDaysAgo,
      featureIds: offsets.map((offset) => featureId(tenant, carrierId, offset)),
    };
  };
  const carrierId = offices[person.office].carrierId;
  const lines = [draft(carrierId, person.status === 'INACTIVE' ? 'DEACTIVATED' : suspendedLine.has(person.id) ? 'SUSPENDED' : 'ACTIVE')];
  const second = secondLine[person.id];
  if (second) lines.push(draft(second[0], 'ACTIVE', second[1]));
  if (oldDeactivatedLine.has(person.id)) lines.push({ ...draft(carrierId, 'DEACTIVATED'), featureIds: [] });
  return lines;
}

async function seedTenant(db: Db, tenant: TenantKey, seededAt: Date, counters: { serial: number; service: number; device: number }) {
  const tenantId = demoIds.tenants[tenant];
  const people = tenant === 'acme' ? acmePeople : globexPeople;
  const managers = new Set(people.map((person) => person.manager).filter((id): id is number => id !== null));
  for (const [index, person] of people.entries()) {
    await insertEmployee(db, employeeRow(person, tenant, { now: seededAt, managers, updatedMinutesAgo: 1440 * (1 + (index % 40)) + 7 * index }));
  }

  await db.insert(catalogDevices).values(catalogDeviceRows(tenant));
  await db.insert(catalogPlans).values(planRows(tenant));
  await db.insert(features).values(featureRows(tenant));
  await db.insert(planFeatures).values(planFeatureRows(tenant));
  await db.insert(catalogAccessories).values(accessoryRows(tenant));
  await db.insert(accessoryModels).values(accessoryModelRows(tenant));
  const propertyRows = propertyDefinitionRows(tenantId, tenant === 'acme' ? 1 : 5001);
  for (let start = 0; start < propertyRows.length; start += 200) {
    await db.insert(orderPropertyDefinitions).values(propertyRows.slice(start, start + 200));
  }
  await db.insert(acknowledgementSets).values(acknowledgementSetRows(tenantId, tenant === 'acme' ? 1 : 101));

  const random = prng(tenant === 'acme' ? 20261126 : 19890417);
  const nextMobile = new Map<string, number>();
  const mobileNumber = (officeKey: keyof typeof offices) => {
    const next = nextMobile.get(officeKey) ?? 120;
    if (next > 199) throw new Error(`demo seed ran out of fictional numbers for ${officeKey}`);
    nextMobile.set(officeKey, next + 1);
    return `${offices[officeKey].mobilePrefix}${next}`;
  };
  // A line takes its number from the holder's office, unless its carrier is in another country.
  const officeOfCarrier = (carrierId: number, fallback: keyof typeof offices) =>
    offices[fallback].carrierId === carrierId || carrierById.get(carrierId)!.regionId === offices[fallback].regionId
      ? fallback
      : (Object.keys(offices) as (keyof typeof offices)[]).find((key) => offices[key].regionId === carrierById.get(carrierId)!.regionId)!;

  let minutes = 30;
  for (const person of people) {
    for (const line of pinnedLines[person.id] ?? generatedLines(person, tenant, random)) {
      const carrier = carrierById.get(line.carrierId)!;
      const serialNumberSeed = counters.serial++;
      minutes += 53;
      const common = {
        tenantId,
        employeeId: person.id,
        carrier,
        modelId: line.modelId,
        serialNumberSeed,
        companyAssetId: `${tenant === 'acme' ? 'ACME' : 'GLX'}-MD-${String(serialNumberSeed).padStart(5, '0')}`,
        now: seededAt,
        deviceId: line.deviceId ?? counters.device++,
        updatedMinutesAgo: minutes,
      };
      if ('spare' in line) {
        await insertLine(db, common);
        continue;
      }
      await insertLine(db, {
        ...common,
        service: {
          id: line.serviceId ?? counters.service++,
          number: mobileNumber(officeOfCarrier(line.carrierId, person.office)),
          status: line.status,
          planId: line.planId,
          regionId: carrier.regionId,
          activatedDaysAgo: line.activatedDaysAgo,
          lastUpgradeDaysAgo: line.lastUpgradeDaysAgo,
          upgradeEligibleInDays: line.upgradeEligibleInDays,
          featureIds: line.status === 'DEACTIVATED' ? [] : line.featureIds,
        },
      });
    }
  }
}

/** Where the web app's authorization-code sign-in returns (src/web's `/sign-in/callback`), on loopback hosts. */
const WEB_REDIRECT_URIS = ['http://127.0.0.1/sign-in/callback', 'http://localhost/sign-in/callback', 'http://[::1]/sign-in/callback'];

/**
 * Writes the demo data in one transaction on `db` (SQLite or PostgreSQL). The rows carry their own
 * IDs; on PostgreSQL the identity sequences are moved past them afterwards (`identitiesAfterSeed`).
 */
export async function seedDemoData(db: Db, seededAt: Date): Promise<void> {
  await transaction(db, async (db) => {
    await db.insert(tenants)
      .values([
        { id: demoIds.tenants.acme, code: 'ACME', name: 'ACME Corporation', approvalPolicy: acmeApprovalPolicy },
        { id: demoIds.tenants.globex, code: 'GLOBEX', name: 'Globex Corporation', approvalPolicy: globexApprovalPolicy },
      ]);
    await db.insert(clients)
      .values([
        // The web app's sign-in callback on a loopback host, any port (MOBPROC §2); other hosts come from MOBPROC_WEB_REDIRECT_URIS.
        { clientId: 'mobproc-web', name: 'MOBPROC Order Wizard (browser)', secretHash: null, redirectUris: WEB_REDIRECT_URIS },
        // Fixed key for the same reason as the demo password: the secret is public, the rows stay identical.
        { clientId: 'servicedesk-app', name: 'Service desk integration', secretHash: hashClientSecret('servicedesk-secret', Buffer.from('mobproc-demo-client')), redirectUris: null },
      ]);
    await db.insert(regions).values(regionRows);
    await db.insert(vendors).values(vendorRows);
    await db.insert(manufacturers).values(manufacturerRows);
    await db.insert(models).values(modelRows);
    await db.insert(departments).values(departmentRows);

    await seedTenant(db, 'acme', seededAt, { serial: 1, service: 5101, device: 6101 });
    await seedTenant(db, 'globex', seededAt, { serial: 50001, service: 8101, device: 8601 });

    await db.insert(delegates).values({ tenantId: demoIds.tenants.acme, principalId: demoIds.employees.barbara, delegateId: demoIds.employees.alice });
    for (const { members, ...group } of acmeApproverGroups) {
      await db.insert(approverGroups).values(group);
      await db.insert(approverGroupMembers).values(members.map((employeeId) => ({ groupId: group.id, employeeId })));
    }
    await db.insert(employeeRoles).values({ tenantId: demoIds.tenants.acme, employeeId: demoIds.employees.samRivera, role: 'SERVICE_DESK' });
    await db.insert(transactionTypeRestrictions)
      .values([
        {
          id: 1,
          tenantId: demoIds.tenants.acme,
          employeeId: demoIds.employees.peter,
          transactionType: transactionType.enum.XFER_SERVICE_OUT,
          // The reason is all a person sees: it must not point to a release nobody can grant (the
          // restriction binds the owner, so neither IT nor the service desk acting for them can lift it).
          reason: "Developers' lines receive production on-call alerts, so they stay with the company and cannot be taken private, not even by IT.",
        },
        {
          id: 2,
          tenantId: demoIds.tenants.acme,
          departmentId: demoIds.departments.finance,
          transactionType: transactionType.enum.XFER_SERVICE_OUT,
          reason: 'Finance lines receive payment-approval codes, so they stay with the company and cannot be taken private, not even by IT.',
        },
      ]);
    if (dialectOf(db) === 'postgres') await moveIdentitiesPastRows(postgresClientOf(db));
  });
}
