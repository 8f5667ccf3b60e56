import { describe, expect, it } from 'vitest';
import { orderMemberRules } from '../../../../../contract/orders.ts';
import { transactionTypes } from '../../../../../contract/reference.ts';
import { transactionTypeWords } from '../../../../lib/transaction-type-words.ts';
import type { StepId } from '../steps.ts';
import { fixedCarrier, typeModules } from './index.ts';

/** The step that asks for each member the contract's §4.2 table can require. */
const stepOf: Partial<Record<keyof (typeof orderMemberRules)['NEW_ACTIVATION'], StepId>> = {
  serviceId: 'service',
  regionId: 'location',
  currentVendorId: 'carrier',
  deviceId: 'device',
  planId: 'plan',
  accessoryIds: 'accessories',
  features: 'features',
  existingDevice: 'devices',
  newDevice: 'devices',
  shipTo: 'shipping',
};

describe('transaction type modules', () => {
  it('has one module per type of the contract, filed under its own type', () => {
    expect(Object.keys(typeModules).sort()).toEqual([...transactionTypes].sort());
    for (const type of transactionTypes) expect(typeModules[type].type).toBe(type);
  });

  it('asks, in its steps, for every member the contract requires of the type, and for none it refuses', () => {
    for (const type of transactionTypes) {
      const { steps } = typeModules[type];
      for (const [member, rule] of Object.entries(orderMemberRules[type])) {
        const step = stepOf[member as keyof typeof stepOf];
        if (!step) continue;
        if (rule === 'R') expect(steps, `${type} needs ${member}`).toContain(step);
        // `devices` also takes UPGRADE's existing device, `carrier` also a port's new carrier, and
        // shipping stays for what a type ships of its own: only the other steps speak for one member.
        if (rule === '-' && !['devices', 'carrier', 'shipping'].includes(step)) expect(steps, `${type} refuses ${member}`).not.toContain(step);
      }
    }
  });

  it('fixes the device and plan carrier only where the number stays with it or moves to it', () => {
    const fixed = transactionTypes.filter((type) => fixedCarrier({ transactionType: type, carrierId: 'v1' }) === 'v1');
    expect(fixed.sort()).toEqual(['PORT_NUMBER', 'XFER_SERVICE_IN']);
  });

  it('gives the words for lists from the modules, one per type', () => {
    for (const type of transactionTypes) expect(transactionTypeWords[type]).toBe(typeModules[type].words);
  });
});
