export { ApprovalsPage as Component } from '../../features/approvals/components/approvals-page.tsx';
