import { z } from 'zod';
import type { AcceptOrderItem as OrderItem } from '../../../../contract/accept.ts';
import { transactionType } from '../../../../contract/reference.ts';
import { transactionCategory } from '../../../../contract/transaction-types.ts';
import { daysSince, personName } from '../../../lib/format.ts';
import { totalsFromSegments } from '../../../lib/order-totals.ts';
import { pendingLevelOf, type ApprovalLevel } from '../../../lib/approval-levels.ts';

/**
 * The approvals desk's model: what the queue is filtered and sorted by (kept in the URL), and what
 * a row shows of an order. Pure functions over orders as `GET /orders` lists them, so the page
 * and its tests share one definition.
 */

/** One-time total bands, in the order's own currency units. */
export const costBands = ['under-100', '100-999', '1000-plus'] as const;
export type CostBand = (typeof costBands)[number];

/** "Waiting at least N days". */
export const ageBands = ['1', '3', '7', '30'] as const;
export type AgeBand = (typeof ageBands)[number];

export const deskSorts = ['oldest', 'newest', 'cost-high', 'cost-low', 'person'] as const;
export type DeskSort = (typeof deskSorts)[number];
export const deskSortWords: Record<DeskSort, string> = {
  oldest: 'Waiting longest first',
  newest: 'Newest first',
  'cost-high': 'Highest one-time cost first',
  'cost-low': 'Lowest one-time cost first',
  person: 'Person A–Z',
};

export const deskViews = ['waiting', 'decided'] as const;
export type DeskView = (typeof deskViews)[number];

// A value that is not one of ours (an old bookmark, a hand-edited URL) is dropped, not an error.
const optionalText = z.string().trim().min(1).max(64).optional().catch(undefined);

/** The desk's state as the URL keeps it; every member optional so a bare `/approvals` is the default desk. */
export const deskParams = z.object({
  view: z.enum(deskViews).catch('waiting'),
  person: optionalText,
  type: optionalText,
  carrier: optionalText,
  cost: z.enum(costBands).optional().catch(undefined),
  age: z.enum(ageBands).optional().catch(undefined),
  sort: z.enum(deskSorts).catch('oldest'),
  offset: z.coerce.number().int().min(0).catch(0),
});
export type DeskParams = z.infer<typeof deskParams>;
export type DeskFilters = Pick<DeskParams, 'person' | 'type' | 'carrier' | 'cost' | 'age' | 'sort'>;

export function deskParamsFrom(search: URLSearchParams): DeskParams {
  const raw = Object.fromEntries([...search].filter(([key]) => key in deskParams.shape));
  return deskParams.parse(raw);
}

/** The URL search of a desk state: defaults are left out, so the plain desk keeps a plain URL. */
export function deskSearchOf(state: DeskParams): URLSearchParams {
  const search = new URLSearchParams();
  if (state.view !== 'waiting') search.set('view', state.view);
  for (const key of ['person', 'type', 'carrier', 'cost', 'age'] as const) {
    const value = state[key];
    if (value) search.set(key, value);
  }
  if (state.sort !== 'oldest') search.set('sort', state.sort);
  if (state.offset > 0) search.set('offset', String(state.offset));
  return search;
}

/** The one-time total of an order (the largest currency's, an order has one), 0 when nothing is charged once. */
export function oneTimeAmount(order: OrderItem): number {
  const totals = totalsFromSegments(order.orderSegments?.items ?? []);
  return totals.oneTime.reduce((largest, money) => Math.max(largest, money.amount), 0);
}

export function costBandOf(amount: number): CostBand {
  if (amount >= 1000) return '1000-plus';
  return amount >= 100 ? '100-999' : 'under-100';
}

/** The carriers of an order's lines, by id with a name. */
export function carriersOf(order: OrderItem): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const segment of order.orderSegments?.items ?? []) {
    const vendor = segment.vendor;
    if (vendor?.id && !seen.has(vendor.id)) seen.set(vendor.id, vendor.name ?? vendor.id);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/**
 * The requester's business justification: the order's `justification` (extension
 * `approval-rules`), else its `JUSTIFICATION` property; undefined when it has none.
 */
export function justificationOf(order: Pick<OrderItem, 'properties' | 'justification'>): string | undefined {
  if (order.justification?.trim()) return order.justification.trim();
  for (const group of order.properties ?? []) {
    for (const field of group.fields ?? []) {
      if (field.id === 'JUSTIFICATION' && field.text?.trim()) return field.text.trim();
    }
  }
  return undefined;
}

/**
 * Whether the order was one that asks for a justification, so that having none is worth saying:
 * it carries one, or a `JUSTIFICATION` property (even blank), or it is a procurement order (every
 * one asks why the company should pay, docs/demo-tenant.md). A care order (a deactivation, a
 * suspension) asks for none, and "the requester gave none" would read as an omission.
 */
export function justificationAsked(order: Pick<OrderItem, 'properties' | 'justification' | 'transactionType'>): boolean {
  if (justificationOf(order) !== undefined) return true;
  if ((order.properties ?? []).some((group) => (group.fields ?? []).some((field) => field.id === 'JUSTIFICATION'))) return true;
  const type = transactionType.safeParse(order.transactionType);
  return type.success && transactionCategory(type.data) === 'PROCUREMENT';
}

/**
 * The reason the order states for itself — its `Reason` property (a choice, as the vendor's care
 * orders carry it: "Line no longer needed") — with the field's label, or undefined. What a care
 * order gives an approver in place of a justification.
 */
export function statedReasonOf(order: Pick<OrderItem, 'properties'>): { label: string; value: string } | undefined {
  for (const group of order.properties ?? []) {
    for (const field of group.fields ?? []) {
      if (field.id !== 'Reason') continue;
      const value = field.choice ? `${field.choice.label ?? ''}${field.choice.otherText ? `${field.choice.label ? ': ' : ''}${field.choice.otherText}` : ''}` : (field.text ?? '');
      // A bare choice id ("1") says nothing to a person.
      if (value.trim()) return { label: field.label ?? 'Reason', value: value.trim() };
    }
  }
  return undefined;
}

type Approver = ApprovalLevel;

/**
 * Since when the order has waited for its open level: the last decision of an earlier level (a
 * second level waits from the first one's approval), else its submission.
 */
export function waitingSince(order: OrderItem): string | undefined {
  const pending = pendingLevelOf(order);
  const earlier = (order.approvers ?? [])
    .filter((entry) => entry !== pending && entry.decision !== 'PENDING' && entry.dateTime && (pending?.level === undefined || (entry.level ?? 0) < pending.level))
    .map((entry) => entry.dateTime!)
    .sort();
  return earlier.at(-1) ?? order.dateSubmitted;
}

/**
 * For whom the approver decides this order, when not for themselves (they are that person's
 * approval delegate): the server's `eligibleOnBehalfOf`, else the person of the open level when
 * that is someone else. Null for a group level or the approver's own level.
 */
export function onBehalfOf(order: OrderItem, approverId: string): Approver['employee'] | null {
  if (order.eligibleOnBehalfOf) return order.eligibleOnBehalfOf;
  const pending = pendingLevelOf(order);
  return pending?.employee && pending.employee.id !== approverId ? pending.employee : null;
}

/** The people, types and carriers present in a queue: what its filters offer. */
export function filterChoices(orders: OrderItem[]) {
  const people = new Map<string, string>();
  const types = new Set<string>();
  const carriers = new Map<string, string>();
  for (const order of orders) {
    if (order.accountHolder?.id) people.set(order.accountHolder.id, personName(order.accountHolder));
    if (order.transactionType) types.add(order.transactionType);
    for (const carrier of carriersOf(order)) carriers.set(carrier.id, carrier.name);
  }
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  return {
    people: [...people].map(([id, name]) => ({ id, name })).sort(byName),
    types: [...types].sort(),
    carriers: [...carriers].map(([id, name]) => ({ id, name })).sort(byName),
  };
}

/** The queue as the filters and sort say, from every order waiting (`now` in ms since the epoch). */
export function filterQueue(orders: OrderItem[], filters: DeskFilters, now = Date.now()): OrderItem[] {
  const kept = orders.filter((order) => {
    if (filters.person && order.accountHolder?.id !== filters.person) return false;
    if (filters.type && order.transactionType !== filters.type) return false;
    if (filters.carrier && !carriersOf(order).some((carrier) => carrier.id === filters.carrier)) return false;
    if (filters.cost && costBandOf(oneTimeAmount(order)) !== filters.cost) return false;
    if (filters.age && (daysSince(waitingSince(order), now) ?? 0) < Number(filters.age)) return false;
    return true;
  });
  const since = (order: OrderItem) => Date.parse(waitingSince(order) ?? '') || 0;
  const compare: Record<DeskSort, (a: OrderItem, b: OrderItem) => number> = {
    oldest: (a, b) => since(a) - since(b),
    newest: (a, b) => since(b) - since(a),
    'cost-high': (a, b) => oneTimeAmount(b) - oneTimeAmount(a) || since(a) - since(b),
    'cost-low': (a, b) => oneTimeAmount(a) - oneTimeAmount(b) || since(a) - since(b),
    person: (a, b) => personName(a.accountHolder).localeCompare(personName(b.accountHolder)) || since(a) - since(b),
  };
  return kept.sort(compare[filters.sort]);
}

/** The level this person decided on the order (themselves, or for someone as their delegate), if any. */
export function myDecision(order: OrderItem, meId: string): Approver | undefined {
  return (order.approvers ?? []).find(
    (entry) =>
      entry.decision !== 'PENDING' &&
      entry.decision !== 'SKIPPED' &&
      (entry.decidedBy ? entry.decidedBy.id === meId : entry.employee?.id === meId && Boolean(entry.dateTime)),
  );
}
