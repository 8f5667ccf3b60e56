import { defineType } from './type-module.ts';

export const deactivate = defineType('DEACTIVATE', {
  title: 'Cancel a line',
  explanation: 'End a line for good.',
  steps: ['service', 'details', 'review', 'done'],
  consequences:
    'Cancelling ends the line for good: its number is released and cannot be had back, its plan and features stop, and the carrier may ask for the device to be returned. To keep the number for later, suspend the line instead.',
});
