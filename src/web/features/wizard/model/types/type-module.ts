import { orderMemberRules, transactionCategory, transactionTypeWords, typesOnService } from '../../../../../contract/transaction-types.ts';
import type { TransactionType } from '../../../../../contract/reference.ts';
import type { Draft } from '../draft.ts';
import type { StepId } from '../steps.ts';

/**
 * What the order does with the carrier picked in the carrier step:
 * - `moves-to`: the line moves to it (a port); the device and plan come from it, and the device
 *   search checks the line's own device against it;
 * - `stays-on`: the personal number is with it and stays there; device and plan come from it;
 * - `moves-away`: the personal number is with it and leaves it; device and plan must not;
 * - `none`: the type has no carrier step.
 */
export type CarrierRole = 'none' | 'moves-to' | 'stays-on' | 'moves-away';

/** What a type module states; everything else is derived from the contract's member table. */
type TypeSpec = {
  /** The order's name in the wizard's heading and summary. */
  title: string;
  explanation: string;
  /** The steps the type takes, in order; `when` drops one for a draft that does not need it. */
  steps: StepId[];
  when?: Partial<Record<StepId, (draft: Draft) => boolean>>;
  carrier?: CarrierRole;
  /** The device step may be left with "No new device". */
  deviceOptional?: boolean;
  /** One new line per device: the device dialog asks for a quantity (1–50). */
  linePerDevice?: boolean;
  /** Why the device step is there, when it needs saying. */
  deviceIntro?: string;
  /** What the order does that cannot be taken back, shown as a warning before the review. */
  consequences?: string;
  /** The plan may be left out when a device is chosen; the button that does so. */
  skipPlanLabel?: string;
  /** Names of steps in the stepper where the general one would be ambiguous for this type. */
  stepTitles?: Partial<Record<StepId, string>>;
  /** The line list shows when each line may be upgraded. */
  showsUpgradeEligibility?: boolean;
  /**
   * Whose property definitions apply (§4.3): the carrier that fulfils the order, or by default
   * the one of the line the order acts on.
   */
  propertiesFrom?: (draft: Draft) => { vendor?: string; service?: string };
};

/** One transaction type as the wizard sees it. */
export type TypeModule = Required<Omit<TypeSpec, 'when' | 'deviceIntro' | 'consequences' | 'propertiesFrom'>> &
  Pick<TypeSpec, 'when' | 'deviceIntro' | 'consequences'> & {
    type: TransactionType;
    /** The type in a few words a person recognises, for lists, menus and filters (the contract's, which email uses too). */
    words: string;
    category: 'Procurement' | 'Care';
    /** Whether the order acts on one of the person's existing services. */
    onService: boolean;
    propertiesFrom: (draft: Draft) => { vendor?: string; service?: string };
    /** Request members the type takes beyond what its steps give (from the contract's §4.2 table). */
    takes: { currentVendorId: boolean; features: boolean; newDevice: boolean; quantity: boolean };
    /** At least one accessory is needed (§4.2: `accessoryIds` required). */
    accessoriesRequired: boolean;
  };

/** A type module: the spec, filled with what the contract's per-type rules already say. */
export function defineType(type: TransactionType, spec: TypeSpec): TypeModule {
  const rules = orderMemberRules[type];
  const linePerDevice = spec.linePerDevice ?? false;
  return {
    carrier: 'none',
    deviceOptional: false,
    linePerDevice,
    skipPlanLabel: '',
    stepTitles: {},
    showsUpgradeEligibility: false,
    propertiesFrom: (draft) => ({ service: draft.serviceId }),
    ...spec,
    type,
    words: transactionTypeWords(type),
    category: transactionCategory(type) === 'PROCUREMENT' ? 'Procurement' : 'Care',
    onService: typesOnService.includes(type),
    takes: {
      currentVendorId: rules.currentVendorId !== '-',
      features: rules.features !== '-',
      newDevice: rules.newDevice !== '-',
      quantity: linePerDevice && rules.quantity !== '-',
    },
    accessoriesRequired: rules.accessoryIds === 'R',
  };
}

/** Ships something physical: a device or accessories. */
export const shipsGoods = (draft: Draft) => Boolean(draft.deviceId) || (draft.accessoryIds?.length ?? 0) > 0;

/** The carrier that fulfils a new line: the plan's, else the device's. */
export const newLineCarrier = (draft: Draft) => ({ vendor: draft.planVendorId ?? draft.deviceVendorId });
