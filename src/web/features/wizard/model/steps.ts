import type { Draft } from './draft.ts';
import { typeModules } from './types/index.ts';

export const stepIds = [
  'service',
  'carrier',
  'location',
  'device',
  'plan',
  'accessories',
  'features',
  'devices',
  'details',
  'acknowledgements',
  'shipping',
  'review',
  'done',
] as const;
export type StepId = (typeof stepIds)[number];

export const isStepId = (value: string | undefined): value is StepId => stepIds.includes(value as StepId);

/**
 * Every transaction type's module (`types/`): its title, explanation and steps. Adding a type is a
 * module there; a new kind of step is also its component in `step-components.tsx`.
 */
export const transactionTypeInfo = typeModules;

export const stepTitles: Record<StepId, string> = {
  service: 'Line',
  carrier: 'Carrier',
  location: 'Location',
  device: 'Device',
  plan: 'Plan',
  accessories: 'Accessories',
  features: 'Features',
  devices: 'Devices',
  details: 'Details',
  acknowledgements: 'Terms',
  shipping: 'Shipping',
  review: 'Review',
  done: 'Done',
};

/** The name of a step in the stepper, the page title and the review's "Fix in" links of a type. */
export function stepTitle(step: StepId, transactionType: Draft['transactionType']): string {
  return typeModules[transactionType].stepTitles[step] ?? stepTitles[step];
}

/** Steps that some orders skip whatever their type, and when they apply. */
const stepApplies: Partial<Record<StepId, (draft: Draft) => boolean>> = {
  // Accessories fit a device: the new one, or the one on the line.
  accessories: (draft) => (Boolean(draft.deviceId) && !draft.noDevice) || Boolean(draft.serviceId),
};

/** The steps this draft goes through now, in order. */
export function stepsFor(draft: Draft): StepId[] {
  const type = typeModules[draft.transactionType];
  return type.steps.filter((step) => (stepApplies[step]?.(draft) ?? true) && (type.when?.[step]?.(draft) ?? true));
}

/**
 * How many steps (without "done") the order has, or null while that is not known yet: a step only
 * some orders take (shipping when something ships, a port's device…) is decided once every step
 * before it is answered. A counter that states a total only when it is known never has to change it.
 */
export function knownStepCount(draft: Draft): number | null {
  const type = typeModules[draft.transactionType];
  const applying = stepsFor(draft);
  const done = new Set(draft.done ?? []);
  const undecided = type.steps.some((step, index) => {
    if (!stepApplies[step] && !type.when?.[step]) return false;
    return type.steps.slice(0, index).some((earlier) => applying.includes(earlier) && !done.has(earlier));
  });
  return undecided ? null : applying.filter((step) => step !== 'done').length;
}

/** Steps whose answers depend on this one: changing it sends the person through them again. */
const dependents: Partial<Record<StepId, StepId[]>> = {
  service: ['carrier', 'location', 'device', 'plan', 'accessories', 'features', 'devices', 'details', 'acknowledgements', 'shipping'],
  carrier: ['device', 'plan', 'details', 'acknowledgements'],
  location: ['device', 'plan', 'shipping'],
  device: ['plan', 'accessories', 'details'],
  plan: ['details', 'acknowledgements', 'shipping'],
  accessories: ['shipping'],
};

export function markDone(draft: Draft, step: StepId, changed: boolean): Draft {
  const stale = changed ? new Set(dependents[step] ?? []) : new Set<StepId>();
  const done = (draft.done ?? []).filter((id) => id !== step && !stale.has(id as StepId));
  return { ...draft, done: [...done, step], submitted: undefined };
}

/** The first step not yet completed, which is where a person may be at most. */
export function firstOpenStep(draft: Draft): StepId {
  const steps = stepsFor(draft);
  const done = new Set(draft.done ?? []);
  return steps.find((step) => step !== 'done' && !done.has(step)) ?? 'review';
}

/** Whether the person may open this step now (every step before it is complete). */
export function canOpen(draft: Draft, step: StepId): boolean {
  const steps = stepsFor(draft);
  const index = steps.indexOf(step);
  if (index < 0) return false;
  if (step === 'done') return Boolean(draft.submitted);
  const done = new Set(draft.done ?? []);
  return steps.slice(0, index).every((earlier) => done.has(earlier));
}

export function nextStep(draft: Draft, step: StepId): StepId {
  const steps = stepsFor(draft);
  const done = new Set(draft.done ?? []);
  // After an edit from the review page, go straight back unless something later needs answering.
  const after = steps.slice(steps.indexOf(step) + 1);
  return after.find((candidate) => !done.has(candidate)) ?? 'review';
}

export function previousStep(draft: Draft, step: StepId): StepId | null {
  const steps = stepsFor(draft);
  const index = steps.indexOf(step);
  return index > 0 ? (steps[index - 1] ?? null) : null;
}

/** Which step owns a server error's `field` (MOBPROC §1), by the request path's prefix. */
const fieldOwners: [string, StepId][] = [
  ['orderRequest.serviceId', 'service'],
  ['orderRequest.currentVendorId', 'carrier'],
  ['orderRequest.regionId', 'location'],
  ['orderRequest.postalCode', 'location'],
  ['orderRequest.shoppingCart.deviceId', 'device'],
  ['orderRequest.shoppingCart.quantity', 'device'],
  ['orderRequest.shoppingCart.deviceFeatureOptionIds', 'device'],
  ['orderRequest.shoppingCart.planId', 'plan'],
  ['orderRequest.shoppingCart.optionalFeatureIds', 'plan'],
  ['orderRequest.shoppingCart.accessoryIds', 'accessories'],
  ['orderRequest.shoppingCart.features', 'features'],
  ['orderRequest.shoppingCart.featureRequestComment', 'features'],
  ['orderRequest.existingDevice', 'devices'],
  ['orderRequest.newDevice', 'devices'],
  ['orderRequest.properties', 'details'],
  ['orderRequest.externalOrderNumber', 'details'],
  ['orderRequest.acknowledgements', 'acknowledgements'],
  ['orderRequest.shipTo', 'shipping'],
];

export function stepOwningField(field: string | undefined, steps: StepId[]): StepId | null {
  if (!field) return null;
  const owner = fieldOwners.find(([prefix]) => field === prefix || field.startsWith(`${prefix}.`))?.[1] ?? null;
  return owner && steps.includes(owner) ? owner : null;
}
