import type { EKS, EksApi } from '../../cloud';
import type { Resource } from '../../core';
import type { Scope } from '../normalize';
import type { ScanContext, Scanner } from '../Scanner';
import { intern } from '../tokens';
import { names, sameArn, unlessGone } from './checks';
import { eksVersionDates, kubernetesLine } from './eks-versions';
import { defineKind } from './ResourceKind';

export function fromEksCluster(c: EKS.Cluster, nodegroups: string[], scope: Scope): Resource {
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(c.tags ?? {})) tags[intern(k)!] = intern(v ?? '')!;
  const dates = eksVersionDates(c.version);
  return {
    type: 'eks-cluster',
    id: c.name!,
    arn: c.arn ?? `arn:aws:eks:${scope.region}:${scope.account}:cluster/${c.name}`,
    name: c.name!,
    ...scope,
    state: intern(c.status?.toLowerCase()) ?? 'active',
    tags,
    facts: {
      version: intern(c.version) ?? null,
      platformVersion: intern(c.platformVersion) ?? null,
      endOfStandardSupport: dates?.endOfStandardSupport ?? null,
      endOfExtendedSupport: dates?.endOfExtendedSupport ?? null,
      supportType: intern(c.upgradePolicy?.supportType) ?? 'EXTENDED',
      nodegroups: [...nodegroups].sort(),
      nodegroupCount: nodegroups.length,
    },
  };
}

/** Every node group name of one cluster (ListNodegroups, 100 a page). */
export async function nodegroupNames(api: EksApi, cluster: string, pages?: ScanContext['pages']): Promise<string[]> {
  const out: string[] = [];
  if (pages) {
    for await (const page of pages(
      (input: EKS.ListNodegroupsCommandInput) => api.listNodegroups(input),
      { clusterName: cluster, maxResults: 100 },
      {
        input: 'nextToken',
        output: 'nextToken',
      },
    ))
      out.push(...(page.nodegroups ?? []));
    return out;
  }
  let nextToken: string | undefined;
  do {
    const page = await api.listNodegroups({ clusterName: cluster, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    out.push(...(page.nodegroups ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** Every cluster name of the target (ListClusters, 100 a page), page by page: the cluster and node-group scanners both start here. */
export async function* clusterNames(api: EksApi, pages: ScanContext['pages']): AsyncGenerator<string> {
  for await (const page of pages(
    (input: EKS.ListClustersCommandInput) => api.listClusters(input),
    { maxResults: 100 },
    {
      input: 'nextToken',
      output: 'nextToken',
    },
  ))
    yield* page.clusters ?? [];
}

/** ListClusters, then DescribeCluster and ListNodegroups per cluster. */
export const eksClusters: Scanner = {
  name: 'eks-clusters',
  description:
    'EKS clusters: Kubernetes version and its end of standard support, node groups (ListClusters, DescribeCluster, ListNodegroups)',
  permissions: ['eks:ListClusters', 'eks:DescribeCluster', 'eks:ListNodegroups'],
  async scan(ctx) {
    const eks = ctx.provider.service('eks', ctx.target);
    const out: Resource[] = [];
    for await (const name of clusterNames(eks, ctx.pages)) {
      const c = (await unlessGone(() => eks.describeCluster({ name })))?.cluster;
      if (!c?.name || c.status === 'DELETING') continue;
      const groups = await unlessGone(() => nodegroupNames(eks, c.name!, ctx.pages));
      if (groups) out.push(fromEksCluster(c, groups, ctx.scope));
    }
    return out;
  },
};

export const eksCluster = defineKind({
  type: 'eks-cluster',
  label: 'EKS cluster',
  article: 'an',
  words: ['eks', 'cluster', 'kubernetes', 'k8s'],
  hint: { family: 'eks', nouns: ['eks', 'kubernetes', 'k8s', 'nodegroup', 'nodegroups'], exclusive: true },
  scanner: eksClusters,
  facts: {
    version: 'the Kubernetes minor version (1.32)',
    platformVersion: 'the EKS platform version (eks.12)',
    endOfStandardSupport:
      "the version's end of EKS standard support (ISO day, from the EKS release calendar; null when the calendar has no date)",
    endOfExtendedSupport: "the version's end of EKS extended support (ISO day), when EKS upgrades the control plane itself",
    supportType: 'upgrade policy: EXTENDED (billed extended support after the standard date) or STANDARD (auto-upgraded)',
    nodegroups: 'names of its managed node groups',
    nodegroupCount: 'how many managed node groups it has',
  },
  searchFacts: ['version'],
  permissions: ['eks:DescribeCluster', 'eks:ListNodegroups'],
  sandbox: { service: 'eks', estateKey: 'eksClusters' },
  goneStates: ['deleting'],
  async reread({ provider, target, scope }, r) {
    const eks = provider.service('eks', target);
    // ResourceNotFoundException: gone (rereadResource says so).
    const c = (await eks.describeCluster({ name: r.id })).cluster;
    if (!c || c.name !== r.id || !sameArn(c.arn, r)) return undefined;
    return fromEksCluster(c, await nodegroupNames(eks, c.name), scope);
  },
  now(r) {
    return [kubernetesLine(r.facts.version, r.facts.endOfStandardSupport)];
  },
  dependents(r) {
    const groups = Array.isArray(r.facts.nodegroups) ? (r.facts.nodegroups as string[]) : [];
    return groups.length ? [`${r.name} runs ${groups.length} managed node group${groups.length > 1 ? 's' : ''}: ${names(groups)}`] : [];
  },
});
