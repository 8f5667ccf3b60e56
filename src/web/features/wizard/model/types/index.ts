import type { TransactionType } from '../../../../../contract/reference.ts';
import type { Draft } from '../draft.ts';
import { deactivate } from './deactivate.ts';
import { newActivation } from './new-activation.ts';
import { orderAccessories } from './order-accessories.ts';
import { portNumber } from './port-number.ts';
import { suspend } from './suspend.ts';
import { swapDevices } from './swap-devices.ts';
import type { TypeModule } from './type-module.ts';
import { unsuspend } from './unsuspend.ts';
import { updateFeatures } from './update-features.ts';
import { upgrade } from './upgrade.ts';
import { xferServiceIn } from './xfer-service-in.ts';
import { xferServiceInAndPort } from './xfer-service-in-and-port.ts';
import { xferServiceOut } from './xfer-service-out.ts';

export type { CarrierRole, TypeModule } from './type-module.ts';

/**
 * Every transaction type's module, one file each. A new type in the contract's enum fails to
 * compile here until it has its module.
 */
export const typeModules: Record<TransactionType, TypeModule> = {
  NEW_ACTIVATION: newActivation,
  UPGRADE: upgrade,
  PORT_NUMBER: portNumber,
  ORDER_ACCESSORIES: orderAccessories,
  SUSPEND: suspend,
  UNSUSPEND: unsuspend,
  DEACTIVATE: deactivate,
  UPDATE_FEATURES: updateFeatures,
  SWAP_DEVICES: swapDevices,
  XFER_SERVICE_OUT: xferServiceOut,
  XFER_SERVICE_IN: xferServiceIn,
  XFER_SERVICE_IN_AND_PORT: xferServiceInAndPort,
};

/** The module of a draft's type. */
export const typeModule = (type: TransactionType): TypeModule => typeModules[type];

/**
 * The carrier a draft's device and plan must come from, if its type fixes one: a port's new
 * carrier, or the carrier a personal number stays on.
 */
export function fixedCarrier(draft: Pick<Draft, 'transactionType' | 'carrierId'>): string | undefined {
  const role = typeModules[draft.transactionType].carrier;
  return role === 'moves-to' || role === 'stays-on' ? draft.carrierId : undefined;
}
