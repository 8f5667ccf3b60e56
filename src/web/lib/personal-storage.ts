/**
 * Forgets what this browser keeps for one signed-in person (`sessionScope`, e.g. `ACME/alice.nguyen`):
 * their drafts, a discarded draft kept for undo, and whom they act for — every `mobproc.*` key
 * stored under that scope. For sign-out on a shared computer; the connection settings belong to
 * the browser and stay.
 */
export function forgetPersonalStorage(scope: string): void {
  const ofPerson = (key: string) => {
    if (!key.startsWith('mobproc.')) return false;
    const rest = key.slice(key.indexOf(':') + 1);
    // A draft's scope goes on with the actor (`ACME/alice.nguyen|1001`); the actor's key ends with the person.
    return rest === scope || rest.startsWith(`${scope}|`);
  };
  const keys = Array.from({ length: localStorage.length }, (_, index) => localStorage.key(index)).filter((key): key is string => key !== null && ofPerson(key));
  for (const key of keys) localStorage.removeItem(key);
}
