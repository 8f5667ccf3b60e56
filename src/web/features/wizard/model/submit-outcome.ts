import { MobprocError } from '../../../lib/api-client.ts';

/**
 * What became of a `POST /orders` (MOBPROC §1: a 2xx is an order, whatever its body says).
 * - `placed`: a 2xx whose answer names the order;
 * - `placed-unreadable`: a 2xx whose answer could not be read — the order exists all the same;
 * - `refused`: the server answered that it did not take the order (4xx), with its reasons;
 * - `unknown`: no answer arrived, or a 5xx (a proxy or a crash may come after the order was
 *   stored) — the app must look for the order before anything else, never submit again blindly.
 */
export type SubmitOutcome =
  | { kind: 'placed'; orderId: string; status?: string; dateSubmitted?: string; approverName?: string }
  | { kind: 'placed-unreadable'; httpStatus: number }
  | { kind: 'refused'; error: MobprocError }
  | { kind: 'unknown'; error: unknown };

/** The outcome of a submit that threw: `error` is what the API client raised. */
export function outcomeOfFailure(error: unknown): SubmitOutcome {
  if (error instanceof MobprocError) {
    if (error.status >= 200 && error.status < 300) return { kind: 'placed-unreadable', httpStatus: error.status };
    if (error.status >= 400 && error.status < 500) return { kind: 'refused', error };
  }
  return { kind: 'unknown', error };
}

/** An order found among the account holder's orders by its `externalOrderNumber`. */
export type FoundOrder = { orderId: string; status?: string; dateSubmitted?: string; externalOrderNumber?: string | null };

/**
 * The order this draft placed, if `orders` (the account holder's recent orders) holds it: the one
 * whose `externalOrderNumber` starts with the draft's own reference (a server may trim or cut
 * what follows it). References are random, so no other order starts with it.
 */
export function findByReference<T extends FoundOrder>(orders: readonly T[], reference: string): T | null {
  return orders.find((order) => typeof order.externalOrderNumber === 'string' && order.externalOrderNumber.trim().startsWith(reference)) ?? null;
}

/**
 * How long after a submit was sent the app keeps looking for its order before it lets the person
 * send it again. A server may store a slow submit many seconds after the page stopped waiting for
 * it (a reload, a timeout), so one empty look-up right after sending proves nothing.
 */
export const LOOKUP_WINDOW_MS = 60_000;
/** The longest pause between two look-ups within the window. */
const LOOKUP_MAX_PAUSE_MS = 15_000;

/**
 * Milliseconds to wait before look-up number `attempt` (0 is the first, asked at once) for an
 * order sent at `sentAt` (epoch ms), at `now` (epoch ms): pauses double from 1 s up to 15 s, and
 * the last look-up falls at the end of the window. Null once the window is over: nothing more to
 * wait for.
 */
export function nextLookupDelay(sentAt: number, now: number, attempt: number, windowMs = LOOKUP_WINDOW_MS): number | null {
  if (attempt === 0) return 0;
  const end = sentAt + windowMs;
  if (!(now < end)) return null;
  return Math.min(1000 * 2 ** (attempt - 1), LOOKUP_MAX_PAUSE_MS, end - now);
}

/** What looking for a sent order came to. */
type LookupResult = { kind: 'found'; order: FoundOrder } | { kind: 'not-found' } | { kind: 'failed' };

/**
 * Looks for the order sent at `sentAt` (epoch ms) on the `nextLookupDelay` schedule until it is
 * found or the window is over (`not-found`). A look-up that fails stops the search (`failed`):
 * nobody can tell yet, and the person decides when to ask again. Null once `stopped()` says
 * its page was left.
 */
export async function lookUntilFound({
  sentAt,
  lookup,
  sleep,
  now = Date.now,
  stopped = () => false,
}: {
  sentAt: number;
  lookup: () => Promise<FoundOrder | null>;
  sleep: (ms: number) => Promise<void>;
  now?: () => number;
  stopped?: () => boolean;
}): Promise<LookupResult | null> {
  for (let attempt = 0; ; attempt += 1) {
    const delay = nextLookupDelay(sentAt, now(), attempt);
    if (delay === null) return { kind: 'not-found' };
    if (delay > 0) await sleep(delay);
    if (stopped()) return null;
    let order: FoundOrder | null;
    try {
      order = await lookup();
    } catch {
      return { kind: 'failed' };
    }
    if (stopped()) return null;
    if (order) return { kind: 'found', order };
  }
}

/**
 * A submit the server refused (4xx), for a draft that was sent before: the earlier send may have
 * placed the order after all (a server refuses a second order for the same line), so it is looked
 * up before the refusal is believed. A look-up that fails leaves the refusal as the answer.
 */
export async function settleRefusal(sentBefore: boolean, lookup: () => Promise<FoundOrder | null>): Promise<{ kind: 'found'; order: FoundOrder } | { kind: 'refused' }> {
  if (!sentBefore) return { kind: 'refused' };
  try {
    const order = await lookup();
    return order ? { kind: 'found', order } : { kind: 'refused' };
  } catch {
    return { kind: 'refused' };
  }
}
