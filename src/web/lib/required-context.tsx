import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';

/**
 * A context the app always provides (in `app/providers.tsx`): its provider, and a hook that
 * throws, naming the provider, when a component is rendered outside it — a mistake in the
 * component tree, never a state to handle.
 */
export function requiredContext<T>(providerName: string) {
  const Context = createContext<T | null>(null);
  function Provider({ value, children }: { value: T; children: ReactNode }) {
    return <Context.Provider value={value}>{children}</Context.Provider>;
  }
  Provider.displayName = providerName;
  function useRequired(): T {
    const value = useContext(Context);
    if (value === null) throw new Error(`Used outside <${providerName}>.`);
    return value;
  }
  return [Provider, useRequired] as const;
}

/** A store that tells its subscribers when its value changes (the session, the chosen actor). */
export type Store<V> = { get: () => V; subscribe: (onChange: () => void) => () => void };

/** The store's current value; re-renders when it changes. */
export function useStoreValue<V>(store: Store<V>): V {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}
