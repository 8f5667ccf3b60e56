import type { TransactionType } from '../../contract/reference.ts';

/** Each transaction type in a few words a person recognises, for lists, menus and filters. */
export const transactionTypeWords: Record<TransactionType, string> = {
  NEW_ACTIVATION: 'New line',
  UPGRADE: 'Upgrade',
  PORT_NUMBER: 'Change carrier',
  ORDER_ACCESSORIES: 'Accessories',
  SUSPEND: 'Suspend line',
  UNSUSPEND: 'Reactivate line',
  DEACTIVATE: 'Cancel line',
  UPDATE_FEATURES: 'Change features',
  SWAP_DEVICES: 'Swap device',
  XFER_SERVICE_OUT: 'Take line private',
  XFER_SERVICE_IN: 'Bring your number',
  XFER_SERVICE_IN_AND_PORT: 'Bring your number to another carrier',
};

export function typeWords(type: string): string {
  return (transactionTypeWords as Record<string, string>)[type] ?? type;
}
