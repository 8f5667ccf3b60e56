/**
 * Wire constants with no schema attached. Kept apart from common.ts so code that needs only
 * these (the web app's first screen) does not load zod and every schema with them.
 */
export const API_BASE_PATH = '/mobproc/v1';
export const OAUTH_BASE_PATH = '/oauth';

/** The headers of MOBPROC §2, spelled as the contract spells them. */
export const headerNames = {
  tenant: 'X-TNGO-TENANT',
  clientId: 'client_id',
  contextEmployeeId: 'X-TNGO-CONTEXT-EMPLOYEEID',
  contextCompanyEmployeeId: 'X-TNGO-CONTEXT-COMPANYEMPLOYEEID',
  contextHierarchyId: 'X-TNGO-CONTEXT-HIERARCHYID',
  activityId: 'X-TNGO-CONTEXT-ACTIVITYID',
  correlationId: 'X-TNGO-CONTEXT-CORRELATIONID',
  idempotencyKey: 'Idempotency-Key',
} as const;

/**
 * Names of the extensions of MOBPROC §1 that a server may announce in `/ping`'s `extensions`.
 * A client uses an extension only when the server it talks to announced it.
 */
export const extensionNames = [
  'idempotency-key',
  'cancel',
  'act-as',
  'act-as-search',
  'type-restrictions',
  'cost-summary',
  'approval-preview',
  'device-feature-options',
  'submitted-date-sort',
  'approval-rules',
  'request-info',
  'approval-delegates',
  'sensitive-properties',
  'authorization-code',
  'revoke',
  'events',
  'notification-settings',
] as const;
export type ExtensionName = (typeof extensionNames)[number];
