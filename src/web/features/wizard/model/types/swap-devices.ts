import { defineType } from './type-module.ts';

export const swapDevices = defineType('SWAP_DEVICES', {
  title: 'Swap device',
  explanation: 'Move a line to another phone you already have.',
  steps: ['service', 'devices', 'details', 'review', 'done'],
});
