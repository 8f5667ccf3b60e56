import { defineType } from './type-module.ts';

export const portNumber = defineType('PORT_NUMBER', {
  title: 'Change carrier',
  explanation: 'Keep your number and move the line to another carrier.',
  steps: ['service', 'carrier', 'location', 'device', 'plan', 'details', 'shipping', 'review', 'done'],
  // A port needs a new device only when the current one cannot work on the new carrier.
  when: { device: (draft) => Boolean(draft.carrierAccessMethod) && draft.carrierAccessMethod !== draft.serviceAccessMethod },
  carrier: 'moves-to',
  deviceIntro: 'Your current phone does not work on the new carrier, so the move needs a new one.',
  propertiesFrom: (draft) => ({ vendor: draft.carrierId }),
});
