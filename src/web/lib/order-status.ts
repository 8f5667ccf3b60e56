import type { OrderStatus } from '../../contract/orders.ts';

/** An order's status in words a person understands; `approver` names who it waits for. */
export function orderStatusWords(status: OrderStatus | string, approver?: string | null): string {
  switch (status) {
    case 'AWAITING_APPROVAL':
      return approver ? `Waiting for ${approver} to approve` : 'Waiting for approval';
    case 'INFO_REQUESTED':
      return 'Waiting for an answer to a question';
    case 'ORDER_SUBMITTED':
      return 'Sent to the carrier';
    case 'IN_PROGRESS':
      return 'Being processed by the carrier';
    case 'SHIPPED':
      return 'Shipped';
    case 'COMPLETE':
      return 'Complete';
    case 'REJECTED':
      return 'Rejected';
    case 'CANCELLED':
      return 'Cancelled';
    default:
      return status;
  }
}
