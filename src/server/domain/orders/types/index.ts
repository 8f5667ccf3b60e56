import type { TransactionType } from '../../../../contract/index.ts';
import type { TransactionModule } from '../module.ts';
import { deactivate } from './deactivate.ts';
import { newActivation } from './new-activation.ts';
import { orderAccessories } from './order-accessories.ts';
import { portNumber } from './port-number.ts';
import { suspend } from './suspend.ts';
import { swapDevices } from './swap-devices.ts';
import { unsuspend } from './unsuspend.ts';
import { updateFeatures } from './update-features.ts';
import { upgrade } from './upgrade.ts';
import { xferServiceIn } from './xfer-service-in.ts';
import { xferServiceInAndPort } from './xfer-service-in-and-port.ts';
import { xferServiceOut } from './xfer-service-out.ts';

export const transactionModules: Record<TransactionType, TransactionModule> = {
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
