import { defineType, newLineCarrier } from './type-module.ts';

export const xferServiceInAndPort = defineType('XFER_SERVICE_IN_AND_PORT', {
  title: 'Bring your number to another carrier',
  explanation: 'Your personal number becomes a company line on a different carrier, with a new device.',
  steps: ['carrier', 'location', 'device', 'plan', 'accessories', 'details', 'acknowledgements', 'shipping', 'review', 'done'],
  carrier: 'moves-away',
  propertiesFrom: newLineCarrier,
});
