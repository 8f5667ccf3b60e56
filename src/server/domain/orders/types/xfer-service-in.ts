import { transferIn } from './transfer-in.ts';

/** A personal service becomes corporate on the same carrier. */
export const xferServiceIn = transferIn(true);
