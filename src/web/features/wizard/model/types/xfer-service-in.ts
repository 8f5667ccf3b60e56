import { defineType, newLineCarrier, shipsGoods } from './type-module.ts';

export const xferServiceIn = defineType('XFER_SERVICE_IN', {
  title: 'Bring your number',
  explanation: 'Your personal number becomes a company line on the same carrier.',
  steps: ['carrier', 'location', 'device', 'plan', 'accessories', 'details', 'acknowledgements', 'shipping', 'review', 'done'],
  when: { shipping: shipsGoods },
  carrier: 'stays-on',
  deviceOptional: true,
  propertiesFrom: newLineCarrier,
});
