import { defineType, shipsGoods } from './type-module.ts';

export const upgrade = defineType('UPGRADE', {
  title: 'Upgrade',
  explanation: 'A new device or plan for a line you already have.',
  steps: ['service', 'device', 'plan', 'accessories', 'devices', 'details', 'shipping', 'review', 'done'],
  // A plan on another carrier needs a new SIM.
  when: { shipping: (draft) => shipsGoods(draft) || (Boolean(draft.planVendorId) && draft.planVendorId !== draft.serviceVendorId) },
  deviceOptional: true,
  // "Device" and "Devices" side by side read as the same step twice.
  stepTitles: { device: 'New device', devices: 'Current device' },
  skipPlanLabel: 'Keep my plan',
  showsUpgradeEligibility: true,
  // An upgrade to a plan on another carrier is fulfilled by that carrier.
  propertiesFrom: (draft) => (draft.planVendorId && !draft.noPlan ? { vendor: draft.planVendorId } : { service: draft.serviceId }),
});
