import { expect, it } from 'vitest';
import { decisionWords } from './approvals.ts';

const barbara = { id: '1002', firstName: 'Barbara', lastName: 'Andrews' };

it('says where an approved order goes next: the next level’s approver, or the carrier when none is left', () => {
  const twoLevels = {
    pendingApprovalLevel: 1,
    approvers: [
      { level: 1, employee: barbara, decision: 'PENDING' },
      { level: 2, approverGroup: { id: 'g1', name: 'IT Mobility' }, decision: 'PENDING' },
    ],
  };
  expect(decisionWords('APPROVAL_QUEUED', 'APPROVE', twoLevels).text).toBe('Approved. It now waits for IT Mobility.');
  expect(decisionWords('APPROVAL_QUEUED', 'APPROVE', { ...twoLevels, pendingApprovalLevel: 2 }).text).toBe('Approved. It goes on to the carrier.');
  // A group nobody may decide was skipped at submit: it asks no one.
  const skipped = { ...twoLevels, approvers: [twoLevels.approvers[0]!, { ...twoLevels.approvers[1]!, decision: 'SKIPPED' }] };
  expect(decisionWords('APPROVAL_QUEUED', 'APPROVE', skipped).text).toBe('Approved. It goes on to the carrier.');
  // Without the order's levels the words cannot know, and say so.
  expect(decisionWords('APPROVAL_QUEUED', 'APPROVE').text).toBe('Approved. The order goes on to its next approver, if it has one, and then to the carrier.');
});
