import { defineType } from './type-module.ts';

export const orderAccessories = defineType('ORDER_ACCESSORIES', {
  title: 'Accessories',
  explanation: 'Cases, chargers and more for the phone on one of your lines.',
  steps: ['service', 'accessories', 'details', 'shipping', 'review', 'done'],
});
