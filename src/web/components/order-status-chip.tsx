import Chip, { type ChipProps } from '@mui/material/Chip';
import type { OrderStatus } from '../../contract/orders.ts';
import { orderStatusWords } from '../lib/order-status.ts';

const colours: Record<OrderStatus, ChipProps['color']> = {
  AWAITING_APPROVAL: 'warning',
  ORDER_SUBMITTED: 'info',
  IN_PROGRESS: 'info',
  SHIPPED: 'primary',
  COMPLETE: 'success',
  REJECTED: 'error',
  CANCELLED: 'default',
};

/** An order's status as a chip; the words carry the meaning, the colour only helps. */
export function OrderStatusChip({ status, approver, size = 'small' }: { status: OrderStatus; approver?: string | null; size?: ChipProps['size'] }) {
  return <Chip size={size} label={orderStatusWords(status, approver)} color={colours[status]} variant={status === 'CANCELLED' ? 'outlined' : 'filled'} />;
}
