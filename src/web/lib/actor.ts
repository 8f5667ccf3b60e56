/**
 * Whom the signed-in person is acting for (MOBPROC's `X-TNGO-CONTEXT-EMPLOYEEID`), or nobody.
 *
 * Kept per signed-in person in localStorage, so a reload keeps the choice and two people sharing
 * a browser never inherit each other's. Other tabs hear of a change through the storage event.
 */
export type ChosenActor = { id: string; firstName: string; lastName: string; companyEmployeeId?: string };
export type ActorListener = (actor: ChosenActor | null) => void;

const PREFIX = 'mobproc.actor.v1:';

function parse(raw: string | null): ChosenActor | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<ChosenActor>;
    if (typeof value.id !== 'string' || typeof value.firstName !== 'string' || typeof value.lastName !== 'string') return null;
    return { id: value.id, firstName: value.firstName, lastName: value.lastName, companyEmployeeId: value.companyEmployeeId };
  } catch {
    return null;
  }
}

/**
 * `getScope` names the signed-in person (`ACME/alice.nguyen`), or null when nobody is;
 * `watchScope` tells the store when that may have changed (sign-in, sign-out).
 */
export function createActorStore(getScope: () => string | null, watchScope?: (onChange: () => void) => void) {
  const listeners = new Set<ActorListener>();
  // useSyncExternalStore needs the same object back while nothing changed.
  let cached: { key: string | null; raw: string | null; actor: ChosenActor | null } = { key: null, raw: null, actor: null };

  function read(): ChosenActor | null {
    const scope = getScope();
    const key = scope ? PREFIX + scope : null;
    const raw = key ? localStorage.getItem(key) : null;
    if (cached.key !== key || cached.raw !== raw) cached = { key, raw, actor: parse(raw) };
    return cached.actor;
  }

  function emit() {
    const actor = read();
    for (const listener of listeners) listener(actor);
  }

  watchScope?.(emit);
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key === null || event.key.startsWith(PREFIX)) emit();
    });
  }

  return {
    get: read,
    set(actor: ChosenActor | null) {
      const scope = getScope();
      if (!scope) return;
      if (actor) localStorage.setItem(PREFIX + scope, JSON.stringify(actor));
      else localStorage.removeItem(PREFIX + scope);
      emit();
    },
    subscribe(listener: ActorListener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

export type ActorStore = ReturnType<typeof createActorStore>;
