/**
 * Extension `events` (MOBPROC §4.6): what `GET /events` streams as Server-Sent Events, and the
 * notification settings a person keeps for themselves.
 */
import { z } from 'zod';
import { id } from './common.ts';
import { orderStatus } from './orders.ts';

/** SSE `event:` names. */
export const eventNames = { orderUpdated: 'order.updated', approvalQueued: 'approval.queued', resync: 'resync' } as const;

export const orderUpdatedEvent = z
  .object({
    orderId: id,
    status: orderStatus,
    pendingApprovalLevel: z.number().int().min(1).optional().describe('The open approval level, while the order awaits approval.'),
  })
  .meta({
    id: 'OrderUpdatedEvent',
    description: '`event: order.updated`: an order the caller may see changed (every status change, a new order, an approval level decided).',
  });
export type OrderUpdatedEvent = z.infer<typeof orderUpdatedEvent>;

export const approvalQueuedEvent = z
  .object({ orderId: id, pendingApprovalLevel: z.number().int().min(1) })
  .meta({
    id: 'ApprovalQueuedEvent',
    description: '`event: approval.queued`: an order entered the approval queue of the caller (as approver, or acting for one).',
  });
export type ApprovalQueuedEvent = z.infer<typeof approvalQueuedEvent>;

export const resyncEvent = z
  .object({ lastEventId: z.string().describe('The `Last-Event-ID` the stream was reopened with.') })
  .meta({
    id: 'ResyncEvent',
    description:
      '`event: resync`: the stream was reopened with a `Last-Event-ID` older than the changes the server still keeps (or from before it restarted), so what happened meanwhile cannot be replayed: read again what the page shows. Its `id:` is where the stream now stands.',
  });
export type ResyncEvent = z.infer<typeof resyncEvent>;

export const notificationSettings = z
  .object({ email: z.boolean().describe('Email at the milestones of orders this person is part of (default true).') })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof notificationSettings>;
