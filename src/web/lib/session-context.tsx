import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { SessionStore, StoredSession } from './session.ts';

const SessionContext = createContext<SessionStore | null>(null);

export function SessionProvider({ store, children }: { store: SessionStore; children: ReactNode }) {
  return <SessionContext.Provider value={store}>{children}</SessionContext.Provider>;
}

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore must be used inside <SessionProvider>.');
  return store;
}

/** The current session (re-renders on sign-in, refresh and sign-out, in this tab or another). */
export function useSession(): StoredSession | null {
  const store = useSessionStore();
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/** A per-person key for things stored in this browser (drafts), so two people never see each other's. */
export function sessionScope(session: Pick<StoredSession, 'tenant' | 'username'>): string {
  return `${session.tenant.toUpperCase()}/${session.username.toLowerCase()}`;
}
