import { useState } from 'react';
import { querySearch } from '../../contract/employees.ts';
import { useDebounced } from './use-debounced.ts';

/**
 * What a search box asks the server for, and why it does not: `search` is the trimmed text
 * `delayMs` after the last key, as long as the contract takes it (`querySearch`: at most 100
 * characters); while it does not, `search` stays the last text it took and `problem` is the
 * contract's own message, for the box's helper text. A search the server would refuse is never
 * sent, so a person sees why under the box at once, not a failed list whose retry fails again.
 */
export function useSearchText(input: string, delayMs = 300): { search: string; problem: string | undefined } {
  const checked = querySearch.safeParse(input);
  const problem = checked.success ? undefined : (checked.error.issues[0]?.message ?? 'This search cannot be sent.');
  const [accepted, setAccepted] = useState(checked.success ? input.trim() : '');
  // Kept from render to render (React's pattern for state that follows a prop), not in an effect.
  if (checked.success && input.trim() !== accepted) setAccepted(input.trim());
  return { search: useDebounced(checked.success ? input.trim() : accepted, delayMs), problem };
}
