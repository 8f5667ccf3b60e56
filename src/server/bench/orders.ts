import { transactionType, type OrderRequest } from '../../contract/index.ts';
import { demoIds } from '../storage/seed/ids.ts';
import { largeIds, largeTemplateRequest } from '../storage/seed/large.ts';
import type { BenchSetup, Scenario } from './scenarios.ts';

/** Peter's new line with a device, a plan, an optional feature and an accessory: the heaviest confirm. */
export const peterNewLine: OrderRequest = {
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
} as OrderRequest;

async function order({ signIn }: BenchSetup, username: string, tenant: string | undefined, request: OrderRequest) {
  const headers = { ...(await signIn(username, tenant)), 'content-type': 'application/json' };
  return { headers, body: JSON.stringify({ orderRequest: request }) };
}

const CONFIRM = 'POST /orders?confirm=true (NEW_ACTIVATION, device, plan, feature, accessory)';

/** Confirm and submit of the same order (issue 4), and the confirm again in the large tenant. */
export const orderScenarios: Scenario[] = [
  {
    name: CONFIRM,
    connections: [10],
    request: async (setup) => ({ method: 'POST', path: '/mobproc/v1/orders?confirm=true', ...(await order(setup, 'peter.edwards', undefined, peterNewLine)) }),
  },
  {
    name: 'POST /orders?confirm=true at 100k (same order, employee.large)',
    connections: [10],
    atScaleOf: CONFIRM,
    request: async (setup) => ({
      method: 'POST',
      path: '/mobproc/v1/orders?confirm=true',
      ...(await order(setup, largeIds.logins.employee, largeIds.code, largeTemplateRequest())),
    }),
  },
  {
    // Each submit stores a new order (a new line holds no service, so they never collide).
    name: 'POST /orders (submit, same order)',
    connections: [10],
    request: async (setup) => ({ method: 'POST', path: '/mobproc/v1/orders', ...(await order(setup, 'peter.edwards', undefined, peterNewLine)) }),
  },
];
