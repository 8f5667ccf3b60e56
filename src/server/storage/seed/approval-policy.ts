/**
 * A tenant's approval policy, stored as data in `tenants.approval_policy` (MOBPROC §4.6) so a
 * customer's rules change without a release. The order code parses it with `approvalPolicy`.
 *
 * Semantics: the rules are tried in order and the FIRST rule that matches an order decides that
 * it waits for a decision by `approver`; when no rule matches, the order needs no approval. A rule
 * matches when every condition it states holds:
 * - `categories`: the transaction type's category (MOBPROC §4.1) is one of these;
 * - `transactionTypes`: the transaction type is one of these;
 * - `shipsDevice`: a new device ships (true) or none does (false);
 * - `when`: `ALWAYS` (the default), or `ONETIME_TOTAL_ABOVE_ZERO` — the order's one-time total
 *   (quantity applied, any currency) is above zero;
 * - `unlessAccountHolderIsManager`: when true, the rule does not match if the account holder
 *   manages anyone (has at least one direct report).
 * `ACCOUNT_HOLDER_MANAGER` is the account holder's manager; an account holder with no manager
 * needs no approval even when a rule matches. Nobody decides an order they requested or that is
 * for them: when that manager placed the order, the next person up the chain decides it.
 */
import { z } from 'zod';
import { transactionType, transactionTypes } from '../../../contract/index.ts';

export const approvalRule = z.object({
  categories: z.array(z.enum(['PROCUREMENT', 'CARE'])).min(1).optional(),
  transactionTypes: z.array(z.enum(transactionTypes)).min(1).optional(),
  shipsDevice: z.boolean().optional(),
  when: z.enum(['ALWAYS', 'ONETIME_TOTAL_ABOVE_ZERO']).default('ALWAYS'),
  unlessAccountHolderIsManager: z.boolean().default(false),
  approver: z.literal('ACCOUNT_HOLDER_MANAGER'),
});

export const approvalPolicy = z.object({ rules: z.array(approvalRule) });

export type ApprovalRule = z.infer<typeof approvalRule>;
export type ApprovalPolicy = z.infer<typeof approvalPolicy>;

/** ACME's policy, as docs/demo-tenant.md describes it. */
export const acmeApprovalPolicy: ApprovalPolicy = {
  rules: [
    {
      categories: ['PROCUREMENT'],
      when: 'ONETIME_TOTAL_ABOVE_ZERO',
      unlessAccountHolderIsManager: true,
      approver: 'ACCOUNT_HOLDER_MANAGER',
    },
    // A priced device ships in care types too (XFER_SERVICE_IN_AND_PORT): the same rule holds.
    {
      shipsDevice: true,
      when: 'ONETIME_TOTAL_ABOVE_ZERO',
      unlessAccountHolderIsManager: true,
      approver: 'ACCOUNT_HOLDER_MANAGER',
    },
    {
      transactionTypes: [transactionType.enum.DEACTIVATE, transactionType.enum.XFER_SERVICE_OUT],
      when: 'ALWAYS',
      unlessAccountHolderIsManager: false,
      approver: 'ACCOUNT_HOLDER_MANAGER',
    },
  ],
};

/** GLOBEX is stricter: every procurement order waits for the manager, whatever it costs. */
export const globexApprovalPolicy: ApprovalPolicy = {
  rules: [
    { categories: ['PROCUREMENT'], when: 'ALWAYS', unlessAccountHolderIsManager: false, approver: 'ACCOUNT_HOLDER_MANAGER' },
    { shipsDevice: true, when: 'ALWAYS', unlessAccountHolderIsManager: false, approver: 'ACCOUNT_HOLDER_MANAGER' },
    { transactionTypes: [transactionType.enum.DEACTIVATE, transactionType.enum.XFER_SERVICE_OUT], when: 'ALWAYS', unlessAccountHolderIsManager: false, approver: 'ACCOUNT_HOLDER_MANAGER' },
  ],
};
