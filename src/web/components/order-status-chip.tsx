import Chip, { type ChipProps } from '@mui/material/Chip';
import type { OrderStatus } from '../../contract/orders.ts';
import { orderStatusWords } from '../lib/order-status.ts';

/**
 * Chip colours with AA contrast (MUI's own warning and info chips put white on orange or light
 * blue, which fails it). The words carry the meaning; the colour only helps.
 */
export const tones = {
  waiting: { bgcolor: '#fff4e5', color: '#663c00', border: '1px solid #b26a00' },
  moving: { bgcolor: '#e5f3fb', color: '#014361', border: '1px solid #0277bd' },
  shipped: { bgcolor: '#e8eaf6', color: '#1a237e', border: '1px solid #3949ab' },
  done: { bgcolor: '#2e7d32', color: '#ffffff' },
  refused: { bgcolor: '#fdecea', color: '#8b1a1a', border: '1px solid #c62828' },
  ended: { bgcolor: 'transparent', color: '#4a5560', border: '1px solid #6b7680' },
} as const;

const statusTones: Record<OrderStatus, keyof typeof tones> & Record<string, keyof typeof tones | undefined> = {
  AWAITING_APPROVAL: 'waiting',
  ORDER_SUBMITTED: 'moving',
  IN_PROGRESS: 'moving',
  SHIPPED: 'shipped',
  COMPLETE: 'done',
  REJECTED: 'refused',
  CANCELLED: 'ended',
  INFO_REQUESTED: 'waiting',
};

/** A status this app does not know (another server's) is shown as spelt, in the neutral tone. */
export function OrderStatusChip({ status, approver, size = 'small' }: { status: OrderStatus | (string & {}); approver?: string | null; size?: ChipProps['size'] }) {
  return <Chip size={size} label={orderStatusWords(status, approver)} sx={{ ...tones[statusTones[status] ?? 'moving'], fontWeight: 500 }} />;
}
