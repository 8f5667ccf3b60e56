import { z } from 'zod';
import { acceptPageMeta } from '../../../../contract/accept.ts';

/** Only the page's `_meta` of `GET /orders`: all the approvals badge reads. */
export const countAnswer = z.object({ orders: z.object({ _meta: acceptPageMeta }) });
