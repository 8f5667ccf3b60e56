import type { Money } from '../../../../contract/common.ts';
import type { TransactionType } from '../../../../contract/reference.ts';

/** A serial number and device as a person types them (validated with the contract's rules). */
export type DeviceEntry = {
  manufacturerId: string;
  modelId: string;
  otherMakeModelName: string;
  serialType: string;
  serialValue: string;
  simId: string;
  /** The spare device asset the new device was picked from (SWAP_DEVICES), if any. */
  assetId?: string;
};

/** Property values in the contract's shape, one entry per defined field in definition order. */
export type PropertyGroupValues = {
  groupId: string;
  fields: { id: string; type: 'TEXT' | 'DATE' | 'CHOICE'; text?: string; date?: string; choice?: { id: string; otherText?: string } }[];
}[];

/** The address holds every component of the region's format, in its order (empty when not given). */
export type ShipToEntry = { name: string; regionId: string; address: { id: string; value: string }[]; expedite: boolean };

export type PricedLine = { id: string; name: string; price: Money };

/**
 * Everything a person chose so far, for one order. Stored per person in localStorage, so a reload
 * or a closed tab keeps it. `display` caches names and prices for the summary panel, so it can be
 * drawn without asking the server again.
 */
export type Draft = {
  version: 1;
  transactionType: TransactionType;
  createdAt: string;
  serviceId?: string;
  /** The chosen service's carrier and device access method, which decide later steps. */
  serviceVendorId?: string;
  serviceAccessMethod?: string;
  serviceRegionId?: string;
  /** PORT_NUMBER: the carrier to move to; XFER_SERVICE_IN types: the personal number's carrier. */
  carrierId?: string;
  carrierAccessMethod?: string;
  regionId?: string;
  postalCode?: string;
  deviceId?: string;
  deviceVendorId?: string;
  deviceFeatureOptionIds?: string[];
  quantity?: number;
  /** True once the person chose to go on without a new device (types where it is optional). */
  noDevice?: boolean;
  planId?: string;
  planVendorId?: string;
  optionalFeatureIds?: string[];
  noPlan?: boolean;
  accessoryIds?: string[];
  features?: { id: string; action: 'ADD' | 'REMOVE' }[];
  featureRequestComment?: string;
  existingDevice?: DeviceEntry;
  newDevice?: DeviceEntry;
  properties?: PropertyGroupValues;
  /** The property definitions' identity the values belong to, so a change of carrier resets them. */
  propertiesKey?: string;
  externalOrderNumber?: string;
  acknowledgements?: Record<string, boolean>;
  shipTo?: ShipToEntry;
  /** Steps the person has completed (Continue pressed with valid input). */
  done?: string[];
  display: {
    service?: string;
    carrier?: string;
    region?: string;
    device?: PricedLine & { options: PricedLine[] };
    plan?: PricedLine & { optionalFeatures: PricedLine[] };
    accessories?: PricedLine[];
    features?: (PricedLine & { action: 'ADD' | 'REMOVE' })[];
  };
  /** Kept with the draft so a double click, a retry or a reload never orders twice (§4.5). */
  idempotency?: { key: string; body: string };
  submitted?: { orderId: string; status: string; approverName?: string; dateSubmitted?: string };
};

export function newDraft(transactionType: TransactionType, now = new Date()): Draft {
  return { version: 1, transactionType, createdAt: now.toISOString(), display: {} };
}

/** Drafts are kept per signed-in person and per the employee they order for (acting for someone). */
export const draftScope = (sessionScope: string, actorId: string) => `${sessionScope}|${actorId}`;

const keyFor = (scope: string) => `mobproc.draft.v1:${scope}`;

export function loadDraft(scope: string): Draft | null {
  try {
    const raw = localStorage.getItem(keyFor(scope));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    return draft.version === 1 && typeof draft.transactionType === 'string' ? draft : null;
  } catch {
    return null;
  }
}

export function saveDraft(scope: string, draft: Draft): void {
  localStorage.setItem(keyFor(scope), JSON.stringify(draft));
}

export function discardDraft(scope: string): void {
  localStorage.removeItem(keyFor(scope));
}

/** A fresh idempotency key unless the body is the one the stored key was made for. */
export function idempotencyFor(draft: Draft, body: string): { key: string; body: string } {
  if (draft.idempotency && draft.idempotency.body === body) return draft.idempotency;
  return { key: crypto.randomUUID(), body };
}

/**
 * The draft as stored, if it is still this order: another click or tab may have stored an
 * idempotency key since this render.
 */
export function loadDraftFresh(draft: Draft, scope?: string): Draft {
  if (!scope) return draft;
  const stored = loadDraft(scope);
  return stored && stored.createdAt === draft.createdAt ? stored : draft;
}
