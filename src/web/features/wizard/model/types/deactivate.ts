import { defineType } from './type-module.ts';

export const deactivate = defineType('DEACTIVATE', {
  title: 'Cancel a line',
  words: 'Cancel line',
  explanation: 'End a line for good.',
  steps: ['service', 'details', 'review', 'done'],
});
