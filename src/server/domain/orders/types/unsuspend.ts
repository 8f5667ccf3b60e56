import { statusChange } from './status-change.ts';

/** Reactivates a suspended service. */
export const unsuspend = statusChange('ACTIVE');
