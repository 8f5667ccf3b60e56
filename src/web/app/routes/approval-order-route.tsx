export { ApprovalOrderPage as Component } from '../../features/approvals/components/approval-order-page.tsx';
