import type { TransactionType } from '../../../../contract/reference.ts';
import type { Draft } from './draft.ts';

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

export type TransactionTypeInfo = {
  type: TransactionType;
  category: 'Procurement' | 'Care';
  title: string;
  explanation: string;
  /** Whether the order acts on one of the person's existing services. */
  onService: boolean;
  steps: StepId[];
};

/** Ships something physical: a device or accessories. */
const shipsGoods = (draft: Draft) => Boolean(draft.deviceId) || (draft.accessoryIds?.length ?? 0) > 0;

/**
 * Every transaction type and the steps it takes, in order. Adding a type or a step is a change
 * here plus (for a new step) its component in `step-components.tsx`.
 */
export const transactionTypeInfo: Record<TransactionType, TransactionTypeInfo> = {
  NEW_ACTIVATION: {
    type: 'NEW_ACTIVATION',
    category: 'Procurement',
    title: 'New line',
    explanation: 'A new phone number with a device and a plan.',
    onService: false,
    steps: ['location', 'device', 'plan', 'accessories', 'details', 'shipping', 'review', 'done'],
  },
  UPGRADE: {
    type: 'UPGRADE',
    category: 'Procurement',
    title: 'Upgrade',
    explanation: 'A new device or plan for a line you already have.',
    onService: true,
    steps: ['service', 'device', 'plan', 'accessories', 'devices', 'details', 'shipping', 'review', 'done'],
  },
  PORT_NUMBER: {
    type: 'PORT_NUMBER',
    category: 'Procurement',
    title: 'Change carrier',
    explanation: 'Keep your number and move the line to another carrier.',
    onService: true,
    steps: ['service', 'carrier', 'location', 'device', 'plan', 'details', 'shipping', 'review', 'done'],
  },
  ORDER_ACCESSORIES: {
    type: 'ORDER_ACCESSORIES',
    category: 'Procurement',
    title: 'Accessories',
    explanation: 'Cases, chargers and more for the phone on one of your lines.',
    onService: true,
    steps: ['service', 'accessories', 'details', 'shipping', 'review', 'done'],
  },
  SUSPEND: {
    type: 'SUSPEND',
    category: 'Care',
    title: 'Suspend a line',
    explanation: 'Pause a line for a while, e.g. during leave.',
    onService: true,
    steps: ['service', 'details', 'review', 'done'],
  },
  UNSUSPEND: {
    type: 'UNSUSPEND',
    category: 'Care',
    title: 'Reactivate a line',
    explanation: 'Turn a suspended line back on.',
    onService: true,
    steps: ['service', 'details', 'review', 'done'],
  },
  DEACTIVATE: {
    type: 'DEACTIVATE',
    category: 'Care',
    title: 'Cancel a line',
    explanation: 'End a line for good.',
    onService: true,
    steps: ['service', 'details', 'review', 'done'],
  },
  UPDATE_FEATURES: {
    type: 'UPDATE_FEATURES',
    category: 'Care',
    title: 'Change features',
    explanation: 'Add or remove extras such as international roaming.',
    onService: true,
    steps: ['service', 'features', 'details', 'review', 'done'],
  },
  SWAP_DEVICES: {
    type: 'SWAP_DEVICES',
    category: 'Care',
    title: 'Swap device',
    explanation: 'Move a line to another phone you already have.',
    onService: true,
    steps: ['service', 'devices', 'details', 'review', 'done'],
  },
  XFER_SERVICE_OUT: {
    type: 'XFER_SERVICE_OUT',
    category: 'Care',
    title: 'Take a line private',
    explanation: 'A company line becomes your personal line.',
    onService: true,
    steps: ['service', 'details', 'review', 'done'],
  },
  XFER_SERVICE_IN: {
    type: 'XFER_SERVICE_IN',
    category: 'Care',
    title: 'Bring your number',
    explanation: 'Your personal number becomes a company line on the same carrier.',
    onService: false,
    steps: ['carrier', 'location', 'device', 'plan', 'accessories', 'details', 'acknowledgements', 'shipping', 'review', 'done'],
  },
  XFER_SERVICE_IN_AND_PORT: {
    type: 'XFER_SERVICE_IN_AND_PORT',
    category: 'Care',
    title: 'Bring your number to another carrier',
    explanation: 'Your personal number becomes a company line on a different carrier, with a new device.',
    onService: false,
    steps: ['carrier', 'location', 'device', 'plan', 'accessories', 'details', 'acknowledgements', 'shipping', 'review', 'done'],
  },
};

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

/** Steps that some orders of a type skip, and when they apply. Steps not listed always apply. */
const stepApplies: Partial<Record<StepId, (draft: Draft) => boolean>> = {
  // A port needs a new device only when the current one cannot work on the new carrier.
  device: (draft) =>
    draft.transactionType !== 'PORT_NUMBER' ||
    (Boolean(draft.carrierAccessMethod) && draft.carrierAccessMethod !== draft.serviceAccessMethod),
  // Accessories fit a device: the new one, or the one on the line.
  accessories: (draft) => (Boolean(draft.deviceId) && !draft.noDevice) || Boolean(draft.serviceId),
  shipping: (draft) => {
    switch (draft.transactionType) {
      case 'NEW_ACTIVATION':
      case 'XFER_SERVICE_IN':
        return shipsGoods(draft);
      case 'UPGRADE':
        // A plan on another carrier needs a new SIM.
        return shipsGoods(draft) || (Boolean(draft.planVendorId) && draft.planVendorId !== draft.serviceVendorId);
      default:
        return true;
    }
  },
};

/** The steps this draft goes through now, in order. */
export function stepsFor(draft: Draft): StepId[] {
  return transactionTypeInfo[draft.transactionType].steps.filter((step) => stepApplies[step]?.(draft) ?? true);
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
