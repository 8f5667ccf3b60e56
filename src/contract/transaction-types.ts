/**
 * The transaction types (MOBPROC §4.1) and the tables that go with them, as plain data without
 * zod: the web app's start page lists the types before any schema has loaded. reference.ts builds
 * the `transactionType` enum from this list, orders.ts re-exports the tables.
 */

/** MOBPROC §4.1: every transaction type, in the contract's spelling. */
export const transactionTypes = [
  'NEW_ACTIVATION',
  'UPGRADE',
  'PORT_NUMBER',
  'ORDER_ACCESSORIES',
  'SUSPEND',
  'UNSUSPEND',
  'DEACTIVATE',
  'UPDATE_FEATURES',
  'SWAP_DEVICES',
  'XFER_SERVICE_OUT',
  'XFER_SERVICE_IN',
  'XFER_SERVICE_IN_AND_PORT',
] as const;

export type TransactionType = (typeof transactionTypes)[number];

/**
 * Per type (§4.1): its category, whether it acts on an existing service (so needs `serviceId`), and
 * its name in a few words a person recognises (the app's lists and menus, and the email about an order).
 * A table keyed by every type, so a new type cannot fall into a default: `tsc` asks for its row.
 */
const typeBasics: Readonly<Record<TransactionType, { category: 'PROCUREMENT' | 'CARE'; onService: boolean; words: string }>> = {
  NEW_ACTIVATION: { category: 'PROCUREMENT', onService: false, words: 'New line' },
  UPGRADE: { category: 'PROCUREMENT', onService: true, words: 'Upgrade' },
  PORT_NUMBER: { category: 'PROCUREMENT', onService: true, words: 'Change carrier' },
  ORDER_ACCESSORIES: { category: 'PROCUREMENT', onService: true, words: 'Accessories' },
  SUSPEND: { category: 'CARE', onService: true, words: 'Suspend line' },
  UNSUSPEND: { category: 'CARE', onService: true, words: 'Reactivate line' },
  DEACTIVATE: { category: 'CARE', onService: true, words: 'Cancel line' },
  UPDATE_FEATURES: { category: 'CARE', onService: true, words: 'Change features' },
  SWAP_DEVICES: { category: 'CARE', onService: true, words: 'Swap device' },
  XFER_SERVICE_OUT: { category: 'CARE', onService: true, words: 'Take line private' },
  XFER_SERVICE_IN: { category: 'CARE', onService: false, words: 'Bring your number' },
  XFER_SERVICE_IN_AND_PORT: { category: 'CARE', onService: false, words: 'Bring your number to another carrier' },
};

export const transactionCategory = (type: TransactionType): 'PROCUREMENT' | 'CARE' => typeBasics[type].category;

/** The type in a few words a person recognises ("Cancel line" for DEACTIVATE). */
export const transactionTypeWords = (type: TransactionType): string => typeBasics[type].words;

/** Types that act on an existing service and so need `serviceId`. */
export const typesOnService: readonly TransactionType[] = transactionTypes.filter((type) => typeBasics[type].onService);

export type MemberRule = 'R' | 'O' | '-';
/** Which members each type takes (§4.2 table): R required, O optional, - refused. Conditional "R if …" are O here; the server checks the condition. */
export const orderMemberRules: Record<
  TransactionType,
  {
    serviceId: MemberRule;
    regionId: MemberRule;
    currentVendorId: MemberRule;
    deviceId: MemberRule;
    planId: MemberRule;
    optionalFeatureIds: MemberRule;
    accessoryIds: MemberRule;
    quantity: MemberRule;
    features: MemberRule;
    existingDevice: MemberRule;
    newDevice: MemberRule;
    shipTo: MemberRule;
  }
> = {
  NEW_ACTIVATION: { serviceId: '-', regionId: 'R', currentVendorId: '-', deviceId: 'O', planId: 'O', optionalFeatureIds: 'O', accessoryIds: 'O', quantity: 'O', features: '-', existingDevice: '-', newDevice: '-', shipTo: 'O' },
  UPGRADE: { serviceId: 'R', regionId: '-', currentVendorId: '-', deviceId: 'O', planId: 'O', optionalFeatureIds: 'O', accessoryIds: 'O', quantity: '-', features: '-', existingDevice: 'R', newDevice: '-', shipTo: 'O' },
  PORT_NUMBER: { serviceId: 'R', regionId: 'R', currentVendorId: '-', deviceId: 'O', planId: 'R', optionalFeatureIds: 'O', accessoryIds: '-', quantity: '-', features: '-', existingDevice: '-', newDevice: '-', shipTo: 'R' },
  ORDER_ACCESSORIES: { serviceId: 'R', regionId: '-', currentVendorId: '-', deviceId: '-', planId: '-', optionalFeatureIds: '-', accessoryIds: 'R', quantity: '-', features: '-', existingDevice: '-', newDevice: '-', shipTo: 'R' },
  SUSPEND: { serviceId: 'R', regionId: '-', currentVendorId: '-', deviceId: '-', planId: '-', optionalFeatureIds: '-', accessoryIds: '-', quantity: '-', features: '-', existingDevice: '-', newDevice: '-', shipTo: '-' },
  UNSUSPEND: { serviceId: 'R', regionId: '-', currentVendorId: '-', deviceId: '-', planId: '-', optionalFeatureIds: '-', accessoryIds: '-', quantity: '-', features: '-', existingDevice: '-', newDevice: '-', shipTo: '-' },
  DEACTIVATE: { serviceId: 'R', regionId: '-', currentVendorId: '-', deviceId: '-', planId: '-', optionalFeatureIds: '-', accessoryIds: '-', quantity: '-', features: '-', existingDevice: '-', newDevice: '-', shipTo: '-' },
  XFER_SERVICE_OUT: { serviceId: 'R', regionId: '-', currentVendorId: '-', deviceId: '-', planId: '-', optionalFeatureIds: '-', accessoryIds: '-', quantity: '-', features: '-', existingDevice: '-', newDevice: '-', shipTo: '-' },
  UPDATE_FEATURES: { serviceId: 'R', regionId: '-', currentVendorId: '-', deviceId: '-', planId: '-', optionalFeatureIds: '-', accessoryIds: '-', quantity: '-', features: 'R', existingDevice: '-', newDevice: '-', shipTo: '-' },
  SWAP_DEVICES: { serviceId: 'R', regionId: '-', currentVendorId: '-', deviceId: '-', planId: '-', optionalFeatureIds: '-', accessoryIds: '-', quantity: '-', features: '-', existingDevice: 'R', newDevice: 'R', shipTo: '-' },
  XFER_SERVICE_IN: { serviceId: '-', regionId: 'R', currentVendorId: 'R', deviceId: 'O', planId: 'R', optionalFeatureIds: 'O', accessoryIds: 'O', quantity: 'O', features: '-', existingDevice: '-', newDevice: '-', shipTo: 'O' },
  XFER_SERVICE_IN_AND_PORT: { serviceId: '-', regionId: 'R', currentVendorId: 'R', deviceId: 'R', planId: 'R', optionalFeatureIds: 'O', accessoryIds: 'O', quantity: 'O', features: '-', existingDevice: '-', newDevice: '-', shipTo: 'R' },
};
