import type { AutoScaling } from '../../cloud';
import type { Resource } from '../../core';
import type { Scope } from '../normalize';
import type { Scanner } from '../Scanner';
import { intern } from '../tokens';
import { names } from './checks';
import { defineKind } from './ResourceKind';

export function fromAutoScalingGroup(g: AutoScaling.AutoScalingGroup, scope: Scope): Resource {
  const tags: Record<string, string> = {};
  for (const t of g.Tags ?? []) if (t.Key) tags[intern(t.Key)!] = intern(t.Value ?? '')!;
  const name = g.AutoScalingGroupName!;
  const instances = g.Instances ?? [];
  const healthy = instances.filter((i) => i.HealthStatus === 'Healthy' && i.LifecycleState === 'InService');
  return {
    type: 'autoscaling-group',
    id: name,
    arn: g.AutoScalingGroupARN ?? `arn:aws:autoscaling:${scope.region}:${scope.account}:autoScalingGroup:*:autoScalingGroupName/${name}`,
    name,
    ...scope,
    state: g.Status ? intern(g.Status.toLowerCase()) : 'active',
    tags,
    facts: {
      minSize: g.MinSize ?? null,
      maxSize: g.MaxSize ?? null,
      desiredCapacity: g.DesiredCapacity ?? null,
      instances: instances.map((i) => i.InstanceId).filter((x): x is string => !!x),
      instanceCount: instances.length,
      healthyCount: healthy.length,
      unhealthyCount: instances.length - healthy.length,
      healthCheckType: intern(g.HealthCheckType) ?? null,
    },
  };
}

/** DescribeAutoScalingGroups, 100 a page. */
export const autoScalingGroups: Scanner = {
  name: 'autoscaling-groups',
  description: 'EC2 Auto Scaling groups: sizes, instances and their health (DescribeAutoScalingGroups)',
  permissions: ['autoscaling:DescribeAutoScalingGroups'],
  async scan(ctx) {
    const asg = ctx.provider.service('autoscaling', ctx.target);
    const out: Resource[] = [];
    for await (const page of ctx.pages((input: AutoScaling.DescribeAutoScalingGroupsCommandInput) => asg.describeAutoScalingGroups(input), {
      MaxRecords: 100,
    })) {
      for (const g of page.AutoScalingGroups ?? [])
        if (g.AutoScalingGroupName && g.Status !== 'Delete in progress') out.push(fromAutoScalingGroup(g, ctx.scope));
    }
    return out;
  },
};

export const autoScalingGroup = defineKind({
  type: 'autoscaling-group',
  label: 'Auto Scaling group',
  article: 'an',
  words: ['asg', 'autoscaling', 'group', 'scaling'],
  hint: { family: 'asg', nouns: ['asg', 'asgs', 'autoscaling'], exclusive: true },
  scanner: autoScalingGroups,
  facts: {
    minSize: 'the smallest size allowed',
    maxSize: 'the largest size allowed',
    desiredCapacity: 'instances wanted now',
    instances: 'instance ids in the group',
    instanceCount: 'instances in the group',
    healthyCount: 'instances InService and Healthy',
    unhealthyCount: 'instances not InService or not Healthy',
    healthCheckType: 'EC2 or ELB',
  },
  now(r) {
    const f = r.facts;
    return [`desired ${f.desiredCapacity ?? '?'}, min ${f.minSize ?? '?'}, max ${f.maxSize ?? '?'}`];
  },
  permissions: ['autoscaling:DescribeAutoScalingGroups'],
  sandbox: { service: 'autoscaling', estateKey: 'autoScalingGroups' },
  async reread({ provider, target, scope }, r) {
    const got = await provider.service('autoscaling', target).describeAutoScalingGroups({ AutoScalingGroupNames: [r.id] });
    const g = got.AutoScalingGroups?.find(
      (x) =>
        x.AutoScalingGroupName === r.id &&
        (!x.AutoScalingGroupARN ||
          !r.arn ||
          x.AutoScalingGroupARN.split(':').slice(3, 5).join(':') === r.arn.split(':').slice(3, 5).join(':')),
    );
    return g && fromAutoScalingGroup(g, scope);
  },
  dependents(r) {
    const ids = Array.isArray(r.facts.instances) ? r.facts.instances : [];
    return ids.length
      ? [`${r.name} runs ${ids.length} instance${ids.length > 1 ? 's' : ''}: ${names(ids)} (${r.facts.healthyCount} healthy)`]
      : [];
  },
});
