import { defineType } from './type-module.ts';

export const updateFeatures = defineType('UPDATE_FEATURES', {
  title: 'Change features',
  explanation: 'Add or remove extras such as international roaming.',
  steps: ['service', 'features', 'details', 'review', 'done'],
});
