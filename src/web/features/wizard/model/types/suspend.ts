import { defineType } from './type-module.ts';

export const suspend = defineType('SUSPEND', {
  title: 'Suspend a line',
  words: 'Suspend line',
  explanation: 'Pause a line for a while, e.g. during leave.',
  steps: ['service', 'details', 'review', 'done'],
});
