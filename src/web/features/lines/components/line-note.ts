import { orderActionsByServiceStatus } from '../../../../contract/assets.ts';
import type { AcceptServiceItem as ServiceItem } from '../../../../contract/accept.ts';
import type { TransactionType } from '../../../../contract/reference.ts';

/** The line's `orderActions`, or what its status allows when the server sent none (the wizard's confirmation has the last word). */
export const actionsOf = (line: Pick<ServiceItem, 'orderActions' | 'status'>): readonly TransactionType[] =>
  line.orderActions ?? (orderActionsByServiceStatus as Partial<Record<string, readonly TransactionType[]>>)[line.status ?? ''] ?? [];

/**
 * The note under a line that offers no order, or null. No actions may mean an open order, the
 * actor's restrictions or only types this app does not know; the answer does not say which, so
 * the note does not guess.
 */
export function lineNote(line: Pick<ServiceItem, 'orderActions' | 'status'>): string | null {
  if (actionsOf(line).length > 0 || line.status === 'DEACTIVATED') return null;
  return 'Nothing can be ordered for this line right now.';
}
