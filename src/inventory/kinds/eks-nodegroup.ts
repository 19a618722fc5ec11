import type { EKS } from '../../cloud';
import type { Resource } from '../../core';
import type { Scope } from '../normalize';
import type { Scanner } from '../Scanner';
import { intern } from '../tokens';
import { names, sameArn, unlessGone } from './checks';
import { clusterNames, nodegroupNames } from './eks-cluster';
import { eksVersionDates, kubernetesLine } from './eks-versions';
import { defineKind } from './ResourceKind';

export function fromEksNodegroup(g: EKS.Nodegroup, scope: Scope): Resource {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(g.tags ?? {})) tags[intern(k)!] = intern(v ?? '')!;
  const sizes = g.scalingConfig ?? {};
  const issues = g.health?.issues ?? [];
  return {
    type: 'eks-nodegroup',
    // A node group's name is unique within its cluster only.
    id: `${g.clusterName}/${g.nodegroupName}`,
    arn: g.nodegroupArn ?? `arn:aws:eks:${scope.region}:${scope.account}:nodegroup/${g.clusterName}/${g.nodegroupName}/*`,
    name: g.nodegroupName!,
    ...scope,
    state: intern(g.status?.toLowerCase()) ?? 'active',
    tags,
    facts: {
      cluster: intern(g.clusterName) ?? null,
      version: intern(g.version) ?? null,
      endOfStandardSupport: eksVersionDates(g.version)?.endOfStandardSupport ?? null,
      releaseVersion: g.releaseVersion ?? null,
      minSize: sizes.minSize ?? null,
      maxSize: sizes.maxSize ?? null,
      desiredSize: sizes.desiredSize ?? null,
      capacityType: intern(g.capacityType) ?? null,
      instanceTypes: (g.instanceTypes ?? []).map((t) => intern(t)!),
      autoScalingGroups: (g.resources?.autoScalingGroups ?? []).map((a) => a.name).filter((x): x is string => !!x),
      healthIssues: issues.map((i) => `${i.code}: ${i.message ?? ''}`.trim()),
    },
  };
}

/** ListClusters, ListNodegroups per cluster, DescribeNodegroup per node group. */
export const eksNodegroups: Scanner = {
  name: 'eks-nodegroups',
  description:
    'EKS managed node groups: min/desired/max size, status, Kubernetes version (ListClusters, ListNodegroups, DescribeNodegroup)',
  permissions: ['eks:ListClusters', 'eks:ListNodegroups', 'eks:DescribeNodegroup'],
  async scan(ctx) {
    const eks = ctx.provider.service('eks', ctx.target);
    const out: Resource[] = [];
    for await (const cluster of clusterNames(eks, ctx.pages)) {
      for (const nodegroupName of (await unlessGone(() => nodegroupNames(eks, cluster, ctx.pages))) ?? []) {
        const g = (await unlessGone(() => eks.describeNodegroup({ clusterName: cluster, nodegroupName })))?.nodegroup;
        if (g?.nodegroupName && g.clusterName && g.status !== 'DELETING') out.push(fromEksNodegroup(g, ctx.scope));
      }
    }
    return out;
  },
};

export const eksNodegroup = defineKind({
  type: 'eks-nodegroup',
  label: 'EKS node group',
  article: 'an',
  words: ['nodegroup', 'node', 'nodes', 'group', 'eks', 'workers'],
  hint: { family: 'eks', nouns: ['nodegroup', 'nodegroups', 'eks'], exclusive: true },
  scanner: eksNodegroups,
  facts: {
    cluster: 'the EKS cluster it belongs to',
    version: "the node group's Kubernetes version",
    endOfStandardSupport: "that version's end of EKS standard support (ISO day; null when the calendar has no date)",
    releaseVersion: 'the AMI release version',
    minSize: 'the fewest nodes allowed',
    maxSize: 'the most nodes allowed',
    desiredSize: 'nodes wanted now',
    capacityType: 'ON_DEMAND or SPOT',
    instanceTypes: 'the instance types of its nodes',
    autoScalingGroups: 'the Auto Scaling groups EKS made for it',
    healthIssues: 'health issues EKS reports (code: message)',
  },
  searchFacts: ['cluster'],
  permissions: ['eks:DescribeNodegroup'],
  sandbox: { service: 'eks', estateKey: 'eksNodegroups' },
  goneStates: ['deleting'],
  async reread({ provider, target, scope }, r) {
    const cluster = typeof r.facts.cluster === 'string' ? r.facts.cluster : r.id.split('/')[0];
    // ResourceNotFoundException: gone (rereadResource says so).
    const g = (await provider.service('eks', target).describeNodegroup({ clusterName: cluster, nodegroupName: r.name })).nodegroup;
    if (!g || g.nodegroupName !== r.name || g.clusterName !== cluster || (r.arn && !r.arn.endsWith('/*') && !sameArn(g.nodegroupArn, r)))
      return undefined;
    return fromEksNodegroup(g, scope);
  },
  now(r) {
    const f = r.facts;
    const sizes = `desired ${f.desiredSize ?? '?'}, min ${f.minSize ?? '?'}, max ${f.maxSize ?? '?'}`;
    return [sizes, kubernetesLine(f.version, f.endOfStandardSupport)];
  },
  dependents(r) {
    const lines = [`${r.name} is a node group of the EKS cluster ${r.facts.cluster}`];
    const asgs = Array.isArray(r.facts.autoScalingGroups) ? (r.facts.autoScalingGroups as string[]) : [];
    if (asgs.length) lines.push(`EKS runs its nodes in the Auto Scaling group${asgs.length > 1 ? 's' : ''} ${names(asgs)}`);
    const issues = Array.isArray(r.facts.healthIssues) ? (r.facts.healthIssues as string[]) : [];
    if (issues.length)
      lines.push(`${r.name} has ${issues.length} health issue${issues.length > 1 ? 's' : ''}: ${issues.slice(0, 3).join('; ')}`);
    return lines;
  },
});
