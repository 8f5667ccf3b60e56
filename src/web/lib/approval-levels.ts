import type { AcceptOrderItem as OrderItem } from '../../contract/accept.ts';
import { finalOrderStatuses } from '../../contract/orders.ts';
import { personName } from './format.ts';

/** One approval level of an order as any server sends it (MOBPROC §4.6, `approvers`). */
export type ApprovalLevel = NonNullable<OrderItem['approvers']>[number];

/** The level the order waits on: `pendingApprovalLevel` when the server names it, else the first undecided one. */
export function pendingLevelOf(order: Pick<OrderItem, 'approvers' | 'pendingApprovalLevel'>): ApprovalLevel | undefined {
  const approvers = order.approvers ?? [];
  if (typeof order.pendingApprovalLevel === 'number') {
    const named = approvers.find((entry) => entry.level === order.pendingApprovalLevel);
    if (named) return named;
  }
  return approvers.find((entry) => entry.decision === 'PENDING');
}

/** Whom a level waits for in words: a person, or a group any of whose members may decide. */
export function levelWho(level: ApprovalLevel): string {
  if (level.employee) return personName(level.employee);
  if (level.approverGroup) return level.approverGroup.name ?? level.approverGroup.id ?? 'an approver group';
  return 'an approver';
}

const decided: Record<string, string> = { APPROVED: 'Approved', REJECTED: 'Rejected' };

/**
 * A level's state in one sentence: "Approved by Kevin Zhao on behalf of Barbara Andrews",
 * "Approved by Nina Patel for IT Mobility", "Waiting for IT Mobility", "Barbara Andrews asked a
 * question"; `open` says whether this is the level the order waits on now.
 */
export function levelWords(level: ApprovalLevel, status: string | undefined, open: boolean): string {
  const who = levelWho(level);
  const decider = level.decidedBy ? personName(level.decidedBy) : who;
  const forWhom = level.onBehalfOf ? ` on behalf of ${personName(level.onBehalfOf)}` : !level.employee && level.approverGroup && level.decidedBy ? ` for ${who}` : '';
  switch (level.decision) {
    case 'PENDING': {
      if (status === 'CANCELLED') return `No decision from ${who}: the order was withdrawn`;
      if (status === 'REJECTED') return `No decision needed from ${who}: the order was rejected`;
      if ((finalOrderStatuses as readonly string[]).includes(status ?? '')) return `No decision from ${who}`;
      return open ? `Waiting for ${who}` : `Then ${who}`;
    }
    case 'INFO_REQUESTED':
      return `${decider}${forWhom} asked a question`;
    case 'SKIPPED':
      return `Not needed from ${who}`;
    default: {
      const word = decided[level.decision ?? ''] ?? level.decision ?? 'Decided';
      // Someone acting for the approver (act-for, not an approval delegate) is named after them.
      const actedFor = !level.onBehalfOf && level.employee && level.decidedBy && level.decidedBy.id !== level.employee.id;
      return actedFor ? `${word} by ${who} (decided by ${decider})` : `${word} by ${decider}${forWhom}`;
    }
  }
}
