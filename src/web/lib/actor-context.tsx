import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ActorStore, ChosenActor } from './actor.ts';

const ActorContext = createContext<ActorStore | null>(null);

export function ActorProvider({ store, children }: { store: ActorStore; children: ReactNode }) {
  return <ActorContext.Provider value={store}>{children}</ActorContext.Provider>;
}

export function useActorStore(): ActorStore {
  const store = useContext(ActorContext);
  if (!store) throw new Error('useActorStore must be used inside <ActorProvider>.');
  return store;
}

/** The person being acted for, or null when the signed-in person acts for themselves. */
export function useChosenActor(): ChosenActor | null {
  const store = useActorStore();
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
