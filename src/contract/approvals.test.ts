import { describe, expect, it } from 'vitest';
import { acceptApprovalDelegateResponse, acceptOrderConfirmationResponse, acceptOrderResponse } from './accept.ts';
import { addCalendarDays, approvalDelegateRequest } from './approvals.ts';
import { approvalRequest, infoAnswerRequest } from './orders.ts';

const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (result.success ? [] : result.error!.issues.map((issue) => issue.path.join('.')));

describe('approval delegates', () => {
  it('takes calendar dates that exist, from not after until', () => {
    expect(approvalDelegateRequest.safeParse({ delegateEmployeeId: '1013', from: '2026-12-01', until: '2026-12-01' }).success).toBe(true);
    expect(paths(approvalDelegateRequest.safeParse({ delegateEmployeeId: '1013', from: '2026-02-30', until: '2026-12-01T00:00:00Z' }))).toEqual(['from', 'until']);
    expect(paths(approvalDelegateRequest.safeParse({ delegateEmployeeId: '1013', from: '2026-12-02', until: '2026-12-01' }))).toEqual(['until']);
  });

  it('counts calendar days across months, years and leap days (the 366-day limit)', () => {
    expect(addCalendarDays('2026-11-30', 366)).toBe('2027-12-01');
    expect(addCalendarDays('2027-03-01', 366)).toBe('2028-03-01');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('is read tolerantly: a server answering only the documented members still reads', () => {
    expect(acceptApprovalDelegateResponse.parse({ delegateEmployeeId: null, from: null, until: null })).toMatchObject({ delegateEmployeeId: null });
  });
});

describe('questions and decisions', () => {
  it('needs the question with REQUEST_INFO and something in an answer', () => {
    expect(paths(approvalRequest.safeParse({ action: 'REQUEST_INFO', reason: ' ' }))).toEqual(['reason']);
    expect(approvalRequest.safeParse({ action: 'REQUEST_INFO', reason: 'Why two?' }).success).toBe(true);
    expect(paths(infoAnswerRequest.safeParse({ answer: '   ' }))).toEqual(['answer']);
  });
});

describe('approval levels as the app reads them', () => {
  it('reads a vendor-style approver (employee and decision only) and this server’s group and delegate levels', () => {
    const order = acceptOrderResponse.parse({
      order: {
        orderId: '7',
        approvers: [
          { employee: { id: '1002' }, decision: 'APPROVED' },
          { level: 2, approverGroup: { id: '1', name: 'IT Mobility' }, decision: 'PENDING', decidedBy: null },
          { level: 3, employee: { id: '1007' }, decision: 'ESCALATED', decidedBy: { id: '1013' }, onBehalfOf: { id: '1007' } },
        ],
        pendingApprovalLevel: '2',
        eligibleOnBehalfOf: 'not a person',
      },
    }).order;
    expect(order.approvers?.map((level) => [level.level, level.employee?.id ?? level.approverGroup?.name, level.decision])).toEqual([
      [undefined, '1002', 'APPROVED'],
      [2, 'IT Mobility', 'PENDING'],
      [3, '1007', 'ESCALATED'],
    ]);
    expect(order.approvers?.[2]?.onBehalfOf?.id).toBe('1007');
    expect(order.pendingApprovalLevel).toBe(2);
    // An extension member that cannot be read is as good as absent.
    expect(order.eligibleOnBehalfOf).toBeUndefined();
  });

  it('reads a confirmation preview with and without levels', () => {
    expect(acceptOrderConfirmationResponse.parse({ orderConfirmation: { approval: { required: true } } }).orderConfirmation.approval?.levels).toBeUndefined();
    const preview = acceptOrderConfirmationResponse.parse({
      orderConfirmation: { approval: { required: true, approver: null, levels: [{ level: 1, approverGroup: { id: '1', name: 'IT Mobility' }, decision: 'PENDING' }, 'garbage'] } },
    });
    expect(preview.orderConfirmation.approval?.levels).toHaveLength(1);
  });
});
