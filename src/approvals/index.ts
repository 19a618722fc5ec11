export { ApprovalDesk, DEFAULT_RUN_LEASE, type RunLeaseOptions } from './ApprovalDesk';
export { isApprover, approvalRefusal } from './authorize';
