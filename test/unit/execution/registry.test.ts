/** Meta-tests over the action registry (Cloud Custodian's rule: every element carries its schema and permissions). */
import { resolve } from 'node:path';
import { z } from 'zod';
import { SandboxProvider } from '../../../src/cloud';
import { DEMO_ESTATE } from '../../../src/main';
import { builtinActions } from '../../../src/execution';
import { loadPlaybooks } from '../../../src/playbooks';
import { actionContext } from '../../helpers/aws';

const registry = builtinActions();
// Dry runs change nothing, so one sandbox serves every action.
const sandbox = SandboxProvider.fromFile(DEMO_ESTATE);
const IAM_ACTION = /^(ec2|rds|ssm|tag|ce|sts|lambda|s3|ecs|autoscaling|eks):[A-Z][A-Za-z]+$/;

describe('every registered action', () => {
  it.each(registry.list())(
    '%s declares a name, description, input schema, IAM permissions, a dry-run answer and how it waits',
    async (name) => {
      const def = registry.get(name)!;
      expect(def.name).toBe(name);
      expect(name).toMatch(/^[a-z0-9]+\.[A-Za-z0-9]+$/);
      expect(def.description.length).toBeGreaterThan(20);
      expect(def.input).toBeInstanceOf(z.ZodObject);
      expect(Object.keys(def.input.shape).length).toBeGreaterThan(0);
      expect(def.permissions.length).toBeGreaterThan(0);
      for (const p of def.permissions) expect(p).toMatch(IAM_ACTION);
      expect(typeof def.dryRun).toBe('function');
      expect(typeof def.apply).toBe('function');
      // It either waits until its change took effect, or says it takes effect at once.
      expect(Boolean(def.wait) !== Boolean(def.immediate)).toBe(true);
      for (const f of def.shell ?? []) expect(Object.keys(def.input.shape)).toContain(f);
    },
  );

  it.each(registry.list())('%s gives a dry-run answer (even "AWS has no dry run") against the sandbox', async (name) => {
    const def = registry.get(name)!;
    const ctx = actionContext(sandbox);
    const sample = SAMPLE_INPUT[name];
    expect(sample).toBeDefined();
    const answer = await def.dryRun(ctx, def.input.parse(sample));
    expect(typeof answer.supported).toBe('boolean');
    expect(answer.note.length).toBeGreaterThan(5);
    if (!answer.supported) expect(answer.note).toMatch(/no dry run|nothing to dry-run|checked|read the instance|Online|AWS has no/i);
  });

  it('every action a catalog playbook names is registered, and every registered action but one is used by the catalog', () => {
    const loaded = loadPlaybooks(resolve(__dirname, '../../../playbooks'), registry);
    expect(loaded.problems).toEqual([]);
    const used = new Set(loaded.playbooks.flatMap((p) => p.steps.map((s) => s.action)));
    for (const a of used) expect(registry.has(a)).toBe(true);
    // Actions offered for playbooks people write themselves (no catalog playbook needs them yet).
    expect(registry.list().filter((a) => !used.has(a))).toEqual(['ec2.createTags', 'rds.addTagsToResource', 'ssm.startAutomation']);
  });
});

const SAMPLE_INPUT: Record<string, Record<string, unknown>> = {
  'ec2.stopInstance': { InstanceId: 'i-0ee23f1888b4bf1cf' },
  'ec2.startInstance': { InstanceId: 'i-0ee23f1888b4bf1cf' },
  'ec2.rebootInstance': { InstanceId: 'i-0ee23f1888b4bf1cf' },
  'ec2.terminateInstance': { InstanceId: 'i-0ee23f1888b4bf1cf' },
  'ec2.modifyInstanceType': { InstanceId: 'i-0ee23f1888b4bf1cf', InstanceType: 'm6i.xlarge' },
  'ec2.createSnapshots': { InstanceId: 'i-0ee23f1888b4bf1cf' },
  'ec2.createTags': { Resources: ['i-0ee23f1888b4bf1cf'], Tags: { owner: 'web' } },
  'ec2.createVolumeSnapshot': { VolumeId: 'vol-0436690bba2febcba' },
  'ec2.deleteVolume': { VolumeId: 'vol-0436690bba2febcba' },
  'ec2.modifyVolumeType': { VolumeId: 'vol-08dc8b00070d08a79', VolumeType: 'gp3' },
  'ec2.deleteSnapshot': { SnapshotId: 'snap-07a9e35b1c2d4f680' },
  'lambda.throttleFunction': { FunctionName: 'payments-webhook' },
  'lambda.unthrottleFunction': { FunctionName: 'nightly-export' },
  'lambda.putFunctionConcurrency': { FunctionName: 'payments-webhook', ReservedConcurrentExecutions: 20 },
  's3.putPublicAccessBlock': { Bucket: 'acme-prod-logs' },
  'ecs.forceNewDeployment': {
    cluster: 'arn:aws:ecs:us-west-2:111111111111:cluster/prod-web',
    service: 'arn:aws:ecs:us-west-2:111111111111:service/prod-web/checkout',
  },
  'ecs.updateDesiredCount': {
    cluster: 'arn:aws:ecs:us-west-2:111111111111:cluster/prod-web',
    service: 'arn:aws:ecs:us-west-2:111111111111:service/prod-web/checkout',
    desiredCount: 6,
  },
  'autoscaling.setDesiredCapacity': { AutoScalingGroupName: 'web-asg', DesiredCapacity: 6 },
  'eks.updateNodegroupConfig': { clusterName: 'acme-prod', nodegroupName: 'prod-web', desiredSize: 6 },
  'eks.updateClusterVersion': { name: 'acme-prod' },
  'rds.stopDBInstance': { DBInstanceIdentifier: 'billing-db-prod' },
  'rds.startDBInstance': { DBInstanceIdentifier: 'reporting-mysql' },
  'rds.rebootDBInstance': { DBInstanceIdentifier: 'orders-db' },
  'rds.createDBSnapshot': { DBInstanceIdentifier: 'orders-db' },
  'rds.addTagsToResource': { ResourceName: 'arn:aws:rds:us-west-2:111111111111:db:orders-db', Tags: { owner: 'payments' } },
  'ssm.runShellScript': { InstanceId: 'i-0ee23f1888b4bf1cf', commands: ['uptime'] },
  'ssm.startAutomation': { DocumentName: 'AWS-RestartEC2Instance' },
  'tagging.tagResources': { ResourceARNList: ['arn:aws:ec2:us-west-2:111111111111:instance/i-0ee23f1888b4bf1cf'], Tags: { owner: 'web' } },
  'inventory.find': { query: 'web' },
  'reports.cost': {},
  'reports.tags': {},
};
