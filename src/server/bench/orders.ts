import { transactionType } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import type { BenchSetup, Scenario } from './scenarios.ts';

/** Peter's new line with a device, a plan, an optional feature and an accessory: the heaviest confirm. */
async function newActivation({ signIn }: BenchSetup) {
  const headers = { ...(await signIn('peter.edwards')), 'content-type': 'application/json' };
  const body = JSON.stringify({
    orderRequest: {
      transactionType: transactionType.enum.NEW_ACTIVATION,
      regionId: String(demoIds.regions.unitedStates),
      postalCode: '98101',
      shoppingCart: {
        deviceId: String(demoIds.catalogDevices.pixel9Summit),
        planId: String(demoIds.plans.summitBusinessUnlimited),
        optionalFeatureIds: [String(demoIds.features.summitHotspot)],
        accessoryIds: [String(demoIds.accessories.usbC30wCharger)],
      },
      properties: [
        {
          groupId: 'ORDER_DETAILS',
          fields: [
            { id: 'JUSTIFICATION', type: 'TEXT', text: 'Replacing a phone that no longer holds a charge' },
            { id: 'URGENCY', type: 'CHOICE', choice: { id: 'STANDARD' } },
          ],
        },
        { groupId: 'CONTACT_DETAILS', fields: [{ id: 'CONTACT_NUMBER', type: 'TEXT', text: '+1 206 555 0142' }] },
      ],
      shipTo: {
        name: 'Peter Edwards',
        regionId: String(demoIds.regions.unitedStates),
        address: [
          { id: 'LINE_1', value: '1201 Third Avenue' },
          { id: 'CITY', value: 'Seattle' },
          { id: 'STATE', value: 'WA' },
          { id: 'POSTAL_CODE', value: '98101' },
        ],
      },
    },
  });
  return { headers, body };
}

/** The two POST /orders scenarios of issue 4: a confirm and a submit of the same order. */
export const orderScenarios: Scenario[] = [
  {
    name: 'POST /orders?confirm=true (NEW_ACTIVATION, device, plan, feature, accessory)',
    connections: [10, 50],
    request: async (setup) => ({ method: 'POST', path: '/mobproc/v1/orders?confirm=true', ...(await newActivation(setup)) }),
  },
  {
    // Each submit stores a new order (a new line holds no service, so they never collide).
    name: 'POST /orders (submit, same order)',
    connections: [10, 50],
    request: async (setup) => ({ method: 'POST', path: '/mobproc/v1/orders', ...(await newActivation(setup)) }),
  },
];
