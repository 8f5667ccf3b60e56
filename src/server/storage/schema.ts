/**
 * The database schema. IDs are integers in storage and strings on the wire (the contract says IDs
 * are opaque strings); conversion happens at the HTTP edge only.
 *
 * Money is stored as integer cents plus an ISO currency code, never as floating point.
 * Reference data that is the same for every customer (regions, vendors, manufacturers, models) is
 * global; everything a customer owns carries `tenant_id`, and every query on it filters by tenant.
 */
import {
  sqliteTable,
  integer,
  text,
  index,
  uniqueIndex,
  primaryKey,
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { digitsOf } from './digits.ts';
import { isOpenOrder } from './open-orders.ts';
import type { AccessMethod, ApprovalDecision, AddressComponentDefinition, OrderStatus, SerialNumberType, TransactionType } from '../../contract/index.ts';

const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();
const timestamp = (name: string) => text(name).notNull();

export const tenants = sqliteTable('tenants', {
  id: integer('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Approval policy as data (storage/seed/approval-policy.ts describes it; domain/orders/approval-policy.ts applies it). */
  approvalPolicy: json<unknown>('approval_policy').notNull(),
  /** IANA time zone of the company: its calendar days (a care order's preferred date, approval-delegate windows) begin and end here. */
  timeZone: text('time_zone').notNull().default('America/Los_Angeles'),
});

export const clients = sqliteTable('clients', {
  clientId: text('client_id').primaryKey(),
  name: text('name').notNull(),
  /** `hmac-sha256$key$mac` of the secret (domain/client-secrets.ts); null for public clients such as the browser app. */
  secretHash: text('secret_hash'),
  /**
   * Redirect URIs registered for the authorization-code flow (MOBPROC §2); a loopback host matches
   * on any port. Null or empty: the client cannot use that flow.
   */
  redirectUris: json<string[]>('redirect_uris'),
});

export const departments = sqliteTable(
  'departments',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
  },
  (t) => [index('departments_tenant').on(t.tenantId)],
);

export const regions = sqliteTable(
  'regions',
  {
    id: integer('id').primaryKey(),
    type: text('type', { enum: ['COUNTRY', 'STATE_PROVINCE'] }).notNull(),
    name: text('name').notNull(),
    abbreviation: text('abbreviation'),
    parentId: integer('parent_id'),
    countryCode: text('country_code'),
    currencyCode: text('currency_code'),
    currencyName: text('currency_name'),
    currencySymbol: text('currency_symbol'),
    postalCodePattern: text('postal_code_pattern'),
    postalCodeRegEx: text('postal_code_regex'),
    addressFormat: json<AddressComponentDefinition[]>('address_format'),
  },
  (t) => [index('regions_parent').on(t.parentId)],
);

export const vendors = sqliteTable('vendors', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  logoUrl: text('logo_url'),
  type: text('type').notNull(),
  regionId: integer('region_id').references(() => regions.id),
  accessMethod: text('access_method').$type<AccessMethod>().notNull(),
});

export const manufacturers = sqliteTable('manufacturers', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  logoUrl: text('logo_url'),
});

export const models = sqliteTable(
  'models',
  {
    id: integer('id').primaryKey(),
    manufacturerId: integer('manufacturer_id')
      .notNull()
      .references(() => manufacturers.id),
    name: text('name').notNull(),
    imageUrl: text('image_url'),
  },
  (t) => [index('models_manufacturer').on(t.manufacturerId)],
);

export const employees = sqliteTable(
  'employees',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    companyEmployeeId: text('company_employee_id').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email').notNull(),
    /**
     * The first name, last name and e-mail as a search matches them (storage/search-fold.ts
     * `foldForSearch`, decision 19): written with the names by every writer
     * (`employeeSearchColumns`), never shown.
     */
    firstNameFolded: text('first_name_folded').notNull(),
    lastNameFolded: text('last_name_folded').notNull(),
    emailFolded: text('email_folded').notNull(),
    officePhone: text('office_phone'),
    status: text('status', { enum: ['ACTIVE', 'INACTIVE'] }).notNull(),
    departmentId: integer('department_id').references(() => departments.id),
    managerId: integer('manager_id'),
    isApprover: integer('is_approver', { mode: 'boolean' }).notNull().default(false),
    canMoveService: integer('can_move_service', { mode: 'boolean' }).notNull().default(false),
    isServiceAccount: integer('is_service_account', { mode: 'boolean' }).notNull().default(false),
    /** Home country, used for the default region and shipping pre-fill. */
    regionId: integer('region_id').references(() => regions.id),
    /** Work address as `[{id, value}]` address components, used to pre-fill shipping. */
    address: json<{ id: string; value: string }[]>('address'),
    customAttributes: json<{ name: string; value: string }[]>('custom_attributes').notNull(),
    username: text('username'),
    passwordHash: text('password_hash'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('employees_tenant').on(t.tenantId),
    index('employees_manager').on(t.managerId),
    uniqueIndex('employees_company_id').on(t.tenantId, t.companyEmployeeId),
    uniqueIndex('employees_username').on(t.tenantId, t.username),
    // The directory's order (last name, first name, as people read them): a page stops after `limit` rows.
    index('employees_name').on(t.tenantId, sql`${t.lastName} COLLATE NOCASE`, sql`${t.firstName} COLLATE NOCASE`),
    // The directory by department, and by update time: a page stops early, a count reads one index.
    index('employees_department').on(t.tenantId, t.departmentId, sql`${t.lastName} COLLATE NOCASE`, sql`${t.firstName} COLLATE NOCASE`),
    index('employees_updated').on(t.tenantId, t.updatedAt),
    // Searches of one or two characters, which the trigram index cannot answer: the people whose last
    // name, first name or e-mail, folded, starts with them, in the directory's order, so a page merges
    // sorted ranges (storage/search.ts).
    ...([1, 2] as const).flatMap((length) => [
      index(`employees_last_name_prefix${length}`).on(t.tenantId, sql`substr(${t.lastNameFolded}, 1, ${sql.raw(String(length))})`, sql`${t.lastName} COLLATE NOCASE`, sql`${t.firstName} COLLATE NOCASE`),
      index(`employees_first_name_prefix${length}`).on(t.tenantId, sql`substr(${t.firstNameFolded}, 1, ${sql.raw(String(length))})`, sql`${t.lastName} COLLATE NOCASE`, sql`${t.firstName} COLLATE NOCASE`),
      index(`employees_email_prefix${length}`).on(t.tenantId, sql`substr(${t.emailFolded}, 1, ${sql.raw(String(length))})`, sql`${t.lastName} COLLATE NOCASE`, sql`${t.firstName} COLLATE NOCASE`),
    ]),
    // The service accounts of a tenant, a handful: subtracted from a whole-tenant act-for count, which
    // can then be answered from the tenant index alone (decision 18).
    index('employees_service_accounts').on(t.tenantId).where(sql`${t.isServiceAccount} = 1`),
  ],
);

/** `delegateId` may act for `principalId` (e.g. an assistant for an executive). */
export const delegates = sqliteTable(
  'delegates',
  {
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    principalId: integer('principal_id').notNull().references(() => employees.id),
    delegateId: integer('delegate_id').notNull().references(() => employees.id),
  },
  // Whom a delegate acts for is asked on every act-for list and check (decision 18).
  (t) => [primaryKey({ columns: [t.principalId, t.delegateId] }), index('delegates_delegate').on(t.delegateId)],
);

/**
 * Named groups of approvers (MOBPROC §4.6, extension approval-rules), such as IT Mobility: a rule's
 * group level names one by `code`; any member decides it.
 */
export const approverGroups = sqliteTable(
  'approver_groups',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    /** What a policy rule calls the group; stable when the name changes. */
    code: text('code').notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('approver_groups_code').on(t.tenantId, t.code)],
);

export const approverGroupMembers = sqliteTable(
  'approver_group_members',
  {
    groupId: integer('group_id').notNull().references(() => approverGroups.id),
    employeeId: integer('employee_id').notNull().references(() => employees.id),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.employeeId] }), index('approver_group_members_employee').on(t.employeeId)],
);

/**
 * Approval delegates (extension approval-delegates): at most one per approver, who may decide the
 * approver's levels from `fromDate` to `untilDate` (calendar days `YYYY-MM-DD`, both included, in
 * the tenant's time zone). Separate from the act-for `delegates`.
 */
export const approvalDelegates = sqliteTable(
  'approval_delegates',
  {
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    approverId: integer('approver_id').primaryKey().references(() => employees.id),
    delegateId: integer('delegate_id').notNull().references(() => employees.id),
    fromDate: text('from_date').notNull(),
    untilDate: text('until_date').notNull(),
  },
  (t) => [index('approval_delegates_delegate').on(t.delegateId)],
);

/**
 * Roles a person holds beyond what the hierarchy says. `SERVICE_DESK`: may act for anyone in the
 * tenant and sees the whole tenant, like a service account, but signs in as a person (MOBPROC §2).
 */
export const employeeRoles = sqliteTable(
  'employee_roles',
  {
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    employeeId: integer('employee_id').notNull().references(() => employees.id),
    role: text('role', { enum: ['SERVICE_DESK'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.role] })],
);

/** Transaction types an employee or a whole department may not order, with the reason shown. */
export const transactionTypeRestrictions = sqliteTable(
  'transaction_type_restrictions',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    employeeId: integer('employee_id').references(() => employees.id),
    departmentId: integer('department_id').references(() => departments.id),
    transactionType: text('transaction_type').notNull(),
    reason: text('reason').notNull(),
  },
  // Every confirm, submit and page of lines asks what one person may order: their own restrictions
  // and their department's, by index (a scan read every tenant's).
  (t) => [
    index('transaction_type_restrictions_employee').on(t.tenantId, t.employeeId),
    index('transaction_type_restrictions_department').on(t.tenantId, t.departmentId),
  ],
);

export const authTokens = sqliteTable(
  'auth_tokens',
  {
    id: integer('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    kind: text('kind', { enum: ['access', 'refresh'] }).notNull(),
    /** Access and refresh token issued together share a grant id, so revoking one ends both. */
    grantId: text('grant_id').notNull(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    clientId: text('client_id').notNull(),
    employeeId: integer('employee_id').notNull().references(() => employees.id),
    scope: text('scope').notNull(),
    issuedAt: timestamp('issued_at'),
    expiresAt: timestamp('expires_at'),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('auth_tokens_grant').on(t.grantId)],
);

/**
 * Authorization codes of the authorization-code flow (RFC 6749 §4.1 with PKCE, RFC 7636). Stored
 * hashed like tokens; single use (`usedAt`), short-lived. `grantId` is the grant the code's
 * tokens get, so a replayed code can revoke them (RFC 6749 §4.1.2).
 */
export const authorizationCodes = sqliteTable('authorization_codes', {
  codeHash: text('code_hash').primaryKey(),
  grantId: text('grant_id').notNull(),
  clientId: text('client_id').notNull(),
  redirectUri: text('redirect_uri').notNull(),
  /** BASE64URL(SHA-256(code_verifier)); only S256 is accepted. */
  codeChallenge: text('code_challenge').notNull(),
  tenantId: integer('tenant_id').notNull().references(() => tenants.id),
  employeeId: integer('employee_id').notNull().references(() => employees.id),
  scope: text('scope').notNull(),
  expiresAt: timestamp('expires_at'),
  usedAt: text('used_at'),
});

export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey(),
    /** `employee:<id>`, `unknown:<TENANT>/<username>` or `client:<client_id>` (domain/lockout.ts). */
    account: text('account').notNull(),
    address: text('address').notNull(),
    at: timestamp('at'),
  },
  (t) => [index('login_failures_account').on(t.account, t.at), index('login_failures_address').on(t.address, t.at)],
);

export const catalogDevices = sqliteTable(
  'catalog_devices',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    /** The name as a search matches it (storage/search-fold.ts, decision 19); never shown. */
    nameFolded: text('name_folded').notNull(),
    manufacturerId: integer('manufacturer_id').notNull().references(() => manufacturers.id),
    modelId: integer('model_id').notNull().references(() => models.id),
    vendorId: integer('vendor_id').notNull().references(() => vendors.id),
    regionId: integer('region_id').notNull().references(() => regions.id),
    priceCents: integer('price_cents').notNull(),
    currencyCode: text('currency_code').notNull(),
    imageUrl: text('image_url'),
    accessMethod: text('access_method').$type<AccessMethod>().notNull(),
    description: text('description').notNull(),
    specifications: json<{ label: string; value: string }[]>('specifications').notNull(),
    deviceFeatures: json<unknown[]>('device_features').notNull(),
    /** null = every department may order it. */
    eligibleDepartmentIds: json<number[]>('eligible_department_ids'),
  },
  (t) => [index('catalog_devices_tenant').on(t.tenantId, t.name)],
);

export const catalogPlans = sqliteTable(
  'catalog_plans',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    vendorId: integer('vendor_id').notNull().references(() => vendors.id),
    regionId: integer('region_id').notNull().references(() => regions.id),
    priceCents: integer('price_cents').notNull(),
    currencyCode: text('currency_code').notNull(),
    includedFeatures: json<{ description: string }[]>('included_features').notNull(),
  },
  (t) => [index('catalog_plans_tenant').on(t.tenantId, t.name)],
);

/** Priced features: a plan's optional features, and what care orders add to or remove from a service. */
export const features = sqliteTable('features', {
  id: integer('id').primaryKey(),
  tenantId: integer('tenant_id').notNull().references(() => tenants.id),
  vendorId: integer('vendor_id').notNull().references(() => vendors.id),
  description: text('description').notNull(),
  priceCents: integer('price_cents').notNull(),
  currencyCode: text('currency_code').notNull(),
});

export const planFeatures = sqliteTable(
  'plan_features',
  {
    planId: integer('plan_id').notNull().references(() => catalogPlans.id),
    featureId: integer('feature_id').notNull().references(() => features.id),
  },
  (t) => [primaryKey({ columns: [t.planId, t.featureId] })],
);

export const catalogAccessories = sqliteTable(
  'catalog_accessories',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    name: text('name').notNull(),
    nameFolded: text('name_folded').notNull(),
    manufacturerId: integer('manufacturer_id').notNull().references(() => manufacturers.id),
    vendorId: integer('vendor_id').notNull().references(() => vendors.id),
    priceCents: integer('price_cents').notNull(),
    currencyCode: text('currency_code').notNull(),
    imageUrl: text('image_url'),
  },
  (t) => [index('catalog_accessories_tenant').on(t.tenantId, t.name)],
);

/** Accessories fit device models, so compatibility holds for catalog devices and device assets alike. */
export const accessoryModels = sqliteTable(
  'accessory_models',
  {
    accessoryId: integer('accessory_id').notNull().references(() => catalogAccessories.id),
    modelId: integer('model_id').notNull().references(() => models.id),
  },
  (t) => [primaryKey({ columns: [t.accessoryId, t.modelId] })],
);

export const deviceAssets = sqliteTable(
  'device_assets',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    employeeId: integer('employee_id').references(() => employees.id),
    manufacturerId: integer('manufacturer_id').notNull().references(() => manufacturers.id),
    modelId: integer('model_id').notNull().references(() => models.id),
    serialType: text('serial_type').$type<SerialNumberType>().notNull(),
    serialValue: text('serial_value').notNull(),
    simId: text('sim_id'),
    accessMethod: text('access_method').$type<AccessMethod>().notNull(),
    macAddress: text('mac_address'),
    companyAssetId: text('company_asset_id'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('device_assets_employee').on(t.tenantId, t.employeeId),
    // The device list's order: a page stops after `limit` rows.
    index('device_assets_updated').on(t.tenantId, t.updatedAt),
    // Searches of one or two characters: the serial number starts with them, in any case.
    index('device_assets_serial_lower').on(t.tenantId, sql`lower(${t.serialValue})`),
  ],
);

export const services = sqliteTable(
  'services',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    serviceNumber: text('service_number').notNull(),
    status: text('status', { enum: ['ACTIVE', 'SUSPENDED', 'DEACTIVATED'] }).notNull(),
    planId: integer('plan_id').references(() => catalogPlans.id),
    billingVendorId: integer('billing_vendor_id').notNull().references(() => vendors.id),
    currentVendorId: integer('current_vendor_id').notNull().references(() => vendors.id),
    /** null once transferred out of the company. */
    employeeId: integer('employee_id').references(() => employees.id),
    deviceAssetId: integer('device_asset_id').references(() => deviceAssets.id),
    regionId: integer('region_id').notNull().references(() => regions.id),
    upgradeEligibilityDate: text('upgrade_eligibility_date'),
    contractStart: text('contract_start'),
    contractEnd: text('contract_end'),
    activated: text('activated'),
    lastDeviceUpgrade: text('last_device_upgrade'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    // A device's service (the device list joins it for every row).
    index('services_device').on(t.deviceAssetId),
    // Searches of one or two characters: the number as written, or its digits, starts with them.
    index('services_number').on(t.tenantId, t.serviceNumber),
    index('services_number_digits').on(t.tenantId, digitsOf(t.serviceNumber)),
    index('services_employee').on(t.tenantId, t.employeeId),
    index('services_updated').on(t.tenantId, t.updatedAt),
    // Searches of one or two characters: the number as written, or its digits, starts with them, in
    // the list's order, so a page reads one range or merges two (storage/search.ts).
    ...([1, 2] as const).flatMap((length) => [
      index(`services_number_prefix${length}`).on(t.tenantId, sql`substr(${t.serviceNumber}, 1, ${sql.raw(String(length))})`, t.updatedAt),
      index(`services_digits_prefix${length}`).on(t.tenantId, sql`substr(${digitsOf(t.serviceNumber)}, 1, ${sql.raw(String(length))})`, t.updatedAt),
    ]),
  ],
);

export const serviceFeatures = sqliteTable(
  'service_features',
  {
    serviceId: integer('service_id').notNull().references(() => services.id),
    featureId: integer('feature_id').notNull().references(() => features.id),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.featureId] })],
);

/** Order property field definitions per vendor and transaction type (MOBPROC §4.3). */
export const orderPropertyDefinitions = sqliteTable(
  'order_property_definitions',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    vendorId: integer('vendor_id').notNull().references(() => vendors.id),
    transactionType: text('transaction_type').notNull(),
    groupId: text('group_id').notNull(),
    position: integer('position').notNull(),
    /** The field definition as the contract describes it, minus server-known defaults. */
    definition: json<Record<string, unknown>>('definition').notNull(),
    appliesWhen: text('applies_when', { enum: ['ALWAYS', 'WITH_DEVICE', 'WITH_PLAN'] })
      .notNull()
      .default('ALWAYS'),
  },
  (t) => [index('order_property_definitions_lookup').on(t.tenantId, t.vendorId, t.transactionType)],
);

export const acknowledgementSets = sqliteTable(
  'acknowledgement_sets',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    vendorId: integer('vendor_id').notNull().references(() => vendors.id),
    transactionType: text('transaction_type').notNull(),
    infoblocks: json<unknown[]>('infoblocks').notNull(),
    acknowledgements: json<unknown[]>('acknowledgements').notNull(),
  },
  (t) => [uniqueIndex('acknowledgement_sets_lookup').on(t.tenantId, t.vendorId, t.transactionType)],
);

export const orders = sqliteTable(
  'orders',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    transactionType: text('transaction_type').$type<TransactionType>().notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    externalOrderNumber: text('external_order_number'),
    accountHolderId: integer('account_holder_id').notNull().references(() => employees.id),
    requestedById: integer('requested_by_id').notNull().references(() => employees.id),
    serviceId: integer('service_id').references(() => services.id),
    serviceNumber: text('service_number'),
    /**
     * The spare device a SWAP_DEVICES order puts on its line (null for every other type): while the
     * order is open no other open order may take it (`orders_open_new_device`).
     */
    newDeviceAssetId: integer('new_device_asset_id').references(() => deviceAssets.id),
    /**
     * The national digits of the number an order brings in from outside (XFER_SERVICE_IN and
     * XFER_SERVICE_IN_AND_PORT; null otherwise): one open order per number (`orders_open_incoming_number`).
     */
    incomingNumber: text('incoming_number'),
    /** What completion applies to the assets (`OrderEffects`): the IDs resolved from the valid request at submit. */
    effects: json<Record<string, unknown>>('effects').notNull(),
    /** The confirmation expansion computed at submit time. */
    confirmation: json<Record<string, unknown>>('confirmation').notNull(),
    properties: json<unknown[]>('properties').notNull(),
    shipTo: json<Record<string, unknown>>('ship_to').notNull(),
    /** The person whose decision the order waits for now (null: none, or a group level); kept by domain/orders/decisions.ts. */
    approverId: integer('approver_id').references(() => employees.id),
    dateSubmitted: timestamp('date_submitted'),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('orders_tenant_updated').on(t.tenantId, t.updatedAt),
    // Also every column a filter or the sort of the list reads: a manager's orders (the holders in
    // scope) are counted and paged from this index alone, without reading an order row (list.ts).
    index('orders_account_holder').on(t.tenantId, t.accountHolderId, t.status, t.transactionType, t.updatedAt, t.dateSubmitted, t.requestedById),
    index('orders_requested_by').on(t.requestedById),
    // The whole tenant's list by status: counted from the index, a page read in its order.
    index('orders_status').on(t.tenantId, t.status, t.updatedAt),
    index('orders_service').on(t.serviceId, t.status),
    index('orders_approver').on(t.tenantId, t.approverId, t.status),
    // The list filtered by transaction type (1.8 s to count at 200,000 orders without it): counted
    // from this index alone, and a page read in its order.
    index('orders_type').on(t.tenantId, t.transactionType, t.updatedAt),
    // What an open order takes, it takes alone: enforced by the database, so two submits at once
    // (two instances on PostgreSQL included) cannot both store one (decision 17). NULLs never clash.
    uniqueIndex('orders_open_per_service').on(t.serviceId).where(isOpenOrder(t.status)),
    uniqueIndex('orders_open_new_device').on(t.newDeviceAssetId).where(isOpenOrder(t.status)),
    uniqueIndex('orders_open_incoming_number').on(t.incomingNumber).where(isOpenOrder(t.status)),
  ],
);

/**
 * How many of a tenant's employees a search of one or two characters finds, per lower-cased prefix
 * of the last name, first name or e-mail (`''` stands for all of them), kept exact by triggers on
 * `employees` (migration 0010): the total of an unfiltered short search, or of the whole directory,
 * is one row instead of thousands of index entries (decision 16).
 */
export const employeePrefixCounts = sqliteTable(
  'employee_prefix_counts',
  {
    tenantId: integer('tenant_id').notNull(),
    prefix: text('prefix').notNull(),
    employees: integer('employees').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.prefix] })],
);

/**
 * Which version of the search fold (storage/search-fold.ts `SEARCH_FOLD_VERSION`) the folded
 * columns (`employees.*_folded`, the catalog's `name_folded`) were written with: one row. The server
 * refolds every row at start when its code's version is newer (storage/db.ts), since the migrations
 * could fold ASCII only (decision 19).
 */
export const searchFold = sqliteTable('search_fold', {
  version: integer('version').primaryKey(),
});

/**
 * How many orders each tenant has, kept exact by triggers on `orders` (migration 0004): the total
 * of an unfiltered whole-tenant order list, which counting the index would take 20 ms for at
 * 200,000 orders (decision 16).
 */
export const tenantOrderCounts = sqliteTable('tenant_order_counts', {
  tenantId: integer('tenant_id').primaryKey(),
  orders: integer('orders').notNull(),
});

/**
 * How many device assets each tenant has, kept exact by triggers on `device_assets` (migration
 * `tenant_device_counts`): the total of an unfiltered whole-tenant device list, which counting the
 * index took 1 ms of the request's 2 at 50,000 devices (decision 16).
 */
export const tenantDeviceCounts = sqliteTable('tenant_device_counts', {
  tenantId: integer('tenant_id').primaryKey(),
  devices: integer('devices').notNull(),
});

/**
 * The management chain, flattened: one row for each person and each person at or above them in the
 * hierarchy (themselves included, so a top manager has one row and a person four levels down five).
 * Kept by triggers on `employees` (migration `management_chain`: a new person, a person moving to
 * another manager with everyone below them), so "is the holder below this manager?" is one probe of
 * the key and a person's ancestors one range of it — what a trigger needs, since SQLite allows no
 * recursive query inside one. Derived data: no foreign keys, as the counts beside it.
 */
export const employeeChain = sqliteTable(
  'employee_chain',
  {
    employeeId: integer('employee_id').notNull(),
    /** The person themselves or anyone above them. */
    ancestorId: integer('ancestor_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.employeeId, t.ancestorId] }), index('employee_chain_ancestor').on(t.ancestorId, t.employeeId)],
);

/**
 * How many orders each person and everyone below them hold (as account holder), kept exact by
 * triggers on `orders` and `employees` (migration `management_chain`, through `employee_chain`): the
 * total of a manager's unfiltered order list is this row plus the few orders she sees otherwise,
 * instead of 22,222 index entries for a manager of 11,111 people (decision 16). A person whose subtree
 * never held an order may have no row (read as 0).
 */
export const subtreeOrderCounts = sqliteTable('subtree_order_counts', {
  employeeId: integer('employee_id').primaryKey(),
  orders: integer('orders').notNull(),
});

/**
 * How many services each person and everyone below them hold (`services.employee_id`), kept exact
 * like `subtreeOrderCounts` (a new line, a line moving to another owner, a person moving): the total
 * of a manager's unfiltered service list, instead of a probe per person below her (decision 16).
 */
export const subtreeServiceCounts = sqliteTable('subtree_service_counts', {
  employeeId: integer('employee_id').primaryKey(),
  services: integer('services').notNull(),
});

/**
 * How many people each person has at or below them (themselves included): their rows in
 * `employee_chain` as ancestor, kept by triggers on that table, so whatever changes the chain keeps
 * it. The act-for picker's total for a manager with more than 1,000 below, instead of counting
 * 11,110 index entries (decision 16).
 */
export const subtreePeopleCounts = sqliteTable('subtree_people_counts', {
  employeeId: integer('employee_id').primaryKey(),
  people: integer('people').notNull(),
});

export const orderSegments = sqliteTable(
  'order_segments',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    position: integer('position').notNull(),
    status: text('status').$type<OrderStatus>().notNull(),
    /** Segment body in the contract's shape (vendor, device, plan, accessories, features). */
    body: json<Record<string, unknown>>('body').notNull(),
  },
  (t) => [index('order_segments_order').on(t.orderId)],
);

export const orderApprovals = sqliteTable(
  'order_approvals',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    level: integer('level').notNull(),
    /** A person level's approver; null for a group level. */
    approverId: integer('approver_id').references(() => employees.id),
    /** A group level's group; null for a person level. */
    approverGroupId: integer('approver_group_id').references(() => approverGroups.id),
    decision: text('decision').$type<ApprovalDecision>().notNull(),
    reason: text('reason'),
    /** Who decided: the signed-in user (also when acting for someone or as an approval delegate). */
    decidedById: integer('decided_by_id').references(() => employees.id),
    /** Whose decision it was, when not the decider's own: the approver an approval delegate decided for, or the person acted for. */
    onBehalfOfId: integer('on_behalf_of_id').references(() => employees.id),
    dateTime: text('date_time'),
  },
  // Who takes part in a level, each its own range: the orders a person sees and their queue (list.ts).
  (t) => [
    index('order_approvals_order').on(t.orderId),
    index('order_approvals_approver').on(t.approverId, t.decision),
    index('order_approvals_group').on(t.approverGroupId, t.decision),
    index('order_approvals_decided_by').on(t.decidedById),
    index('order_approvals_on_behalf_of').on(t.onBehalfOfId),
  ],
);

export const orderHistory = sqliteTable(
  'order_history',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    segmentId: integer('segment_id'),
    dateTime: timestamp('date_time'),
    status: text('status').$type<OrderStatus>().notNull(),
    description: text('description').notNull(),
    actorId: integer('actor_id').references(() => employees.id),
    requestedById: integer('requested_by_id').references(() => employees.id),
  },
  (t) => [index('order_history_order').on(t.orderId)],
);

export const shipments = sqliteTable(
  'shipments',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    segmentId: integer('segment_id'),
    carrier: text('carrier').notNull(),
    trackingNumber: text('tracking_number').notNull(),
    trackingUrl: text('tracking_url'),
    dateShipped: timestamp('date_shipped'),
    items: json<unknown[]>('items').notNull(),
  },
  (t) => [index('shipments_order').on(t.orderId)],
);

/** Pending fulfilment steps; stored so that a restarted server resumes them. */
/**
 * Values of sensitive order properties (extension sensitive-properties, e.g. a port-out PIN): kept
 * apart from the order, which stores them redacted, and deleted once fulfilment has passed them
 * to the carrier or the order ended without reaching it.
 */
export const orderSecrets = sqliteTable(
  'order_secrets',
  {
    orderId: integer('order_id').notNull().references(() => orders.id),
    groupId: text('group_id').notNull(),
    fieldId: text('field_id').notNull(),
    value: text('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orderId, t.groupId, t.fieldId] })],
);

export const fulfillmentJobs = sqliteTable(
  'fulfillment_jobs',
  {
    id: integer('id').primaryKey(),
    orderId: integer('order_id').notNull().references(() => orders.id),
    nextStatus: text('next_status').notNull(),
    dueAt: timestamp('due_at'),
    doneAt: text('done_at'),
  },
  (t) => [index('fulfillment_jobs_due').on(t.doneAt, t.dueAt)],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    tenantId: integer('tenant_id').notNull(),
    employeeId: integer('employee_id').notNull(),
    key: text('key').notNull(),
    bodyHash: text('body_hash').notNull(),
    httpStatus: integer('http_status').notNull(),
    response: json<unknown>('response').notNull(),
    createdAt: timestamp('created_at'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.employeeId, t.key] })],
);

/**
 * Email at an order's milestones (MOBPROC §4.6 notifications), one row per message and recipient,
 * written in the same transaction as the change that causes it. The mail worker sends a row after
 * that commit; `claimedUntil` lets one worker at a time send it, and a row whose worker died is
 * taken again once the claim runs out. The Message-ID comes from `id` and `createdAt`, so sending a
 * row twice (a crash between the mail server's acceptance and `sentAt`) repeats one Message-ID.
 */
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: integer('id').primaryKey(),
    tenantId: integer('tenant_id').notNull().references(() => tenants.id),
    orderId: integer('order_id').notNull().references(() => orders.id),
    /** `approval-needed`, `information-requested`, `approved`, `rejected`, `shipped`, `complete`. */
    milestone: text('milestone').notNull(),
    recipientId: integer('recipient_id').notNull().references(() => employees.id),
    toAddress: text('to_address').notNull(),
    toName: text('to_name').notNull(),
    subject: text('subject').notNull(),
    /** The plain-text body without the link, which the worker adds from `MOBPROC_PUBLIC_APP_URL`. */
    body: text('body').notNull(),
    /** The order's page in the web app, a path (`/orders/42`). */
    linkPath: text('link_path').notNull(),
    createdAt: timestamp('created_at'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at'),
    claimedUntil: text('claimed_until'),
    sentAt: text('sent_at'),
    /** Set when the last allowed attempt failed: the worker gives the row up (kept, with `last_error`, for whoever looks). */
    failedAt: text('failed_at'),
    lastError: text('last_error'),
  },
  (t) => [index('email_outbox_pending').on(t.sentAt, t.nextAttemptAt)],
);

/** A person's own notification choices (extension: `/me/notification-settings`); no row: the defaults (email on). */
export const notificationSettings = sqliteTable('notification_settings', {
  employeeId: integer('employee_id').primaryKey().references(() => employees.id),
  email: integer('email', { mode: 'boolean' }).notNull(),
  updatedAt: timestamp('updated_at'),
});
