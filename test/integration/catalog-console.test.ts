/**
 * Against the sandbox, every action-bearing playbook of the catalog runs end to end through the console
 * adapter: plan card, approval (or Run), dry run, apply, wait, result, and the estate really changed.
 */
import { Conversation } from '../../src/core';
import { StepRunner, type ReadServices } from '../../src/execution';
import { InventoryResolver } from '../../src/inventory';
import type { SandboxProvider } from '../../src/cloud';
import { Planner } from '../../src/core';
import { RiskEngine } from '../../src/risk';
import type { Bot } from '../../src/main';
import { converse, FakeClock, testBot } from '../helpers/bot';

const answers: ReadServices = {
  findResources: async (input) => ({ kind: 'info', text: `search answer for ${JSON.stringify(input)}` }),
  costReport: async (input) => ({ kind: 'info', text: `cost answer for ${JSON.stringify(input)}` }),
  tagReport: async (input) => ({ kind: 'info', text: `tags answer for ${JSON.stringify(input)}` }),
};

/** The test bot, with stand-ins for the read-only services other issues provide. */
async function bot(): Promise<Bot> {
  // A fixed clock: periods ("last week") are read as dates.
  const b = await testBot({ clock: new FakeClock() });
  const executor = new StepRunner({ provider: b.provider, registry: b.registry, audit: b.audit, sleep: async () => {}, services: answers });
  const resolver = new InventoryResolver(b.inventory, b.provider);
  const planner = new Planner({
    classifier: b.classifier,
    resolver,
    assessor: new RiskEngine(b.config.approval),
    catalog: b.catalog,
    preflight: executor,
  });
  let n = 0;
  const conversation = new Conversation({
    planner,
    catalog: b.catalog,
    resolver,
    desk: b.desk,
    executor,
    audit: b.audit,
    clock: { now: () => new Date() },
    newId: () => `req-${String(++n).padStart(4, '0')}`,
    label: b.provider.label,
  });
  return { ...b, planner, conversation };
}

function find(b: Bot, name: string) {
  const r = b.inventory.all('any').find((x) => x.name === name);
  if (!r) throw new Error(`no ${name} in the demo estate`);
  return r;
}

async function instance(b: Bot, name: string) {
  const r = find(b, name);
  return (await b.provider.ec2(r).describeInstances({ InstanceIds: [r.id] })).Reservations![0].Instances![0];
}

async function db(b: Bot, name: string) {
  const r = find(b, name);
  return (await b.provider.rds(r).describeDBInstances({ DBInstanceIdentifier: r.id })).DBInstances![0];
}

const sandbox = (b: Bot) => (b.provider as SandboxProvider).state;

let b: Bot;
beforeEach(async () => {
  b = await bot();
});
afterEach(() => b.close());

describe('EC2 playbooks through the console', () => {
  it('ec2-stop-instance: approved by bob, the instance is stopped', async () => {
    const out = await converse(b, ['stop web-staging-1', '/as bob', '1']);
    expect(out).toContain('== Plan: Stop an EC2 instance ==');
    expect(out).toMatch(/Result: i-[0-9a-f]+ is stopped/);
    expect((await instance(b, 'web-staging-1')).State?.Name).toBe('stopped');
  });

  it('ec2-start-instance: low risk, the requester runs it, the instance is running', async () => {
    const out = await converse(b, ['start build-runner-7', '1']);
    expect(out).toContain('[1] Run   [2] Cancel');
    expect(out).toMatch(/Result: i-[0-9a-f]+ is running/);
    expect((await instance(b, 'build-runner-7')).State?.Name).toBe('running');
  });

  it('ec2-reboot-instance: dry run, reboot, back to running', async () => {
    const out = await converse(b, ['reboot web-staging-2', '/as bob', '1']);
    expect(out).toContain('AWS dry run: the request would succeed.');
    expect(out).toMatch(/Result: i-[0-9a-f]+ rebooted and is running/);
  });

  it('ec2-terminate-instance: critical, two approvers, terminated', async () => {
    const out = await converse(b, ['terminate dev-scratch-1', '/as bob', '1', '/as carol', '1']);
    expect(out).toContain('[!! CRITICAL RISK !!]');
    expect(out).toContain('1 of 2 approvals so far.');
    expect(out).toMatch(/Result: i-[0-9a-f]+ is terminated/);
    expect((await instance(b, 'dev-scratch-1')).State?.Name).toBe('terminated');
  });

  it('ec2-terminate-instance: termination protection blocks the plan before anyone approves', async () => {
    const out = await converse(b, ['terminate bastion-prod', '/as bob', '1']);
    expect(out).toContain('== Cannot run: Terminate an EC2 instance ==');
    expect(out).toContain('has termination protection on; the bot will not terminate it');
    expect(out).toContain('There is no button 1 on screen.');
    expect((await instance(b, 'bastion-prod')).State?.Name).toBe('running');
  });

  it('ec2-resize-instance: stopped, retyped, started again', async () => {
    const out = await converse(b, ['resize web-staging-1 to m6i.xlarge', '/as bob', '1']);
    expect(out).toContain('instance_type: m6i.xlarge');
    expect(out).toContain('stopping to change its type');
    expect(out).toMatch(/Result: i-[0-9a-f]+ is m6i\.xlarge, running/);
    expect(await instance(b, 'web-staging-1')).toMatchObject({ InstanceType: 'm6i.xlarge', State: { Name: 'running' } });
  });

  it('ec2-resize-instance: an instance type that does not match the pattern is refused, nothing runs', async () => {
    const before = (await instance(b, 'web-staging-1')).InstanceType;
    const out = await converse(b, ['resize web-staging-1 to m6i.xlarge;reboot', '/as bob', '1']);
    expect(out).toContain('== Cannot run: Change an EC2 instance type ==');
    expect(out).toContain('`instance_type` value "m6i.xlarge;reboot" is not allowed');
    expect(out).toContain('There is no button 1 on screen.');
    expect((await instance(b, 'web-staging-1')).InstanceType).toBe(before);
  });

  it('ec2-create-snapshot: every EBS volume snapshotted, tagged with the request', async () => {
    const out = await converse(b, ['snapshot kafka-broker-2', '1']);
    expect(out).toMatch(/Result: snapshots snap-[0-9a-f]+, snap-[0-9a-f]+ completed/);
    const r = find(b, 'kafka-broker-2');
    const snaps = (await b.provider.ec2(r).describeSnapshots({ Filters: [{ Name: 'tag:cloudops:request', Values: ['req-0001'] }] }))
      .Snapshots!;
    expect(snaps).toHaveLength(2);
    expect(snaps.every((s) => s.State === 'completed')).toBe(true);
  });
});

describe('RDS playbooks through the console', () => {
  it('rds-stop-instance: polled to stopped, with the 7-day note', async () => {
    const out = await converse(b, ['stop rds instance pg-staging', '/as bob', '1']);
    expect(out).toContain('AWS starts pg-staging again by itself after 7 days');
    expect(out).toContain('Result: pg-staging is stopped (AWS starts it again by itself after 7 days)');
    expect((await db(b, 'pg-staging')).DBInstanceStatus).toBe('stopped');
  });

  it.each([
    ['stop rds instance pg-instance-main1', 'pg-instance-main1 has read replicas; RDS cannot stop it'],
    ['please stop db pg-instance-main1-replica', 'pg-instance-main1-replica is a read replica; RDS cannot stop it'],
    ['stop rds instance mssql-staging', 'mssql-staging is SQL Server Multi-AZ; RDS cannot stop it'],
    ['stop rds instance analytics-aurora-2', 'analytics-aurora-2 is an Aurora cluster member; stop its cluster instead'],
  ])('rds-stop-instance: "%s" is a blocked plan with the reason, not an AWS error after approval', async (text, reason) => {
    const out = await converse(b, [text, '/as bob', '1']);
    expect(out).toContain('== Cannot run: Stop an RDS database instance ==');
    expect(out).toContain(reason);
    expect(out).toContain('There is no button 1 on screen.');
  });

  it('rds-start-instance: a stopped database becomes available', async () => {
    const out = await converse(b, ['start the database pg-dev-scratch', '1']);
    expect(out).toContain('Result: pg-dev-scratch is available');
    expect((await db(b, 'pg-dev-scratch')).DBInstanceStatus).toBe('available');
  });

  it('rds-reboot-instance: rebooted and available again', async () => {
    const out = await converse(b, ['bounce rds pg-staging', '/as bob', '1']);
    expect(out).toContain('Result: pg-staging rebooted and is available');
  });

  it('rds-create-snapshot: a manual snapshot named after the request, available', async () => {
    const out = await converse(b, ['back up rds pg-staging', '/as bob', '1']);
    expect(out).toContain('Result: snapshot pg-staging-cloudops-req-0001 of pg-staging is available');
    const r = find(b, 'pg-staging');
    expect(
      (await b.provider.rds(r).describeDBSnapshots({ DBSnapshotIdentifier: 'pg-staging-cloudops-req-0001' })).DBSnapshots?.[0],
    ).toMatchObject({ Status: 'available', SnapshotType: 'manual' });
  });
});

describe('SSM and tagging playbooks through the console', () => {
  it('ssm-restart-service: the service name is quoted into the command; exit code and output reported', async () => {
    const out = await converse(b, ['restart nginx on web-staging-1', '/as bob', '1']);
    expect(out).toContain('the SSM agent on');
    expect(out).toContain('Result: command finished on');
    expect(out).toContain('exit code 0');
    const [cmd] = [...sandbox(b).commands.values()];
    expect(cmd.input.DocumentName).toBe('AWS-RunShellScript');
    expect(cmd.input.Parameters?.commands).toEqual(["systemctl restart 'nginx'", "systemctl is-active 'nginx'"]);
  });

  it('ssm-restart-service: a hostile service name is refused at the plan, nothing is sent', async () => {
    const out = await converse(b, ['restart nginx;reboot on web-staging-1', '/as bob', '1']);
    expect(out).toContain('`service` value "nginx;reboot" is not allowed');
    expect(sandbox(b).commands.size).toBe(0);
  });

  it('ssm-restart-service: an instance whose SSM agent is not online is blocked', async () => {
    const out = await converse(b, ['restart nginx on search-prod-2']);
    expect(out).toContain('is not reachable through SSM (agent: ConnectionLost)');
    expect(sandbox(b).commands.size).toBe(0);
  });

  it('ssm-disk-cleanup: runs the cleanup script through Run Command', async () => {
    const out = await converse(b, ['free up disk space on web-staging-2', '1']);
    expect(out).toContain('Result: command finished on');
    const [cmd] = [...sandbox(b).commands.values()];
    expect(cmd.input.Parameters?.commands?.some((c) => c.startsWith('journalctl --vacuum-time=7d'))).toBe(true);
  });

  it('tag-resources: the tags are set on the resource', async () => {
    const out = await converse(b, ['set owner=data on etl-worker-1', '/as bob', '1']);
    expect(out).toMatch(/Result: tagged arn:aws:ec2:us-west-2:111111111111:instance\/i-[0-9a-f]+ with owner=data/);
    expect((await instance(b, 'etl-worker-1')).Tags).toContainEqual({ Key: 'owner', Value: 'data' });
  });
});

describe('read-only playbooks through the console: no approval, run at once', () => {
  it.each([
    ['find web-prod', 'search answer for {"query":"web-prod"}'],
    ['how much did we spend last week', 'cost answer for {"period":"2026-11-09..2026-11-15","group_by":"service"}'],
    ['how much did we spend', 'cost answer for {"period":"last 30 days","group_by":"service"}'],
    ['which resources are missing tags', 'tags answer for {}'],
  ])('"%s"', async (text, answer) => {
    const out = await converse(b, [text]);
    expect(out).toContain(answer);
    expect(out).not.toContain('Approve');
    expect(out).not.toContain('[1] Run');
  });
});
