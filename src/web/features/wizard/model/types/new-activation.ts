import { defineType, newLineCarrier, shipsGoods } from './type-module.ts';

export const newActivation = defineType('NEW_ACTIVATION', {
  title: 'New line',
  explanation: 'A new phone number with a device and a plan.',
  steps: ['location', 'device', 'plan', 'accessories', 'details', 'shipping', 'review', 'done'],
  when: { shipping: shipsGoods },
  deviceOptional: true,
  linePerDevice: true,
  skipPlanLabel: 'No plan',
  propertiesFrom: newLineCarrier,
});
