import { defineType } from './type-module.ts';

export const unsuspend = defineType('UNSUSPEND', {
  title: 'Reactivate a line',
  explanation: 'Turn a suspended line back on.',
  steps: ['service', 'details', 'review', 'done'],
});
