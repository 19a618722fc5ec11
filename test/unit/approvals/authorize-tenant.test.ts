import { approvalRefusal } from '../../../src/approvals';
import { parseConfig } from '../../../src/config';
import type { ApprovalNeed } from '../../../src/core/plan';

const BOB = 'bbbbbbbb-0000-4000-8000-000000000002';
const HOME = '7e57e57e-0000-4000-8000-00000000000a';
const OTHER = '0e1e0e1e-0000-4000-8000-00000000000b';
const policy = parseConfig({ approval: { approvers: { ops: { teams: [BOB] } } } }).approval;
const need: ApprovalNeed = { required: true, approvers: 1, requesterMayApprove: false, eligible: ['ops'], ttlSeconds: 3600 };
const alice = { platform: 'teams' as const, id: 'aaaaaaaa-0000-4000-8000-000000000001', tenant: HOME };

describe('approvals and Entra ID tenants', () => {
  it("a listed approver counts from the request's own tenant only", () => {
    expect(approvalRefusal(policy, need, alice, { platform: 'teams', id: BOB, tenant: HOME })).toBeUndefined();
    expect(approvalRefusal(policy, need, alice, { platform: 'teams', id: BOB, tenant: OTHER })).toMatch(
      /another organisation \(Entra ID tenant\)/,
    );
    expect(approvalRefusal(policy, need, alice, { platform: 'teams', id: BOB })).toMatch(/another organisation/);
  });

  it('requests without a tenant (Slack, console) are unaffected', () => {
    const slackPolicy = parseConfig({ approval: { approvers: { ops: { slack: ['U0BOB'] } } } }).approval;
    expect(approvalRefusal(slackPolicy, need, { platform: 'slack', id: 'U0ALICE' }, { platform: 'slack', id: 'U0BOB' })).toBeUndefined();
  });
});
