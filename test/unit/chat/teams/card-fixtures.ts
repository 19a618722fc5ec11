/** Neutral messages built by the core's own card builders, from fixed inputs (no estate, no catalog). */
import { clarifyCard, helpCard, planCard, progressCard, refusalCard, resultCard, type CardPlan } from '../../../../src/core/cards';
import type { ChatMessage } from '../../../../src/core/chat';
import type { Plan } from '../../../../src/core/plan';
import type { Playbook } from '../../../../src/core/playbook';
import type { ApprovalRecord } from '../../../../src/core/ports';
import type { Resource } from '../../../../src/core/resource';

const LABEL = 'SANDBOX estate demo-estate (no real AWS calls)';

function instance(name: string, id: string, account = '111111111111', alias = 'production'): Resource {
  return {
    type: 'ec2-instance',
    id,
    name,
    account,
    accountAlias: alias,
    region: 'us-west-2',
    state: 'running',
    tags: { environment: 'production' },
    facts: {},
  };
}

export const playbook: Playbook = {
  id: 'ec2-stop-instance',
  title: 'Stop an EC2 instance',
  description: 'Stops the instance (its EBS volumes are kept).',
  examples: ['stop web-prod-1'],
  parameters: [{ name: 'instance', type: 'ec2-instance', required: true, states: ['running', 'pending'] }],
  readOnly: false,
  risk: { base: 'medium', rules: [], reversible: true, downtime: 'until it is started again (usually 1-2 minutes to come back)' },
  steps: [{ action: 'ec2.stopInstance', name: 'stop the instance', with: { InstanceId: '{{instance.id}}' } }],
  rollback: 'ec2-start-instance',
};

const web1 = instance('web-prod-1', 'i-0ee23f1888b4bf1cf');

export const highPlan: CardPlan = {
  requestId: 'req-0001',
  playbook,
  params: { instance: web1 },
  risk: {
    level: 'high',
    reasons: ['web-prod-1 is tagged as production', 'web-prod-1 is in the production account'],
    blocked: false,
    reversible: true,
    rollback: 'ec2-start-instance',
    downtime: 'until it is started again (usually 1-2 minutes to come back)',
  },
  approval: { required: true, approvers: 1, requesterMayApprove: false, eligible: ['ops'], ttlSeconds: 3600 },
};

export const criticalPlan: CardPlan = {
  ...highPlan,
  requestId: 'req-0002',
  risk: {
    ...highPlan.risk,
    level: 'critical',
    reasons: ['web-prod-1 is tagged as production', 'web-prod-1 serves the checkout', 'Change freeze until Monday'],
  },
  approval: { ...highPlan.approval, approvers: 2 },
};

const alice = { platform: 'teams' as const, id: 'aaaaaaaa-0000-4000-8000-000000000001', displayName: 'Alice' };
const bob = { platform: 'teams' as const, id: 'bbbbbbbb-0000-4000-8000-000000000002', displayName: 'Bob' };

function record(state: ApprovalRecord['state'], approvals: ApprovalRecord['approvals'] = []): ApprovalRecord {
  return {
    id: 'req-0001',
    state,
    plan: { input: 'stop web-prod-1', playbook: playbook.id, params: highPlan.params, risk: highPlan.risk, approval: highPlan.approval },
    requester: alice,
    place: { platform: 'teams', channel: '19:ops@thread.tacv2', thread: '1700000000001' },
    message: { place: { platform: 'teams', channel: '19:ops@thread.tacv2', thread: '1700000000001' }, id: 'msg-1' },
    approvals,
    createdAt: '2026-11-22T09:00:00.000Z',
    expiresAt: '2026-11-22T10:00:00.000Z',
  };
}

const clarifyPlan: Plan = {
  input: 'stop web-prod',
  playbook,
  confidence: 1,
  params: {},
  clarify: {
    param: 'instance',
    query: 'web-prod',
    candidates: [
      web1,
      instance('web-prod-2', 'i-0a1b2c3d4e5f60718'),
      instance('web-prod-3', 'i-0f9e8d7c6b5a49382', '222222222222', 'staging'),
    ],
  },
  suggestions: [],
  risk: { level: 'medium', reasons: [], blocked: false, reversible: true },
  approval: { required: false, approvers: 1, requesterMayApprove: true, eligible: [], ttlSeconds: 3600 },
  blocked: false,
};

const ok = {
  ok: true,
  steps: [
    {
      step: 'stop the instance',
      action: 'ec2.stopInstance',
      ok: true,
      summary: 'i-0ee23f1888b4bf1cf is stopped',
      awsRequestIds: ['7d3f0c2e-5b1a-4c8e-9f00-000000000001'],
    },
  ],
};

const failed = {
  ok: false,
  steps: [
    {
      step: 'stop the instance',
      action: 'ec2.stopInstance',
      ok: false,
      summary: '',
      error: 'IncorrectInstanceState: the instance is not in a state from which it can be stopped',
      awsRequestIds: ['7d3f0c2e-5b1a-4c8e-9f00-000000000002'],
    },
  ],
};

/** Every card kind the Teams renderer has a golden file for. */
export const GOLDEN_MESSAGES: Record<string, ChatMessage> = {
  plan: planCard(highPlan, { record: record('proposed'), label: LABEL }),
  'plan-critical': planCard(criticalPlan, { label: LABEL }),
  'plan-running': planCard(highPlan, {
    record: record('executing', [{ user: bob, at: '2026-11-22T09:05:00.000Z' }]),
    status: ['Approved by Bob. Running…'],
    label: LABEL,
  }),
  clarify: clarifyCard(clarifyPlan, 'tok-1', LABEL),
  progress: progressCard('stop the instance: i-0ee23f1888b4bf1cf is stopping'),
  result: resultCard(playbook.title, ok, 'req-0001'),
  'result-failed': resultCard(playbook.title, failed, 'req-0001'),
  refusal: refusalCard('you are not an approver for this risk level (approver groups: ops).'),
  help: helpCard([playbook], LABEL),
};
