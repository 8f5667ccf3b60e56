/**
 * A tenant's approval policy, stored as data in `tenants.approval_policy` (MOBPROC §4.6, extension
 * approval-rules) so a customer's rules change without a release; its approver groups are rows of
 * `approver_groups` / `approver_group_members`. The order code parses it with `approvalPolicy`.
 *
 * Semantics (docs/decisions/0012-approval-rules-levels-and-delegates.md): every rule whose
 * conditions all hold adds its levels, in rule order, to the order's chain; a level already in
 * the chain (same kind, same group) is not added twice. No matching rule: no approval. Conditions:
 * - `categories`: the transaction type's category (MOBPROC §4.1) is one of these;
 * - `transactionTypes`: the transaction type is one of these;
 * - `carrierIds`: the carrier that fulfils the order (vendor id) is one of these;
 * - `shipsDevice`: a new device ships (true) or none does (false);
 * - `minOneTimeCents`: the order's one-time total (quantity applied) is at least this many cents
 *   of the order's own currency (1 means "anything above zero");
 * - `minMonthlyChangeCents`: the monthly charges the order adds (a new plan's price less the
 *   line's current plan's, plus added features) are at least this many cents;
 * - `earlyUpgrade`: an UPGRADE placed before the line's upgrade eligibility date (true), or not;
 * - `unlessAccountHolderIsManager`: when true, the rule does not match if the account holder
 *   manages anyone (has at least one direct report).
 * Levels: `ACCOUNT_HOLDER_MANAGER`, `MANAGERS_MANAGER` (the account holder's manager's manager),
 * or `APPROVER_GROUP` with the group's `code`. How a level becomes a person or a group at submit
 * (the self-decision rule) is in domain/orders/approval-policy.ts.
 */
import { z } from 'zod';
import { transactionType, transactionTypes } from '../../../contract/index.ts';
import { demoIds } from './ids.ts';

export const approvalLevel = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ACCOUNT_HOLDER_MANAGER') }),
  z.object({ type: z.literal('MANAGERS_MANAGER') }),
  z.object({ type: z.literal('APPROVER_GROUP'), group: z.string().min(1) }),
]);
export type ApprovalLevel = z.infer<typeof approvalLevel>;

const cents = z.number().int().min(0);

const rule = z.object({
  categories: z.array(z.enum(['PROCUREMENT', 'CARE'])).min(1).optional(),
  transactionTypes: z.array(z.enum(transactionTypes)).min(1).optional(),
  carrierIds: z.array(z.number().int()).min(1).optional(),
  shipsDevice: z.boolean().optional(),
  minOneTimeCents: cents.optional(),
  minMonthlyChangeCents: cents.optional(),
  earlyUpgrade: z.boolean().optional(),
  unlessAccountHolderIsManager: z.boolean().default(false),
  levels: z.array(approvalLevel).min(1),
});

/**
 * The rule form written before levels existed (`approver: 'ACCOUNT_HOLDER_MANAGER'`, `when`), still
 * stored in databases seeded then: read as the one-level rule it meant.
 */
const legacyRule = z
  .object({ approver: z.literal('ACCOUNT_HOLDER_MANAGER'), when: z.enum(['ALWAYS', 'ONETIME_TOTAL_ABOVE_ZERO']).default('ALWAYS') })
  .passthrough()
  .transform(({ approver: _approver, when, ...rest }): unknown => ({ ...rest, ...(when === 'ONETIME_TOTAL_ABOVE_ZERO' ? { minOneTimeCents: 1 } : {}), levels: [{ type: 'ACCOUNT_HOLDER_MANAGER' }] }))
  .pipe(rule);

export const approvalRule = z.union([rule, legacyRule]);
export type ApprovalRule = z.output<typeof rule>;

export const approvalPolicy = z.object({ rules: z.array(approvalRule) });
export type ApprovalPolicy = { rules: ApprovalRule[] };

/** The group code ACME's policy names for its IT Mobility approvers. */
export const IT_MOBILITY = 'IT_MOBILITY';

/** ACME's approver groups (docs/demo-tenant.md): IT Mobility is Nina Patel and Luis Ortega. */
export const acmeApproverGroups = [
  { id: 1, tenantId: demoIds.tenants.acme, code: IT_MOBILITY, name: 'IT Mobility', members: [demoIds.employees.nina, demoIds.employees.luis] },
];

const manager = { type: 'ACCOUNT_HOLDER_MANAGER' } as const;
const itMobility = { type: 'APPROVER_GROUP', group: IT_MOBILITY } as const;
/** US$1,000.00: from here on IT Mobility decides too. */
const ONE_THOUSAND = 100_000;

/** ACME's policy, as docs/demo-tenant.md describes it. */
export const acmeApprovalPolicy: ApprovalPolicy = {
  rules: [
    { categories: ['PROCUREMENT'], minOneTimeCents: 1, unlessAccountHolderIsManager: true, levels: [manager] },
    // A priced device ships in care types too (XFER_SERVICE_IN_AND_PORT): the same rule holds.
    { shipsDevice: true, minOneTimeCents: 1, unlessAccountHolderIsManager: true, levels: [manager] },
    { transactionTypes: [transactionType.enum.DEACTIVATE, transactionType.enum.XFER_SERVICE_OUT], unlessAccountHolderIsManager: false, levels: [manager] },
    { transactionTypes: [transactionType.enum.UPGRADE], earlyUpgrade: true, unlessAccountHolderIsManager: false, levels: [{ type: 'MANAGERS_MANAGER' }] },
    // $1,000 or more adds IT Mobility after the manager, for the orders the first two rules cover.
    { categories: ['PROCUREMENT'], minOneTimeCents: ONE_THOUSAND, unlessAccountHolderIsManager: true, levels: [manager, itMobility] },
    { shipsDevice: true, minOneTimeCents: ONE_THOUSAND, unlessAccountHolderIsManager: true, levels: [manager, itMobility] },
  ],
};

/** GLOBEX is stricter: every procurement order waits for the manager, whatever it costs. */
export const globexApprovalPolicy: ApprovalPolicy = {
  rules: [
    { categories: ['PROCUREMENT'], unlessAccountHolderIsManager: false, levels: [manager] },
    { shipsDevice: true, unlessAccountHolderIsManager: false, levels: [manager] },
    { transactionTypes: [transactionType.enum.DEACTIVATE, transactionType.enum.XFER_SERVICE_OUT], unlessAccountHolderIsManager: false, levels: [manager] },
  ],
};
