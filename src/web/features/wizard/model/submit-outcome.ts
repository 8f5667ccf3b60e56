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
