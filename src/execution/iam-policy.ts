import type { Playbook } from '../core';
import { resourceKinds } from '../inventory';
import type { ActionRegistry } from './ActionRegistry';

/**
 * What the inventory scan (and re-reading a resource before acting) reads in every account and region,
 * whatever playbooks are loaded: each registered kind's scan and re-read permissions.
 */
export function scanPermissions(): string[] {
  return [...new Set([...resourceKinds.permissions(), 'sts:GetCallerIdentity'])].sort();
}

/**
 * What the bot reads beside the playbooks' own actions: the health gates of rolling runs (EC2 status
 * checks) and the direct answer to "when was X last snapshotted?" (issue 18).
 */
export const HEALTH_AND_ANSWER_PERMISSIONS = [
  'ec2:DescribeInstanceStatus',
  'ec2:DescribeSnapshots',
  'rds:DescribeDBSnapshots',
  'ecs:DescribeServices',
];

export interface IamPolicy {
  Version: '2012-10-17';
  Statement: { Sid: string; Effect: 'Allow'; Action: string[]; Resource: '*' }[];
}

const READ = /^[a-z0-9-]+:(Describe|Get|List)/;

/**
 * The least-privilege policy for these playbooks: the union of the permissions their actions declare,
 * plus what scanning and `extra` (the digests) need, split into a read statement and a change statement. Deterministic (sorted),
 * so manifests/iam-policy.json can be compared with it.
 */
export function iamPolicy(registry: ActionRegistry, playbooks: Playbook[], extra: string[] = []): IamPolicy {
  const all = new Set([...scanPermissions(), ...HEALTH_AND_ANSWER_PERMISSIONS, ...extra]);
  for (const p of playbooks) {
    for (const step of p.steps) for (const perm of registry.get(step.action)?.permissions ?? []) all.add(perm);
  }
  const sorted = [...all].sort();
  const read = sorted.filter((a) => READ.test(a));
  const change = sorted.filter((a) => !READ.test(a));
  return {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'CloudopsRead', Effect: 'Allow', Action: read, Resource: '*' },
      ...(change.length ? [{ Sid: 'CloudopsPlaybookActions', Effect: 'Allow' as const, Action: change, Resource: '*' as const }] : []),
    ],
  };
}
