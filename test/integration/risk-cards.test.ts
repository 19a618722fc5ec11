import { planCard, type ParamValue, type Plan, type Resource, type ResourceType } from '../../src/core';
import type { Bot } from '../../src/main';
import { testBot } from '../helpers/bot';

/**
 * The risk card of every catalog playbook, on sandbox resources with and without the risky facts:
 * the level, whether it is blocked, the reasons in words, the approval it needs.
 */
let bot: Bot;
beforeAll(async () => {
  bot = await testBot();
});
afterAll(() => bot.close());

const at = new Date('2026-11-23T10:00:00Z');

function resource(name: string, type: ResourceType, account?: string): Resource {
  const found = bot.inventory.all(type).filter((r) => r.name === name && (!account || r.accountAlias === account));
  if (found.length !== 1) throw new Error(`${found.length} ${type} named ${name} in the demo estate`);
  return found[0];
}

async function plan(playbook: string, fixed: Record<string, ParamValue>): Promise<Plan> {
  return bot.planner.plan(`${playbook} (test)`, { at, requestId: 'req-test' }, { playbook, fixed });
}

interface Case {
  playbook: string;
  label: string;
  params: () => Record<string, ParamValue>;
  level: string;
  blocked: boolean;
  /** Every one of these appears among the reasons (substring match). */
  reasons?: string[];
  /** Exactly no reasons. */
  none?: true;
  approval?: { required: boolean; approvers?: number };
}

const ec2 = (name: string, account?: string) => () => ({ instance: resource(name, 'ec2-instance', account) });
const db = (name: string) => () => ({ db: resource(name, 'rds-instance') });

const CASES: Case[] = [
  // EC2 stop
  {
    playbook: 'ec2-stop-instance',
    label: 'staging instance',
    params: ec2('web-staging-1'),
    level: 'medium',
    blocked: false,
    none: true,
    approval: { required: true, approvers: 1 },
  },
  {
    playbook: 'ec2-stop-instance',
    label: 'production instance',
    params: ec2('web-prod-1'),
    level: 'high',
    blocked: false,
    reasons: ['web-prod-1 is tagged as production', 'in the production account'],
  },
  {
    playbook: 'ec2-stop-instance',
    label: 'already stopped',
    params: ec2('build-runner-7'),
    level: 'medium',
    blocked: true,
    reasons: ['build-runner-7 is stopped; ec2-stop-instance needs it running or pending'],
  },
  {
    playbook: 'ec2-stop-instance',
    label: 'instance-store root',
    params: ec2('i-058e0d2e9c0819fe0'),
    level: 'high',
    blocked: true,
    reasons: ['instance-store root volume'],
  },
  // EC2 start
  {
    playbook: 'ec2-start-instance',
    label: 'stopped staging instance',
    params: ec2('build-runner-7'),
    level: 'low',
    blocked: false,
    none: true,
    approval: { required: false },
  },
  {
    playbook: 'ec2-start-instance',
    label: 'stopped production instance',
    params: ec2('jenkins-ci'),
    level: 'medium',
    blocked: false,
    reasons: ['jenkins-ci is tagged as production; starting it adds cost'],
  },
  {
    playbook: 'ec2-start-instance',
    label: 'already running',
    params: ec2('web-prod-2'),
    level: 'medium',
    blocked: true,
    reasons: ['web-prod-2 is running; ec2-start-instance needs it stopped'],
  },
  // EC2 reboot
  { playbook: 'ec2-reboot-instance', label: 'staging instance', params: ec2('web-staging-1'), level: 'medium', blocked: false, none: true },
  {
    playbook: 'ec2-reboot-instance',
    label: 'production instance',
    params: ec2('web-prod-2'),
    level: 'high',
    blocked: false,
    reasons: ['web-prod-2 is tagged as production'],
  },
  {
    playbook: 'ec2-reboot-instance',
    label: 'stopped instance',
    params: ec2('dev-scratch-2'),
    level: 'medium',
    blocked: true,
    reasons: ['dev-scratch-2 is stopped'],
  },
  // EC2 terminate
  {
    playbook: 'ec2-terminate-instance',
    label: 'staging instance',
    params: ec2('web-staging-1'),
    level: 'critical',
    blocked: false,
    reasons: ['DeleteOnTermination'],
    approval: { required: true, approvers: 2 },
  },
  {
    playbook: 'ec2-terminate-instance',
    label: 'termination protection',
    params: ec2('bastion-prod'),
    level: 'critical',
    blocked: true,
    reasons: ['termination protection'],
  },
  // EC2 resize
  {
    playbook: 'ec2-resize-instance',
    label: 'staging instance to a new type',
    params: () => ({ ...ec2('web-staging-2')(), instance_type: 'm6i.xlarge' }),
    level: 'medium',
    blocked: false,
    reasons: ['web-staging-2 is running; it is stopped and started again'],
  },
  {
    playbook: 'ec2-resize-instance',
    label: 'production instance',
    params: () => ({ ...ec2('web-prod-3')(), instance_type: 'm6i.xlarge' }),
    level: 'high',
    blocked: false,
    reasons: ['web-prod-3 is tagged as production'],
  },
  {
    playbook: 'ec2-resize-instance',
    label: 'to the type it already has',
    params: () => ({ ...ec2('web-prod-1')(), instance_type: 'm6i.large' }),
    level: 'high',
    blocked: true,
    reasons: ['web-prod-1 already is m6i.large; resizing it to the same type would change nothing'],
  },
  {
    playbook: 'ec2-resize-instance',
    label: 'instance-store root',
    params: () => ({ ...ec2('batch-legacy-east')(), instance_type: 'c5.large' }),
    level: 'high',
    blocked: true,
    reasons: ['instance-store root volume'],
  },
  // EC2 snapshot
  {
    playbook: 'ec2-create-snapshot',
    label: 'EBS-backed instance',
    params: ec2('web-staging-1'),
    level: 'low',
    blocked: false,
    none: true,
    approval: { required: false },
  },
  {
    playbook: 'ec2-create-snapshot',
    label: 'instance-store root',
    params: ec2('i-058e0d2e9c0819fe0'),
    level: 'medium',
    blocked: false,
    reasons: ['only its EBS volumes are snapshotted'],
  },
  // RDS stop
  {
    playbook: 'rds-stop-instance',
    label: 'single-AZ staging database',
    params: db('pg-staging'),
    level: 'medium',
    blocked: false,
    reasons: ['AWS starts pg-staging again by itself after 7 days'],
  },
  {
    playbook: 'rds-stop-instance',
    label: 'Multi-AZ production database',
    params: db('orders-db'),
    level: 'high',
    blocked: false,
    reasons: ['orders-db is a production database', 'Multi-AZ'],
  },
  {
    playbook: 'rds-stop-instance',
    label: 'primary with a read replica',
    params: db('pg-instance-main1'),
    level: 'high',
    blocked: true,
    reasons: ['pg-instance-main1 has read replicas; RDS cannot stop it'],
  },
  {
    playbook: 'rds-stop-instance',
    label: 'a read replica',
    params: db('pg-instance-main1-replica'),
    level: 'high',
    blocked: true,
    reasons: ['pg-instance-main1-replica is a read replica; RDS cannot stop it'],
  },
  {
    playbook: 'rds-stop-instance',
    label: 'an Aurora member',
    params: db('analytics-aurora-1'),
    level: 'high',
    blocked: true,
    reasons: ['Aurora cluster member'],
  },
  {
    playbook: 'rds-stop-instance',
    label: 'SQL Server Multi-AZ',
    params: db('mssql-staging'),
    level: 'high',
    blocked: true,
    reasons: ['SQL Server Multi-AZ; RDS cannot stop it'],
  },
  {
    playbook: 'rds-stop-instance',
    label: 'already stopped',
    params: db('reporting-mysql'),
    level: 'high',
    blocked: true,
    reasons: ['reporting-mysql is stopped; rds-stop-instance needs it available'],
  },
  // RDS start
  {
    playbook: 'rds-start-instance',
    label: 'stopped untagged database',
    params: db('pg-dev-scratch'),
    level: 'low',
    blocked: false,
    none: true,
    approval: { required: false },
  },
  {
    playbook: 'rds-start-instance',
    label: 'stopped production database',
    params: db('reporting-mysql'),
    level: 'medium',
    blocked: false,
    reasons: ['reporting-mysql is a production database; starting it adds cost'],
  },
  {
    playbook: 'rds-start-instance',
    label: 'already available',
    params: db('pg-staging'),
    level: 'low',
    blocked: true,
    reasons: ['pg-staging is available; rds-start-instance needs it stopped'],
  },
  // RDS reboot
  { playbook: 'rds-reboot-instance', label: 'staging database', params: db('pg-staging'), level: 'medium', blocked: false, none: true },
  {
    playbook: 'rds-reboot-instance',
    label: 'production primary with replicas',
    params: db('pg-instance-main1'),
    level: 'high',
    blocked: false,
    reasons: ['pg-instance-main1 is a production database', 'they lose their source while it reboots'],
  },
  {
    playbook: 'rds-reboot-instance',
    label: 'failover on a single-AZ database',
    params: () => ({ ...db('billing-db-prod')(), failover: true }),
    level: 'high',
    blocked: true,
    reasons: ['not Multi-AZ, so a reboot cannot fail over'],
  },
  // RDS snapshot
  { playbook: 'rds-create-snapshot', label: 'Multi-AZ database', params: db('orders-db'), level: 'low', blocked: false, none: true },
  {
    playbook: 'rds-create-snapshot',
    label: 'single-AZ database',
    params: db('billing-db-prod'),
    level: 'medium',
    blocked: false,
    reasons: ['billing-db-prod is single-AZ: I/O pauses briefly'],
  },
  {
    playbook: 'rds-create-snapshot',
    label: 'an Aurora member',
    params: db('analytics-aurora-1'),
    level: 'medium',
    blocked: true,
    reasons: ['Aurora snapshots are taken of the cluster'],
  },
  // SSM restart service
  {
    playbook: 'ssm-restart-service',
    label: 'staging instance with an online agent',
    params: () => ({ ...ec2('web-staging-1')(), service: 'nginx' }),
    level: 'medium',
    blocked: false,
    none: true,
  },
  {
    playbook: 'ssm-restart-service',
    label: 'production instance',
    params: () => ({ ...ec2('web-prod-1')(), service: 'nginx' }),
    level: 'high',
    blocked: false,
    reasons: ['web-prod-1 is tagged as production'],
  },
  {
    playbook: 'ssm-restart-service',
    label: 'agent ConnectionLost',
    params: () => ({ ...ec2('search-prod-2')(), service: 'nginx' }),
    level: 'high',
    blocked: true,
    reasons: ['search-prod-2 is not reachable through SSM (agent: ConnectionLost)'],
  },
  {
    playbook: 'ssm-restart-service',
    label: 'Windows',
    params: () => ({ ...ec2('win-report-prod-1')(), service: 'nginx' }),
    level: 'high',
    blocked: true,
    reasons: ['runs Windows'],
  },
  // SSM disk cleanup
  {
    playbook: 'ssm-disk-cleanup',
    label: 'staging instance with an online agent',
    params: ec2('web-staging-1'),
    level: 'low',
    blocked: false,
    none: true,
  },
  {
    playbook: 'ssm-disk-cleanup',
    label: 'production instance',
    params: ec2('web-prod-1'),
    level: 'medium',
    blocked: false,
    reasons: ['old logs and package caches are deleted for good'],
  },
  {
    playbook: 'ssm-disk-cleanup',
    label: 'no SSM agent at all',
    params: ec2('sandbox-box'),
    level: 'low',
    blocked: true,
    reasons: ['sandbox-box is not reachable through SSM (agent: none)'],
  },
  // Tagging
  {
    playbook: 'tag-resources',
    label: 'staging instance',
    params: () => ({ resource: resource('web-staging-1', 'ec2-instance'), tags: { owner: 'alice' } }),
    level: 'low',
    blocked: false,
    none: true,
    approval: { required: false },
  },
  {
    playbook: 'tag-resources',
    label: 'production database',
    params: () => ({ resource: resource('orders-db', 'rds-instance'), tags: { owner: 'alice' } }),
    level: 'medium',
    blocked: false,
    reasons: ['orders-db is a production resource'],
  },
  // EBS (issue 17: the findings digest's fixes)
  {
    playbook: 'ebs-delete-volume',
    label: 'unattached staging volume',
    params: () => ({ volume: resource('ml-dataset-scratch', 'ebs-volume'), skip_snapshot: false }),
    level: 'high',
    blocked: false,
    approval: { required: true, approvers: 1 },
  },
  {
    playbook: 'ebs-delete-volume',
    label: 'unattached production volume',
    params: () => ({ volume: resource('old-kafka-data-2', 'ebs-volume'), skip_snapshot: false }),
    level: 'critical',
    blocked: false,
    reasons: ['old-kafka-data-2 is tagged as production'],
    approval: { required: true, approvers: 2 },
  },
  {
    playbook: 'ebs-delete-volume',
    label: 'attached production volume',
    params: () => ({ volume: resource('batch-legacy-east-data', 'ebs-volume'), skip_snapshot: false }),
    level: 'critical',
    blocked: true,
    reasons: ['batch-legacy-east-data is in-use'],
  },
  {
    playbook: 'ebs-change-to-gp3',
    label: 'gp2 volume in use',
    params: () => ({ volume: resource('batch-legacy-east-data', 'ebs-volume') }),
    level: 'low',
    blocked: false,
    approval: { required: false },
  },
  {
    playbook: 'ebs-change-to-gp3',
    label: 'already gp3',
    params: () => ({ volume: resource('old-kafka-data-2', 'ebs-volume') }),
    level: 'low',
    blocked: true,
    reasons: ['old-kafka-data-2 is already gp3; nothing to change'],
  },
  {
    playbook: 'ebs-delete-snapshot',
    label: 'old staging snapshot',
    params: () => ({
      snapshot: {
        type: 'taggable',
        id: 'snap-0b7c8d9e0f1a2b3c4',
        arn: 'arn:aws:ec2:us-west-2:222222222222:snapshot/snap-0b7c8d9e0f1a2b3c4',
        name: 'snap-0b7c8d9e0f1a2b3c4',
        account: '222222222222',
        accountAlias: 'staging',
        region: 'us-west-2',
        tags: { owner: 'platform' },
        facts: { service: 'ec2:snapshot' },
      },
    }),
    level: 'medium',
    blocked: false,
    none: true,
  },
  // Newer kinds (issue 15): the card says what the kind's facts say.
  {
    playbook: 'lambda-throttle-function',
    label: 'production function',
    params: () => ({ function: resource('payments-webhook', 'lambda-function') }),
    level: 'high',
    blocked: false,
    reasons: ['payments-webhook is tagged as production'],
  },
  {
    playbook: 'lambda-throttle-function',
    label: 'already throttled',
    params: () => ({ function: resource('nightly-export', 'lambda-function') }),
    level: 'high',
    blocked: true,
    reasons: ['nightly-export is already throttled'],
  },
  {
    playbook: 'lambda-unthrottle-function',
    label: 'not throttled',
    params: () => ({ function: resource('payments-webhook', 'lambda-function') }),
    level: 'medium',
    blocked: true,
    reasons: ['payments-webhook is not throttled'],
  },
  {
    playbook: 'lambda-set-concurrency',
    label: 'deprecated runtime',
    params: () => ({ function: resource('report-generator', 'lambda-function'), concurrency: 5 }),
    level: 'high',
    blocked: false,
    reasons: ['runs on a deprecated runtime (python3.8)'],
  },
  {
    playbook: 's3-block-public-access',
    label: 'public production bucket',
    params: () => ({ bucket: resource('acme-prod-logs', 's3-bucket') }),
    level: 'high',
    blocked: false,
    reasons: ['acme-prod-logs is public now'],
  },
  {
    playbook: 's3-block-public-access',
    label: 'already blocked',
    params: () => ({ bucket: resource('acme-prod-assets', 's3-bucket') }),
    level: 'high',
    blocked: true,
    reasons: ['acme-prod-assets already blocks all public access'],
  },
  {
    playbook: 'ecs-restart-service',
    label: 'service below desired',
    params: () => ({ service: resource('search-api', 'ecs-service') }),
    level: 'high',
    blocked: false,
    reasons: ['search-api already runs fewer tasks than it wants (2 of 3)'],
  },
  {
    playbook: 'ecs-scale-service',
    label: 'staging service',
    params: () => ({ service: resource('checkout-staging', 'ecs-service'), count: 2 }),
    level: 'medium',
    blocked: false,
  },
  {
    playbook: 'asg-set-capacity',
    label: 'group with an unhealthy instance',
    params: () => ({ group: resource('web-asg', 'autoscaling-group'), capacity: 6 }),
    level: 'high',
    blocked: false,
    reasons: ['web-asg has unhealthy instances now (1 of 4)'],
  },
  {
    playbook: 'eks-scale-nodegroup',
    label: 'production node group to 0',
    params: () => ({ nodegroup: resource('prod-batch', 'eks-nodegroup'), desired: 0 }),
    level: 'high',
    blocked: false,
    reasons: [
      'prod-batch is a production node group; scaling in drains and terminates nodes',
      'Scaling prod-batch to 0 removes every node: its pods have nowhere to run',
    ],
  },
  {
    playbook: 'eks-scale-nodegroup',
    label: 'above the max, max not asked',
    params: () => ({ nodegroup: resource('staging-web', 'eks-nodegroup'), desired: 6 }),
    level: 'medium',
    blocked: true,
  },
  {
    playbook: 'eks-upgrade-cluster',
    label: 'production cluster',
    params: () => ({ cluster: resource('acme-prod', 'eks-cluster') }),
    level: 'high',
    blocked: false,
    reasons: ['acme-prod is a production cluster; a control plane cannot be downgraded'],
  },
  // Read-only: no risk, no approval, never blocked.
  {
    playbook: 'inventory-find',
    label: 'read-only',
    params: () => ({ query: 'web' }),
    level: 'low',
    blocked: false,
    none: true,
    approval: { required: false },
  },
  {
    playbook: 'cost-report',
    label: 'read-only',
    params: () => ({ period: 'last week', group_by: 'service' }),
    level: 'low',
    blocked: false,
    none: true,
    approval: { required: false },
  },
  {
    playbook: 'tag-compliance-report',
    label: 'read-only',
    params: () => ({}),
    level: 'low',
    blocked: false,
    none: true,
    approval: { required: false },
  },
  { playbook: 'help', label: 'read-only', params: () => ({}), level: 'low', blocked: false, none: true, approval: { required: false } },
];

describe('risk cards for the whole catalog', () => {
  it('covers every playbook in the catalog', () => {
    expect(new Set(CASES.map((c) => c.playbook))).toEqual(new Set(bot.catalog.list().map((p) => p.id)));
  });

  it.each(CASES.map((c) => [`${c.playbook}: ${c.label}`, c] as const))('%s', async (_name, c) => {
    const p = await plan(c.playbook, c.params());
    const summary = { level: p.risk.level, blocked: p.blocked, reasons: p.risk.reasons };
    expect(summary).toMatchObject({ level: c.level, blocked: c.blocked });
    for (const r of c.reasons ?? []) expect(p.risk.reasons.join(' | ')).toContain(r);
    if (c.none) expect(p.risk.reasons).toEqual([]);
    if (c.approval) expect(p.approval).toMatchObject(c.approval);
    // The card shows the same: badge and reasons; when blocked, only why it cannot run (no badge) and no buttons.
    const card = planCard({ requestId: 'req-test', playbook: p.playbook!, params: p.params, risk: p.risk, approval: p.approval });
    if (c.blocked) {
      expect(card.risk).toBeUndefined();
      for (const r of p.risk.reasons) expect(card.text).toContain(`• ${r}`);
    } else expect(card.risk).toEqual({ level: c.level, reasons: p.risk.reasons });
    if (c.blocked) expect(card.buttons).toEqual([]);
    else if (!p.playbook!.readOnly) expect(card.buttons?.length).toBe(2);
  });

  it('shows reversibility, rollback, expected downtime and what depends on the resource', async () => {
    const stop = planCard(toCard(await plan('ec2-stop-instance', ec2('web-prod-1')())));
    expect(stop.fields).toEqual(
      expect.arrayContaining([
        { label: 'reversible', value: 'yes: undo with ec2-start-instance' },
        { label: 'downtime', value: 'until it is started again (usually 1-2 minutes to come back)' },
        { label: 'depends on it', value: 'other instances named web-prod-N: web-prod-2, web-prod-3 (2 of 2 running)' },
      ]),
    );
    const rds = planCard(toCard(await plan('rds-reboot-instance', db('pg-instance-main1')())));
    expect(rds.fields).toEqual(
      expect.arrayContaining([
        { label: 'depends on it', value: 'pg-instance-main1 has read replica pg-instance-main1-replica, which read from it' },
      ]),
    );
    const rdsStop = planCard(toCard(await plan('rds-stop-instance', db('pg-staging')())));
    expect(rdsStop.fields).toEqual(
      expect.arrayContaining([{ label: 'downtime', value: 'until it is started again; AWS starts it again by itself after 7 days' }]),
    );
    const term = planCard(toCard(await plan('ec2-terminate-instance', ec2('web-staging-1')())));
    expect(term.fields).toEqual(expect.arrayContaining([{ label: 'reversible', value: 'no: this cannot be undone' }]));
    expect(term.buttons?.[0].confirm?.title).toBe('Approve a critical change?');
  });

  it('production accounts, freezes and global rules from the config apply to every playbook that changes something', async () => {
    const config = {
      sandbox: {},
      approval: { approvers: { demo: { console: ['bob'] } } },
      risk: {
        productionAccounts: ['production'],
        freezes: [{ name: 'launch', from: '2026-11-23T09:00:00Z', to: '2026-11-23T12:00:00Z', block: true }],
        rules: [{ when: { time: { days: ['sat', 'sun'] } }, raise: 'high', reason: 'weekend change' }],
      },
    };
    const strict = await testBot({ config });
    try {
      const snap = (when: Date) =>
        strict.planner.plan(
          'snapshot',
          { at: when },
          {
            playbook: 'ec2-create-snapshot',
            fixed: { instance: strict.inventory.all('ec2-instance').find((r) => r.name === 'web-prod-1')! },
          },
        );
      expect((await snap(new Date('2026-11-23T08:00:00Z'))).risk).toMatchObject({
        level: 'high',
        blocked: false,
        reasons: ['web-prod-1 is in a production account (production 111111111111)'],
      });
      expect((await snap(new Date('2026-11-23T10:00:00Z'))).risk.reasons[0]).toBe(
        'change freeze "launch" is in force (2026-11-23T09:00:00Z to 2026-11-23T12:00:00Z): nothing that changes AWS runs until it ends',
      );
      const weekend = await strict.planner.plan(
        'snapshot',
        { at: new Date('2026-11-28T10:00:00Z') },
        {
          playbook: 'ec2-create-snapshot',
          fixed: { instance: strict.inventory.all('ec2-instance').find((r) => r.name === 'web-staging-1')! },
        },
      );
      expect(weekend.risk).toMatchObject({ level: 'high', reasons: ['weekend change'] });
      // A playbook that speaks about accounts itself keeps its own wording (no second production reason).
      const stop = await strict.planner.plan(
        'stop',
        { at: new Date('2026-11-23T08:00:00Z') },
        { playbook: 'ec2-stop-instance', fixed: { instance: strict.inventory.all('ec2-instance').find((r) => r.name === 'api-prod-1')! } },
      );
      expect(stop.risk.reasons.filter((r) => r.includes('production account'))).toEqual(['api-prod-1 is in the production account']);
      // Read-only playbooks are untouched by all of it.
      const find = await strict.planner.plan(
        'find web',
        { at: new Date('2026-11-23T10:00:00Z') },
        { playbook: 'inventory-find', fixed: { query: 'web' } },
      );
      expect(find.risk).toMatchObject({ level: 'low', blocked: false, reasons: [] });
    } finally {
      strict.close();
    }
  });

  it('is deterministic: the same request on the same estate gives the same card', async () => {
    const a = await plan('ec2-stop-instance', ec2('web-prod-1')());
    const other = await testBot();
    try {
      const b = await other.planner.plan(
        'ec2-stop-instance (test)',
        { at, requestId: 'req-test' },
        { playbook: 'ec2-stop-instance', fixed: { instance: other.inventory.all('ec2-instance').find((r) => r.name === 'web-prod-1')! } },
      );
      expect(JSON.stringify(planCard(toCard(b)))).toBe(JSON.stringify(planCard(toCard(a))));
    } finally {
      other.close();
    }
  });
});

function toCard(p: Plan) {
  return { requestId: 'req-test', playbook: p.playbook!, params: p.params, risk: p.risk, approval: p.approval };
}
