import type { MoneyLike } from '../../../lib/format.ts';
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

/** A step form's values as typed (see `Draft.typing`). */
export type TypedValues = { values: unknown; basis: string };

/** The draft with `values` kept as typed on `step`. */
export function withTyping(draft: Draft, step: string, typed: TypedValues): Draft {
  return { ...draft, typing: { ...draft.typing, [step]: typed } };
}

/** The draft without the typed values of `step` (it was just completed). */
export function withoutTyping(draft: Draft, step: string): Draft {
  if (!draft.typing || !(step in draft.typing)) return draft;
  const { [step]: _completed, ...rest } = draft.typing;
  return { ...draft, typing: rest };
}

/** `price` is absent when the server named none (another MOBPROC server may leave it out). */
export type PricedLine = { id: string; name: string; price?: MoneyLike & { recurrence?: string } };

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
  /** The chosen line's number, for a `SERVICE_NUMBER` property the server gives no default for. */
  serviceNumber?: string;
  /** The chosen service's carrier and device access method, which decide later steps. */
  serviceVendorId?: string;
  serviceAccessMethod?: string;
  serviceRegionId?: string;
  /** The plan the chosen line has now, marked in the plan list. */
  servicePlanId?: string;
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
  /**
   * The sensitive properties given (`groupId/fieldId` and label), never their values: those stay in
   * this tab's memory (`secrets.ts`), so the review knows to ask again after a reload.
   */
  sensitiveFields?: { key: string; label: string }[];
  /**
   * This draft's own `externalOrderNumber`, made when the draft is: the app finds the order by it
   * when a submit got no answer (`findPlacedOrder`). Never shown for editing.
   */
  orderReference: string;
  /** The person's own reference, appended to `orderReference` in `externalOrderNumber`. */
  externalOrderNumber?: string;
  acknowledgements?: Record<string, boolean>;
  shipTo?: ShipToEntry;
  /** Steps the person has completed (Continue pressed with valid input). */
  done?: string[];
  /**
   * What the person typed on a step's form and has not confirmed with Continue yet, per step id,
   * so Back, a reload, leaving the wizard or signing in again loses nothing. `basis` names what the
   * values were typed against (a country, a set of property definitions); values typed against
   * another basis are not restored. Cleared for a step when it is completed.
   */
  typing?: Record<string, TypedValues>;
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
  /**
   * Set before a submit is sent and kept until its outcome is known: while it is set the draft
   * cannot be submitted again, only checked (`findPlacedOrder`).
   */
  sending?: { body: string; at: string };
  /**
   * The server accepted the order (a 2xx). `orderId` is absent when its answer could not be read;
   * the draft is closed either way.
   */
  submitted?: { orderId?: string; status?: string; approverName?: string; dateSubmitted?: string; unreadable?: boolean };
};

/** Characters of an order reference: no 0/O or 1/I/L, so a person can read one out. */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** Room left in `externalOrderNumber` (50 characters) for the person's own reference. */
export const PERSONAL_REFERENCE_MAX = 30;

/** A new order reference, `WZ-` and 14 random characters (about 69 bits). */
function newOrderReference(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return `WZ-${Array.from(bytes, (byte) => REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length]).join('')}`;
}

/** The `externalOrderNumber` a draft is submitted with: its own reference, then the person's. */
export function externalOrderNumberFor(draft: Pick<Draft, 'orderReference' | 'externalOrderNumber'>): string {
  const personal = draft.externalOrderNumber?.trim().slice(0, PERSONAL_REFERENCE_MAX);
  return personal ? `${draft.orderReference} ${personal}` : draft.orderReference;
}

export function newDraft(transactionType: TransactionType, now = new Date()): Draft {
  return { version: 1, transactionType, createdAt: now.toISOString(), orderReference: newOrderReference(), display: {} };
}

/** Drafts are kept per signed-in person and per the employee they order for (acting for someone). */
export const draftScope = (sessionScope: string, actorId: string) => `${sessionScope}|${actorId}`;

/** The localStorage key of the draft of `scope`; a `storage` event with it means another tab changed it. */
export const draftStorageKey = (scope: string) => `mobproc.draft.v1:${scope}`;
const keyFor = draftStorageKey;

export function loadDraft(scope: string): Draft | null {
  try {
    const raw = localStorage.getItem(keyFor(scope));
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    if (draft.version !== 1 || typeof draft.transactionType !== 'string') return null;
    if (typeof draft.orderReference !== 'string') {
      // A draft kept from before drafts had references: give it one now, and keep it.
      draft.orderReference = newOrderReference();
      saveDraft(scope, draft);
    }
    return draft;
  } catch {
    return null;
  }
}

export function saveDraft(scope: string, draft: Draft): void {
  localStorage.setItem(keyFor(scope), JSON.stringify(draft));
}

const discardedKeyFor = (scope: string) => `mobproc.draft.discarded.v1:${scope}`;

/** Deletes the draft of `scope`, keeping one copy for `restoreDiscardedDraft` (undo). */
export function discardDraft(scope: string): void {
  const raw = localStorage.getItem(keyFor(scope));
  if (raw) localStorage.setItem(discardedKeyFor(scope), raw);
  localStorage.removeItem(keyFor(scope));
}

/** The draft discarded last in `scope`, while no other draft has taken its place. */
export function discardedDraft(scope: string): Draft | null {
  if (localStorage.getItem(keyFor(scope))) return null;
  try {
    const raw = localStorage.getItem(discardedKeyFor(scope));
    const draft = raw ? (JSON.parse(raw) as Draft) : null;
    return draft && draft.version === 1 && !draft.submitted ? draft : null;
  } catch {
    return null;
  }
}

/** Undoes `discardDraft`: the discarded draft is the draft again. */
export function restoreDiscardedDraft(scope: string): Draft | null {
  const draft = discardedDraft(scope);
  if (draft) saveDraft(scope, draft);
  localStorage.removeItem(discardedKeyFor(scope));
  return draft;
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

/**
 * Marks the stored draft as being sent, unless it already is or was placed — as one step across
 * every tab of this origin: the read and the write happen under a Web Lock named after the
 * draft, so two tabs pressing Submit at once cannot both pass. Answers the marked draft (this tab
 * sends it), or null with the draft as stored when another tab got there first or it is placed.
 * Browsers without Web Locks run the same steps unguarded.
 */
export async function claimForSending(scope: string, draft: Draft, mark: (stored: Draft) => Draft): Promise<{ claimed: Draft } | { stored: Draft }> {
  const run = async () => {
    const stored = loadDraftFresh(draft, scope);
    if (stored.submitted || stored.sending) return { stored };
    const claimed = mark(stored);
    saveDraft(scope, claimed);
    return { claimed };
  };
  const name = `mobproc.submit:${scope}:${draft.orderReference}`;
  return typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request(name, run) : run();
}
