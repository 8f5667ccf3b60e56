import { transferIn } from './transfer-in.ts';

/** A personal service becomes corporate on a different carrier: port plus a new device. */
export const xferServiceInAndPort = transferIn(false);
