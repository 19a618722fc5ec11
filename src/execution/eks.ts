import { z } from 'zod';
import { CloudError, type EKS } from '../cloud';
import { defineAction, waitForChange, type ActionContext, type DryRunAnswer } from './action';
import { requestIds } from './outcome';

// EKS names: letters, digits, - and _ (clusters up to 100 characters, node groups up to 63).
const clusterName = z.string().regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/, 'must be an EKS cluster name');
const nodegroupName = z.string().regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,62}$/, 'must be an EKS node group name');
/** A node count; a template left empty (an optional size nobody asked for) is no change. */
const size = z.preprocess(
  (v) => (v === '' || v === null ? undefined : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v),
  z
    .number()
    .int()
    .min(0)
    .max(10_000, 'is more than 10000 nodes, more than the bot sends; ask for a number between its min and max size')
    .optional(),
);
const POLL_MS = 30_000;

const input = z.object({ clusterName, nodegroupName, desiredSize: size, minSize: size, maxSize: size });
type Input = z.infer<typeof input>;

async function describe(ctx: ActionContext, cluster: string, name: string): Promise<EKS.Nodegroup | undefined> {
  try {
    return (await ctx.provider.service('eks', ctx.target).describeNodegroup({ clusterName: cluster, nodegroupName: name })).nodegroup;
  } catch (e) {
    if (e instanceof CloudError && e.code === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

function sizes(c: EKS.NodegroupScalingConfig | undefined): string {
  return `desired ${c?.desiredSize}, min ${c?.minSize}, max ${c?.maxSize}`;
}

/**
 * The sizes after the change: what the request names, the node group's own for the rest. EKS refuses
 * desired outside min..max; the bot moves min or max only when the request says so ("to 6, max 10").
 */
export function nextSizes(
  now: EKS.NodegroupScalingConfig | undefined,
  asked: Input,
): { next: EKS.NodegroupScalingConfig; problem?: string } {
  const next = {
    minSize: asked.minSize ?? now?.minSize,
    maxSize: asked.maxSize ?? now?.maxSize,
    desiredSize: asked.desiredSize ?? now?.desiredSize,
  };
  const d = next.desiredSize ?? 0;
  const min = next.minSize ?? 0;
  const max = next.maxSize ?? 0;
  if (asked.desiredSize === undefined && asked.minSize === undefined && asked.maxSize === undefined)
    return { next, problem: 'the request names no size (say "to 6", "min 2", "max 10")' };
  if (max < 1) return { next, problem: `the max size must be at least 1 (EKS refuses ${max})` };
  if (min > max) return { next, problem: `min ${min} would be above max ${max}` };
  if (d > max)
    return {
      next,
      problem: `${d} is above the max size ${max}${asked.maxSize === undefined ? `; ask for the max too ("to ${d}, max ${d}")` : ''}`,
    };
  if (d < min)
    return {
      next,
      problem: `${d} is below the min size ${min}${asked.minSize === undefined ? `; ask for the min too ("to ${d}, min ${d}")` : ''}`,
    };
  if (now && next.desiredSize === now.desiredSize && next.minSize === now.minSize && next.maxSize === now.maxSize)
    return { next, problem: `the node group already has ${sizes(now)}` };
  return { next };
}

/** EKS has no dry run: read the node group (DescribeNodegroup) and refuse before approval what EKS would refuse. */
async function preflight(ctx: ActionContext, i: Input): Promise<DryRunAnswer> {
  const g = await describe(ctx, i.clusterName, i.nodegroupName);
  if (!g) return { supported: false, allowed: false, note: `${i.nodegroupName} was not found in the EKS cluster ${i.clusterName}` };
  if (g.status !== 'ACTIVE')
    return { supported: false, allowed: false, note: `${g.nodegroupName} is ${g.status}; EKS changes the size of ACTIVE node groups only` };
  const { next, problem } = nextSizes(g.scalingConfig, i);
  if (problem) {
    const now = problem.includes('already has') ? '' : ` (now ${sizes(g.scalingConfig)})`;
    return { supported: false, allowed: false, note: `${g.nodegroupName}: ${problem}${now}` };
  }
  return {
    supported: false,
    note: `AWS has no dry run for EKS; the bot read ${g.nodegroupName} (DescribeNodegroup): ${sizes(g.scalingConfig)} -> ${sizes(next)}`,
  };
}

export const updateNodegroupConfig = defineAction({
  name: 'eks.updateNodegroupConfig',
  description:
    "Set an EKS managed node group's desired size (and min or max when asked), keeping " +
    'desired within min..max as EKS requires, then wait for the update (DescribeUpdate) ' +
    'to finish.',
  input,
  permissions: ['eks:DescribeNodegroup', 'eks:UpdateNodegroupConfig', 'eks:DescribeUpdate'],
  dryRun: preflight,
  async apply(ctx, i) {
    const before = await describe(ctx, i.clusterName, i.nodegroupName);
    if (!before)
      throw new CloudError('ResourceNotFoundException', `No node group found for name: ${i.nodegroupName}.`, {
        service: 'eks',
        operation: 'describeNodegroup',
      });
    const { next, problem } = nextSizes(before.scalingConfig, i);
    // Checked again at run time: the sizes may have moved since approval.
    if (problem)
      throw new CloudError('InvalidParameterException', `${i.nodegroupName}: ${problem}`, {
        service: 'eks',
        operation: 'updateNodegroupConfig',
      });
    const out = await ctx.provider.service('eks', ctx.target).updateNodegroupConfig({
      clusterName: i.clusterName,
      nodegroupName: i.nodegroupName,
      scalingConfig: next,
    });
    return {
      summary: `asked EKS to size ${i.nodegroupName} to ${sizes(next)} (was ${sizes(before.scalingConfig)}); update ${out.update?.id}`,
      requestIds: requestIds(out),
      ids: out.update?.id ? [out.update.id] : [],
    };
  },
  async wait(ctx, i, applied) {
    const updateId = applied.ids?.[0];
    if (!updateId) throw new Error(`EKS answered without an update id for ${i.nodegroupName}; check the node group in the console`);
    return waitForChange(ctx, {
      what: `the size update of ${i.nodegroupName}`,
      intervalMs: POLL_MS,
      observe: () => updateState(ctx, i.clusterName, i.nodegroupName, updateId),
    });
  },
});

/** One DescribeUpdate: Successful is done; Failed or Cancelled carry EKS's errors. */
async function updateState(ctx: ActionContext, cluster: string, nodegroup: string | undefined, updateId: string) {
  const u = (
    await ctx.provider
      .service('eks', ctx.target)
      .describeUpdate({ name: cluster, updateId, ...(nodegroup ? { nodegroupName: nodegroup } : {}) })
  ).update;
  const status = u?.status ?? 'unknown';
  if (status === 'Failed' || status === 'Cancelled')
    return {
      done: false,
      state: status,
      failed:
        `the update of ${nodegroup ?? cluster} ${status.toLowerCase()}: ` +
        `${(u?.errors ?? []).map((e) => `${e.errorCode}: ${e.errorMessage}`).join('; ') || 'no reason given'}`,
    };
  return { done: status === 'Successful', state: status };
}

async function describeCluster(ctx: ActionContext, name: string): Promise<EKS.Cluster | undefined> {
  try {
    return (await ctx.provider.service('eks', ctx.target).describeCluster({ name })).cluster;
  } catch (e) {
    if (e instanceof CloudError && e.code === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

/** "1.32" -> "1.33": EKS updates the control plane one minor version at a time. */
export function nextMinor(version: string | undefined): string | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version ?? '');
  return m ? `${m[1]}.${Number(m[2]) + 1}` : undefined;
}

/** Node groups whose Kubernetes minor version is not the control plane's (EKS requires them level before an update). */
async function nodegroupsBehind(ctx: ActionContext, c: EKS.Cluster): Promise<string[]> {
  const eks = ctx.provider.service('eks', ctx.target);
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await eks.listNodegroups({ clusterName: c.name, maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    names.push(...(page.nodegroups ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const behind: string[] = [];
  for (const n of names) {
    const g = (await eks.describeNodegroup({ clusterName: c.name, nodegroupName: n })).nodegroup;
    if (g?.version && g.version !== c.version) behind.push(`${n} (${g.version})`);
  }
  return behind;
}

const clusterInput = z.object({ name: clusterName });

export const updateClusterVersion = defineAction({
  name: 'eks.updateClusterVersion',
  description:
    "Update an EKS cluster's control plane one Kubernetes minor version up " +
    '(UpdateClusterVersion; EKS allows no bigger step), after checking that its managed ' +
    "node groups run the control plane's version, then wait for the update " +
    '(DescribeUpdate). Node groups are not updated with it.',
  input: clusterInput,
  permissions: ['eks:DescribeCluster', 'eks:ListNodegroups', 'eks:DescribeNodegroup', 'eks:UpdateClusterVersion', 'eks:DescribeUpdate'],
  async dryRun(ctx, i) {
    const c = await describeCluster(ctx, i.name);
    if (!c) return { supported: false, allowed: false, note: `the EKS cluster ${i.name} was not found` };
    if (c.status !== 'ACTIVE')
      return { supported: false, allowed: false, note: `${i.name} is ${c.status}; EKS updates ACTIVE clusters only` };
    const next = nextMinor(c.version);
    if (!next) return { supported: false, allowed: false, note: `${i.name} reports no Kubernetes version (${c.version})` };
    const behind = await nodegroupsBehind(ctx, c);
    if (behind.length)
      return {
        supported: false,
        allowed: false,
        note:
          `${i.name} runs ${c.version}, but its node groups ${behind.join(', ')} do not; EKS ` +
          `requires node groups at the control plane's version before the update, so update ` +
          `them first`,
      };
    return {
      supported: false,
      note:
        `AWS has no dry run for EKS; the bot read ${i.name} (DescribeCluster, its node ` +
        `groups): ${c.version} -> ${next}, node groups level with the control plane`,
    };
  },
  async apply(ctx, i) {
    const c = await describeCluster(ctx, i.name);
    const next = nextMinor(c?.version);
    if (!c || !next)
      throw new CloudError('ResourceNotFoundException', `No cluster found for name: ${i.name}.`, {
        service: 'eks',
        operation: 'describeCluster',
      });
    const out = await ctx.provider.service('eks', ctx.target).updateClusterVersion({ name: i.name, version: next });
    return {
      summary:
        `asked EKS to update ${i.name} from Kubernetes ${c.version} to ${next}; update ` +
        `${out.update?.id} (node groups stay on ${c.version} until updated)`,
      requestIds: requestIds(out),
      ids: out.update?.id ? [out.update.id] : [],
    };
  },
  async wait(ctx, i, applied) {
    const updateId = applied.ids?.[0];
    if (!updateId) throw new Error(`EKS answered without an update id for ${i.name}; check the cluster in the console`);
    return waitForChange(ctx, {
      what: `the version update of ${i.name}`,
      intervalMs: POLL_MS,
      observe: () => updateState(ctx, i.name, undefined, updateId),
    });
  },
});

export const eksActions = [updateNodegroupConfig, updateClusterVersion];
