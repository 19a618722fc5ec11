export { ApprovalDesk } from './ApprovalDesk';
export { isApprover, approvalRefusal } from './authorize';
