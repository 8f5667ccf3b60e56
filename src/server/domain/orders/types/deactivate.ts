import { statusChange } from './status-change.ts';

/** Ends an active or suspended service. */
export const deactivate = statusChange('DEACTIVATED');
