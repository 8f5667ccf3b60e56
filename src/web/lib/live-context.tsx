import type { LiveEvents } from './live-events.ts';
import { requiredContext, useStoreValue } from './required-context.tsx';

export const [LiveEventsProvider, useLiveEvents] = requiredContext<LiveEvents>('LiveEventsProvider');

/**
 * How often a screen polls while events arrive: a safety net for an event lost in a way nobody
 * noticed (a proxy that swallowed it), not the way news reaches the screen.
 */
export const LIVE_SAFETY_NET_MS = 5 * 60_000;

/** Whether this browser has the server's event stream open now (then screens need not poll). */
export function useLive(): boolean {
  return useStoreValue(useLiveEvents());
}

/** `pollMs` while there is no event stream; the rare safety net while there is. */
export function usePollInterval(pollMs: number): number {
  return useLive() ? Math.max(pollMs, LIVE_SAFETY_NET_MS) : pollMs;
}
