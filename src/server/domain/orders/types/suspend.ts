import { statusChange } from './status-change.ts';

/** Suspends an active service. */
export const suspend = statusChange('SUSPENDED');
