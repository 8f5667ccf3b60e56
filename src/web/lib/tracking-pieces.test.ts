import { beforeEach, describe, expect, it } from 'vitest';
import type { OrderSegment } from '../../contract/orders.ts';
import { createActorStore } from './actor.ts';
import { withStoredConnection } from './connection.ts';
import { totalsFromSegments } from './order-totals.ts';

const usd = (amount: number, recurrence: 'ONETIME' | 'MONTHLY') => ({ amount, currencyCode: 'USD', recurrence });
const named = { id: '1', name: 'Summit Wireless' };

function segment(parts: Partial<OrderSegment>): OrderSegment {
  return { orderSegmentId: '1', status: 'COMPLETE', vendor: named, accessories: [], features: [], _meta: { href: 'x' }, ...parts };
}

describe('order totals from segments', () => {
  it('adds device, options and accessories once, plan and added features monthly, in cents', () => {
    const device = {
      id: '7',
      name: 'Pixel 9',
      manufacturer: { id: '1', name: 'Google' },
      vendor: named,
      price: usd(799.99, 'ONETIME'),
      accessMethod: 'GSM' as const,
      deviceFeatureOptions: [{ featureId: 'storage', featureLabel: 'Storage', id: '2', label: '256 GB', price: usd(100.1, 'ONETIME') }],
    };
    const line = segment({
      device,
      plan: { name: 'Unlimited', price: usd(35.1, 'MONTHLY'), optionalFeatures: [{ id: '3', description: 'Hotspot', price: usd(10.2, 'MONTHLY') }] },
      accessories: [{ id: '4', name: 'Case', manufacturer: { id: '1', name: 'Google' }, vendor: named, price: usd(0.2, 'ONETIME') }],
      features: [
        { id: '5', description: 'Roaming', action: 'ADD', price: usd(5, 'MONTHLY') },
        { id: '6', description: 'Voicemail', action: 'REMOVE', price: usd(3, 'MONTHLY') },
      ],
    });
    // Two identical lines: the order has two segments.
    const totals = totalsFromSegments([line, { ...line, orderSegmentId: '2' }]);
    expect(totals.oneTime).toEqual([{ currencyCode: 'USD', amount: 1800.58 }]);
    expect(totals.monthly).toEqual([{ currencyCode: 'USD', amount: 100.6 }]);
  });

  it('has nothing to sum for a care order', () => {
    expect(totalsFromSegments([segment({})])).toEqual({ oneTime: [], monthly: [] });
  });
});

describe('the chosen actor', () => {
  beforeEach(() => localStorage.clear());

  it('is kept per signed-in person and survives a new store (a reload)', () => {
    let scope: string | null = 'ACME/alice.nguyen';
    const store = createActorStore(() => scope);
    store.set({ id: '1002', firstName: 'Barbara', lastName: 'Andrews' });
    expect(createActorStore(() => scope).get()?.id).toBe('1002');
    scope = 'ACME/peter.edwards';
    expect(store.get()).toBeNull();
    scope = null;
    expect(store.get()).toBeNull();
  });

  it('returns the same object while nothing changed, and tells listeners when it does', () => {
    const store = createActorStore(() => 'ACME/alice.nguyen');
    store.set({ id: '1002', firstName: 'Barbara', lastName: 'Andrews' });
    expect(store.get()).toBe(store.get());
    const heard: (string | null)[] = [];
    store.subscribe((actor) => heard.push(actor?.id ?? null));
    store.set(null);
    expect(heard).toEqual([null]);
  });

  it('ignores what is not a person', () => {
    localStorage.setItem('mobproc.actor.v1:ACME/alice.nguyen', '{"id":5}');
    expect(createActorStore(() => 'ACME/alice.nguyen').get()).toBeNull();
  });
});

describe('the stored connection', () => {
  const config = { baseUrl: '', tokenUrl: '/oauth/token', clientId: 'mobproc-web', tenant: 'ACME', embeddedServer: true, demoLogins: [{ username: 'peter.edwards', description: 'x' }] };
  it('lays itself over the server defaults and hides the embedded server’s demo logins', () => {
    const stored = { baseUrl: 'https://mobproc.example.com', tokenUrl: 'https://login.example.com/token', clientId: 'web', tenant: 'GLOBEX' };
    expect(withStoredConnection(config, stored)).toEqual({ ...stored, embeddedServer: false, demoLogins: [] });
  });
  it('changes nothing when none is stored or it equals the defaults', () => {
    expect(withStoredConnection(config, null)).toBe(config);
    expect(withStoredConnection(config, { baseUrl: '', tokenUrl: '/oauth/token', clientId: 'mobproc-web', tenant: 'ACME' })).toBe(config);
  });
});
