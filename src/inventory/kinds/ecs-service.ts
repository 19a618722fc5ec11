import type { ECS } from '../../cloud';
import type { Resource } from '../../core';
import type { Scope } from '../normalize';
import type { Scanner } from '../Scanner';
import { intern } from '../tokens';
import { sameArn } from './checks';
import { defineKind } from './ResourceKind';

export function fromEcsService(s: ECS.Service, scope: Scope): Resource {
  const tags: Record<string, string> = {};
  for (const t of s.tags ?? []) if (t.key) tags[intern(t.key)!] = intern(t.value ?? '')!;
  const cluster = s.clusterArn ?? '';
  const primary = (s.deployments ?? []).find((d) => d.status === 'PRIMARY');
  return {
    type: 'ecs-service',
    id: s.serviceArn!,
    arn: s.serviceArn!,
    name: s.serviceName!,
    ...scope,
    state: intern(s.status?.toLowerCase()),
    tags,
    facts: {
      cluster: intern(cluster.split('/').pop()) ?? null,
      clusterArn: cluster || null,
      desiredCount: s.desiredCount ?? null,
      runningCount: s.runningCount ?? null,
      pendingCount: s.pendingCount ?? null,
      belowDesired: (s.runningCount ?? 0) < (s.desiredCount ?? 0),
      launchType: intern(s.launchType) ?? null,
      taskDefinition: s.taskDefinition ?? null,
      rolloutState: intern(primary?.rolloutState) ?? null,
      deployments: (s.deployments ?? []).length,
    },
  };
}

/** ListClusters, ListServices per cluster, DescribeServices 10 at a time with their tags. */
export const ecsServices: Scanner = {
  name: 'ecs-services',
  description: 'ECS services: desired and running tasks, deployments (ListClusters, ListServices, DescribeServices)',
  permissions: ['ecs:ListClusters', 'ecs:ListServices', 'ecs:DescribeServices'],
  async scan(ctx) {
    const ecs = ctx.provider.service('ecs', ctx.target);
    const out: Resource[] = [];
    for await (const clusters of ctx.pages(
      (input: ECS.ListClustersCommandInput) => ecs.listClusters(input),
      { maxResults: 100 },
      { input: 'nextToken', output: 'nextToken' },
    )) {
      for (const cluster of clusters.clusterArns ?? []) {
        for await (const page of ctx.pages(
          (input: ECS.ListServicesCommandInput) => ecs.listServices(input),
          { cluster, maxResults: 100 },
          { input: 'nextToken', output: 'nextToken' },
        )) {
          const arns = page.serviceArns ?? [];
          for (let i = 0; i < arns.length; i += 10) {
            const got = await ecs.describeServices({ cluster, services: arns.slice(i, i + 10), include: ['TAGS'] });
            for (const s of got.services ?? [])
              if (s.serviceArn && s.serviceName && s.status !== 'INACTIVE') out.push(fromEcsService(s, ctx.scope));
          }
        }
      }
    }
    return out;
  },
};

export const ecsService = defineKind({
  type: 'ecs-service',
  label: 'ECS service',
  article: 'an',
  words: ['ecs', 'service', 'svc'],
  hint: { family: 'ecs', nouns: ['ecs', 'fargate'], exclusive: true },
  scanner: ecsServices,
  facts: {
    cluster: 'the cluster name',
    clusterArn: 'the cluster ARN (ECS calls take it)',
    desiredCount: 'tasks wanted',
    runningCount: 'tasks running',
    pendingCount: 'tasks starting',
    belowDesired: 'fewer tasks run than wanted',
    launchType: 'FARGATE or EC2',
    taskDefinition: 'the task definition the service runs',
    rolloutState: 'the primary deployment: COMPLETED, IN_PROGRESS, FAILED',
    deployments: 'how many deployments are in flight',
  },
  searchFacts: ['cluster'],
  // Desired only: the running count moves on its own (a refresh at approval would start the votes over).
  now: (r) => [`desired ${r.facts.desiredCount ?? '?'} tasks${r.facts.launchType ? ` (${r.facts.launchType})` : ''}`],
  permissions: ['ecs:DescribeServices'],
  sandbox: { service: 'ecs', estateKey: 'ecsServices' },
  async reread({ provider, target, scope }, r) {
    const cluster = typeof r.facts.clusterArn === 'string' ? r.facts.clusterArn : undefined;
    const got = await provider.service('ecs', target).describeServices({ cluster, services: [r.id], include: ['TAGS'] });
    const s = got.services?.find((x) => x.serviceArn === r.id && sameArn(x.serviceArn, r));
    return s && s.status !== 'INACTIVE' ? fromEcsService(s, scope) : undefined;
  },
});
