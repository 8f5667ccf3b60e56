import { defineType } from './type-module.ts';

export const suspend = defineType('SUSPEND', {
  title: 'Suspend a line',
  explanation: 'Pause a line for a while, e.g. during leave.',
  steps: ['service', 'details', 'review', 'done'],
});
