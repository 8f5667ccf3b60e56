import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { OrderStatus } from '../../contract/index.ts';

/**
 * Order statuses that are not final (§4.6): an order in one of them still holds its service, the
 * spare device it swaps in and the number it brings in. Both schemas build their partial unique
 * indexes on orders from this one list, and the domain's checks read it (decision 17).
 */
export const OPEN_ORDER_STATUSES = ['AWAITING_APPROVAL', 'INFO_REQUESTED', 'ORDER_SUBMITTED', 'IN_PROGRESS', 'SHIPPED'] as const satisfies readonly OrderStatus[];

/** `<status> IN (<open statuses>)`, with the statuses as literals: an index's WHERE takes no parameters. */
export const isOpenOrder = (status: SQLWrapper): SQL => sql`${status} IN (${sql.raw(OPEN_ORDER_STATUSES.map((value) => `'${value}'`).join(', '))})`;
