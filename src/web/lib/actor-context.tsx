import type { ActorStore, ChosenActor } from './actor.ts';
import { requiredContext, useStoreValue } from './required-context.tsx';

export const [ActorProvider, useActorStore] = requiredContext<ActorStore>('ActorProvider');

/** The person being acted for, or null when the signed-in person acts for themselves. */
export function useChosenActor(): ChosenActor | null {
  return useStoreValue(useActorStore());
}
