import type { SessionStore, StoredSession } from './session.ts';
import { requiredContext, useStoreValue } from './required-context.tsx';

export const [SessionProvider, useSessionStore] = requiredContext<SessionStore>('SessionProvider');

/** The current session (re-renders on sign-in, refresh and sign-out, in this tab or another). */
export function useSession(): StoredSession | null {
  return useStoreValue(useSessionStore());
}

/** A per-person key for things stored in this browser (drafts), so two people never see each other's. */
export function sessionScope(session: Pick<StoredSession, 'tenant' | 'username'>): string {
  return `${session.tenant.toUpperCase()}/${session.username.toLowerCase()}`;
}
