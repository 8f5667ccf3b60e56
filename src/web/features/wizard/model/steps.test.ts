import { describe, expect, it } from 'vitest';
import { orderMemberProblems } from '../../../../contract/orders.ts';
import { transactionTypes, transactionType } from '../../../../contract/reference.ts';
import { newDraft, type Draft } from './draft.ts';
import { buildOrderRequest, fieldKey } from './request.ts';
import { canOpen, firstOpenStep, knownStepCount, markDone, nextStep, stepOwningField, stepsFor, transactionTypeInfo } from './steps.ts';

const draft = (patch: Partial<Draft>): Draft => ({ ...newDraft(transactionType.enum.NEW_ACTIVATION, new Date('2026-11-26T00:00:00Z')), ...patch });

describe('steps as data', () => {
  it('gives every transaction type a path that ends in review and done', () => {
    for (const type of transactionTypes) {
      const steps = transactionTypeInfo[type].steps;
      expect(steps.slice(-2), type).toEqual(['review', 'done']);
      expect(new Set(steps).size, type).toBe(steps.length);
    }
  });

  it('skips shipping when nothing ships and asks for it once a device is in the cart', () => {
    expect(stepsFor(draft({ planId: 'p' }))).not.toContain('shipping');
    expect(stepsFor(draft({ deviceId: 'd' }))).toContain('shipping');
  });

  it('asks a port for a device only when the line’s phone cannot work on the new carrier', () => {
    const port = { ...draft({}), transactionType: transactionType.enum.PORT_NUMBER, serviceAccessMethod: 'GSM' };
    expect(stepsFor({ ...port, carrierAccessMethod: 'GSM' })).not.toContain('device');
    expect(stepsFor({ ...port, carrierAccessMethod: 'CDMA' })).toContain('device');
  });

  it('states the number of steps only once no answer to come can change it', () => {
    // A new line ships something only with a device or accessories: unknown until those are answered.
    let current = draft({});
    expect(knownStepCount(current)).toBeNull();
    current = markDone(markDone(current, 'location', true), 'device', true);
    expect(knownStepCount({ ...current, deviceId: 'd' })).toBeNull();
    const answered = markDone(markDone(markDone({ ...current, deviceId: 'd' }, 'plan', true), 'accessories', true), 'details', true);
    expect(knownStepCount(answered)).toBe(7);
    // A type whose steps are all fixed says so from its first step.
    expect(knownStepCount({ ...draft({}), transactionType: transactionType.enum.SUSPEND })).toBe(3);
  });

  it('opens a step only after the ones before it, and an edit sends the person through what depends on it', () => {
    let current = draft({ deviceId: 'd' });
    expect(firstOpenStep(current)).toBe('location');
    expect(canOpen(current, 'plan')).toBe(false);
    current = markDone(markDone(markDone(current, 'location', true), 'device', true), 'plan', true);
    expect(canOpen(current, 'accessories')).toBe(true);
    // Back to the device: a changed device makes the plan stale, an unchanged one does not.
    expect(nextStep(markDone(current, 'device', false), 'device')).toBe('accessories');
    expect(nextStep(markDone(current, 'device', true), 'device')).toBe('plan');
  });

  it('finds the step that owns a server error’s field', () => {
    const steps = stepsFor(draft({ deviceId: 'd' }));
    expect(stepOwningField('orderRequest.postalCode', steps)).toBe('location');
    expect(stepOwningField('orderRequest.shipTo.address.2.value', steps)).toBe('shipping');
    expect(stepOwningField('orderRequest.properties.0.fields.1.text', steps)).toBe('details');
    expect(stepOwningField('orderRequest.serviceId', steps)).toBeNull();
    expect(stepOwningField(undefined, steps)).toBeNull();
  });
});

describe('the order request', () => {
  it('holds only the members the type takes, so the contract’s member table finds nothing to refuse', () => {
    const suspend = {
      ...draft({}),
      transactionType: transactionType.enum.SUSPEND,
      serviceId: '7',
      deviceId: 'left-over',
      regionId: '1',
      properties: [{ groupId: 'G', fields: [{ id: 'D', type: 'DATE' as const, date: '2026-12-22' }] }],
      done: ['service', 'details'],
      orderReference: 'WZ-ABCDEFGHJKMNPQ',
      externalOrderNumber: ' PO-1182 ',
    };
    const body = buildOrderRequest(suspend);
    expect(body.orderRequest).toEqual({
      transactionType: transactionType.enum.SUSPEND,
      serviceId: '7',
      // The draft's own reference always, the person's after it.
      externalOrderNumber: 'WZ-ABCDEFGHJKMNPQ PO-1182',
      properties: [{ groupId: 'G', fields: [{ id: 'D', type: 'DATE', date: '2026-12-22T00:00:00Z' }] }],
    });
    expect(orderMemberProblems(body.orderRequest)).toEqual([]);
  });

  it('gives every draft its own order reference', () => {
    const a = newDraft(transactionType.enum.SUSPEND);
    const b = newDraft(transactionType.enum.SUSPEND);
    expect(a.orderReference).toMatch(/^WZ-[2-9A-HJKMNP-Z]{14}$/);
    expect(a.orderReference).not.toBe(b.orderReference);
    expect(buildOrderRequest(a).orderRequest.externalOrderNumber).toBe(a.orderReference);
  });

  it('sends a new line’s cart, quantity and address lines, and maps server errors back to inputs', () => {
    const body = buildOrderRequest(
      draft({
        regionId: '1',
        postalCode: '98101',
        deviceId: 'd1',
        deviceFeatureOptionIds: ['colour-blue'],
        quantity: 3,
        planId: 'p1',
        optionalFeatureIds: ['f1'],
        shipTo: { name: 'Taylor', regionId: '1', expedite: false, address: [{ id: 'LINE_1', value: ' 1 Main St ' }, { id: 'LINE_2', value: '' }, { id: 'CITY', value: 'Seattle' }] },
        properties: [{ groupId: 'CONTACT', fields: [{ id: 'A', type: 'TEXT', text: '' }, { id: 'B', type: 'TEXT', text: 'x' }] }],
      }),
    );
    // deviceFeatureOptionIds is an extension, and no server announced it here.
    expect(body.orderRequest.shoppingCart).not.toHaveProperty('deviceFeatureOptionIds');
    expect(buildOrderRequest(draft({ deviceId: 'd1', deviceFeatureOptionIds: ['colour-blue'] }), new Set(['device-feature-options'])).orderRequest.shoppingCart).toMatchObject({
      deviceFeatureOptionIds: ['colour-blue'],
    });
    expect(body.orderRequest).toMatchObject({
      regionId: '1',
      postalCode: '98101',
      shoppingCart: { deviceId: 'd1', quantity: 3, planId: 'p1', optionalFeatureIds: ['f1'] },
      shipTo: { address: [{ id: 'LINE_1', value: '1 Main St' }, { id: 'CITY', value: 'Seattle' }] },
    });
    expect(orderMemberProblems(body.orderRequest)).toEqual([]);
    // The empty LINE_2 was dropped, so index 1 of the request is CITY.
    expect(fieldKey('orderRequest.shipTo.address.1.value', body)).toBe('shipTo.address/CITY');
    expect(fieldKey('orderRequest.properties.0.fields.1.text', body)).toBe('properties/CONTACT/B');
    expect(fieldKey('orderRequest.shoppingCart.deviceId', body)).toBe('shoppingCart.deviceId');
  });
});
