import { defineType } from './type-module.ts';

export const xferServiceOut = defineType('XFER_SERVICE_OUT', {
  title: 'Take a line private',
  explanation: 'A company line becomes your personal line.',
  steps: ['service', 'details', 'review', 'done'],
});
